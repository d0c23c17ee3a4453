/**
 * rules.md §5 at its boundaries, with expectations computed by hand from the rule text and the
 * 2026 official calendar (National Day 10-01…10-07 off, Saturday 10-10 a make-up working day).
 * Revision 2: CASE_NOT_ENTERED (−5, raises R06) and CASE_LATE_ENTRY (−2) are alternatives for one
 * ticket — a ticket whose case appears late is CASE_LATE_ENTRY only, and an appeal filed against
 * the CASE_NOT_ENTERED it replaces still finds it; "the next working day" is configuration;
 * EARLY_COMPLETION is dated on the person's last scheduled working day of the month.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, type InboxRows, runHall, writeInbox } from "./support/hall.ts";
import {
  investigations,
  normalDays,
  quarantined,
  scoreEvents,
  staff,
  staffMonthOf,
} from "./support/rules.ts";

// blameless days in both months make both scored (rules.md §1) and leave only the cases' events
const dataDays = ["2026-09-30", "2026-10-09"];
const attendance = (...numbers: number[]) =>
  normalDays(
    numbers.map((n) => staff(n)),
    dataDays,
  );

const promised = (
  case_id: string,
  account: string,
  accepted: string,
  days: number,
  completed: string | null,
) => ({
  case_id,
  item: "营业执照变更",
  kind: "承诺件",
  promised_days: days,
  accepted_at: accepted,
  entered_at: accepted,
  completed_at: completed,
  status: completed ? "办结" : "在办",
  platform_account: account,
});

const sameDay = (
  case_id: string,
  accepted: string,
  entered: string,
  completed: string | null,
  ticket_no?: string,
  account = "sp0001",
) => ({
  case_id,
  item: "个体户登记",
  kind: "即办件",
  promised_days: 0,
  accepted_at: accepted,
  entered_at: entered,
  completed_at: completed,
  status: completed ? "办结" : "在办",
  platform_account: account,
  ticket_no,
});

/** A ticket called at a person's own window, `HH:MM` on a date. */
const ticket = (ticket_no: string, n: number, date: string, time: string, outcome = "受理") => ({
  ticket_no,
  issued_at: `${date} ${time}:00`,
  called_at: `${date} ${time}:30`,
  window_no: staff(n).window_no,
  queue_login: staff(n).queue_login,
  outcome,
});

const eventsOf = async (hall: Hall, rule: string) =>
  (await scoreEvents(hall))
    .filter((e) => e.rule_code === rule)
    .map((e) => ({ event_id: e.event_id, points: e.points, event_date: e.event_date }));

const detailOf = async (hall: Hall, eventId: string) =>
  (
    await hall.query<{ detail: string }>("select detail from marts.score_events where event_id = $id", {
      id: eventId,
    })
  )[0]?.detail;

