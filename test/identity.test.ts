/**
 * data-contract §1 with rules.md §1–§2: a person counts from the roster's 入岗日期 to its 离岗日期,
 * and a 考勤号码 may pass from a leaver to a newcomer. Punches go to whoever held the number that
 * day; neither is scored for the other's days; a number nobody holds that day is quarantined.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { rosterHeader } from "./support/staff.ts";

const punches = (number: string, day: string, ...times: string[]) =>
  times.map((time) => [number, `2026-10-${day} ${time}`]);

/** A hall with just these roster rows and 考勤 punches, run once. */
async function hallWith(rosterRows: string[][], punchRows: string[][]): Promise<FileInbox> {
  const inbox = await fileInbox();
  await inbox.write("roster/名册.csv", textFile([rosterHeader, ...rosterRows]));
  await inbox.write("attendance/考勤.csv", textFile([["考勤号码", "日期时间"], ...punchRows]));
  await inbox.run();
  return inbox;
}

describe("identity across dates", () => {
  let inbox: FileInbox;
  beforeAll(async () => {
    inbox = await hallWith(
      [
        ["S0001", "张三", "市场监管局", "A01", "", "1001", "ck0001", "sp0001", "2026-01-01", "2026-10-15"],
        ["S0002", "李四", "市场监管局", "A02", "", "1002", "ck0002", "sp0002", "2026-01-01", ""],
        ["S0003", "王五", "市场监管局", "A01", "", "1001", "ck0003", "sp0003", "2026-10-16", ""],
        ["S0004", "赵六", "市场监管局", "A03", "", "1004", "ck0004", "sp0004", "2026-01-01", "2026-10-15"],
      ],
      [
        ...punches("1002", "15", "08:20", "12:01", "14:25", "17:01"),
        ...punches("1002", "16", "08:20", "12:01", "14:25", "17:01"),
        // the leaver's last day: late in the morning
        ...punches("1001", "15", "08:45", "12:01", "14:25", "17:01"),
        // the newcomer's first day: no punch when leaving in the afternoon
        ...punches("1001", "16", "08:21", "12:02", "14:26"),
        ...punches("1004", "15", "08:22", "12:03", "14:27", "17:03"),
        // a leaver whose number nobody holds afterwards
        ...punches("1004", "16", "08:23"),
      ],
    );
  });
  afterAll(() => inbox?.cleanup());

  it("gives each day's punches to whoever held the number that day", async () => {
    expect(
      await inbox.query(
        `select strftime(work_date, '%d') as day, staff_id, session, strftime(in_at, '%H:%M') as in_at, outcome
         from marts.attendance_sessions where staff_id in ('S0001', 'S0003') order by work_date, session`,
      ),
    ).toEqual([
      { day: "15", staff_id: "S0001", session: "AM", in_at: "08:45", outcome: "迟到" },
      { day: "15", staff_id: "S0001", session: "PM", in_at: "14:25", outcome: "正常" },
      { day: "16", staff_id: "S0003", session: "AM", in_at: "08:21", outcome: "正常" },
      { day: "16", staff_id: "S0003", session: "PM", in_at: "14:26", outcome: "缺卡" },
    ]);
  });

  it("scores neither the newcomer for the leaver's days nor the leaver for the newcomer's", async () => {
    const events = await inbox.query<{ staff_id: string; day: string; rule_code: string }>(
      `select staff_id, strftime(event_date, '%d') as day, rule_code from marts.score_events
       where staff_id in ('S0001', 'S0003') and rule_code like 'ATT%' and not void order by staff_id, event_date`,
    );
    expect(events).toEqual([
      { staff_id: "S0001", day: "15", rule_code: "ATT_LATE" },
      { staff_id: "S0003", day: "16", rule_code: "ATT_MISS" },
    ]);
  });

  it("quarantines a punch on a number nobody holds that day, naming number and date", async () => {
    expect(await inbox.query("select path, line, source, reason from ops.quarantine")).toEqual([
      {
        path: "attendance/考勤.csv",
        line: 21,
        source: "attendance",
        reason: "人员不在名册：考勤号码 1004 在 2026-10-16 无对应人员",
      },
    ]);
  });

  it("keeps the leaver out of the days after 离岗日期", async () => {
    expect(
      await inbox.query(
        "select count(*)::integer as n from marts.attendance_sessions where staff_id in ('S0001', 'S0004') and work_date > '2026-10-15'",
      ),
    ).toEqual([{ n: 0 }]);
  });
});

describe("two roster rows claiming one number at once", () => {
  let inbox: FileInbox;
  beforeAll(async () => {
    inbox = await hallWith(
      [
        ["S0001", "张三", "市场监管局", "A01", "", "1001", "ck0001", "sp0001", "2026-01-01", ""],
        // a stand-in who holds the same number for two days inside 张三's own period
        ["S0002", "李四", "市场监管局", "A02", "", "1001", "ck0002", "sp0002", "2026-10-14", "2026-10-15"],
      ],
      ["13", "14", "15", "16"].flatMap((day) => punches("1001", day, "08:20", "12:01", "14:25", "17:01")),
    );
  });
  afterAll(() => inbox?.cleanup());

  it("gives the days they share to the later starter, and the days after to the one still holding it", async () => {
    expect(
      await inbox.query(
        `select strftime(work_date, '%d') as day, staff_id from marts.attendance_sessions
         where session = 'AM' and in_at is not null order by work_date`,
      ),
    ).toEqual([
      { day: "13", staff_id: "S0001" },
      { day: "14", staff_id: "S0002" },
      { day: "15", staff_id: "S0002" },
      { day: "16", staff_id: "S0001" },
    ]);
  });
});
