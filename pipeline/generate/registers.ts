/**
 * The registers people keep: roster, calendar overrides, leave, patrol findings, complaints and
 * commendations. Patrols, complaints and commendations arise while the hall works, so the day
 * loop asks for them day by day; the roster and leave are known up front.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { at, workdayAfter } from "./calendar.ts";
import type { Leave } from "./duty.ts";
import type { Staff } from "./hall-model.ts";
import type { RowRecord } from "./inbox-writer.ts";
import { mobileNumber, personName } from "./names.ts";
import type { Rng } from "./prng.ts";
import type { Time } from "./table-writer.ts";

export const ROSTER_COLUMNS = [
  "staff_id",
  "name",
  "department",
  "window_no",
  "backup_window_no",
  "attendance_no",
  "queue_login",
  "platform_account",
  "start_date",
  "end_date",
];
export const LEAVE_COLUMNS = [
  "id",
  "staff_id",
  "kind",
  "starts_at",
  "ends_at",
  "approval",
  "approver",
  "cover_staff_id",
];
export const PATROL_COLUMNS = [
  "id",
  "at",
  "patroller",
  "window_no",
  "staff_id",
  "finding",
  "away_minutes",
  "case_id",
  "evidence",
  "note",
];
export const COMPLAINT_COLUMNS = [
  "id",
  "received_at",
  "channel",
  "staff_id",
  "category",
  "content",
  "complainant_name",
  "complainant_phone",
  "complexity",
  "finding",
  "at_fault",
  "decided_at",
  "feedback_at",
];
export const COMMENDATION_COLUMNS = ["id", "date", "staff_id", "kind", "verified", "note"];
export const CALENDAR_COLUMNS = ["date", "is_workday", "note"];

export const rosterRecord = (member: Staff): RowRecord => ({
  staff_id: member.id,
  name: member.name,
  department: member.department.name,
  window_no: member.window,
  backup_window_no: member.backupWindow,
  attendance_no: member.attendanceNo,
  queue_login: member.queueLogin,
  platform_account: member.platformAccount,
  start_date: member.startDate,
  end_date: member.endDate,
});

export const leaveRecord = (leave: Leave): RowRecord => ({
  id: leave.id,
  staff_id: leave.staff.id,
  kind: leave.kind,
  starts_at: leave.from,
  ends_at: leave.to,
  approval: leave.approval,
  approver: leave.approver,
  cover_staff_id: leave.cover,
});

interface RuleName {
  code: string;
  name: string;
  short: string;
}

/** Patrol finding codes and their Chinese names, from the rule book's seed (one source of truth). */
const findingNames: readonly RuleName[] = (() => {
  const seeds = new URL("../../sql/seeds/", import.meta.url);
  const codes = new Set(
    (
      parse(readFileSync(new URL("patrol_findings.csv", seeds)), { columns: true }) as {
        finding_code: string;
      }[]
    ).map((row) => row.finding_code),
  );
  return (
    parse(readFileSync(new URL("rule_codes.csv", seeds)), { columns: true }) as {
      rule_code: string;
      rule_name: string;
      short_name: string;
    }[]
  )
    .filter((row) => codes.has(row.rule_code))
    .map((row) => ({ code: row.rule_code, name: row.rule_name, short: row.short_name }));
})();

export function findingName(code: string): RuleName {
  const found = findingNames.find((entry) => entry.code === code);
  if (!found) throw new Error(`unknown patrol finding code: ${code}`);
  return found;
}

/** Findings a patrol can see at a desk at random (away and case findings are planted, never random). */
const RANDOM_FINDINGS = [
  ["DRESS_BADGE", 30],
  ["DESK_SIGN", 25],
  ["DISC_SMOKE_SNACK", 15],
  ["DESK_CLUTTER", 15],
  ["DISC_ENTERTAIN", 8],
  ["ENV_MESSY", 5],
  ["QUARREL", 2],
] as const;

/** A finding written the three ways registers do: code, full Chinese name, or short name. */
export function spellFinding(code: string, rng: Rng): string {
  const names = findingName(code);
  return rng.weighted([
    [names.code, 50],
    [names.name, 30],
    [names.short, 20],
  ]);
}

export interface PatrolVisit {
  readonly member: Staff;
  readonly at: Time;
}

