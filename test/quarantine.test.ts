/**
 * data-contract §1: a row that cannot be used is quarantined with its file, line and a Chinese
 * reason naming the column and value; it never stops the other rows of its file. Line numbers
 * are the file's physical lines: the header and any blank lines above it count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FileCell, type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { roster } from "./support/staff.ts";

/** Two blank lines, then the header on line 3, then the rows from line 4. */
const belowBlankLines = (header: FileCell[], ...rows: FileCell[][]): Buffer =>
  Buffer.concat([Buffer.from("\n\n"), textFile([header, ...rows])]);

const files: Record<string, Buffer> = {
  "roster/名册.csv": textFile(roster),
  "attendance/考勤.csv": belowBlankLines(
    ["考勤号码", "日期时间"],
    ["1001", "2026-10-13 08:25"], // line 4: fine
    ["", "2026-10-13 08:26"], // line 5
    ["1001", "昨天上午"], // line 6
    ["9999", "2026-10-13 08:27"], // line 7
    ["1001", "2026-10-13 17:05"], // line 8: fine
  ),
  "attendance/列数.csv": textFile([
    ["考勤号码", "日期时间", "机器号"],
    ["1002", "2026-10-13 08:29", "1"], // line 2: fine
    ["1002", "2026-10-13 12:01", "1", "多余"], // line 3: four cells under three headers
    ["1002", "2026-10-13 17:01", "1"], // line 4: fine
  ]),
  "attendance/说明.csv": textFile([["导出说明"], ["本文件由系统自动生成"], ["请勿修改"]]),
  "attendance/旧格式.xls": Buffer.from("not really excel"),
  "calendar/调休.csv": textFile([
    ["日期", "说明"],
    ["2026-10-17", "补班"],
  ]),
  "evaluations/评价.csv": textFile([
    ["评价编号", "评价时间", "评价等级", "工作人员账号"],
    ["E001", "2026-10-13 09:21", "满意", "ck0001"], // line 2: fine
    ["E002", "2026-10-13 09:22", "很好", "ck0001"], // line 3
  ]),
  "leave/请假.csv": textFile([
    ["编号", "工号", "类型", "开始时间", "结束时间", "审批状态"],
    ["L001", "S0002", "事假", "2026-10-14 08:30", "2026-10-14 12:00", "其他"], // line 2
    ["L002", "S0002", "病假", "2026-10-15 12:00", "2026-10-15 08:30", "已批准"], // line 3
    ["L003", "S9999", "事假", "2026-10-15 08:30", "2026-10-15 12:00", "已批准"], // line 4
    ["L004", "S0001", "年休假", "2026-10-13 14:30", "2026-10-13 17:00", "已批准"], // line 5: fine
  ]),
  "queue/流水.csv": textFile([
    ["流水号", "取号时间", "窗口号", "工作人员账号", "办理结果"],
    ["T001", "2026-10-13 09:00", "A01", "ck0001", "受理"], // line 2: fine
    ["T002", "2026-10-13 09:10", "A01", "ck9999", "受理"], // line 3
    ["T003", "2026-10-13 09:20", "Z99", "", "受理"], // line 4
  ]),
  "queue-events/窗口.csv": textFile([
    ["窗口号", "工作人员账号", "事件", "时间"],
    ["A01", "ck0001", "登录", "2026-10-13 08:30"], // line 2: fine
    ["A02", "ck9999", "登录", "2026-10-13 08:31"], // line 3
  ]),
  "cases/办件.csv": textFile([
    ["办件编号", "事项名称", "办件类型", "承诺时限", "受理时间", "办件状态", "受理人账号"],
    ["C001", "营业执照", "即办件", "0", "2026-10-13 09:10", "在办", "sp0001"], // line 2: fine
    ["C002", "营业执照", "即办件", "0", "2026-10-13 09:30", "在办", "sp9999"], // line 3
  ]),
};

interface Quarantined {
  path: string;
  line: number | null;
  source: string;
  reason: string;
  [key: string]: unknown;
}

