/**
 * Issue 17 part 2: 好差评 integrity leads (疑似异常评价) for the inspectors, never points. Each
 * pattern on a small hand-built hall with exact ids, at the boundaries of its configured numbers:
 * impossible timing (before the call, or later than the tolerance after the window's next call),
 * unserved tickets, bursts, machine-like delays, and 差评 rewritten or removed by a later export.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stamp } from "../pipeline/generate/calendar.ts";
import { HOURS, SESSIONS } from "../pipeline/generate/duty.ts";
import { EVALUATION_COLUMNS, evaluate } from "../pipeline/generate/evaluations.ts";
import type { Staff } from "../pipeline/generate/hall-model.ts";
import { Rng } from "../pipeline/generate/prng.ts";
import { randomPauses, serveSession } from "../pipeline/generate/queue.ts";
import type { Time } from "../pipeline/generate/table-writer.ts";
import type { InboxRows } from "./support/hall.ts";
import { type Hall, runHall } from "./support/hall.ts";
import { normalDays, staff } from "./support/rules.ts";

const DAY = "2026-10-12";

/** `HH:MM:SS` plus seconds, on DAY. */
function at(time: string, plusSeconds = 0): string {
  const [h, m, s] = time.split(":").map(Number) as [number, number, number];
  const total = h * 3600 + m * 60 + s + plusSeconds;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAY} ${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

interface TicketSpec {
  no: string;
  n: number;
  called: string | null;
  started?: string | null;
  finished?: string | null;
  outcome?: string;
}

const ticket = ({ no, n, called, started = null, finished = null, outcome = "咨询" }: TicketSpec) => ({
  ticket_no: no,
  issued_at: at("08:30:00"),
  called_at: called,
  started_at: started,
  finished_at: finished,
  window_no: staff(n).window_no,
  queue_login: staff(n).queue_login,
  outcome,
});

const rated = (id: string, time: string, ticketNo: string, level = "非常满意") => ({
  id,
  at: time,
  level,
  ticket_no: ticketNo,
});

const atWindow = (id: string, time: string, n: number, level = "非常满意", rectified_at?: string) => ({
  id,
  at: time,
  level,
  window_no: staff(n).window_no,
  staff_id: staff(n).staff_id,
  rectified_at,
});

// S0001 at A01: impossible timing, with the 120 s tolerance on both sides.
const timingTickets = [
  ticket({ no: "T101", n: 1, called: at("09:00:00"), started: at("09:00:30"), finished: at("09:10:00") }),
  ticket({ no: "T102", n: 1, called: at("09:10:30"), started: at("09:11:00"), finished: at("09:20:00") }),
  ticket({ no: "T103", n: 1, called: at("10:00:00"), started: at("10:00:30"), finished: at("10:05:00") }),
  ticket({ no: "T104", n: 1, called: at("10:06:00"), started: at("10:06:30"), finished: at("10:15:00") }),
  ticket({ no: "T105", n: 1, called: at("11:00:00"), started: at("11:00:30"), finished: at("11:05:00") }),
  ticket({ no: "T106", n: 1, called: at("11:06:00"), started: at("11:06:30"), finished: at("11:10:00") }),
];
const timingEvaluations = [
  // T102 is called at 09:10:30: a rating of it at 09:05 comes before its service
  rated("E-EARLY", at("09:05:00"), "T102"),
  // T101 is rated at 09:20, ten minutes after the window called T102
  rated("E-LATE", at("09:20:00"), "T101"),
  // exactly 120 s after the next call (T104 10:06:00): within the tolerance
  rated("E-EDGE-LATE-OK", at("10:08:00"), "T103"),
  // 121 s after the next call (T106 11:06:00)
  rated("E-EDGE-LATE", at("11:08:01"), "T105"),
  // exactly 120 s before its own call (T106 11:06:00): within the tolerance
  rated("E-EDGE-EARLY-OK", at("11:04:00"), "T106"),
];

// S0002 at A02: evaluations of tickets never served.
const unservedTickets = [
  ticket({ no: "U1", n: 2, called: at("09:00:00"), outcome: "过号" }),
  ticket({ no: "U2", n: 2, called: at("09:30:00"), outcome: "转窗" }),
  ticket({ no: "U3", n: 2, called: null }),
  // transferred after a short service at this window: the citizen may rate it
  ticket({
    no: "U4",
    n: 2,
    called: at("10:30:00"),
    started: at("10:30:20"),
    finished: at("10:32:00"),
    outcome: "转窗",
  }),
];
const unservedEvaluations = [
  rated("E-NOSHOW", at("09:01:00"), "U1"),
  rated("E-TRANSFER", at("09:31:00"), "U2"),
  rated("E-UNCALLED", at("10:00:00"), "U3"),
  rated("E-TRANSFER-SERVED", at("10:32:30"), "U4"),
];

// S0003 at A03: bursts (> 3 evaluations within 10 minutes, no ticket finished in between).
const burstTickets = [
  ticket({ no: "B1", n: 3, called: at("14:30:00"), started: at("14:30:20"), finished: at("14:40:00") }),
  ticket({ no: "B2", n: 3, called: at("15:00:00"), started: at("15:00:20"), finished: at("15:05:00") }),
  ticket({ no: "B3", n: 3, called: at("15:06:00"), started: at("15:06:20"), finished: at("15:10:00") }),
];
const burstEvaluations = [
  // four after B1's finish within 3 min 30 s: a burst
  rated("E-B1", at("14:40:30"), "B1"),
  atWindow("E-BURST-2", at("14:41:00"), 3),
  atWindow("E-BURST-3", at("14:42:00"), 3),
  atWindow("E-BURST-4", at("14:44:00"), 3),
  // four within 10 minutes, but B3 finishes between the second and the third
  rated("E-B2", at("15:05:30"), "B2"),
  atWindow("E-SPLIT-2", at("15:06:30"), 3),
  rated("E-B3", at("15:10:30"), "B3"),
  atWindow("E-SPLIT-4", at("15:11:00"), 3),
  // four spread over 10 min 1 s: never more than 3 within any 10 minutes
  atWindow("E-SPREAD-1", at("16:00:00"), 3),
  atWindow("E-SPREAD-2", at("16:03:00"), 3),
  atWindow("E-SPREAD-3", at("16:06:00"), 3),
  atWindow("E-SPREAD-4", at("16:10:01"), 3),
  // exactly 3 within a minute: not more than 3
  atWindow("E-THREE-1", at("16:30:00"), 3),
  atWindow("E-THREE-2", at("16:30:20"), 3),
  atWindow("E-THREE-3", at("16:30:40"), 3),
  // a second burst later, still without a ticket finished since 15:10: a lead of its own
  ...["16:50:00", "16:51:00", "16:52:00", "16:53:00"].map((time, i) =>
    atWindow(`E-AGAIN-${i + 1}`, at(time), 3),
  ),
];

/**
 * One person's rated tickets at their window, ten minutes apart from 08:30 on the given days,
 * each rated the given seconds after its 办结 (tickets `<prefix>01`…, evaluations `E-<prefix>01`…).
 */
function ratedTickets(n: number, prefix: string, delays: number[]) {
  const tickets: InboxRows = [];
  const evaluations: InboxRows = [];
  delays.forEach((delay, index) => {
    const start = index * 600;
    const no = `${prefix}${String(index + 1).padStart(2, "0")}`;
    tickets.push(
      ticket({
        no,
        n,
        called: at("08:30:00", start),
        started: at("08:30:00", start + 20),
        finished: at("08:30:00", start + 300),
      }),
    );
    evaluations.push(rated(`E-${no}`, at("08:30:00", start + 300 + delay), no));
  });
  return { tickets, evaluations };
}

const cycle = (values: number[], length: number) =>
  Array.from({ length }, (_, i) => values[i % values.length]!);
// S0004: 18 of 20 within 3 s of the median (exactly 90 %): machine-like
const constant = ratedTickets(4, "D", [...cycle([10, 11, 12, 13], 18), 60, 90]);
// S0005: 17 of 20 (85 %): not
const almost = ratedTickets(5, "N", [...cycle([10, 11, 12, 13], 17), 60, 90, 100]);
// S0006: 19 ratings all 10 s after 办结: fewer than 20
const few = ratedTickets(6, "F", cycle([10], 19));
// S0007: citizens at their own pace
const spread = ratedTickets(
  7,
  "P",
  Array.from({ length: 30 }, (_, i) => 5 + ((i * 37) % 116)),
);

// S0008: 差评 rewritten by later exports (files load in name order).
const rewriteFiles = {
  "1-评价_10-12.csv": [
    atWindow("R-GOOD", at("09:00:00"), 8, "非常不满意"),
    atWindow("R-NEUTRAL", at("09:10:00"), 8, "不满意"),
    atWindow("R-GONE", at("09:20:00"), 8, "不满意"),
    atWindow("R-KEPT", at("09:30:00"), 8, "不满意"),
    atWindow("R-FILL", at("09:40:00"), 8, "满意"),
  ],
  // re-exports 4 of the 5 ids: R-GONE is left out
  "2-评价_10-12_重新导出.csv": [
    atWindow("R-GOOD", at("09:00:00"), 8, "非常满意"),
    atWindow("R-NEUTRAL", at("09:10:00"), 8, "基本满意"),
    atWindow("R-KEPT", at("09:30:00"), 8, "不满意", "2026-10-14 10:00:00"),
    atWindow("R-FILL", at("09:40:00"), 8, "满意"),
  ],
  "3-评价_10-13.csv": [
    atWindow("R-BAD", "2026-10-13 09:00:00", 8, "非常不满意"),
    atWindow("R-FILL-2", "2026-10-13 09:10:00", 8, "满意"),
    atWindow("R-FILL-3", "2026-10-13 09:20:00", 8, "满意"),
    atWindow("R-FILL-4", "2026-10-13 09:30:00", 8, "满意"),
  ],
  // repeats 1 of the 4 ids (25 %): a correction, not a re-export, so R-BAD is not removed
  "4-评价_补录.csv": [atWindow("R-FILL-2", "2026-10-13 09:10:00", 8, "非常满意")],
};

const people = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => staff(n));

