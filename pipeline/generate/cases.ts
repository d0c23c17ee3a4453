/**
 * The approval platform (审批平台): a 受理 ticket becomes a case entered a few minutes later.
 * 即办件 finish the same day; 承诺件 mostly finish before their deadline (the N-th working day
 * after acceptance), some on it, a few after it or never within the export. Now and then a case
 * is entered late, returned (退件), or — rarely — never entered at all (CASE_NOT_ENTERED).
 */
import { workdayAfter } from "./calendar.ts";
import type { Rng } from "./prng.ts";
import type { Ticket } from "./queue.ts";
import type { Cell, Time } from "./table-writer.ts";

export const CASE_COLUMNS = [
  "case_id",
  "item",
  "kind",
  "promised_days",
  "accepted_at",
  "entered_at",
  "completed_at",
  "status",
  "platform_account",
  "ticket_no",
] as const;

export type CaseStatus = "在办" | "办结" | "退件";

export interface PlatformCase {
  readonly id: string;
  readonly ticket: Ticket;
  readonly promisedDays: number;
  readonly accepted: Time;
  readonly entered: Time;
  readonly completed: Time | null;
  readonly status: CaseStatus;
  readonly deadline: string;
  readonly lateEntry: boolean;
}

export interface CaseContext {
  readonly isWorkday: (day: string) => boolean;
  /** The export's last day: nothing completes after it. */
  readonly lastDay: string;
}

const DAY_START = 9 * 3600;
const DAY_SPAN = 8 * 3600;

export function caseFor(ticket: Ticket, context: CaseContext, rng: Rng): PlatformCase | null {
  if (ticket.outcome !== "受理" || ticket.finished === null) return null;
  const { isWorkday, lastDay } = context;
  const promisedDays = ticket.item.promisedDays;
  const accepted: Time = { day: ticket.day, s: ticket.finished - rng.int(30, 180) };
  const lateEntry = rng.chance(0.02);
  const entered: Time = lateEntry
    ? { day: workdayAfter(ticket.day, 1, isWorkday), s: DAY_START + rng.int(0, 7200) }
    : { day: ticket.day, s: accepted.s + rng.int(60, 1200) };
  const deadline = workdayAfter(ticket.day, promisedDays, isWorkday);
  let status: CaseStatus = "办结";
  let completedDay: string;
  const fate = rng.next();
  if (promisedDays === 0) {
    // a 即办件 left to the next day raises R04 (rules.md §10): rare in a hall that is watched
    completedDay = fate < 0.002 ? workdayAfter(ticket.day, 1, isWorkday) : ticket.day;
    if (fate > 0.99) status = "退件";
  } else {
    // overdue cases raise R02 (rules.md §10), so they are as rare as in a hall under 限时办结
    const offset =
      fate < 0.75
        ? rng.int(1, Math.max(1, promisedDays - 1))
        : fate < 0.95
          ? promisedDays
          : fate < 0.953
            ? promisedDays + rng.int(1, 4)
            : rng.int(1, promisedDays);
    completedDay = workdayAfter(ticket.day, offset, isWorkday);
    if (fate >= 0.953 && fate < 0.975) status = "退件";
    else if (fate >= 0.998) status = "在办";
  }
  const sameDay = completedDay === ticket.day;
  const completedAt = sameDay
    ? Math.min(
        86_000,
        entered.day === ticket.day ? entered.s + rng.int(300, 3600) : accepted.s + rng.int(300, 3600),
      )
    : DAY_START + rng.int(0, DAY_SPAN);
  const completed: Time | null =
    status === "在办" || completedDay > lastDay ? null : { day: completedDay, s: completedAt };
  return {
    id: `BJ${ticket.no}`,
    ticket,
    promisedDays,
    accepted,
    entered,
    completed,
    status: completed === null ? "在办" : status,
    deadline,
    lateEntry,
  };
}

export const caseCells = (platformCase: PlatformCase): Cell[] => [
  platformCase.id,
  platformCase.ticket.item.name,
  platformCase.promisedDays === 0 ? "即办件" : "承诺件",
  platformCase.promisedDays,
  platformCase.accepted,
  platformCase.entered,
  platformCase.completed,
  platformCase.status,
  platformCase.ticket.staff.platformAccount,
  platformCase.ticket.no,
];