describe("quarantine", () => {
  let inbox: FileInbox;
  let exitedWith: string[];
  beforeAll(async () => {
    inbox = await fileInbox();
    for (const [path, bytes] of Object.entries(files)) await inbox.write(path, bytes);
    exitedWith = (await inbox.run()).lines;
  });
  afterAll(() => inbox?.cleanup());

  const quarantined = () =>
    inbox.query<Quarantined>("select path, line, source, reason from ops.quarantine order by path, line");
  const reasonAt = async (path: string, line: number | null) =>
    (await quarantined()).filter((row) => row.path === path && row.line === line).map((row) => row.reason);

  it("puts every unusable row in ops.quarantine with its file's real line number and the column and value at fault", async () => {
    expect(await quarantined()).toEqual([
      {
        path: "attendance/列数.csv",
        line: 3,
        source: "attendance",
        reason: "列数与表头不符：应为 3 列，实为 4 列",
      },
      {
        path: "attendance/旧格式.xls",
        line: null,
        source: "attendance",
        reason: expect.stringContaining(".xls"),
      },
      { path: "attendance/考勤.csv", line: 5, source: "attendance", reason: "缺少必填项：考勤号码" },
      {
        path: "attendance/考勤.csv",
        line: 6,
        source: "attendance",
        reason: "时间无法识别：日期时间 昨天上午",
      },
      {
        path: "attendance/考勤.csv",
        line: 7,
        source: "attendance",
        reason: "人员不在名册：考勤号码 9999 在 2026-10-13 无对应人员",
      },
      {
        path: "attendance/说明.csv",
        line: null,
        source: "attendance",
        reason: expect.stringContaining("表头"),
      },
      { path: "calendar/调休.csv", line: null, source: "calendar", reason: "表头缺少必填列：是否工作日" },
      {
        path: "cases/办件.csv",
        line: 3,
        source: "cases",
        reason: "人员不在名册：审批账号 sp9999 在 2026-10-13 无对应人员",
      },
      {
        path: "evaluations/评价.csv",
        line: 3,
        source: "evaluations",
        reason: "取值不在列表中：评价等级 很好（应为 非常满意/满意/基本满意/不满意/非常不满意 或 5…1）",
      },
      {
        path: "leave/请假.csv",
        line: 2,
        source: "leave",
        reason: "取值不在列表中：审批状态 其他（应为 已批准/未批准/待审批）",
      },
      {
        path: "leave/请假.csv",
        line: 3,
        source: "leave",
        reason: "结束早于开始：结束时间 2026-10-15 08:30 不晚于开始时间 2026-10-15 12:00",
      },
      { path: "leave/请假.csv", line: 4, source: "leave", reason: "人员不在名册：工号 S9999" },
      {
        path: "queue-events/窗口.csv",
        line: 3,
        source: "queue-events",
        reason: "人员不在名册：叫号账号 ck9999 在 2026-10-13 无对应人员",
      },
      { path: "queue/流水.csv", line: 3, source: "queue", reason: "人员不在名册：叫号账号 ck9999" },
      { path: "queue/流水.csv", line: 4, source: "queue", reason: "窗口不在名册：窗口号 Z99" },
    ]);
  });

  it("names the missing header of an unreadable file in Chinese", async () => {
    expect(await reasonAt("attendance/说明.csv", null)).toEqual([
      "前 10 行中找不到考勤机记录的表头（如 考勤号码）",
    ]);
  });

  it("loads the other rows of each file, and ops.loads accounts for every row of each file", async () => {
    // a rejected file has no rows to account for: its one quarantine entry (line null) is the file's
    const loads = await inbox.query(
      "select path, status, rows, used, superseded, quarantined, duplicate from ops.loads order by path",
    );
    expect(loads.map((load) => Object.values(load))).toEqual([
      // path, status, rows, used, superseded, quarantined, duplicate
      ["attendance/列数.csv", "已加载", 3, 2, 0, 1, 0],
      ["attendance/旧格式.xls", "拒收", 0, 0, 0, 0, 0],
      ["attendance/考勤.csv", "已加载", 5, 2, 0, 3, 0],
      ["attendance/说明.csv", "拒收", 0, 0, 0, 0, 0],
      ["calendar/调休.csv", "拒收", 0, 0, 0, 0, 0],
      ["cases/办件.csv", "已加载", 2, 1, 0, 1, 0],
      ["evaluations/评价.csv", "已加载", 2, 1, 0, 1, 0],
      ["leave/请假.csv", "已加载", 4, 1, 0, 3, 0],
      ["queue-events/窗口.csv", "已加载", 2, 1, 0, 1, 0],
      ["queue/流水.csv", "已加载", 3, 1, 0, 2, 0],
      ["roster/名册.csv", "已加载", 2, 2, 0, 0, 0],
    ]);
    expect(
      await inbox.query(
        `select staff_id, session, strftime(in_at, '%H:%M') as in_at, strftime(out_at, '%H:%M') as out_at
         from marts.attendance_sessions where work_date = '2026-10-13' order by staff_id, session`,
      ),
    ).toEqual([
      { staff_id: "S0001", session: "AM", in_at: "08:25", out_at: null },
      { staff_id: "S0001", session: "PM", in_at: null, out_at: "17:05" },
      { staff_id: "S0002", session: "AM", in_at: "08:29", out_at: null },
      { staff_id: "S0002", session: "PM", in_at: null, out_at: "17:01" },
    ]);
    expect(
      await inbox.query(
        "select leave_id from marts.attendance_sessions where leave_id is not null group by all",
      ),
    ).toEqual([{ leave_id: "L004" }]);
  });

  it("keeps the row as it was (Chinese headers) in ops.quarantine.raw", async () => {
    const [row] = await inbox.query<{ raw: string }>(
      "select raw from ops.quarantine where path = 'evaluations/评价.csv' and line = 3",
    );
    expect(JSON.parse(row!.raw)).toMatchObject({
      评价编号: "E002",
      评价等级: "很好",
      工作人员账号: "ck0001",
    });
  });

  it("still publishes, and the summary counts quarantined rows by reason in Chinese", () => {
    expect(exitedWith.join("\n")).toContain("拒收 3 个");
    expect(exitedWith).toContain("  人员不在名册 5 行");
    expect(exitedWith).toContain("  文件无法使用 3 行");
  });
});
