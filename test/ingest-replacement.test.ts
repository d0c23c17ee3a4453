/**
 * data-contract §1: every source is keyed; a later-loaded row with the same key replaces the
 * earlier one, and a row is never removed because a later file lacks it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { roster, rosterHeader, rosterRows } from "./support/staff.ts";

const attendance = textFile([
  ["考勤号码", "日期时间"],
  ...["08:25", "12:02", "14:20", "17:05"].map((time) => ["1001", `2026-10-13 ${time}`]),
  // S0002 is away on the morning of 10-13: only the afternoon punches
  ...["14:28", "17:01"].map((time) => ["1002", `2026-10-13 ${time}`]),
  // S0001 is on approved business (L002) on the morning of 10-20
  ...["14:20", "17:05"].map((time) => ["1001", `2026-10-20 ${time}`]),
  ...["08:29", "12:01", "14:28", "17:01"].map((time) => ["1002", `2026-10-20 ${time}`]),
]);

const leaveHeader = ["编号", "工号", "类型", "开始时间", "结束时间", "审批状态"];

async function hallWith(files: Record<string, Buffer>): Promise<FileInbox> {
  const inbox = await fileInbox();
  await inbox.write("roster/1-名册.csv", textFile(roster));
  await inbox.write("attendance/考勤.csv", attendance);
  for (const [path, bytes] of Object.entries(files)) await inbox.write(path, bytes);
  await inbox.run();
  return inbox;
}

describe("register replacement", () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("a leave row corrected from 未批准 to 已批准 in a later file turns 旷工 into 请假", async () => {
    inbox = await hallWith({
      "leave/1-请假.csv": textFile([
        leaveHeader,
        ["L001", "S0002", "事假", "2026-10-13 08:30", "2026-10-13 12:00", "未批准"],
        ["L002", "S0001", "公出", "2026-10-20 08:30", "2026-10-20 12:00", "已批准"],
      ]),
    });
    const morningOfS0002 = () =>
      inbox.query(
        "select outcome, leave_id from marts.attendance_sessions where staff_id = 'S0002' and work_date = '2026-10-13' and session = 'AM'",
      );
    expect(await morningOfS0002()).toEqual([{ outcome: "旷工", leave_id: null }]);

    await inbox.write(
      "leave/2-请假更正.csv",
      textFile([leaveHeader, ["L001", "S0002", "事假", "2026-10-13 08:30", "2026-10-13 12:00", "已批准"]]),
    );
    await inbox.run();
    expect(await morningOfS0002()).toEqual([{ outcome: "请假", leave_id: "L001" }]);
    // L002 is not in the later file and is still there
    expect(
      await inbox.query(
        "select outcome, leave_id from marts.attendance_sessions where staff_id = 'S0001' and work_date = '2026-10-20' and session = 'AM'",
      ),
    ).toEqual([{ outcome: "请假", leave_id: "L002" }]);
  });

  it("within one run, files load in lexical order of their paths: the later path's row wins", async () => {
    const leave = (approval: string) =>
      textFile([leaveHeader, ["L001", "S0002", "事假", "2026-10-13 08:30", "2026-10-13 12:00", approval]]);
    inbox = await hallWith({
      // written in this order, but 2026-10-02 loads after 2026-10-01
      "leave/2026-10-02.csv": leave("未批准"),
      "leave/2026-10-01.csv": leave("已批准"),
    });
    expect(
      await inbox.query(
        "select outcome from marts.attendance_sessions where staff_id = 'S0002' and work_date = '2026-10-13' and session = 'AM'",
      ),
    ).toEqual([{ outcome: "旷工" }]);
  });

  it("a corrected roster row replaces the earlier one; staff missing from the later file stay", async () => {
    inbox = await hallWith({});
    const staff = () =>
      inbox.query(
        "select staff_id, staff_name, department from marts.staff_month where month = '2026-10' order by staff_id",
      );
    expect(await staff()).toEqual([
      { staff_id: "S0001", staff_name: "张三", department: "市场监管局" },
      { staff_id: "S0002", staff_name: "李四", department: "市场监管局" },
    ]);
    const corrected = rosterRows[1]!.map((cell, index) => (rosterHeader[index] === "部门" ? "税务局" : cell));
    await inbox.write("roster/2-名册更正.csv", textFile([rosterHeader, corrected]));
    await inbox.run();
    expect(await staff()).toEqual([
      { staff_id: "S0001", staff_name: "张三", department: "市场监管局" },
      { staff_id: "S0002", staff_name: "李四", department: "税务局" },
    ]);
  });

  it("a ticket re-exported with a known account replaces the quarantined earlier row", async () => {
    const ticketHeader = [
      "流水号",
      "取号时间",
      "开始办理时间",
      "办结时间",
      "窗口号",
      "工作人员账号",
      "办理结果",
    ];
    inbox = await hallWith({
      "queue/1-流水.csv": textFile([
        ticketHeader,
        ["T001", "2026-10-13 09:00", "2026-10-13 09:05", "", "A01", "ck9999", "受理"],
      ]),
    });
    expect(await inbox.query("select path, line, reason from ops.quarantine")).toEqual([
      { path: "queue/1-流水.csv", line: 2, reason: "人员不在名册：叫号账号 ck9999" },
    ]);
    await inbox.write(
      "queue/2-流水.csv",
      textFile([
        ticketHeader,
        ["T001", "2026-10-13 09:00", "2026-10-13 09:05", "2026-10-13 09:20", "A01", "ck0001", "受理"],
      ]),
    );
    await inbox.run();
    expect(await inbox.query("select path, line, reason from ops.quarantine")).toEqual([]);
  });

  it("a ticket re-exported gaining 办结时间 is one ticket with its service time (marts.queue_daily)", async () => {
    const ticketHeader = [
      "流水号",
      "取号时间",
      "叫号时间",
      "开始办理时间",
      "办结时间",
      "窗口号",
      "工作人员账号",
      "办理结果",
    ];
    const ticket = (finishedAt: string) =>
      textFile([
        ticketHeader,
        [
          "T001",
          "2026-10-13 09:00",
          "2026-10-13 09:04",
          "2026-10-13 09:05",
          finishedAt,
          "A01",
          "ck0001",
          "受理",
        ],
      ]);
    inbox = await hallWith({ "queue/1-流水.csv": ticket("") });
    await inbox.write("queue/2-流水.csv", ticket("2026-10-13 09:20"));
    await inbox.run();
    expect(
      await inbox.query(
        "select staff_id, tickets, avg_service_s from marts.queue_daily where work_date = '2026-10-13' and staff_id = 'S0001'",
      ),
    ).toEqual([{ staff_id: "S0001", tickets: 1, avg_service_s: 900 }]);
  });
  it("an evaluation re-exported from 不满意 to 满意 counts once, as good, and leaves no 差评", async () => {
    const evaluation = (level: string) =>
      textFile([
        ["评价编号", "评价时间", "评价等级", "窗口号", "工作人员账号"],
        ["E001", "2026-10-13 09:21", level, "A01", "ck0001"],
      ]);
    inbox = await hallWith({ "evaluations/1-评价.csv": evaluation("不满意") });
    expect(await inbox.query("select evaluation_id from marts.bad_evaluations")).toEqual([
      { evaluation_id: "E001" },
    ]);
    await inbox.write("evaluations/2-评价.csv", evaluation("满意"));
    await inbox.run();
    expect(
      await inbox.query("select evaluations, good, bad from marts.evaluation_month where staff_id = 'S0001'"),
    ).toEqual([{ evaluations: 1, good: 1, bad: 0 }]);
    expect(await inbox.query("select evaluation_id from marts.bad_evaluations")).toEqual([]);
  });

  it("a case re-exported with its 办结时间 is one case, completed and not overdue (marts.cases)", async () => {
    const platformCase = (completedAt: string, status: string) =>
      textFile([
        [
          "办件编号",
          "事项名称",
          "办件类型",
          "承诺时限",
          "受理时间",
          "录入时间",
          "办结时间",
          "办件状态",
          "受理人账号",
        ],
        [
          "C001",
          "营业执照",
          "承诺件",
          "3",
          "2026-10-13 09:10",
          "2026-10-13 09:15",
          completedAt,
          status,
          "sp0001",
        ],
      ]);
    inbox = await hallWith({ "cases/1-办件.csv": platformCase("", "在办") });
    expect(await inbox.query("select case_id, is_overdue from marts.cases")).toEqual([
      { case_id: "C001", is_overdue: true },
    ]);
    await inbox.write("cases/2-办件.csv", platformCase("2026-10-15 10:00", "办结"));
    await inbox.run();
    expect(await inbox.query("select case_id, case_status, is_overdue from marts.cases")).toEqual([
      { case_id: "C001", case_status: "办结", is_overdue: false },
    ]);
  });
});
