import { afterEach, describe, expect, it } from "vitest";
import type { Row } from "../pipeline/db.ts";
import { excelTime, type FileInbox, fileInbox, textFile, xlsxFile } from "./support/inbox.ts";
import { roster } from "./support/staff.ts";

interface Session extends Row {
  staff_id: string;
  work_date: string;
  session: string;
  in_at: string | null;
  out_at: string | null;
}

const sessionsOf = (inbox: FileInbox, staffId: string) =>
  inbox.query<Session>(
    `select staff_id, strftime(work_date, '%Y-%m-%d') as work_date, session,
       strftime(in_at, '%Y-%m-%d %H:%M') as in_at, strftime(out_at, '%Y-%m-%d %H:%M') as out_at
     from marts.attendance_sessions where staff_id = $staff and in_at is not null order by work_date, session`,
    { staff: staffId },
  );

describe("ingest: attendance in every format of data-contract §1", () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("reads a GBK csv, a UTF-8 csv with BOM, a tab-separated .txt and the headerless .dat device log", async () => {
    inbox = await fileInbox();
    await inbox.write("roster/名册.csv", textFile(roster, { encoding: "gbk" }));
    await inbox.write(
      "attendance/a-gbk.csv",
      textFile(
        [
          ["考勤号码", "姓名", "日期时间"],
          ["1001", "张三", "2026-10-09 08:35:00"],
          ["1001", "张三", "2026-10-09 12:01:00"],
        ],
        { encoding: "gbk", eol: "\r\n" },
      ),
    );
    await inbox.write(
      "attendance/b-bom.csv",
      textFile(
        [
          ["登记号码", "考勤时间"],
          ["1001", "2026/10/9 14:25"],
          ["1001", "2026/10/9 17:02"],
        ],
        { encoding: "utf-8-bom" },
      ),
    );
    await inbox.write(
      "attendance/c-tab.txt",
      textFile(
        [
          ["人员编号", "日期时间", "机器号"],
          ["1001", "2026-10-12 08:40", "1"],
          ["1001", "2026-10-12 12:05", "1"],
        ],
        { separator: "\t" },
      ),
    );
    await inbox.write(
      "attendance/d-device.dat",
      textFile(
        [
          ["1001", "2026-10-12 14:20:00", "1", "0", "1", "0"],
          ["1001", "2026-10-12 17:10:00", "1", "1", "1", "0"],
        ],
        { separator: "\t", eol: "\r\n" },
      ),
    );
    await inbox.run();
    const loads = await inbox.query<{ path: string; status: string; rows: number; quarantined: number }>(
      "select path, status, rows, quarantined from ops.loads order by path",
    );
    expect(loads).toEqual([
      { path: "attendance/a-gbk.csv", status: "已加载", rows: 2, quarantined: 0 },
      { path: "attendance/b-bom.csv", status: "已加载", rows: 2, quarantined: 0 },
      { path: "attendance/c-tab.txt", status: "已加载", rows: 2, quarantined: 0 },
      { path: "attendance/d-device.dat", status: "已加载", rows: 2, quarantined: 0 },
      { path: "roster/名册.csv", status: "已加载", rows: 2, quarantined: 0 },
    ]);
    expect(await sessionsOf(inbox, "S0001")).toEqual([
      {
        staff_id: "S0001",
        work_date: "2026-10-09",
        session: "AM",
        in_at: "2026-10-09 08:35",
        out_at: "2026-10-09 12:01",
      },
      {
        staff_id: "S0001",
        work_date: "2026-10-09",
        session: "PM",
        in_at: "2026-10-09 14:25",
        out_at: "2026-10-09 17:02",
      },
      {
        staff_id: "S0001",
        work_date: "2026-10-12",
        session: "AM",
        in_at: "2026-10-12 08:40",
        out_at: "2026-10-12 12:05",
      },
      {
        staff_id: "S0001",
        work_date: "2026-10-12",
        session: "PM",
        in_at: "2026-10-12 14:20",
        out_at: "2026-10-12 17:10",
      },
    ]);
  });

  it("reads an xlsx with the header below empty rows, Excel date cells and text dates", async () => {
    inbox = await fileInbox();
    await inbox.write("roster/名册.xlsx", await xlsxFile([[], [], ...roster]));
    await inbox.write(
      "attendance/打卡.xlsx",
      await xlsxFile([
        [],
        ["2026年10月考勤记录"],
        [],
        ["姓名", "日期时间", "考勤号码"],
        ["李四", excelTime(2026, 10, 9, 8, 31), "1002"],
        ["李四", "2026-10-09 12:03", 1002],
      ]),
    );
    await inbox.run();
    expect(await sessionsOf(inbox, "S0002")).toEqual([
      {
        staff_id: "S0002",
        work_date: "2026-10-09",
        session: "AM",
        in_at: "2026-10-09 08:31",
        out_at: "2026-10-09 12:03",
      },
    ]);
    const staff = await inbox.query(
      "select staff_id, staff_name from marts.staff_month where month = '2026-10' order by staff_id",
    );
    expect(staff).toEqual([
      { staff_id: "S0001", staff_name: "张三" },
      { staff_id: "S0002", staff_name: "李四" },
    ]);
  });
});