export function patrolRecord(id: string, visit: PatrolVisit, patroller: string, rng: Rng): RowRecord {
  if (rng.chance(0.94)) {
    return {
      id,
      at: visit.at,
      patroller,
      window_no: visit.member.window,
      staff_id: visit.member.id,
      finding: "正常",
    };
  }
  const code = rng.weighted(RANDOM_FINDINGS);
  const windowOnly = rng.chance(0.3);
  return {
    id,
    at: visit.at,
    patroller,
    window_no: visit.member.window,
    staff_id: windowOnly ? null : visit.member.id,
    finding: spellFinding(code, rng),
    evidence: `JK${id.slice(2)}`,
    note: `巡查发现：${findingName(code).short}`,
  };
}

export interface Complainant {
  readonly name: string;
  readonly phone: string;
}

const COMPLAINT_CATEGORIES = [
  ["态度/刁难", 30],
  ["未一次性告知", 20],
  ["退件未充分说明理由", 10],
  ["争吵", 10],
  ["不予答复", 10],
  ["办事效率", 20],
] as const;
const COMPLAINT_CHANNELS = ["12345热线", "现场投诉", "意见箱", "政务服务网"];

export interface ComplaintContext {
  readonly isWorkday: (day: string) => boolean;
  readonly lastDay: string;
}

/** A complaint received at `received`, investigated and answered within the limits (or still pending). */
export function complaintRecord(
  id: string,
  member: Staff,
  received: Time,
  context: ComplaintContext,
  rng: Rng,
): { record: RowRecord; complainant: Complainant } {
  const complainant = { name: personName(rng), phone: mobileNumber(rng) };
  const category = rng.weighted(COMPLAINT_CATEGORIES);
  const complex = rng.chance(0.15);
  const finding = rng.weighted([
    ["查实", 35],
    ["部分属实", 15],
    ["不属实", 50],
  ] as const);
  const decidedDay = complex
    ? workdayAfter(received.day, rng.int(1, 3), context.isWorkday)
    : rng.chance(0.9)
      ? received.day
      : workdayAfter(received.day, 1, context.isWorkday);
  const decided: Time = {
    day: decidedDay,
    s:
      decidedDay === received.day
        ? Math.min(at("17:30"), received.s + rng.int(1800, 7200))
        : at("10:00") + rng.int(0, 6 * 3600),
  };
  const feedbackDay = rng.chance(0.85) ? decidedDay : workdayAfter(decidedDay, 1, context.isWorkday);
  const feedback: Time = {
    day: feedbackDay,
    s:
      feedbackDay === decidedDay
        ? Math.min(at("18:00"), decided.s + rng.int(600, 3600))
        : at("09:30") + rng.int(0, 3 * 3600),
  };
  const pending = decided.day > context.lastDay || rng.chance(0.05);
  const record: RowRecord = {
    id,
    received_at: received,
    channel: rng.pick(COMPLAINT_CHANNELS),
    staff_id: member.id,
    category,
    content: `投诉人反映${member.window}号窗口工作人员${category === "办事效率" ? "办事拖沓" : category}`,
    complainant_name: complainant.name,
    complainant_phone: complainant.phone,
    complexity: complex ? "复杂" : "简单",
    finding: pending ? null : finding,
    at_fault: pending ? null : finding === "不属实" ? "其他" : rng.chance(0.85) ? "窗口工作人员" : "其他",
    decided_at: pending ? null : decided,
    feedback_at: pending || feedback.day > context.lastDay ? null : feedback,
  };
  return { record, complainant };
}

const COMMENDATION_KINDS = [
  ["表扬信", 30],
  ["锦旗", 15],
  ["镜框", 5],
  ["口头表扬", 25],
  ["建议采纳", 15],
  ["市级表扬", 7],
  ["省级表扬", 3],
] as const;

export function commendationRecord(id: string, member: Staff, day: string, rng: Rng): RowRecord {
  const kind = rng.weighted(COMMENDATION_KINDS);
  return {
    id,
    date: day,
    staff_id: member.id,
    kind,
    verified: rng.chance(0.8) ? "是" : "否",
    note: kind === "建议采纳" ? "关于优化取号流程的建议" : `群众${kind}，感谢${member.window}号窗口热情服务`,
  };
}
