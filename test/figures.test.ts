/**
 * The published figures, each computed once in a mart: queue_month (and hall_month, which rolls it
 * up) and queue_durations, from the rule book's definitions. Wait = called − issued, so every called
 * ticket has one, a 过号 included; the share within the target (20 min) and the average wait are over
 * called tickets. rules.md §8: 好评率 = 好评 ÷ all evaluations, per person, department and hall.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import { staff } from "./support/rules.ts";

const s1 = staff(1, { department: "市场监管局" });
const s2 = staff(2, { department: "税务局" });

/** A ticket of 2026-10-09 at the person's window: issued and called `HH:MM`, called null for never. */
const ticket = (
  ticket_no: string,
  person: typeof s1,
  issued: string,
  called: string | null,
  outcome: string,
  service?: [string, string],
) => ({
  ticket_no,
  issued_at: `2026-10-09 ${issued}:00`,
  called_at: called ? `2026-10-09 ${called}:00` : undefined,
  started_at: service ? `2026-10-09 ${service[0]}:00` : undefined,
  finished_at: service ? `2026-10-09 ${service[1]}:00` : undefined,
  window_no: person.window_no,
  queue_login: person.queue_login,
  outcome,
});

const queue = [
  ticket("T1", s1, "09:00", "09:05", "受理", ["09:06", "09:16"]), // 5 min, within
  ticket("T2", s1, "09:00", "09:10", "过号"), // a no-show called within the target: counts in both
  ticket("T3", s1, "09:00", "09:15", "过号"),
  ticket("T8", s1, "09:00", "09:02", "过号"),
  ticket("T4", s1, "09:00", "09:40", "咨询"), // 40 min: not within
  ticket("T5", s1, "10:00", null, "转窗"), // never called: no wait
  ticket("T6", s2, "09:00", "09:20", "受理"), // exactly 20 min: within
  ticket("T7", s2, "14:00", "14:25", "过号"),
  ticket("T9", s2, "08:30", "09:45", "受理"), // 75 min: the open-ended bucket
];

const attendance = [s1, s2].map((person) => ({
  attendance_no: person.attendance_no,
  punched_at: "2026-10-09 08:25:00",
}));

const evaluations = [
  { id: "E1", at: "2026-10-09 10:00:00", level: "非常满意", staff_id: "S0001" },
  { id: "E2", at: "2026-10-09 10:00:00", level: "基本满意", staff_id: "S0001" },
  { id: "E3", at: "2026-10-09 10:00:00", level: "非常不满意", staff_id: "S0002" },
];

describe("the published figures, computed once in marts", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall({ roster: [s1, s2], attendance, queue, evaluations }, { asOf: "2026-11-04" });
  });
  afterAll(() => hall?.cleanup());

  it("shares the calls within the target wait over called tickets, 过号 in numerator and denominator alike", async () => {
    expect(
      await hall.query(
        `select level, department, window_no, staff_id, tickets, called, served, no_shows, within_target,
           within_target_rate, no_show_rate, avg_wait_s, round(p90_wait_s, 6) as p90_wait_s
         from marts.queue_month
         order by department nulls first, list_position(['全大厅', '窗口单位', '窗口', '工作人员'], level)`,
      ),
    ).toEqual([
      {
        level: "全大厅",
        department: null,
        window_no: null,
        staff_id: null,
        tickets: 9,
        called: 8,
        served: 4,
        no_shows: 4,
        within_target: 5,
        within_target_rate: 5 / 8,
        no_show_rate: 4 / 9,
        // 120 + 300 + 600 + 900 + 2400 + 1200 + 1500 + 4500 over 8; the 90th percentile between 2400 and 4500
        avg_wait_s: 11520 / 8,
        p90_wait_s: 2400 + 0.3 * 2100,
      },
      ...[
        ["窗口单位", null, null],
        ["窗口", "A01", null],
        ["工作人员", null, "S0001"],
      ].map(([level, window_no, staff_id]) => ({
        level,
        department: "市场监管局",
        window_no,
        staff_id,
        tickets: 6,
        called: 5,
        served: 2,
        no_shows: 3,
        within_target: 4,
        within_target_rate: 4 / 5,
        no_show_rate: 3 / 6,
        avg_wait_s: (120 + 300 + 600 + 900 + 2400) / 5,
        p90_wait_s: 900 + 0.6 * 1500,
      })),
      ...[
        ["窗口单位", null, null],
        ["窗口", "A02", null],
        ["工作人员", null, "S0002"],
      ].map(([level, window_no, staff_id]) => ({
        level,
        department: "税务局",
        window_no,
        staff_id,
        tickets: 3,
        called: 3,
        served: 2,
        no_shows: 1,
        within_target: 1,
        within_target_rate: 1 / 3,
        no_show_rate: 1 / 3,
        avg_wait_s: (1200 + 1500 + 4500) / 3,
        p90_wait_s: 1500 + 0.8 * 3000,
      })),
    ]);
  });

  it("rolls the hall's queue and evaluation figures into hall_month from the marts that decide them", async () => {
    expect(
      await hall.query(
        `select month, tickets, called, served, no_shows, within_target_rate, avg_wait_s, evaluations, good, bad, good_rate
         from marts.hall_month`,
      ),
    ).toEqual([
      {
        month: "2026-10",
        tickets: 9,
        called: 8,
        served: 4,
        no_shows: 4,
        within_target_rate: 5 / 8,
        avg_wait_s: 11520 / 8,
        evaluations: 3,
        good: 1,
        bad: 1,
        good_rate: 1 / 3,
      },
    ]);
  });

  it("gives each department its 好评率 once, and the 窗口单位 ranking reads it", async () => {
    const rates = await hall.query(
      "select department, evaluations, good, neutral, bad, good_rate from marts.evaluation_department_month order by department",
    );
    expect(rates).toEqual([
      { department: "市场监管局", evaluations: 2, good: 1, neutral: 1, bad: 0, good_rate: 0.5 },
      { department: "税务局", evaluations: 1, good: 0, neutral: 0, bad: 1, good_rate: 0 },
    ]);
    expect(
      await hall.query("select department, good_rate from marts.department_month order by department"),
    ).toEqual(rates.map(({ department, good_rate }) => ({ department, good_rate })));
  });

  it("buckets waits and services by 5 minutes with their labels, 60 分钟以上 last, for the hall and each department", async () => {
    expect(
      await hall.query(
        `select measure, bucket_minutes, bucket_label, tickets from marts.queue_durations
         where level = '全大厅' order by measure, bucket_minutes`,
      ),
    ).toEqual([
      { measure: "办理", bucket_minutes: 10, bucket_label: "10–15 分钟", tickets: 1 },
      ...[
        [0, "0–5 分钟"],
        [5, "5–10 分钟"],
        [10, "10–15 分钟"],
        [15, "15–20 分钟"],
        [20, "20–25 分钟"],
        [25, "25–30 分钟"],
        [40, "40–45 分钟"],
        [60, "60 分钟以上"],
      ].map(([bucket_minutes, bucket_label]) => ({
        measure: "等候",
        bucket_minutes,
        bucket_label,
        tickets: 1,
      })),
    ]);
    expect(
      await hall.query(
        `select department, count(*)::integer as buckets, sum(tickets)::integer as tickets from marts.queue_durations
         where level = '窗口单位' and measure = '等候' group by all order by department`,
      ),
    ).toEqual([
      { department: "市场监管局", buckets: 5, tickets: 5 },
      { department: "税务局", buckets: 3, tickets: 3 },
    ]);
  });
});
