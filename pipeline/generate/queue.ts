/**
 * The queue system (叫号系统): one staff member's tickets and window events in one session.
 * Tickets are drawn with the hall's morning and afternoon peaks and served one after another
 * around the window's pauses; what a ticket turns into (evaluation, case) is the caller's.
 */
import { at } from "./calendar.ts";
import type { SessionDuty } from "./duty.ts";
import type { Staff } from "./hall-model.ts";
import type { Rng } from "./prng.ts";

export interface Item {
  readonly name: string;
  /** Promised working days when it is a 承诺件; 0 = 即办件. */
  readonly promisedDays: number;
}

/** Items by department kind (hall-model DEPARTMENT_KINDS order). */
const ITEMS: readonly (readonly Item[])[] = [
  [
    { name: "个体工商户设立登记", promisedDays: 0 },
    { name: "企业变更登记", promisedDays: 3 },
    { name: "食品经营许可", promisedDays: 10 },
    { name: "企业注销登记", promisedDays: 5 },
  ],
  [
    { name: "社会保险参保登记", promisedDays: 0 },
    { name: "失业保险金申领", promisedDays: 5 },
    { name: "职工退休审批", promisedDays: 10 },
    { name: "社保卡补换", promisedDays: 0 },
  ],
  [
    { name: "不动产转移登记", promisedDays: 5 },
    { name: "不动产抵押登记", promisedDays: 3 },
    { name: "不动产权证书补换证", promisedDays: 10 },
    { name: "不动产登记资料查询", promisedDays: 0 },
  ],
  [
    { name: "居民身份证申领", promisedDays: 0 },
    { name: "户口迁移", promisedDays: 5 },
    { name: "出生登记", promisedDays: 0 },
    { name: "居住证办理", promisedDays: 3 },
  ],
  [
    { name: "发票领用", promisedDays: 0 },
    { name: "税务登记信息变更", promisedDays: 0 },
    { name: "个人所得税完税证明开具", promisedDays: 0 },
    { name: "增值税留抵退税申请", promisedDays: 10 },
  ],
  [
    { name: "医保关系转移接续", promisedDays: 5 },
    { name: "门诊慢特病待遇认定", promisedDays: 10 },
    { name: "医保参保信息查询", promisedDays: 0 },
  ],
  [
    { name: "住房公积金提取", promisedDays: 3 },
    { name: "公积金贷款申请", promisedDays: 10 },
    { name: "缴存证明开具", promisedDays: 0 },
  ],
  [
    { name: "商品房预售许可", promisedDays: 10 },
    { name: "建筑工程施工许可", promisedDays: 5 },
    { name: "房屋租赁登记备案", promisedDays: 0 },
  ],
  [
    { name: "道路运输经营许可", promisedDays: 10 },
    { name: "网约车驾驶员证申领", promisedDays: 5 },
    { name: "道路运输证补发", promisedDays: 0 },
  ],
  [
    { name: "婚姻登记", promisedDays: 0 },
    { name: "最低生活保障申请", promisedDays: 10 },
    { name: "殡葬补贴申领", promisedDays: 5 },
  ],
];

export type Outcome = "受理" | "咨询" | "补正告知" | "不予受理" | "过号" | "转窗";
const OUTCOMES: readonly (readonly [Outcome, number])[] = [
  ["受理", 45],
  ["咨询", 28],
  ["补正告知", 10],
  ["不予受理", 3],
  ["过号", 8],
  ["转窗", 6],
];
/** Service minutes by outcome: [min, max]. */
const SERVICE: Readonly<Record<Outcome, readonly [number, number]>> = {
  受理: [6, 20],
  咨询: [2, 8],
  补正告知: [4, 10],
  不予受理: [3, 8],
  过号: [0, 0],
  转窗: [1, 3],
};

export interface Ticket {
  readonly no: string;
  readonly day: string;
  readonly staff: Staff;
  readonly item: Item;
  readonly outcome: Outcome;
  readonly issued: number;
  readonly called: number;
  readonly started: number | null;
  readonly finished: number | null;
}

export type WindowEvent = "登录" | "暂停" | "恢复" | "退出";

export interface Pause {
  readonly from: number;
  readonly to: number;
  readonly reason: string;
  /** How the pause ends: 恢复 (resume) or 退出 (logged out for the session). */
  readonly closing: "恢复" | "退出";
}

export interface SessionActivity {
  readonly events: readonly (readonly [number, WindowEvent, string])[];
  readonly tickets: readonly Ticket[];
}

