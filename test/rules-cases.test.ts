/**
 * rules.md §5 at its boundaries, with expectations computed by hand from the rule text and the
 * 2026 official calendar (National Day 10-01…10-07 off, Saturday 10-10 a make-up working day).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";

const staff = (n: number) => ({
  staff_id: `S000${n}`,
  name: `员工${n}`,
  department: "市场监管局",
  window_no: `A0${n}`,
  attendance_no: `100${n}`,
  queue_login: `ck000${n}`,
  platform_account: `sp000${n}`,
  start_date: "2026-01-01",
});

// one punch on a working day of each month makes both months scored (rules.md §1)
const attendance = [
  { attendance_no: "1001", punched_at: "2026-09-30 08:30:00" },
  { attendance_no: "1001", punched_at: "2026-10-09 08:30:00" },
];

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
) => ({
  case_id,
  item: "个体户登记",
  kind: "即办件",
  promised_days: 0,
  accepted_at: accepted,
  entered_at: entered,
  completed_at: completed,
  status: completed ? "办结" : "在办",
  platform_account: "sp0001",
  ticket_no,
});

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
  // ticket of Fri 10-09: the next working day is the make-up Saturday 10-10
  sameDay("FOR-T1", "2026-10-10 09:00:00", "2026-10-10 16:59:59", "2026-10-10 16:59:59", "T1"),
  sameDay("FOR-T2", "2026-10-12 08:30:00", "2026-10-12 08:30:00", "2026-10-12 09:00:00", "T2"),
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
  ...[1, 2, 3, 4].map((n) => promised(`S3-E${n}`, "sp0003", "2026-10-12 09:00:00", 3, "2026-10-13 10:00:00")),
];

const queue = [
  {
    ticket_no: "T1",
    issued_at: "2026-10-09 09:00:00",
    called_at: "2026-10-09 09:05:00",
    window_no: "A01",
    queue_login: "ck0001",
    outcome: "受理",
  },
  {
    ticket_no: "T2",
    issued_at: "2026-10-09 09:10:00",
    called_at: "2026-10-09 09:15:00",
    window_no: "A01",
    queue_login: "ck0001",
    outcome: "受理",
  },
  {
    ticket_no: "T3",
    issued_at: "2026-10-09 09:20:00",
    called_at: "2026-10-09 09:25:00",
    window_no: "A01",
    queue_login: "ck0001",
    outcome: "咨询",
  },
  {
    ticket_no: "T4",
    issued_at: "2026-10-09 09:30:00",
    called_at: "2026-10-09 09:35:00",
    window_no: "A01",
    queue_login: "ck0001",
    outcome: "受理",
  },
];

describe("rules.md §5 cases", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [
          ...[1, 2, 3, 4, 5].map(staff),
          { ...staff(6), platform_account: "sp0099", end_date: "2026-10-10" },
          { ...staff(7), platform_account: "sp0099", start_date: "2026-10-11" },
        ],
        attendance,
        cases,
        queue,
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
  const events = async (rule: string) =>
    (
      await hall.query<{ event_id: string; points: number; event_date: string }>(
        "select event_id, points::double as points, event_date::varchar as event_date from marts.score_events where rule_code = $rule order by event_id",
        { rule },
      )
    ).map((row) => ({ ...row }));

  it("counts the deadline in working days across National Day up to the make-up Saturday", async () => {
    expect((await caseRow("ND-ON-TIME"))!.deadline_date).toBe("2026-10-10");
    expect((await caseRow("ND-ON-TIME"))!.is_overdue).toBe(false);
    expect((await caseRow("ND-LATE"))!.is_overdue).toBe(true);
    expect((await caseRow("OPEN-LATE"))!.is_overdue).toBe(true);
    expect((await caseRow("JB-SAME"))!.deadline_date).toBe("2026-10-13");
  });

  it("raises R02 for overdue 承诺件 and R04 for a 即办件 completed the next day", async () => {
    const rows = await hall.query<{ event_id: string; trigger: string }>(
      "select unnest(event_ids) as event_id, trigger from marts.investigations order by 1",
    );
    const ids = rows.map((row) => `${row.trigger} ${row.event_id}`);
    expect(ids).toContain("R02 CASE_OVERDUE:S0001:2026-10-12:ND-LATE");
    expect(ids).toContain("R02 CASE_OVERDUE:S0001:2026-10-16:OPEN-LATE");
    expect(ids).toContain("R04 CASE_SAME_DAY_MISSED:S0001:2026-10-13:JB-NEXT");
    expect(ids.some((id) => id.includes("JB-SAME"))).toBe(false);
    expect(ids.some((id) => id.includes("ND-ON-TIME"))).toBe(false);
    expect(ids.some((id) => id.includes("JB-NEXT") && id.startsWith("R02"))).toBe(false);
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

  it("scores a case entered after the end of its acceptance day, not one entered at 23:59:59", async () => {
    expect((await caseRow("ENTRY-2359"))!.is_late_entry).toBe(false);
    expect((await caseRow("ENTRY-0000"))!.is_late_entry).toBe(true);
    expect(await events("CASE_LATE_ENTRY")).toEqual([
      { event_id: "CASE_LATE_ENTRY:S0001:2026-10-14:ENTRY-0000", points: -2, event_date: "2026-10-14" },
    ]);
  });

  it("scores accepted tickets with no case entered by the end of the next working day", async () => {
    expect(await events("CASE_NOT_ENTERED")).toEqual([
      { event_id: "CASE_NOT_ENTERED:S0001:2026-10-09:T2", points: -5, event_date: "2026-10-09" },
      { event_id: "CASE_NOT_ENTERED:S0001:2026-10-09:T4", points: -5, event_date: "2026-10-09" },
    ]);
  });

  it("gives +1 per full 10 % of early completions from the 5th completed 承诺件", async () => {
    expect((await caseRow("S2-E1"))!.is_early).toBe(true);
    expect((await caseRow("S2-ON-DEADLINE"))!.is_early).toBe(false);
    expect((await caseRow("S2-SATURDAY"))!.is_early).toBe(false);
    expect(await events("EARLY_COMPLETION")).toEqual([
      { event_id: "EARLY_COMPLETION:S0002:2026-10", points: 6, event_date: "2026-10-31" },
      { event_id: "EARLY_COMPLETION:S0004:2026-10", points: 7, event_date: "2026-10-31" },
      { event_id: "EARLY_COMPLETION:S0005:2026-10", points: 6, event_date: "2026-10-31" },
    ]);
  });
});