type FlagRow = {
  flag_id: string;
  pattern: string;
  staff_id: string | null;
  window_no: string | null;
  evaluation_ids: string;
  evaluations: number;
};

const flagsOf = (hall: Hall, pattern: string) =>
  hall.query<FlagRow>(
    `select flag_id, pattern, staff_id, window_no, evaluation_ids, evaluations
     from marts.evaluation_flags where pattern = $pattern order by flag_id`,
    { pattern },
  );

const evidenceOf = async (hall: Hall, flagId: string) =>
  (
    await hall.query<{ evidence: string; rule: string }>(
      "select evidence, rule from marts.evaluation_flags where flag_id = $flagId",
      { flagId },
    )
  )[0];

describe("好差评 integrity leads (marts.evaluation_flags)", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: people,
        attendance: normalDays(people, ["2026-10-12", "2026-10-13"]),
        queue: [
          ...timingTickets,
          ...unservedTickets,
          ...burstTickets,
          ...constant.tickets,
          ...almost.tickets,
          ...few.tickets,
          ...spread.tickets,
        ],
        evaluations: {
          "0-评价.csv": [
            ...timingEvaluations,
            ...unservedEvaluations,
            ...burstEvaluations,
            ...constant.evaluations,
            ...almost.evaluations,
            ...few.evaluations,
            ...spread.evaluations,
          ],
          ...rewriteFiles,
        },
      },
      { asOf: "2026-11-04" },
    );
  }, 300_000);
  afterAll(() => hall?.cleanup());

  it("flags an evaluation before its ticket's call or over 120 s after the window's next call", async () => {
    expect(await flagsOf(hall, "评价时间不可能")).toEqual([
      {
        flag_id: "EVF_TIMING:E-EARLY",
        pattern: "评价时间不可能",
        staff_id: "S0001",
        window_no: "A01",
        evaluation_ids: "E-EARLY",
        evaluations: 1,
      },
      {
        flag_id: "EVF_TIMING:E-EDGE-LATE",
        pattern: "评价时间不可能",
        staff_id: "S0001",
        window_no: "A01",
        evaluation_ids: "E-EDGE-LATE",
        evaluations: 1,
      },
      {
        flag_id: "EVF_TIMING:E-LATE",
        pattern: "评价时间不可能",
        staff_id: "S0001",
        window_no: "A01",
        evaluation_ids: "E-LATE",
        evaluations: 1,
      },
    ]);
    expect(await evidenceOf(hall, "EVF_TIMING:E-EARLY")).toEqual({
      evidence:
        "疑似评价时间不可能：评价 E-EARLY 作于 2026-10-12 09:05:00，早于其流水号 T102 的叫号时间 09:10:30，评价的不是这次服务",
      rule: "评价时间比所评流水号的叫号早、或比同一窗口叫下一号晚 120 秒以上",
    });
    expect((await evidenceOf(hall, "EVF_TIMING:E-LATE"))?.evidence).toBe(
      "疑似评价时间不可能：评价 E-LATE（流水号 T101）作于 2026-10-12 09:20:00，而窗口 A01 已于 09:10:30 叫下一号 T102，评价的可能是下一位的服务",
    );
  });

  it("flags an evaluation of a ticket never called, 过号, or 转窗 before any service", async () => {
    expect((await flagsOf(hall, "评价未办理的票")).map((flag) => flag.flag_id)).toEqual([
      "EVF_UNSERVED:E-NOSHOW",
      "EVF_UNSERVED:E-TRANSFER",
      "EVF_UNSERVED:E-UNCALLED",
    ]);
    expect((await evidenceOf(hall, "EVF_UNSERVED:E-TRANSFER"))?.evidence).toBe(
      "疑似评价未办理的票：评价 E-TRANSFER 所评的流水号 U2 已转窗且未在本窗口开始办理，没有办理，却在 2026-10-12 09:31:00 得到“好评”",
    );
  });

  it("flags more than 3 evaluations at one window within 10 minutes with no ticket finished between", async () => {
    expect(await flagsOf(hall, "集中评价")).toEqual([
      {
        flag_id: "EVF_BURST:A03:2026-10-12:144030",
        pattern: "集中评价",
        staff_id: "S0003",
        window_no: "A03",
        evaluation_ids: "E-B1、E-BURST-2、E-BURST-3、E-BURST-4",
        evaluations: 4,
      },
      {
        flag_id: "EVF_BURST:A03:2026-10-12:165000",
        pattern: "集中评价",
        staff_id: "S0003",
        window_no: "A03",
        evaluation_ids: "E-AGAIN-1、E-AGAIN-2、E-AGAIN-3、E-AGAIN-4",
        evaluations: 4,
      },
    ]);
    expect(await evidenceOf(hall, "EVF_BURST:A03:2026-10-12:144030")).toEqual({
      evidence:
        "疑似集中刷评：窗口 A03 在 2026-10-12 14:40:30–14:44:00 的 210 秒内有 4 条评价，其间没有办结任何一张票",
      rule: "同一窗口 10 分钟内评价超过 3 条，其间没有办结",
    });
  });

  it("flags a person with at least 90 % of at least 20 ratings within 3 s of their median delay", async () => {
    expect(await flagsOf(hall, "评价间隔固定")).toEqual([
      {
        flag_id: "EVF_DELAY:S0004:2026-10",
        pattern: "评价间隔固定",
        staff_id: "S0004",
        window_no: null,
        evaluation_ids: constant.evaluations
          .slice(0, 18)
          .map((row) => row.id)
          .join("、"),
        evaluations: 18,
      },
    ]);
    expect((await evidenceOf(hall, "EVF_DELAY:S0004:2026-10"))?.evidence).toBe(
      "疑似代为评价：S0004 在 2026-10 有办结时间的 20 条评价中，18 条（90.0%）在办结后 10–13 秒作出，间隔几乎固定；全中心同月只有 56.1% 的评价这样集中",
    );
  });

  it("flags a 差评 a later export made 好评 or 中评, or a re-export left out", async () => {
    expect((await flagsOf(hall, "差评被改写")).map((flag) => flag.flag_id)).toEqual([
      "EVF_REWRITE:R-GONE",
      "EVF_REWRITE:R-GOOD",
      "EVF_REWRITE:R-NEUTRAL",
    ]);
    expect((await evidenceOf(hall, "EVF_REWRITE:R-GOOD"))?.evidence).toBe(
      "疑似差评被改写：评价 R-GOOD 在 evaluations/1-评价_10-12.csv:2 为差评（1 级），之后 evaluations/2-评价_10-12_重新导出.csv:2 改为 5 级（好评）",
    );
    expect((await evidenceOf(hall, "EVF_REWRITE:R-GONE"))?.evidence).toBe(
      "疑似差评被删除：评价 R-GONE 在 evaluations/1-评价_10-12.csv:4 为差评（2 级），之后重新导出的 evaluations/2-评价_10-12_重新导出.csv 不再含这条评价",
    );
  });

  it("scores nothing, and gives the share of the month's evaluations that a lead names", async () => {
    expect(await hall.query("select count(*)::integer as n from marts.score_events")).toEqual([{ n: 0 }]);
    expect(
      await hall.query(
        "select month, evaluations, flags, flagged_evaluations from marts.evaluation_flag_month order by month",
      ),
    ).toEqual([{ month: "2026-10", evaluations: 126, flags: 12, flagged_evaluations: 35 }]);
  });

  it("flags nobody for constant delays when the hall's delays are as concentrated", async () => {
    // with 50 % the hall itself (56.1 % of its ratings within 3 s of its median) is not spread out
    const stricter = await hall.rerun({ config: { evaluation_flags: { delay_share: 0.5 } } });
    expect(await flagsOf(stricter, "评价间隔固定")).toEqual([]);
  }, 300_000);
});