describe("ingest: line numbers and encodings of awkward files", () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("reads device-log numbers padded with spaces or zeros, and rows whose trailing fields vary by firmware", async () => {
    inbox = await fileInbox();
    await inbox.write("roster/名册.csv", textFile(roster));
    await inbox.write(
      "attendance/AGL001.dat",
      Buffer.from(
        "     1001\t2026-10-13 08:25:00\t1\t0\t1\t0\r\n" +
          "00001001\t2026-10-13 12:02:00\t1\t1\t1\r\n" +
          "1001\t2026-10-13 14:20:00\t1\t0\t1\t0\t0\t0\r\n" +
          "     1001\t2026-10-13 17:05:00\t1\t1\t1\t0\r\n",
      ),
    );
    await inbox.run();
    expect(await inbox.query("select path, line, reason from ops.quarantine")).toEqual([]);
    expect(await sessionsOf(inbox, "S0001")).toEqual([
      {
        staff_id: "S0001",
        work_date: "2026-10-13",
        session: "AM",
        in_at: "2026-10-13 08:25",
        out_at: "2026-10-13 12:02",
      },
      {
        staff_id: "S0001",
        work_date: "2026-10-13",
        session: "PM",
        in_at: "2026-10-13 14:20",
        out_at: "2026-10-13 17:05",
      },
    ]);
  });

  it("counts the physical lines of a cell with a line break when it names a later row's line", async () => {
    inbox = await fileInbox();
    await inbox.write("roster/名册.csv", textFile(roster));
    await inbox.write(
      "evaluations/评价.csv",
      textFile([
        ["评价编号", "评价时间", "评价等级", "工作人员账号", "评价内容"],
        ["E001", "2026-10-13 09:21", "满意", "ck0001", "第一行\n第二行"], // lines 2–3
        ["E002", "2026-10-13 09:22", "很好", "ck0001", "好"], // line 4
      ]),
    );
    await inbox.run();
    expect(await inbox.query("select path, line, reason from ops.quarantine")).toEqual([
      {
        path: "evaluations/评价.csv",
        line: 4,
        reason: "取值不在列表中：评价等级 很好（应为 非常满意/满意/基本满意/不满意/非常不满意 或 5…1）",
      },
    ]);
  });

  for (const encoding of ["utf-8", "gbk"] as const) {
    it(`detects ${encoding} in a file larger than the sample the encoding is read from`, async () => {
      inbox = await fileInbox();
      await inbox.write("roster/名册.csv", textFile(roster));
      // ~12,000 rows of Chinese text: well past the first 256 KiB, cut anywhere inside a character
      const rows = Array.from({ length: 12_000 }, (_, index) => [
        "1001",
        "张三（市场监管局综合窗口）",
        `2026-10-13 08:${String(index % 60).padStart(2, "0")}:${String(Math.floor(index / 60) % 60).padStart(2, "0")}`,
      ]);
      const lines = [["考勤号码", "姓名", "日期时间"], ...rows, ["9999", "李四（末行）", "2026-10-13 09:00"]];
      await inbox.write("attendance/大文件.csv", textFile(lines, { encoding }));
      await inbox.run();
      expect(
        await inbox.query("select encoding, rows, quarantined from ops.loads where source = 'attendance'"),
      ).toEqual([{ encoding: encoding === "gbk" ? "gb18030" : "utf-8", rows: 12_001, quarantined: 1 }]);
      const [last] = await inbox.query<{ line: number; raw: string }>("select line, raw from ops.quarantine");
      expect(last!.line).toBe(12_002);
      expect(JSON.parse(last!.raw)).toMatchObject({ 考勤号码: "9999", 姓名: "李四（末行）" });
    });
  }
});