describe("rules.md §5 cases", () => {
  const cases = [
    // accepted Wed 09-30, 3 working days: 10-08 Thu (1), 10-09 Fri (2), 10-10 Sat make-up (3)
    promised("ND-ON-TIME", "sp0001", "2026-09-30 10:00:00", 3, "2026-10-10 16:00:00"),
    // completed Mon 10-12, after the deadline day → overdue from 10-12, the first working day after it
    promised("ND-LATE", "sp0001", "2026-09-30 10:00:00", 3, "2026-10-12 09:00:00"),
    // still open, deadline Thu 10-15 passed as of 11-04
    promised("OPEN-LATE", "sp0001", "2026-10-12 10:00:00", 3, null),
    sameDay("JB-SAME", "2026-10-13 10:00:00", "2026-10-13 10:00:00", "2026-10-13 16:59:00"),
    sameDay("JB-NEXT", "2026-10-13 10:00:00", "2026-10-13 10:00:00", "2026-10-14 09:00:00"),
    sameDay("ENTRY-2359", "2026-10-14 10:00:00", "2026-10-14 23:59:59", "2026-10-14 23:59:59"),
    sameDay("ENTRY-0000", "2026-10-14 10:00:00", "2026-10-15 00:00:00", "2026-10-14 16:00:00"),
    // tickets T1, T2 of Fri 10-09: the entry deadline is the end of the make-up Saturday 10-10.
    // FOR-T1 is entered on 10-10, within it; FOR-T2 on Mon 10-12, after it. Both were typed in with
    // the entry day as acceptance time, but the 受理 was on 10-09: both are entered late.
    sameDay("FOR-T1", "2026-10-10 09:00:00", "2026-10-10 16:59:59", "2026-10-10 16:59:59", "T1"),
    sameDay("FOR-T2", "2026-10-12 08:30:00", "2026-10-12 08:30:00", "2026-10-12 09:00:00", "T2"),
    // S0008: ticket T5 of Tue 10-13 (deadline: end of Wed 10-14), case entered Thu 10-15
    sameDay("L5", "2026-10-13 10:00:00", "2026-10-15 09:00:00", "2026-10-13 10:30:00", "T5", "sp0008"),
    // S0002: 5 completed 承诺件 accepted Mon 10-12 with 3 days (deadline Thu 10-15), 3 early → 60 % → +6
    promised("S2-E1", "sp0002", "2026-10-12 09:00:00", 3, "2026-10-13 10:00:00"),
    promised("S2-E2", "sp0002", "2026-10-12 09:00:00", 3, "2026-10-14 10:00:00"),
    promised("S2-E3", "sp0002", "2026-10-12 09:00:00", 3, "2026-10-14 11:00:00"),
    promised("S2-ON-DEADLINE", "sp0002", "2026-10-12 09:00:00", 3, "2026-10-15 16:00:00"),
    // accepted Thu 10-15, 5 days → deadline Thu 10-22; completed on Saturday 10-17 (not a working day)
    promised("S2-SATURDAY", "sp0002", "2026-10-15 09:00:00", 5, "2026-10-17 10:00:00"),
    // S0004: 7 of 10 early = exactly 70 % → +7; S0005: 9 of 13 early = 69.2 % → +6 (full steps only)
    ...Array.from({ length: 10 }, (_, n) =>
      promised(
        `S4-${n}`,
        "sp0004",
        "2026-10-12 09:00:00",
        3,
        n < 7 ? "2026-10-13 10:00:00" : "2026-10-15 10:00:00",
      ),
    ),
    ...Array.from({ length: 13 }, (_, n) =>
      promised(
        `S5-${n}`,
        "sp0005",
        "2026-10-12 09:00:00",
        3,
        n < 9 ? "2026-10-13 10:00:00" : "2026-10-15 10:00:00",
      ),
    ),
    // platform account sp0099 passes from S0006 (left 10-10) to S0007 (joined 10-11)
    promised("HANDOVER-OLD", "sp0099", "2026-10-09 09:00:00", 3, "2026-10-13 10:00:00"),
    promised("HANDOVER-NEW", "sp0099", "2026-10-12 09:00:00", 3, "2026-10-13 10:00:00"),
    // S0003: only 4 completed 承诺件, all early → no event
    ...[1, 2, 3, 4].map((n) =>
      promised(`S3-E${n}`, "sp0003", "2026-10-12 09:00:00", 3, "2026-10-13 10:00:00"),
    ),
    // S0009 leaves on Sunday 10-11: 5 承诺件 accepted Thu 10-08 (deadline Mon 10-12), all completed
    // early on 10-09 → 100 % → +10, dated on his last scheduled working day, the make-up Saturday 10-10
    ...[1, 2, 3, 4, 5].map((n) =>
      promised(`S9-E${n}`, "sp0009", "2026-10-08 09:00:00", 3, "2026-10-09 10:00:00"),
    ),
  ];

  const queue = [
    ticket("T1", 1, "2026-10-09", "09:00"),
    ticket("T2", 1, "2026-10-09", "09:10"),
    ticket("T3", 1, "2026-10-09", "09:20", "咨询"),
    ticket("T4", 1, "2026-10-09", "09:30"),
    ticket("T5", 8, "2026-10-13", "09:50"),
  ];

  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [
          ...[1, 2, 3, 4, 5, 8].map((n) => staff(n)),
          staff(6, { platform_account: "sp0099", end_date: "2026-10-10" }),
          staff(7, { platform_account: "sp0099", start_date: "2026-10-11" }),
          staff(9, { end_date: "2026-10-11" }),
        ],
        attendance: attendance(1, 2, 3, 4, 5, 6, 8, 9),
        cases,
        queue,
        appeals: [
          // filed against the CASE_NOT_ENTERED that T2 and T5 had before their cases appeared
          {
            id: "A-T2",
            staff_id: "S0001",
            target_id: "CASE_NOT_ENTERED:S0001:2026-10-09:T2",
            submitted_on: "2026-10-12",
            result: "撤销",
          },
          {
            id: "A-T5",
            staff_id: "S0008",
            rule_code: "CASE_NOT_ENTERED",
            event_date: "2026-10-13",
            submitted_on: "2026-10-16",
            result: "维持",
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  const caseRow = async (id: string) =>
    (
      await hall.query(
        "select deadline_date::varchar as deadline_date, is_overdue, is_early, is_late_entry from marts.cases where case_id = $id",
        { id },
      )
    )[0];

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("counts the deadline in working days across National Day up to the make-up Saturday", async () => {
    expect((await caseRow("ND-ON-TIME"))!.deadline_date).toBe("2026-10-10");
    expect((await caseRow("ND-ON-TIME"))!.is_overdue).toBe(false);
    expect((await caseRow("ND-LATE"))!.is_overdue).toBe(true);
    expect((await caseRow("OPEN-LATE"))!.is_overdue).toBe(true);
    expect((await caseRow("JB-SAME"))!.deadline_date).toBe("2026-10-13");
  });

  it("raises R02 for overdue 承诺件 and R04 alone for a 即办件 completed the next day", async () => {
    const rows = await hall.query<{ event_id: string; trigger: string }>(
      "select unnest(event_ids) as event_id, trigger from marts.investigations where trigger in ('R02', 'R04') order by 1",
    );
    // JB-NEXT's deadline (its acceptance day) passed too, but a late 即办件 is R04's, not R02's
    expect(rows.map((row) => `${row.trigger} ${row.event_id}`)).toEqual([
      "R02 CASE_OVERDUE:S0001:2026-10-12:ND-LATE",
      "R02 CASE_OVERDUE:S0001:2026-10-16:OPEN-LATE",
      "R04 CASE_SAME_DAY_MISSED:S0001:2026-10-13:JB-NEXT",
    ]);
  });

  it("resolves the platform account to the staff member on the roster on the acceptance day", async () => {
    expect(
      await hall.query(
        "select case_id, staff_id from marts.cases where case_id like 'HANDOVER%' order by case_id",
      ),
    ).toEqual([
      { case_id: "HANDOVER-NEW", staff_id: "S0007" },
      { case_id: "HANDOVER-OLD", staff_id: "S0006" },
    ]);
  });

  it("scores a case entered after the end of its acceptance day, or of its 受理 ticket's day", async () => {
    expect((await caseRow("ENTRY-2359"))!.is_late_entry).toBe(false);
    expect((await caseRow("ENTRY-0000"))!.is_late_entry).toBe(true);
    expect((await caseRow("FOR-T1"))!.is_late_entry).toBe(true);
    expect(await eventsOf(hall, "CASE_LATE_ENTRY")).toEqual([
      { event_id: "CASE_LATE_ENTRY:S0001:2026-10-09:FOR-T1", points: -2, event_date: "2026-10-09" },
      { event_id: "CASE_LATE_ENTRY:S0001:2026-10-09:FOR-T2", points: -2, event_date: "2026-10-09" },
      { event_id: "CASE_LATE_ENTRY:S0001:2026-10-14:ENTRY-0000", points: -2, event_date: "2026-10-14" },
      { event_id: "CASE_LATE_ENTRY:S0008:2026-10-13:L5", points: -2, event_date: "2026-10-13" },
    ]);
    expect(await detailOf(hall, "CASE_LATE_ENTRY:S0001:2026-10-14:ENTRY-0000")).toBe(
      "办件 ENTRY-0000 受理于 2026-10-14 10:00:00，录入于 2026-10-15 00:00:00，晚于受理当日",
    );
    expect(await detailOf(hall, "CASE_LATE_ENTRY:S0001:2026-10-09:FOR-T1")).toBe(
      "办件 FOR-T1 受理于 2026-10-10 09:00:00（所引用的流水号 T1 于 2026-10-09 受理），录入于 2026-10-10 16:59:59，晚于受理当日",
    );
  });

  it("scores CASE_NOT_ENTERED only for a 受理 ticket that no case references at all, and raises R06 from it", async () => {
    expect(await eventsOf(hall, "CASE_NOT_ENTERED")).toEqual([
      { event_id: "CASE_NOT_ENTERED:S0001:2026-10-09:T4", points: -5, event_date: "2026-10-09" },
    ]);
    expect(await detailOf(hall, "CASE_NOT_ENTERED:S0001:2026-10-09:T4")).toBe(
      "流水号 T4（窗口 A01）办理结果为受理，截至 2026-10-10 下班仍未在审批平台录入办件",
    );
    const r06 = await hall.query(
      `select case_id, trigger, trigger_name, event_ids, status, final_tier
       from marts.investigations where trigger = 'R06' order by case_id`,
    );
    expect(r06).toEqual([
      {
        case_id: "INV:R06:S0001:2026-10-09",
        trigger: "R06",
        trigger_name: "对办理事项不按规定进行登记或者不给申请人出具书面凭证",
        event_ids: ["CASE_NOT_ENTERED:S0001:2026-10-09:T4"],
        status: "建议",
        final_tier: "告诫",
      },
    ]);
  });

  it("a ticket whose case appears after the entry deadline costs CASE_LATE_ENTRY only (−2), with no R06", async () => {
    // revision 1 gave S0008 CASE_NOT_ENTERED −5 and CASE_LATE_ENTRY −2 and an R06 case
    expect((await scoreEvents(hall, "S0008")).map((e) => [e.event_id, e.points, e.void])).toEqual([
      ["CASE_LATE_ENTRY:S0008:2026-10-13:L5", -2, false],
    ]);
    expect((await staffMonthOf(hall, "2026-10", "S0008")).score).toBe(98);
    expect(await investigations(hall, "S0008")).toEqual([]);
    expect(await detailOf(hall, "CASE_LATE_ENTRY:S0008:2026-10-13:L5")).toBe(
      "办件 L5 受理于 2026-10-13 10:00:00，录入于 2026-10-15 09:00:00，晚于受理当日；流水号 T5 的录入期限为 2026-10-14 下班，此前的受理未录入事件 CASE_NOT_ENTERED:S0008:2026-10-13:T5 改计为本事件",
    );
  });

  it("an appeal against the replaced CASE_NOT_ENTERED, by id or by 工号 + rule code + date, applies to the late entry", async () => {
    const appealed = (await scoreEvents(hall))
      .filter((e) => e.appeal_id)
      .map((e) => [e.event_id, e.void, e.appeal_id]);
    expect(appealed).toEqual([
      ["CASE_LATE_ENTRY:S0001:2026-10-09:FOR-T2", true, "A-T2"],
      ["CASE_LATE_ENTRY:S0008:2026-10-13:L5", false, "A-T5"],
    ]);
  });

  it("gives +1 per full 10 % of early completions from the 5th completed 承诺件, on the last scheduled working day", async () => {
    expect((await caseRow("S2-E1"))!.is_early).toBe(true);
    expect((await caseRow("S2-ON-DEADLINE"))!.is_early).toBe(false);
    expect((await caseRow("S2-SATURDAY"))!.is_early).toBe(false);
    // Friday 10-30 is October's last working day; S0009 left on Sunday 10-11 and keeps his bonus
    expect(await eventsOf(hall, "EARLY_COMPLETION")).toEqual([
      { event_id: "EARLY_COMPLETION:S0002:2026-10", points: 6, event_date: "2026-10-30" },
      { event_id: "EARLY_COMPLETION:S0004:2026-10", points: 7, event_date: "2026-10-30" },
      { event_id: "EARLY_COMPLETION:S0005:2026-10", points: 6, event_date: "2026-10-30" },
      { event_id: "EARLY_COMPLETION:S0009:2026-10", points: 10, event_date: "2026-10-10" },
    ]);
    expect((await staffMonthOf(hall, "2026-10", "S0009")).score).toBe(110);
  });
});

describe("rules.md §5 a CASE_NOT_ENTERED raised under 公示 turns into CASE_LATE_ENTRY when its case appears", () => {
  const worker = staff(1);
  const tickets: InboxRows = [
    ticket("T5", 1, "2026-10-13", "09:50"),
    ticket("T10", 1, "2026-10-30", "10:00"),
  ];
  let first: Hall;
  let second: Hall;
  // both runs publish into one out folder: the first run's results are read before the second
  let firstEvents: (string | number)[][];
  let firstCases: (string | null)[][];
  beforeAll(async () => {
    first = await runHall(
      { roster: [worker], attendance: attendance(1), queue: tickets },
      { asOf: "2026-11-02" },
    );
    firstEvents = (await scoreEvents(first)).map((e) => [e.event_id, e.points]);
    firstCases = (await investigations(first)).map((c) => [c.case_id, c.event_id]);
    // the platform's next export holds T5's case, entered on 10-16; an appeal names the old event
    await writeInbox(first.inbox, {
      cases: [sameDay("L5", "2026-10-13 10:00:00", "2026-10-16 09:00:00", "2026-10-13 10:30:00", "T5")],
      appeals: [
        {
          id: "A1",
          staff_id: worker.staff_id,
          target_id: "CASE_NOT_ENTERED:S0001:2026-10-13:T5",
          submitted_on: "2026-11-02",
        },
      ],
    });
    second = await first.rerun({ asOf: "2026-11-03" });
  });
  afterAll(() => first?.cleanup());

  it("the first run (as of 11-02) raises CASE_NOT_ENTERED and R06 for T5; T10's deadline, Mon 11-02, has not passed", async () => {
    expect(firstEvents).toEqual([["CASE_NOT_ENTERED:S0001:2026-10-13:T5", -5]]);
    expect(firstCases).toEqual([["INV:R06:S0001:2026-10-13", "CASE_NOT_ENTERED:S0001:2026-10-13:T5"]]);
  });

  it("the next run has CASE_LATE_ENTRY in its place, still under the appeal filed against the old id", async () => {
    expect((await scoreEvents(second)).map((e) => [e.event_id, e.points, e.appeal_id])).toEqual([
      ["CASE_LATE_ENTRY:S0001:2026-10-13:L5", -2, "A1"],
      ["CASE_NOT_ENTERED:S0001:2026-10-30:T10", -5, null],
    ]);
    const [pending] = await second.query(
      "select appeal_status, void from marts.score_events where event_id = 'CASE_LATE_ENTRY:S0001:2026-10-13:L5'",
    );
    expect(pending).toEqual({ appeal_status: "申诉中", void: false });
    expect((await investigations(second)).map((c) => c.case_id)).toEqual(["INV:R06:S0001:2026-10-30"]);
    expect((await staffMonthOf(second, "2026-10", worker.staff_id)).score).toBe(93);
  });
});

describe("rules.md §5 the entry deadline is configuration (cases.entry_due_working_days = 2)", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [staff(1)],
        attendance: attendance(1),
        // tickets of Fri 10-09: the 2nd working day after is Mon 10-12 (10-10 make-up Saturday is the 1st)
        queue: [
          ticket("T6", 1, "2026-10-09", "09:00"),
          ticket("T7", 1, "2026-10-09", "09:10"),
          ticket("T8", 1, "2026-10-09", "09:20"),
        ],
        cases: [
          sameDay("FOR-T6", "2026-10-09 09:05:00", "2026-10-12 23:59:59", "2026-10-09 10:00:00", "T6"),
          sameDay("FOR-T7", "2026-10-09 09:15:00", "2026-10-13 00:00:00", "2026-10-09 10:00:00", "T7"),
        ],
      },
      { asOf: "2026-11-04", config: { cases: { entry_due_working_days: 2 } } },
    );
  });
  afterAll(() => hall?.cleanup());

  it("a case entered by the end of the 2nd working day replaces nothing; one entered after it does", async () => {
    const rows = await hall.query<{ event_id: string; detail: string }>(
      "select event_id, detail from marts.score_events order by event_id",
    );
    expect(rows.map((row) => [row.event_id, row.detail.includes("改计为本事件")])).toEqual([
      ["CASE_LATE_ENTRY:S0001:2026-10-09:FOR-T6", false],
      ["CASE_LATE_ENTRY:S0001:2026-10-09:FOR-T7", true],
      ["CASE_NOT_ENTERED:S0001:2026-10-09:T8", false],
    ]);
    expect(rows[2]?.detail).toBe(
      "流水号 T8（窗口 A01）办理结果为受理，截至 2026-10-12 下班仍未在审批平台录入办件",
    );
  });
});
