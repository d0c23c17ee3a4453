/**
 * Builders and queries shared by the rule tests (rules.md §1–§4, §9–§14): a roster row per staff
 * number, a day of punches, the October 2026 working days, and typed reads of the marts that
 * turn numbers and dates into plain JS values so that assertions print readable diffs.
 */
import type { Hall, InboxRows } from "./hall.ts";

/** Anything that can query a published warehouse: a test hall or a command-line run. */
export type Warehouse = Pick<Hall, "query">;

export interface RosterRow extends Record<string, string | undefined> {
  staff_id: string;
  name: string;
  department: string;
  window_no: string;
  backup_window_no?: string;
  attendance_no: string;
  queue_login: string;
  platform_account: string;
  start_date: string;
  end_date?: string;
}

const names = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十"];

/** Staff number n → S000n, window A0n, 考勤号码 100n, 叫号账号 ck000n, 审批账号 sp000n. */
export function staff(n: number, overrides: Partial<RosterRow> = {}): RosterRow {
  const pad = String(n).padStart(4, "0");
  return {
    staff_id: `S${pad}`,
    name: names[n - 1] ?? `员工${n}`,
    department: "市场监管局",
    window_no: `A${String(n).padStart(2, "0")}`,
    attendance_no: String(1000 + n),
    queue_login: `ck${pad}`,
    platform_account: `sp${pad}`,
    start_date: "2026-01-01",
    ...overrides,
  };
}

export type Slot = "amIn" | "amOut" | "pmIn" | "pmOut";
/** Punch times of a blameless day: every punch inside its window with a margin. */
export const normalTimes: Record<Slot, string> = {
  amIn: "08:25:00",
  amOut: "12:05:00",
  pmIn: "14:25:00",
  pmOut: "17:05:00",
};

/** The four punches of one day; an override replaces a punch's time, `null` leaves it out. */
export function day(
  person: RosterRow,
  date: string,
  overrides: Partial<Record<Slot, string | null>> = {},
): InboxRows {
  return (Object.keys(normalTimes) as Slot[]).flatMap((slot) => {
    const time = slot in overrides ? overrides[slot] : normalTimes[slot];
    return time ? [{ attendance_no: person.attendance_no, punched_at: `${date} ${time}` }] : [];
  });
}

/** Normal days for each person on each date. */
export function normalDays(people: RosterRow[], dates: string[]): InboxRows {
  return people.flatMap((person) => dates.flatMap((date) => day(person, date)));
}

/** Extra single punches, `HH:MM:SS` on a date. */
export function punches(person: RosterRow, date: string, ...times: string[]): InboxRows {
  return times.map((time) => ({ attendance_no: person.attendance_no, punched_at: `${date} ${time}` }));
}

/**
 * October 2026 working days on the official calendar: 10-01..07 National Day holidays,
 * Saturday 10-10 a make-up working day, Sunday 10-11 a rest day. 18 days.
 */
export const octoberWorkdays: string[] = [
  "2026-10-08",
  "2026-10-09",
  "2026-10-10",
  ...[12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30].map((d) => `2026-10-${d}`),
];

/**
 * Working days around September's freeze: its appeal window ends on the fifth working day after
 * it, 10-13 (10-01…07 are National Day, 10-10 is a make-up Saturday), so September is 确认 from
 * 10-14 and frozen after that run.
 */
export const daysAroundSeptemberFreeze: string[] = [
  "2026-09-28",
  "2026-09-29",
  "2026-09-30",
  "2026-10-08",
  "2026-10-09",
  "2026-10-12",
  "2026-10-13",
];

export interface EventRow {
  event_id: string;
  staff_id: string;
  rule_code: string;
  points: number;
  event_date: string;
  session: string | null;
  source_ref: string | null;
  void: boolean | null;
  appeal_id: string | null;
}

export function scoreEvents(hall: Warehouse, staffId?: string): Promise<EventRow[]> {
  return hall.query<EventRow & Record<string, unknown>>(
    `select event_id, staff_id, rule_code, points::double as points, event_date::varchar as event_date,
       session, source_ref, void, appeal_id
     from marts.score_events ${staffId ? "where staff_id = $staff" : ""} order by event_id`,
    staffId ? { staff: staffId } : undefined,
  );
}

/** Event ids of a staff member, sorted: the shape most assertions compare against. */
export async function eventIds(hall: Warehouse, staffId: string): Promise<string[]> {
  return (await scoreEvents(hall, staffId)).map((row) => row.event_id);
}

export interface SessionRow {
  work_date: string;
  staff_id: string;
  session: string;
  in_at: string | null;
  out_at: string | null;
  expected_start: string | null;
  expected_end: string | null;
  leave_id: string | null;
  outcome: string;
}

