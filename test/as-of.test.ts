/**
 * A wrong device clock (issue 11, defect 5): a row dated after the run's as-of date cannot have
 * happened yet. It is quarantined for that run (时间晚于基准日期), no month after the as-of month is
 * scored, and a day it names does not become a day with attendance data. Staging does not know the
 * as-of date: the row becomes usable on the first run whose as-of date reaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import { day, normalDays, punches, quarantined, staff } from "./support/rules.ts";

const zhang = staff(1);
const li = staff(2);
const october = ["2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"];
const november = ["2026-11-02", "2026-11-03", "2026-11-04"];

const futureReason = (label: string, date: string, asOf: string) =>
  `时间晚于基准日期：${label} ${date} 晚于基准日期 ${asOf}`;

describe("rows dated after the as-of date", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [zhang, li],
        attendance: [
          ...normalDays([zhang, li], [...october, ...november]),
          // 张三's device clock: a day later this month, and a year ten years on
          ...day(zhang, "2026-11-20"),
          ...punches(zhang, "2036-01-07", "08:20:00"),
        ],
        queue: [
          {
            ticket_no: "T-2036",
            issued_at: "2036-01-07 09:00",
            window_no: "A01",
            queue_login: "ck0001",
            outcome: "受理",
          },
        ],
        evaluations: [{ id: "E-2036", at: "2036-01-07 09:30", level: "非常满意", queue_login: "ck0001" }],
        complaints: [
          {
            id: "K-2036",
            received_at: "2036-01-07 10:00",
            staff_id: "S0001",
            category: "争吵",
            finding: "查实",
            at_fault: "窗口工作人员",
            decided_at: "2036-01-08 10:00",
          },
        ],
        commendations: [
          { id: "M-2036", date: "2036-01-07", staff_id: "S0001", kind: "锦旗", verified: "是" },
        ],
        // leave is planned ahead: a row dated later is not too late
        leave: [
          {
            id: "L-PLANNED",
            staff_id: "S0002",
            kind: "年休假",
            starts_at: "2026-11-20 08:30",
            ends_at: "2026-11-20 17:00",
            approval: "已批准",
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("scores no month after the as-of month", async () => {
    expect(await hall.query("select month from marts.months order by month")).toEqual([
      { month: "2026-10" },
      { month: "2026-11" },
    ]);
    expect(await hall.query("select distinct month from marts.staff_month order by month")).toEqual([
      { month: "2026-10" },
      { month: "2026-11" },
    ]);
    expect(await hall.query("select month from marts.awards where month > '2026-11'")).toEqual([]);
  });

  it("quarantines every such row for the run, naming its date and the as-of date", async () => {
    const asOf = "2026-11-04";
    expect(await quarantined(hall)).toEqual([
      ...[66, 67, 68, 69].map(
        (line) => `attendance attendance/data.csv:${line} ${futureReason("日期时间", "2026-11-20", asOf)}`,
      ),
      `attendance attendance/data.csv:70 ${futureReason("日期时间", "2036-01-07", asOf)}`,
      `commendations commendations/data.csv:2 ${futureReason("日期", "2036-01-07", asOf)}`,
      `complaints complaints/data.csv:2 ${futureReason("受理时间", "2036-01-07", asOf)}`,
      `evaluations evaluations/data.csv:2 ${futureReason("评价时间", "2036-01-07", asOf)}`,
      `queue queue/data.csv:2 ${futureReason("取号时间", "2036-01-07", asOf)}`,
    ]);
    expect(
      await hall.query(
        "select reason_kind, count(*)::integer as n from ops.quarantine group by all order by reason_kind",
      ),
    ).toEqual([{ reason_kind: "时间晚于基准日期", n: 9 }]);
  });

  it("does not make 2026-11-20 a day with attendance data on which everyone else is absent", async () => {
    expect(
      await hall.query(
        "select data_days, missing_data_days, pending_days from marts.months where month = '2026-11'",
      ),
    ).toEqual([{ data_days: 3, missing_data_days: 0, pending_days: 18 }]);
    expect(
      await hall.query("select * from marts.attendance_sessions where work_date > '2026-11-04'"),
    ).toEqual([]);
    expect(await hall.query("select event_id from marts.score_events")).toEqual([]);
  });

  it("uses the row once a run's as-of date reaches it, and still holds back the rest", async () => {
    const later = await hall.rerun({ asOf: "2026-11-25" });
    expect(
      await later.query(
        `select staff_id, outcome from marts.attendance_sessions where work_date = '2026-11-20' order by staff_id, session`,
      ),
    ).toEqual([
      { staff_id: "S0001", outcome: "正常" },
      { staff_id: "S0001", outcome: "正常" },
      { staff_id: "S0002", outcome: "请假" },
      { staff_id: "S0002", outcome: "请假" },
    ]);
    expect(
      await later.query(
        "select reason, count(*)::integer as n from ops.quarantine group by all order by reason",
      ),
    ).toEqual([
      { reason: futureReason("取号时间", "2036-01-07", "2026-11-25"), n: 1 },
      { reason: futureReason("受理时间", "2036-01-07", "2026-11-25"), n: 1 },
      { reason: futureReason("日期", "2036-01-07", "2026-11-25"), n: 1 },
      { reason: futureReason("日期时间", "2036-01-07", "2026-11-25"), n: 1 },
      { reason: futureReason("评价时间", "2036-01-07", "2026-11-25"), n: 1 },
    ]);
  });
});

describe("a re-export whose only change is a date after the as-of date", () => {
  let hall: Hall;
  beforeAll(async () => {
    const ticket = { ticket_no: "T-1", window_no: "A01", queue_login: "ck0001", outcome: "受理" };
    const evaluation = { id: "E-1", level: "不满意", queue_login: "ck0001" };
    const complaint = {
      id: "K-1",
      staff_id: "S0001",
      category: "争吵",
      finding: "查实",
      at_fault: "窗口工作人员",
    };
    const commendation = { id: "M-1", staff_id: "S0001", kind: "锦旗", verified: "是" };
    hall = await runHall(
      {
        roster: [zhang, li],
        attendance: normalDays([zhang, li], november),
        // the second export's clock is ten years ahead: its rows cannot have happened yet
        queue: {
          "a.csv": [{ ...ticket, issued_at: "2026-11-03 09:00" }],
          "b.csv": [{ ...ticket, issued_at: "2036-01-07 09:00" }],
        },
        evaluations: {
          "a.csv": [{ ...evaluation, at: "2026-11-03 09:30" }],
          "b.csv": [{ ...evaluation, at: "2036-01-07 09:30" }],
        },
        complaints: {
          "a.csv": [{ ...complaint, received_at: "2026-11-03 10:00", decided_at: "2026-11-03 16:00" }],
          "b.csv": [{ ...complaint, received_at: "2036-01-07 10:00", decided_at: "2036-01-07 16:00" }],
        },
        commendations: {
          "a.csv": [{ ...commendation, date: "2026-11-03" }],
          "b.csv": [{ ...commendation, date: "2036-01-07" }],
        },
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("keeps the version dated up to the as-of date, though a later one was read", async () => {
    expect(
      await hall.query(
        "select work_date::varchar as work_date, tickets::integer as tickets from marts.queue_daily order by all",
      ),
    ).toEqual([{ work_date: "2026-11-03", tickets: 1 }]);
    expect(
      await hall.query(
        "select evaluation_id, evaluated_at::varchar as evaluated_at from marts.bad_evaluations",
      ),
    ).toEqual([{ evaluation_id: "E-1", evaluated_at: "2026-11-03 09:30:00" }]);
    expect(await hall.query("select complaint_id, month, is_verified from marts.complaints")).toEqual([
      { complaint_id: "K-1", month: "2026-11", is_verified: true },
    ]);
    expect(await hall.query("select commendation_id, month, is_verified from marts.commendations")).toEqual([
      { commendation_id: "M-1", month: "2026-11", is_verified: true },
    ]);
    expect(await quarantined(hall)).toEqual([
      `commendations commendations/b.csv:2 ${futureReason("日期", "2036-01-07", "2026-11-04")}`,
      `complaints complaints/b.csv:2 ${futureReason("受理时间", "2036-01-07", "2026-11-04")}`,
      `evaluations evaluations/b.csv:2 ${futureReason("评价时间", "2036-01-07", "2026-11-04")}`,
      `queue queue/b.csv:2 ${futureReason("取号时间", "2036-01-07", "2026-11-04")}`,
    ]);
  });

  it("takes the later version once the as-of date reaches it: the ticket leaves 2026-11-03", async () => {
    const later = await hall.rerun({ asOf: "2036-01-31" });
    expect(await later.query("select work_date from marts.queue_daily where month = '2026-11'")).toEqual([]);
    expect(await later.query("select evaluation_id from marts.bad_evaluations")).toEqual([]);
    expect(await later.query("select complaint_id from marts.complaints where month = '2026-11'")).toEqual(
      [],
    );
    expect(
      await later.query("select commendation_id from marts.commendations where month = '2026-11'"),
    ).toEqual([]);
  });
});
