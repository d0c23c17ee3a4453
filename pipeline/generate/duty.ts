/**
 * Who is at the hall when: leave (请假/公出) and, per staff member, working day and session, the
 * punches and the minutes at the window. Attendance, the queue and patrols all read this one plan,
 * so a person on leave neither punches nor serves tickets. Random habits (late, early, missing
 * punches, absences) are drawn from a stream per staff member and day; the scenario can reserve
 * a day (no random anomaly) or force a session outright.
 */
import { at } from "./calendar.ts";
import { onRoster, type Staff } from "./hall-model.ts";
import type { Rng } from "./prng.ts";
import type { Time } from "./table-writer.ts";

export type Session = "AM" | "PM";
export const SESSIONS: readonly Session[] = ["AM", "PM"];
export const HOURS: Readonly<Record<Session, readonly [number, number]>> = {
  AM: [at("08:30"), at("12:00")],
  PM: [at("14:30"), at("17:00")],
};
const GRACE = 600;

export type Approval = "已批准" | "未批准" | "待审批";

export interface Leave {
  readonly id: string;
  readonly staff: Staff;
  readonly kind: string;
  readonly from: Time;
  readonly to: Time;
  readonly approval: Approval;
  readonly approver: string;
  readonly cover: string | null;
}

/** What the scenario dictates for one session; fields left out follow the normal habits. */
export interface ForcedSession {
  readonly present?: boolean;
  readonly inPunch?: number | null;
  readonly outPunch?: number | null;
  /** Further punches (e.g. a repeat within 60 s). */
  readonly extra?: readonly number[];
  /** false: punches as told but never logs in at the window that session (no window events, no tickets). */
  readonly atWindow?: boolean;
}

export interface SessionDuty {
  readonly session: Session;
  readonly present: boolean;
  readonly inPunch: number | null;
  readonly outPunch: number | null;
  readonly extra: readonly number[];
  /** At the window from … to (seconds), when present. */
  readonly from: number;
  readonly to: number;
}

export interface DutyRules {
  /** `staffId|day`: no random leave or anomaly on that day. */
  readonly reserved: ReadonlySet<string>;
  /** `staffId|day|session`. */
  readonly forced: ReadonlyMap<string, ForcedSession>;
}

export const dayKey = (staff: Staff, day: string) => `${staff.id}|${day}`;

const LEAVE_KINDS = [
  ["事假", 30],
  ["病假", 20],
  ["年休假", 20],
  ["公出", 15],
  ["会议", 8],
  ["培训", 7],
] as const;

type LeaveShape = "day" | "AM" | "PM" | "start" | "end";

/** The leave interval of a shape on a day. */
export function leaveSpan(shape: LeaveShape, rng: Rng): [number, number] {
  switch (shape) {
    case "day":
      return [at("08:30"), at("17:00")];
    case "AM":
      return [at("08:30"), at("12:00")];
    case "PM":
      return [at("14:30"), at("17:00")];
    case "start":
      return [at("08:00"), at("09:00") + rng.int(0, 4) * 900];
    case "end":
      return [at("15:00") + rng.int(0, 4) * 900, at("17:30")];
  }
}

export function randomLeaves(
  staff: readonly Staff[],
  workdays: readonly string[],
  rng: Rng,
  rules: DutyRules,
  approverOf: (member: Staff) => string,
  coverOf: (member: Staff) => string | null,
): Leave[] {
  const leaves: Leave[] = [];
  for (const member of staff) {
    const draw = rng.fork(`leave:${member.id}`);
    for (const day of workdays) {
      if (!draw.chance(0.02) || !onRoster(member, day) || rules.reserved.has(dayKey(member, day))) continue;
      const shape = draw.weighted<LeaveShape>([
        ["day", 40],
        ["AM", 20],
        ["PM", 20],
        ["start", 10],
        ["end", 10],
      ]);
      const [from, to] = leaveSpan(shape, draw);
      leaves.push({
        id: `QJ${day.replaceAll("-", "")}${member.id}`,
        staff: member,
        kind: draw.weighted(LEAVE_KINDS),
        from: { day, s: from },
        to: { day, s: to },
        approval: draw.weighted<Approval>([
          ["已批准", 88],
          ["未批准", 6],
          ["待审批", 6],
        ]),
        approver: approverOf(member),
        cover: coverOf(member),
      });
    }
  }
  return leaves;
}

/** Normal habits: in 08:15–08:38 (14:12–14:38), out 12:00–12:12 (17:00–17:15). */
function usualPunches(session: Session, rng: Rng): [number, number] {
  const [start, end] = HOURS[session];
  const early = session === "AM" ? 900 : 1080;
  return [start - early + Math.floor(rng.next() ** 0.7 * (early + 480)), end + rng.int(0, 720)];
}

export function planSession(
  member: Staff,
  day: string,
  session: Session,
  leaves: readonly Leave[],
  rules: DutyRules,
  rng: Rng,
): SessionDuty {
  const [start, end] = HOURS[session];
  let [inPunch, outPunch]: [number | null, number | null] = usualPunches(session, rng);
  let present = true;
  let extra: number[] = [];
  // Leave moves the punches whether approved or not: the person is away either way.
  for (const leave of leaves) {
    if (leave.from.day !== day) continue;
    const [from, to] = [leave.from.s, leave.to.s];
    if (from <= start && to >= end) present = false;
    else if (from <= start && to > start) inPunch = to + rng.int(60, 480);
    else if (from < end && to >= end) outPunch = from + rng.int(0, 240);
  }
  const forced = rules.forced.get(`${member.id}|${day}|${session}`);
  if (forced) {
    present = forced.present ?? present;
    if (forced.inPunch !== undefined) inPunch = forced.inPunch;
    if (forced.outPunch !== undefined) outPunch = forced.outPunch;
    extra = [...(forced.extra ?? [])];
  } else if (present && !rules.reserved.has(dayKey(member, day))) {
    const habit = rng.next();
    if (habit < 0.0015) present = false;
    else if (habit < 0.0215) inPunch = start + GRACE + rng.int(1, 2100);
    else if (habit < 0.0315) outPunch = end - rng.int(300, 2400);
    else if (habit < 0.0365) inPunch = null;
    else if (habit < 0.0425) outPunch = null;
    if (inPunch !== null && rng.chance(0.03)) extra = [inPunch + rng.int(5, 55)];
  }
  if (!present) return { session, present, inPunch: null, outPunch: null, extra: [], from: start, to: start };
  const from = Math.max(start, (inPunch ?? start) + 120);
  const to = forced?.atWindow === false ? from : Math.min(end, (outPunch ?? end) - 60);
  return { session, present, inPunch, outPunch, extra, from, to: Math.max(from, to) };
}
