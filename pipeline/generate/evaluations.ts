/**
 * The evaluators (评价器/好差评): most served tickets are rated a minute or two after they end,
 * mostly 非常满意/满意. Every 差评 carries a comment; most are put right within a few working days.
 */
import { at, workdayAfter } from "./calendar.ts";
import type { Rng } from "./prng.ts";
import type { Ticket } from "./queue.ts";
import type { Cell, Time } from "./table-writer.ts";

export const EVALUATION_COLUMNS = [
  "id",
  "at",
  "level",
  "channel",
  "window_no",
  "queue_login",
  "ticket_no",
  "comment",
  "rectified_at",
] as const;

const LEVELS = [
  ["非常满意", 70],
  ["满意", 22],
  ["基本满意", 5],
  ["不满意", 2],
  ["非常不满意", 1],
] as const;
const CHANNELS = [
  ["评价器", 75],
  ["政务服务网", 10],
  ["“好差评”小程序", 10],
  ["短信", 5],
] as const;
const COMPLAINTS = [
  "等候时间太长",
  "工作人员态度冷淡",
  "材料要求讲得不清楚，跑了两趟",
  "系统太慢",
  "窗口中途离开没有说明",
];

/** A pressing staff member's delay wobbles by up to 2 s, taken from the citizen's draw. */
const pressedBy = (pressedAfter: number | undefined, drawn: number) =>
  pressedAfter === undefined ? drawn : pressedAfter + (drawn % 3);

export interface Evaluation {
  readonly id: string;
  readonly at: Time;
  readonly level: string;
  readonly bad: boolean;
  readonly rectified: Time | null;
}

/**
 * `pressedAfter`: the seconds after 办结 at which a staff member presses the evaluator himself
 * (a planted integrity lead); the random delay is still drawn, so the rest of the hall is unchanged.
 */
export function evaluate(
  ticket: Ticket,
  rate: number,
  isWorkday: (day: string) => boolean,
  rng: Rng,
  pressedAfter?: number,
) {
  if (ticket.finished === null || !rng.chance(rate)) return null;
  const level = rng.weighted(LEVELS);
  const bad = level === "不满意" || level === "非常不满意";
  const rectified =
    bad && rng.chance(0.75)
      ? { day: workdayAfter(ticket.day, rng.int(1, 4), isWorkday), s: at("10:00") + rng.int(0, 7 * 3600) }
      : null;
  const evaluation: Evaluation = {
    id: `PJ${ticket.no}`,
    at: { day: ticket.day, s: ticket.finished + pressedBy(pressedAfter, rng.int(5, 120)) },
    level,
    bad,
    rectified,
  };
  // One in ten evaluators sends only the window and the ticket: attributed through the queue login.
  const login = rng.chance(0.9) ? ticket.staff.queueLogin : null;
  const cells: Cell[] = [
    evaluation.id,
    evaluation.at,
    level,
    rng.weighted(CHANNELS),
    ticket.staff.window,
    login,
    ticket.no,
    bad ? rng.pick(COMPLAINTS) : null,
    rectified,
  ];
  return { evaluation, cells };
}