/**
 * The generator's ordinary traffic (queue.ts, evaluations.ts): four people at their windows for two
 * days, nine in ten served tickets rated, every one by its citizen a few seconds to two minutes after
 * 办结. Nobody presses the evaluator, so no lead may come out of it.
 */
function ordinaryTraffic(seed: number) {
  const rng = new Rng(seed);
  const department = { name: "市场监管局", kind: 0, head: "S0001" };
  const people = [1, 2, 3, 4].map((n) => staff(n));
  const queue: InboxRows = [];
  const evaluations: InboxRows = [];
  const cell = (value: unknown) =>
    value !== null && typeof value === "object" ? stamp((value as Time).day, (value as Time).s) : value;
  for (const [index, person] of people.entries()) {
    const member: Staff = {
      id: person.staff_id,
      name: person.name,
      department,
      window: person.window_no,
      backupWindow: null,
      attendanceNo: person.attendance_no,
      queueLogin: person.queue_login,
      platformAccount: person.platform_account,
      startDate: person.start_date,
      endDate: null,
    };
    for (const day of ["2026-10-12", "2026-10-13"]) {
      let seq = 1;
      for (const session of SESSIONS) {
        const [start, end] = HOURS[session];
        const duty = {
          session,
          present: true,
          inPunch: start - 300,
          outPunch: end + 300,
          extra: [],
          from: start + 120,
          to: end,
        };
        const activity = serveSession(member, day, duty, randomPauses(duty, rng), 40 + index * 5, seq, rng);
        seq += activity.tickets.length;
        for (const ticket of activity.tickets) {
          const time = (s: number | null) => (s === null ? null : stamp(day, s));
          queue.push({
            ticket_no: ticket.no,
            issued_at: time(ticket.issued),
            called_at: time(ticket.called),
            started_at: time(ticket.started),
            finished_at: time(ticket.finished),
            window_no: member.window,
            queue_login: member.queueLogin,
            outcome: ticket.outcome,
          });
          const rated = evaluate(ticket, 0.9, () => true, rng);
          if (rated)
            evaluations.push(
              Object.fromEntries(
                EVALUATION_COLUMNS.map((column, i) => [column, cell(rated.cells[i])]),
              ) as InboxRows[number],
            );
        }
      }
    }
  }
  return { roster: people, attendance: normalDays(people, ["2026-10-12", "2026-10-13"]), queue, evaluations };
}

describe("ordinary traffic raises no lead", () => {
  it("finds nothing in the generator's ordinary traffic, whatever its seed", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const traffic = ordinaryTraffic(seed);
        const hall = await runHall(traffic, { asOf: "2026-11-04" });
        try {
          const [month] = await hall.query<{ evaluations: number; flags: number }>(
            "select evaluations, flags from marts.evaluation_flag_month where month = '2026-10'",
          );
          // the traffic is rich enough to test the patterns: well over 20 ratings per person
          expect(month?.evaluations).toBe(traffic.evaluations.length);
          expect(traffic.evaluations.length).toBeGreaterThan(4 * 40);
          expect(await hall.query("select flag_id, evidence from marts.evaluation_flags")).toEqual([]);
        } finally {
          await hall.cleanup();
        }
      }),
      { numRuns: 3 },
    );
  }, 600_000);
});