export async function attendanceSession(
  hall: Warehouse,
  staffId: string,
  date: string,
  session: "AM" | "PM",
): Promise<SessionRow | undefined> {
  const rows = await hall.query<SessionRow & Record<string, unknown>>(
    `select work_date::varchar as work_date, staff_id, session,
       strftime(in_at, '%H:%M:%S') as in_at, strftime(out_at, '%H:%M:%S') as out_at,
       strftime(expected_start, '%H:%M:%S') as expected_start, strftime(expected_end, '%H:%M:%S') as expected_end,
       leave_id, outcome
     from marts.attendance_sessions
     where staff_id = $staff and work_date = $date::date and session = $session`,
    { staff: staffId, date, session },
  );
  return rows[0];
}

export interface StaffMonthRow {
  month: string;
  staff_id: string;
  score: number;
  rank: number;
  order_no: number;
  tie_break: string | null;
  grade: string;
  eligible: boolean;
  ineligible_reason: string | null;
  duty_days: number;
  status: string;
}

export function staffMonth(hall: Warehouse, month: string): Promise<StaffMonthRow[]> {
  return hall.query<StaffMonthRow & Record<string, unknown>>(
    `select month, staff_id, score::double as score, rank, order_no, tie_break, grade, eligible,
       ineligible_reason, duty_days, status
     from marts.staff_month where month = $month order by order_no, staff_id`,
    { month },
  );
}

/** One staff member's row in a month; fails with the month's staff list when it is missing. */
export async function staffMonthOf(hall: Warehouse, month: string, staffId: string): Promise<StaffMonthRow> {
  const rows = await staffMonth(hall, month);
  const row = rows.find((r) => r.staff_id === staffId);
  if (!row)
    throw new Error(
      `marts.staff_month has no row for ${staffId} in ${month} (rows: ${rows.map((r) => r.staff_id).join(", ") || "none"})`,
    );
  return row;
}

export interface CaseRow {
  case_id: string;
  staff_id: string;
  trigger: string;
  occurred_on: string;
  event_id: string | null;
  base_tier: string | null;
  aggravating: string | null;
  mitigating: string | null;
  final_tier: string;
  status: string;
  void: boolean | null;
  appeal_id: string | null;
}

export function investigations(hall: Warehouse, staffId?: string): Promise<CaseRow[]> {
  return hall.query<CaseRow & Record<string, unknown>>(
    `select case_id, staff_id, trigger, occurred_on::varchar as occurred_on, event_id, base_tier,
       aggravating, mitigating, final_tier, status, void, appeal_id
     from marts.investigations ${staffId ? "where staff_id = $staff" : ""} order by case_id`,
    staffId ? { staff: staffId } : undefined,
  );
}

/** Looks a case up by id; fails listing the cases there are. */
export async function caseById(hall: Warehouse, caseId: string): Promise<CaseRow> {
  const rows = await investigations(hall);
  const row = rows.find((r) => r.case_id === caseId);
  if (!row)
    throw new Error(
      `marts.investigations has no case ${caseId} (cases: ${rows.map((r) => r.case_id).join(", ") || "none"})`,
    );
  return row;
}

export interface AwardRow {
  month: string;
  award: string;
  winner_id: string;
  winner_name: string;
  decided_by: string | null;
}

export function awards(hall: Warehouse, month: string): Promise<AwardRow[]> {
  return hall.query<AwardRow & Record<string, unknown>>(
    "select month, award, winner_id, winner_name, decided_by from marts.awards where month = $month order by award",
    { month },
  );
}

/** A pause at the window: `[from, to]` or `[from, to, reason]`, times `HH:MM`. */
export type Pause = [string, string] | [string, string, string];

/**
 * One day of window events for a person at their own window: login 08:30, the pauses
 * (暂停 … 恢复), logout 17:00.
 */
export function queueDay(
  person: RosterRow,
  date: string,
  pauses: Pause[] = [],
  window = person.window_no,
): InboxRows {
  return queueEvents(
    person,
    date,
    [
      ["登录", "08:30"],
      ...pauses.flatMap(([from, to, reason]): WindowEvent[] => [
        reason ? ["暂停", from, reason] : ["暂停", from],
        ["恢复", to],
      ]),
      ["退出", "17:00"],
    ],
    window,
  );
}

/** A window event as the queue system logs it: `[event, HH:MM[:SS]]` or `[event, time, reason]`. */
export type WindowEvent = [string, string] | [string, string, string];

/** Window events of a person on a date, in the order given, at their own window unless told otherwise. */
export function queueEvents(
  person: RosterRow,
  date: string,
  events: WindowEvent[],
  window = person.window_no,
): InboxRows {
  return events.map(([name, time, reason]) => ({
    window_no: window,
    queue_login: person.queue_login,
    event: name,
    at: `${date} ${time}`,
    ...(reason ? { reason } : {}),
  }));
}

/** Rows the pipeline quarantined, as `source path:line reason`: empty when a test's inbox is clean. */
export async function quarantined(hall: Warehouse, source?: string): Promise<string[]> {
  const rows = await hall.query<{ text: string }>(
    `select concat_ws(' ', source, path || ':' || coalesce(line::varchar, '-'), reason) as text
     from ops.quarantine ${source ? "where source = $source" : ""} order by path, line`,
    source ? { source } : undefined,
  );
  return rows.map((row) => row.text);
}
