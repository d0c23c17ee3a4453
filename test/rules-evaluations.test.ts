/**
 * rules.md §8 (evaluations, 差评 follow-up, the optional BAD_EVALUATION points of rev 2) and the
 * queue marts, from the rule text and the brief's definitions: wait = called − issued, served =
 * called and not 过号, within target = wait ≤ 20 min.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import { normalDays, quarantined, scoreEvents, staff, staffMonthOf } from "./support/rules.ts";

const person = (n: number) => ({
  staff_id: `S000${n}`,
  name: `员工${n}`,
  department: n === 1 ? "市场监管局" : "税务局",
  window_no: `A0${n}`,
  attendance_no: `100${n}`,
  queue_login: `ck000${n}`,
  platform_account: `sp000${n}`,
  start_date: "2026-01-01",
});

const attendance = [
  { attendance_no: "1001", punched_at: "2026-09-30 08:30:00" },
  { attendance_no: "1001", punched_at: "2026-10-09 08:30:00" },
];

const queue = [
  // wait exactly 20 min → within target; served
  {
    ticket_no: "Q1",
    issued_at: "2026-10-09 09:00:00",
    called_at: "2026-10-09 09:20:00",
    started_at: "2026-10-09 09:21:00",
    finished_at: "2026-10-09 09:31:00",
    window_no: "A01",
    queue_login: "ck0001",
    outcome: "受理",
  },
  // 20 min 1 s → not within target; served
  {
    ticket_no: "Q2",
    issued_at: "2026-10-09 09:00:00",
    called_at: "2026-10-09 09:20:01",
    window_no: "A01",
    queue_login: "ck0001",
    outcome: "咨询",
  },
  // called but 过号: a no-show, not served
  {
    ticket_no: "Q3",
    issued_at: "2026-10-09 09:05:00",
    called_at: "2026-10-09 09:30:00",
    window_no: "A01",
    queue_login: "ck0001",
    outcome: "过号",
  },
  // never called: not served
  {
    ticket_no: "Q4",
    issued_at: "2026-10-09 10:00:00",
    window_no: "A01",
    queue_login: "ck0001",
    outcome: "转窗",
  },
];

const evaluation = (
  id: string,
  at: string,
  level: string,
  who: Record<string, string>,
  rectified_at?: string,
) => ({
  id,
  at,
  level,
  ...who,
  rectified_at,
});

const evaluations = [
  evaluation("E-STAFF", "2026-10-12 10:00:00", "非常满意", { staff_id: "S0001" }),
  evaluation("E-LOGIN", "2026-10-12 10:00:00", "4", { queue_login: "ck0001" }),
  evaluation("E-TICKET", "2026-10-12 10:00:00", "基本满意", { ticket_no: "Q1" }),
  // 差评 of Mon 10-12: 5 working days → 10-13, 14, 15, 16, 19 → deadline Mon 10-19
  evaluation("E-BAD-ON-TIME", "2026-10-12 10:00:00", "不满意", { staff_id: "S0001" }, "2026-10-19 17:00:00"),
  evaluation("E-BAD-LATE", "2026-10-12 10:00:00", "1", { staff_id: "S0001" }, "2026-10-20 09:00:00"),
  evaluation("E-BAD-NEVER", "2026-10-12 10:00:00", "2", { staff_id: "S0001" }),
  // 差评 of Fri 10-30: deadline Fri 11-06, after as_of → not overdue yet
  evaluation("E-BAD-OPEN", "2026-10-30 10:00:00", "非常不满意", { staff_id: "S0001" }),
  // 差评 of Wed 09-30: 10-08, 10-09, 10-10 (make-up), 10-12, 10-13 → deadline 10-13
  evaluation("E-BAD-HOLIDAY", "2026-09-30 10:00:00", "不满意", { staff_id: "S0002" }, "2026-10-13 16:00:00"),
];

describe("rules.md §8 evaluations and the queue marts", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      { roster: [person(1), person(2)], attendance, queue, evaluations },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("attributes evaluations by 工号, account or ticket and computes the good rate", async () => {
    expect(
      await hall.query(
        "select month, staff_id, evaluations, good, neutral, bad, round(good_rate, 4) as good_rate from marts.evaluation_month order by month, staff_id",
      ),
    ).toEqual([
      { month: "2026-09", staff_id: "S0002", evaluations: 1, good: 0, neutral: 0, bad: 1, good_rate: 0 },
      { month: "2026-10", staff_id: "S0001", evaluations: 7, good: 2, neutral: 1, bad: 4, good_rate: 0.2857 },
    ]);
  });

  it("gives every 差评 a deadline of 5 working days and flags it overdue without rectification by then", async () => {
    expect(
      await hall.query(
        "select evaluation_id, level, level_name, rectify_deadline::varchar as rectify_deadline, is_overdue from marts.bad_evaluations order by evaluation_id",
      ),
    ).toEqual([
      {
        evaluation_id: "E-BAD-HOLIDAY",
        level: 2,
        level_name: "不满意",
        rectify_deadline: "2026-10-13",
        is_overdue: false,
      },
      {
        evaluation_id: "E-BAD-LATE",
        level: 1,
        level_name: "非常不满意",
        rectify_deadline: "2026-10-19",
        is_overdue: true,
      },
      {
        evaluation_id: "E-BAD-NEVER",
        level: 2,
        level_name: "不满意",
        rectify_deadline: "2026-10-19",
        is_overdue: true,
      },
      {
        evaluation_id: "E-BAD-ON-TIME",
        level: 2,
        level_name: "不满意",
        rectify_deadline: "2026-10-19",
        is_overdue: false,
      },
      {
        evaluation_id: "E-BAD-OPEN",
        level: 1,
        level_name: "非常不满意",
        rectify_deadline: "2026-11-06",
        is_overdue: false,
      },
    ]);
  });

  it("writes no BAD_EVALUATION event with the default 0 points", async () => {
    expect(
      await hall.query(
        "select count(*)::integer as n from marts.score_events where rule_code = 'BAD_EVALUATION'",
      ),
    ).toEqual([{ n: 0 }]);
    expect(
      await hall.query(
        "select rule_code, rule_name, section, points::double as points, trigger from marts.rule_codes where rule_code = 'BAD_EVALUATION'",
      ),
    ).toEqual([
      {
        rule_code: "BAD_EVALUATION",
        rule_name: "服务对象评价为差评(不满意、非常不满意)",
        section: "§8",
        points: 0,
        trigger: null,
      },
    ]);
  });

  it("counts tickets, served, no-shows and waits within target per day, window and staff", async () => {
    expect(
      await hall.query(
        `select staff_id, department, tickets, served, accepted, no_shows, within_target, avg_wait_s, avg_service_s
         from marts.queue_daily`,
      ),
    ).toEqual([
      {
        staff_id: "S0001",
        department: "市场监管局",
        tickets: 4,
        served: 2,
        accepted: 1,
        no_shows: 1,
        within_target: 1,
        avg_wait_s: (1200 + 1201 + 1500) / 3,
        avg_service_s: 600,
      },
    ]);
  });

  it("buckets waits and services by 5 minutes", async () => {
    expect(
      await hall.query(
        "select measure, bucket_minutes, tickets from marts.queue_durations where level = '全大厅' order by measure, bucket_minutes",
      ),
    ).toEqual([
      { measure: "办理", bucket_minutes: 10, tickets: 1 },
      { measure: "等候", bucket_minutes: 20, tickets: 2 },
      { measure: "等候", bucket_minutes: 25, tickets: 1 },
    ]);
    expect(
      await hall.query("select hour, tickets, called, within_target from marts.queue_hourly order by hour"),
    ).toEqual([
      { hour: 9, tickets: 3, called: 3, within_target: 1 },
      { hour: 10, tickets: 1, called: 0, within_target: 0 },
    ]);
  });
});

describe("rules.md §8 rev 2: a hall that gives points per 差评 (points.BAD_EVALUATION = −1)", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [person(1), person(2)],
        attendance: normalDays([staff(1), staff(2)], ["2026-09-30", "2026-10-09"]),
        queue,
        evaluations,
        appeals: [
          {
            id: "A-BAD",
            staff_id: "S0001",
            target_id: "BAD_EVALUATION:S0001:2026-10-12:E-BAD-NEVER",
            submitted_on: "2026-10-20",
            result: "撤销",
          },
        ],
      },
      { asOf: "2026-11-04", config: { points: { BAD_EVALUATION: -1 } } },
    );
  });
  afterAll(() => hall?.cleanup());

  it("scores each 差评 attributed to the person, on the evaluation day; 中评 and 好评 give nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
    expect(
      (await scoreEvents(hall))
        .filter((e) => e.rule_code === "BAD_EVALUATION")
        .map((e) => [e.event_id, e.points, e.event_date, e.void, e.appeal_id]),
    ).toEqual([
      ["BAD_EVALUATION:S0001:2026-10-12:E-BAD-LATE", -1, "2026-10-12", false, null],
      ["BAD_EVALUATION:S0001:2026-10-12:E-BAD-NEVER", -1, "2026-10-12", true, "A-BAD"],
      ["BAD_EVALUATION:S0001:2026-10-12:E-BAD-ON-TIME", -1, "2026-10-12", false, null],
      ["BAD_EVALUATION:S0001:2026-10-30:E-BAD-OPEN", -1, "2026-10-30", false, null],
      ["BAD_EVALUATION:S0002:2026-09-30:E-BAD-HOLIDAY", -1, "2026-09-30", false, null],
    ]);
    const [detail] = await hall.query(
      "select detail, source_ref from marts.score_events where event_id = 'BAD_EVALUATION:S0001:2026-10-12:E-BAD-LATE'",
    );
    expect(detail).toEqual({
      detail: "差评：评价等级 1（按记录人员认定被评价人员）",
      source_ref: expect.stringMatching(/^E-BAD-LATE（evaluations\/data\.csv:\d+）$/),
    });
  });

  it("an appeal that voids a 差评 takes its points out of the score", async () => {
    // S0001: 100 − 5 (ticket Q1, 受理, has no case: CASE_NOT_ENTERED) − 3 差评 not voided
    expect((await staffMonthOf(hall, "2026-10", "S0001")).score).toBe(92);
    expect((await staffMonthOf(hall, "2026-09", "S0002")).score).toBe(99);
  });
});