/** Half-hour bins of the hall's demand: a morning peak around 10:00, an afternoon one around 15:30. */
const DEMAND = [
  [at("08:20"), 0.8],
  [at("08:50"), 1.4],
  [at("09:20"), 1.6],
  [at("09:50"), 1.5],
  [at("10:20"), 1.2],
  [at("10:50"), 0.8],
  [at("11:20"), 0.4],
  [at("14:20"), 0.9],
  [at("14:50"), 1.3],
  [at("15:20"), 1.4],
  [at("15:50"), 1.1],
  [at("16:20"), 0.5],
] as const;

const PAUSE_REASONS = [
  ["", 25],
  ["如厕", 25],
  ["接听电话", 15],
  ["取资料", 15],
  ["系统故障", 8],
  ["培训", 4],
  ["中心指派任务", 8],
] as const;

export const itemsOf = (staff: Staff): readonly Item[] => ITEMS[staff.department.kind]!;

/** Short pauses, now and then a long one without an excused reason. */
export function randomPauses(duty: SessionDuty, rng: Rng): Pause[] {
  const pauses: Pause[] = [];
  const count = rng.count(0.5);
  for (let i = 0; i < count; i++) {
    const from = rng.int(duty.from + 600, Math.max(duty.from + 600, duty.to - 1200));
    const kind = rng.next();
    const length = kind < 0.008 ? rng.int(1900, 4000) : kind < 0.1 ? rng.int(900, 1700) : rng.int(120, 840);
    const reason = kind < 0.008 ? rng.pick(["", "外出"]) : rng.weighted(PAUSE_REASONS);
    pauses.push({ from, to: Math.min(duty.to, from + length), reason, closing: "恢复" });
  }
  pauses.sort((a, b) => a.from - b.from);
  // A window cannot pause twice at once: drop any pause that starts before the last kept one resumed.
  const kept: Pause[] = [];
  for (const pause of pauses)
    if (kept.length === 0 || pause.from > kept[kept.length - 1]!.to + 60) kept.push(pause);
  return kept;
}

function drawIssueTimes(count: number, duty: SessionDuty, rng: Rng): number[] {
  const bins = DEMAND.filter(([start]) => start + 1800 > duty.from - 600 && start < duty.to - 300);
  if (bins.length === 0) return [];
  const choices = bins.map((bin) => [bin, bin[1]] as const);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const [start] = rng.weighted(choices);
    times.push(Math.min(duty.to - 300, Math.max(duty.from - 600, start + rng.int(0, 1799))));
  }
  return times.sort((a, b) => a - b);
}

export function serveSession(
  staff: Staff,
  day: string,
  duty: SessionDuty,
  pauses: readonly Pause[],
  ticketsPerDay: number,
  firstSeq: number,
  rng: Rng,
): SessionActivity {
  const events: [number, WindowEvent, string][] = [];
  const tickets: Ticket[] = [];
  if (!duty.present || duty.to <= duty.from) return { events, tickets };
  events.push([duty.from - rng.int(0, 90), "登录", ""]);
  const items = itemsOf(staff);
  const minutes = (duty.to - duty.from) / 60;
  const issued = drawIssueTimes(rng.count((ticketsPerDay * minutes) / 360), duty, rng);
  let cursor = duty.from;
  let seq = firstSeq;
  const prefix = `${day.replaceAll("-", "")}${staff.window}`;
  for (const issuedAt of issued) {
    let called = Math.max(issuedAt + rng.int(20, 120), cursor);
    for (const pause of pauses)
      if (called >= pause.from && called < pause.to) called = pause.to + rng.int(10, 60);
    if (called > duty.to) break;
    const outcome = rng.weighted(OUTCOMES);
    const [low, high] = SERVICE[outcome];
    const started = outcome === "过号" ? null : called + rng.int(15, 90);
    const finished = started === null ? null : started + rng.int(low * 60, high * 60);
    tickets.push({
      no: `${prefix}${String(seq++).padStart(3, "0")}`,
      day,
      staff,
      item: rng.pick(items),
      outcome,
      issued: issuedAt,
      called,
      started,
      finished,
    });
    cursor = (finished ?? called + 60) + rng.int(5, 45);
  }
  for (const pause of pauses) {
    events.push([pause.from, "暂停", pause.reason]);
    events.push([pause.to, pause.closing, ""]);
  }
  if (!pauses.some((pause) => pause.closing === "退出"))
    events.push([Math.max(duty.to, cursor) + rng.int(10, 90), "退出", ""]);
  events.sort((a, b) => a[0] - b[0]);
  return { events, tickets };
}
