/**
 * The accountability registers of the scale presets: the office confirms a share of the half
 * days of absence (旷工) the generator produced, and staff appeal a share of their late arrivals,
 * some upheld. Ids follow the pipeline's event and case ids, so they name real proposals.
 */
import { workdayAfter } from "./calendar.ts";
import type { Leave, SessionDuty } from "./duty.ts";
import type { Staff } from "./hall-model.ts";
import type { RowRecord } from "./inbox-writer.ts";

export const INVESTIGATION_COLUMNS = [
  "case_id",
  "staff_id",
  "trigger",
  "occurred_on",
  "severity",
  "aggravating",
  "mitigating",
  "decision",
  "merged_into",
  "decided_on",
];
export const APPEAL_COLUMNS = [
  "id",
  "staff_id",
  "target_id",
  "rule_code",
  "event_date",
  "submitted_on",
  "result",
  "resolved_on",
  "note",
];

const GRACE = 600;
/** Enough to exercise the registers at scale without making them the bulk of the inbox. */
const KEEP = 500;

export class Accountability {
  private readonly absences: [Staff, string][] = [];
  private readonly lates: [Staff, string, "AM" | "PM"][] = [];

  /** Records a session with no punch and no approved leave over it, or an unexcused late arrival. */
  observe(member: Staff, day: string, duty: SessionDuty, leaves: readonly Leave[]): void {
    if (leaves.length > 0) return;
    const last = this.absences[this.absences.length - 1];
    if (!duty.present && duty.inPunch === null && duty.outPunch === null) {
      if (this.absences.length < KEEP && !(last?.[0] === member && last[1] === day))
        this.absences.push([member, day]);
    } else if (duty.inPunch !== null && duty.inPunch > (duty.session === "AM" ? 30_600 : 52_200) + GRACE) {
      if (this.lates.length < KEEP) this.lates.push([member, day, duty.session]);
    }
  }

  records(isWorkday: (day: string) => boolean): { investigations: RowRecord[]; appeals: RowRecord[] } {
    const investigations = this.absences
      .filter((_, index) => index % 3 === 0)
      .map(([member, day], index) => ({
        case_id: `INV:R03:${member.id}:${day}`,
        staff_id: member.id,
        severity: index % 5 === 4 ? "较重" : "较轻",
        decision: index % 4 === 3 ? "不予追究" : "已认定",
        decided_on: workdayAfter(day, 3, isWorkday),
      }));
    const appeals = this.lates
      .filter((_, index) => index % 4 === 0)
      .map(([member, day, session], index) => ({
        id: `SS${String(index + 1).padStart(5, "0")}`,
        staff_id: member.id,
        target_id: `ATT_LATE:${member.id}:${day}:${session}`,
        submitted_on: workdayAfter(day, 1, isWorkday),
        result: index % 3 === 0 ? "撤销" : "维持",
        resolved_on: workdayAfter(day, 3, isWorkday),
        note: index % 3 === 0 ? "考勤机故障，经核实撤销" : "理由不成立",
      }));
    return { investigations, appeals };
  }
}
