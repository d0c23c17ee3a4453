/**
 * rules.md §9: score = 100 + the month's non-void points; competition rank; strict order with
 * its tie-breaks (好评率 with "no evaluations" last, 办件量, 扣分事件数, 工号); grades by
 * round-half-up of n × 18 %, n × 2 %, a sanctioned person skipped for 优秀, 末位 only below 100;
 * the cap on additions and the floor under the score, off by default and set in the configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import {
  day,
  normalDays,
  quarantined,
  type RosterRow,
  staff,
  staffMonth,
  staffMonthOf,
} from "./support/rules.ts";

const fri = "2026-10-09";
const month = "2026-10";
const patrol = (id: string, who: RosterRow, code: string) => ({
  id,
  at: `${fri} 10:00`,
  patroller: "巡查员",
  staff_id: who.staff_id,
  finding: code,
});
const late = (who: RosterRow) => day(who, fri, { amIn: "08:45:00" });
const team = (n: number) => Array.from({ length: n }, (_, i) => staff(i + 1));
const summary = async (hall: Hall) =>
  (await staffMonth(hall, month)).map((r) => [r.staff_id, r.score, r.rank, r.order_no, r.tie_break, r.grade]);

describe("§9 score, rank and tie-breaks by 扣分事件数 and 好评率", () => {
  const [s1, s2, s3, s4, s5, s6] = team(6) as [
    RosterRow,
    RosterRow,
    RosterRow,
    RosterRow,
    RosterRow,
    RosterRow,
  ];
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [s1, s2, s3, s4, s5, s6],
        attendance: [
          ...normalDays([s1, s2, s4, s5, s6], [fri]),
          ...day(s3, fri, { amIn: "08:45:00", pmIn: "14:45:00" }),
        ],
        patrol: [
          patrol("P1", s2, "DRESS_BADGE"),
          patrol("P2", s4, "DRESS_BADGE"),
          patrol("P3", s4, "DISC_SMOKE_SNACK"),
          patrol("P4", s5, "DRESS_BADGE"),
          patrol("P5", s5, "DISC_SMOKE_SNACK"),
          patrol("P6", s6, "QUARREL"),
        ],
        // S0005 has one evaluation, and a 0 % rate still sorts before S0004's "no evaluations".
        evaluations: [{ id: "E1", at: `${fri} 10:30`, level: "非常不满意", staff_id: s5.staff_id }],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("ranks 1, 2, 2, 4, 4, 6 with the deciding key named; n = 6 gives one 优秀 and no 末位", async () => {
    // S0001 100 · S0002 98 (1 deduction) · S0003 98 (2 deductions: late AM and PM) ·
    // S0005 97 (0 % good rate) · S0004 97 (no evaluations) · S0006 95.
    // n = 6: 优秀 round(1.08) = 1, 末位 round(0.12) = 0 (S0006 at 95 stays 合格).
    expect(await summary(hall)).toEqual([
      ["S0001", 100, 1, 1, null, "优秀"],
      ["S0002", 98, 2, 2, "扣分事件数", "合格"],
      ["S0003", 98, 2, 3, "扣分事件数", "合格"],
      ["S0005", 97, 4, 4, "好评率", "合格"],
      ["S0004", 97, 4, 5, "好评率", "合格"],
      ["S0006", 95, 6, 6, null, "合格"],
    ]);
  });
});

describe("§9 additions count, tie-breaks by 办件量 and 工号", () => {
  const [s1, s2, s3, s4, s5] = team(5) as [RosterRow, RosterRow, RosterRow, RosterRow, RosterRow];
  const ticket = (no: string, who: RosterRow) => ({
    ticket_no: no,
    issued_at: `${fri} 09:00`,
    called_at: `${fri} 09:05`,
    started_at: `${fri} 09:05`,
    finished_at: `${fri} 09:15`,
    window_no: who.window_no,
    queue_login: who.queue_login,
    outcome: "咨询",
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [s1, s2, s3, s4, s5],
        attendance: [...normalDays([s1, s2], [fri]), ...late(s3), ...late(s4), ...late(s5)],
        queue: [ticket("T1", s1), ticket("T2", s2), ticket("T3", s2)],
        commendations: [{ id: "C1", date: fri, staff_id: s5.staff_id, kind: "锦旗", verified: "是" }],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("score = 100 + additions − deductions", async () => {
    const row = await hall.query<{ s: number; a: number; d: number }>(
      "select score::double as s, addition_points::double as a, deduction_points::double as d from marts.staff_month where staff_id = 'S0005' and month = '2026-10'",
    );
    expect(row).toEqual([{ s: 101, a: 2, d: 1 }]);
  });

  it("orders equal scores by served tickets, then by staff id; n = 5 gives one 优秀", async () => {
    // S0005 101 (+2 − 1) · S0002 100 (2 tickets) · S0001 100 (1 ticket) · S0003 99 · S0004 99.
    // n = 5: 优秀 round(0.9) = 1, 末位 round(0.1) = 0.
    expect(await summary(hall)).toEqual([
      ["S0005", 101, 1, 1, null, "优秀"],
      ["S0002", 100, 2, 2, "办件量", "合格"],
      ["S0001", 100, 2, 3, "办件量", "合格"],
      ["S0003", 99, 4, 4, "工号", "合格"],
      ["S0004", 99, 4, 5, "工号", "合格"],
    ]);
  });
});

describe("§9 grades with n = 10", () => {
  const people = team(10);
  const sanctioned = people[0] as RosterRow;
  const last = people[9] as RosterRow;
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: people,
        attendance: [...normalDays(people.slice(0, 9), [fri]), ...late(last)],
        // A confirmed manual case of 较重 → 取消评优评先资格 in October: S0001 cannot be 优秀.
        investigations: [
          {
            case_id: "M001",
            staff_id: sanctioned.staff_id,
            trigger: "R13",
            occurred_on: fri,
            severity: "较重",
            decision: "已认定",
            decided_on: "2026-10-20",
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("round(10 × 18 %) = 2 优秀, passing over the sanctioned first; round(0.2) = 0 末位", async () => {
    expect(await quarantined(hall)).toEqual([]);
    const grades = (await staffMonth(hall, month)).map((r) => [r.staff_id, r.order_no, r.grade]);
    expect(grades).toEqual([
      ["S0001", 1, "合格"],
      ["S0002", 2, "优秀"],
      ["S0003", 3, "优秀"],
      ...[4, 5, 6, 7, 8, 9].map((n) => [`S000${n}`, n, "合格"]),
      ["S0010", 10, "合格"],
    ]);
    expect((await staffMonthOf(hall, month, "S0001")).eligible).toBe(false);
  });
});

describe("§9 grades with n = 25", () => {
  const people = team(25);
  const gradesOf = async (hall: Hall) =>
    Object.fromEntries((await staffMonth(hall, month)).map((r) => [r.staff_id, r.grade]));
  const expected = (lastGrade: string) =>
    Object.fromEntries(people.map((p, i) => [p.staff_id, i < 5 ? "优秀" : i === 24 ? lastGrade : "合格"]));

  it("round(4.5) = 5 优秀 and round(0.5) = 1 末位 when the last scores below 100", async () => {
    const hall = await runHall(
      {
        roster: people,
        attendance: [...normalDays(people.slice(0, 24), [fri]), ...late(people[24] as RosterRow)],
      },
      { asOf: "2026-11-04" },
    );
    try {
      expect(await gradesOf(hall)).toEqual(expected("末位"));
    } finally {
      await hall.cleanup();
    }
  });

  it("the last in order at 100 is not 末位", async () => {
    const hall = await runHall(
      {
        roster: people,
        attendance: normalDays(people, [fri]),
        commendations: [{ id: "C1", date: fri, staff_id: "S0001", kind: "表扬信", verified: "是" }],
      },
      { asOf: "2026-11-04" },
    );
    try {
      const rows = await staffMonth(hall, month);
      expect(rows.map((r) => [r.staff_id, r.score]).slice(0, 2)).toEqual([
        ["S0001", 102],
        ["S0002", 100],
      ]);
      expect(await gradesOf(hall)).toEqual(expected("合格"));
    } finally {
      await hall.cleanup();
    }
  });
});

describe("§9 the addition cap and the score floor", () => {
  // S0001 +7 (two 表扬信, one 省级表扬); S0002 21 × −5 = −105; S0003 +5 exactly; S0004 20 × −5 = −100
  const [s1, s2, s3, s4] = team(4) as [RosterRow, RosterRow, RosterRow, RosterRow];
  const commend = (id: string, who: RosterRow, kind: string) => ({
    id,
    date: fri,
    staff_id: who.staff_id,
    kind,
    verified: "是",
  });
  const inbox = {
    roster: [s1, s2, s3, s4],
    attendance: normalDays([s1, s2, s3, s4], [fri]),
    commendations: [
      commend("C1", s1, "表扬信"),
      commend("C2", s1, "表扬信"),
      commend("C3", s1, "省级表扬"),
      commend("C4", s3, "表扬信"),
      commend("C5", s3, "省级表扬"),
    ],
    patrol: [
      ...Array.from({ length: 21 }, (_, i) => patrol(`P2-${i}`, s2, "DISC_ENTERTAIN")),
      ...Array.from({ length: 20 }, (_, i) => patrol(`P4-${i}`, s4, "DISC_ENTERTAIN")),
    ],
  };
  const scores = async (hall: Hall) =>
    hall.query(
      `select staff_id, score::double as score, addition_points::double as additions,
         deduction_points::double as deductions
       from marts.staff_month where month = $month order by staff_id`,
      { month },
    );

  it("without a configuration file neither applies: additions count in full and the score may go below 0", async () => {
    const hall = await runHall(inbox, { asOf: "2026-11-04" });
    try {
      expect(await quarantined(hall)).toEqual([]);
      expect(await scores(hall)).toEqual([
        { staff_id: "S0001", score: 107, additions: 7, deductions: 0 },
        { staff_id: "S0002", score: -5, additions: 0, deductions: 105 },
        { staff_id: "S0003", score: 105, additions: 5, deductions: 0 },
        { staff_id: "S0004", score: 0, additions: 0, deductions: 100 },
      ]);
    } finally {
      await hall.cleanup();
    }
  });

  it("a configuration file with addition_cap 5 and floor 0 caps the additions at 5 and stops the score at 0", async () => {
    const hall = await runHall(inbox, {
      asOf: "2026-11-04",
      config: { score: { addition_cap: 5, floor: 0 } },
    });
    try {
      expect(await scores(hall)).toEqual([
        { staff_id: "S0001", score: 105, additions: 5, deductions: 0 },
        { staff_id: "S0002", score: 0, additions: 0, deductions: 105 },
        { staff_id: "S0003", score: 105, additions: 5, deductions: 0 },
        { staff_id: "S0004", score: 0, additions: 0, deductions: 100 },
      ]);
      // the events keep their points: only the month's sum is capped and floored
      expect(
        await hall.query(
          "select sum(points)::double as points from marts.score_events where staff_id = 'S0001' and not void",
        ),
      ).toEqual([{ points: 7 }]);
    } finally {
      await hall.cleanup();
    }
  });
});
