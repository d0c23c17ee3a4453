/**
 * rules.md §1 (calendar, roster dates, data coverage) and §2 (attendance) at their boundaries.
 * Every hall has at least one blameless staff member on each tested day so that the day has data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import {
  attendanceSession,
  day,
  eventIds,
  normalDays,
  punches,
  quarantined,
  scoreEvents,
  staff,
} from "./support/rules.ts";

const fri = "2026-10-09";

describe("§2 punch times against the session hours", () => {
  const onTime = staff(1);
  const late = staff(2);
  const early = staff(3);
  const outOk = staff(4);
  const oneMissing = staff(5);
  const doubleTap = staff(6);
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [onTime, late, early, outOk, oneMissing, doubleTap],
        attendance: [
          ...day(onTime, fri, { amIn: "08:40:00" }),
          ...day(late, fri, { amIn: "08:40:01" }),
          ...day(early, fri, { amOut: "11:59:59" }),
          ...day(outOk, fri, { amOut: "12:00:00" }),
          // AM in missing (one punch: −2); PM no punch at all (旷工 −5, never also 缺卡).
          ...day(oneMissing, fri, { amIn: null, pmIn: null, pmOut: null }),
          // A double tap 40 s apart straddling the 10:15 midpoint counts once (the first):
          // late in punch 10:14:40 and no out punch, not an in and an early out.
          ...day(doubleTap, fri, { amIn: null, amOut: null }),
          ...punches(doubleTap, fri, "10:14:40", "10:15:20"),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("08:40:00 is on time (start + 10 min grace)", async () => {
    expect(await eventIds(hall, onTime.staff_id)).toEqual([]);
    expect((await attendanceSession(hall, onTime.staff_id, fri, "AM"))?.outcome).toBe("正常");
  });

  it("08:40:01 is late: ATT_LATE −1", async () => {
    const events = await scoreEvents(hall, late.staff_id);
    expect(events.map((e) => [e.event_id, e.rule_code, e.points, e.session])).toEqual([
      ["ATT_LATE:S0002:2026-10-09:AM", "ATT_LATE", -1, "AM"],
    ]);
    expect(events[0]?.source_ref).toMatch(/^attendance\/data\.csv:\d+$/);
    expect((await attendanceSession(hall, late.staff_id, fri, "AM"))?.outcome).toBe("迟到");
  });

  it("out 11:59:59 is early: ATT_EARLY −1; 12:00:00 is not", async () => {
    const events = await scoreEvents(hall, early.staff_id);
    expect(events.map((e) => [e.event_id, e.points])).toEqual([["ATT_EARLY:S0003:2026-10-09:AM", -1]]);
    expect((await attendanceSession(hall, early.staff_id, fri, "AM"))?.outcome).toBe("早退");
    expect(await eventIds(hall, outOk.staff_id)).toEqual([]);
    expect((await attendanceSession(hall, outOk.staff_id, fri, "AM"))?.outcome).toBe("正常");
  });

  it("one missing punch is ATT_MISS −2; no punch in a session is ABSENT_HALF −5 only", async () => {
    const events = await scoreEvents(hall, oneMissing.staff_id);
    expect(events.map((e) => [e.event_id, e.points])).toEqual([
      ["ABSENT_HALF:S0005:2026-10-09:PM", -5],
      ["ATT_MISS:S0005:2026-10-09:AM", -2],
    ]);
    expect((await attendanceSession(hall, oneMissing.staff_id, fri, "AM"))?.outcome).toBe("缺卡");
    expect((await attendanceSession(hall, oneMissing.staff_id, fri, "PM"))?.outcome).toBe("旷工");
  });

  it("repeated punches within 60 s count once", async () => {
    const am = await attendanceSession(hall, doubleTap.staff_id, fri, "AM");
    expect([am?.in_at, am?.out_at, am?.outcome]).toEqual(["10:14:40", null, "缺卡迟到"]);
    expect(await eventIds(hall, doubleTap.staff_id)).toEqual([
      "ATT_LATE:S0006:2026-10-09:AM",
      "ATT_MISS:S0006:2026-10-09:AM",
    ]);
  });
});

describe("§2 approved leave moves the expected start and end", () => {
  const l1 = staff(1);
  const l2 = staff(2);
  const l3 = staff(3);
  const l4 = staff(4);
  const l5 = staff(5);
  const control = staff(6);
  const mon = "2026-10-12";
  const leave = (id: string, who: typeof l1, from: string, to: string, approval = "已批准") => ({
    id,
    staff_id: who.staff_id,
    kind: "事假",
    starts_at: from,
    ends_at: to,
    approval,
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [l1, l2, l3, l4, l5, control],
        attendance: [
          ...day(l1, fri, { amIn: "09:40:00" }),
          ...day(l2, fri, { amIn: "09:40:01" }),
          ...day(l3, fri, { amIn: "09:35:00" }),
          ...day(l4, fri, { amIn: null, amOut: null }),
          ...day(l4, mon, { amIn: null, amOut: null }),
          ...day(l5, fri, { pmOut: null }),
          ...day(l5, mon, { pmOut: "15:50:00" }),
          ...normalDays([control], [fri, mon]),
          ...normalDays([l1, l2, l3], [mon]),
        ],
        leave: [
          leave("L1", l1, `${fri} 08:30`, `${fri} 09:30`),
          leave("L2", l2, `${fri} 08:30`, `${fri} 09:30`),
          leave("L3", l3, `${fri} 08:30`, `${fri} 09:30`, "未批准"),
          leave("L4", l4, `${fri} 08:30`, `${fri} 12:00`),
          leave("L4B", l4, `${mon} 08:30`, `${mon} 12:00`, "待审批"),
          leave("L5", l5, `${fri} 16:00`, `${fri} 17:00`),
          leave("L5B", l5, `${mon} 16:00`, `${mon} 17:00`),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("leave 08:30–09:30: expected start 09:30, 09:40:00 is on time", async () => {
    const am = await attendanceSession(hall, l1.staff_id, fri, "AM");
    expect([am?.expected_start, am?.leave_id, am?.outcome]).toEqual(["09:30:00", "L1", "正常"]);
    expect(await eventIds(hall, l1.staff_id)).toEqual([]);
  });

  it("leave 08:30–09:30: 09:40:01 is late", async () => {
    expect(await eventIds(hall, l2.staff_id)).toEqual(["ATT_LATE:S0002:2026-10-09:AM"]);
  });

  it("an unapproved leave is ignored: 09:35 is late against 08:30", async () => {
    const am = await attendanceSession(hall, l3.staff_id, fri, "AM");
    expect([am?.expected_start, am?.leave_id]).toEqual(["08:30:00", null]);
    expect(await eventIds(hall, l3.staff_id)).toEqual(["ATT_LATE:S0003:2026-10-09:AM"]);
  });

  it("approved leave over the whole AM exempts it (请假); a pending one is 旷工", async () => {
    expect((await attendanceSession(hall, l4.staff_id, fri, "AM"))?.outcome).toBe("请假");
    expect((await attendanceSession(hall, l4.staff_id, mon, "AM"))?.outcome).toBe("旷工");
    expect(await eventIds(hall, l4.staff_id)).toEqual(["ABSENT_HALF:S0004:2026-10-12:AM"]);
  });

  it("leave over the session end waives the out punch and moves the expected end", async () => {
    const pm = await attendanceSession(hall, l5.staff_id, fri, "PM");
    expect([pm?.expected_end, pm?.out_at, pm?.outcome]).toEqual(["16:00:00", null, "正常"]);
    // With the end moved to 16:00, an out punch at 15:50 is early.
    expect(await eventIds(hall, l5.staff_id)).toEqual(["ATT_EARLY:S0005:2026-10-12:PM"]);
  });
});

describe("§2 (rev 2) the in/out split point is the midpoint of the session as approved leave leaves it", () => {
  // One punch in the session: before the midpoint it is the in punch, at or after it the out punch.
  const amBefore = staff(1);
  const amAt = staff(2);
  const pmBefore = staff(3);
  const pmAt = staff(4);
  const leaveStartBefore = staff(5);
  const leaveStartAt = staff(6);
  const leaveEndBefore = staff(7);
  const leaveEndAt = staff(8);
  const control = staff(9);
  const leave = (id: string, who: typeof control, from: string, to: string) => ({
    id,
    staff_id: who.staff_id,
    kind: "事假",
    starts_at: `${fri} ${from}`,
    ends_at: `${fri} ${to}`,
    approval: "已批准",
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [
          amBefore,
          amAt,
          pmBefore,
          pmAt,
          leaveStartBefore,
          leaveStartAt,
          leaveEndBefore,
          leaveEndAt,
          control,
        ],
        attendance: [
          // 08:30–12:00: the midpoint is 10:15
          ...day(amBefore, fri, { amIn: "10:14:59", amOut: null }),
          ...day(amAt, fri, { amIn: null, amOut: "10:15:00" }),
          // 14:30–17:00: 15:45
          ...day(pmBefore, fri, { pmIn: "15:44:59", pmOut: null }),
          ...day(pmAt, fri, { pmIn: null, pmOut: "15:45:00" }),
          // leave 08:30–09:30 leaves 09:30–12:00: 10:45
          ...day(leaveStartBefore, fri, { amIn: "10:44:59", amOut: null }),
          ...day(leaveStartAt, fri, { amIn: null, amOut: "10:45:00" }),
          // leave 16:00–17:00 leaves 14:30–16:00: 15:15
          ...day(leaveEndBefore, fri, { pmIn: "15:14:59", pmOut: null }),
          ...day(leaveEndAt, fri, { pmIn: null, pmOut: "15:15:00" }),
          ...normalDays([control], [fri]),
        ],
        leave: [
          leave("L5", leaveStartBefore, "08:30", "09:30"),
          leave("L6", leaveStartAt, "08:30", "09:30"),
          leave("L7", leaveEndBefore, "16:00", "17:00"),
          leave("L8", leaveEndAt, "16:00", "17:00"),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  const punchesOf = async (who: typeof control, session: "AM" | "PM") => {
    const row = await attendanceSession(hall, who.staff_id, fri, session);
    return [row?.in_at, row?.out_at, row?.outcome];
  };

  it("without leave: 10:14:59 is the morning's in punch, 10:15:00 its out punch", async () => {
    expect(await punchesOf(amBefore, "AM")).toEqual(["10:14:59", null, "缺卡迟到"]);
    expect(await punchesOf(amAt, "AM")).toEqual([null, "10:15:00", "缺卡早退"]);
  });

  it("without leave: 15:44:59 is the afternoon's in punch, 15:45:00 its out punch", async () => {
    expect(await punchesOf(pmBefore, "PM")).toEqual(["15:44:59", null, "缺卡迟到"]);
    expect(await punchesOf(pmAt, "PM")).toEqual([null, "15:45:00", "缺卡早退"]);
  });

  it("leave over the start moves the midpoint to 10:45 (the in punch is waived)", async () => {
    expect(await punchesOf(leaveStartBefore, "AM")).toEqual(["10:44:59", null, "缺卡迟到"]);
    expect(await punchesOf(leaveStartAt, "AM")).toEqual([null, "10:45:00", "早退"]);
  });

  it("leave over the end moves the midpoint to 15:15 (the out punch is waived)", async () => {
    expect(await punchesOf(leaveEndBefore, "PM")).toEqual(["15:14:59", null, "迟到"]);
    expect(await punchesOf(leaveEndAt, "PM")).toEqual([null, "15:15:00", "缺卡早退"]);
    expect(await punchesOf(control, "AM")).toEqual(["08:25:00", "12:05:00", "正常"]);
  });
});

describe("§1 calendar, roster dates and data coverage", () => {
  const sat = "2026-10-10"; // make-up working day
  const sun = "2026-10-11";
  const holiday = "2026-10-07";
  const missing = "2026-10-12"; // nobody punches: missing export
  const worker = staff(1);
  const control = staff(2);
  const starter = staff(3, { start_date: sat });
  const leaver = staff(4, { end_date: fri });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [worker, control, starter, leaver],
        attendance: [
          ...normalDays([worker, control, leaver], [fri]),
          ...day(worker, sat, { amIn: "08:45:00", pmIn: null, pmOut: null }),
          ...normalDays([control, starter], [sat]),
          ...punches(worker, sun, "08:50:00"),
          ...punches(control, holiday, "08:50:00"),
          ...normalDays([worker, control, starter], ["2026-10-13"]),
        ],
        // A November finding but no November attendance: November is not scored yet.
        patrol: [
          {
            id: "P1",
            at: "2026-11-03 10:00",
            patroller: "巡查员",
            staff_id: worker.staff_id,
            finding: "DRESS_BADGE",
          },
        ],
      },
      { asOf: "2026-11-10" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("the make-up Saturday is scored: late AM and ABSENT_HALF PM", async () => {
    expect(await eventIds(hall, worker.staff_id)).toEqual([
      "ABSENT_HALF:S0001:2026-10-10:PM",
      "ATT_LATE:S0001:2026-10-10:AM",
    ]);
  });

  it("punches on a Sunday and on a holiday are ignored", async () => {
    const rows = await hall.query(
      "select staff_id, work_date::varchar as d from marts.attendance_sessions where work_date in ($a::date, $b::date)",
      { a: sun, b: holiday },
    );
    expect(rows).toEqual([]);
    expect((await attendanceSession(hall, control.staff_id, sat, "AM"))?.outcome).toBe("正常");
    expect(await eventIds(hall, control.staff_id)).toEqual([]);
  });

  it("a day with no punch in the whole hall is missing data, not absence", async () => {
    const days = await hall.query<{ d: string }>(
      "select work_date::varchar as d from marts.attendance_missing_days where month = '2026-10' order by 1",
    );
    expect(days.map((r) => r.d)).toContain(missing);
    const absent = await hall.query("select event_id from marts.score_events where event_date = $d::date", {
      d: missing,
    });
    expect(absent).toEqual([]);
    // AB posts read attendance too: the missing day has no post sessions, so no empty posts,
    // while a scored day does (A01 on the Saturday afternoon: S0001 absent, no B holder).
    const posts = await hall.query<{ d: string; empty: boolean }>(
      "select work_date::varchar as d, is_empty as empty from marts.ab_post_sessions where window_no = 'A01' and session = 'PM' and work_date in ($a::date, $b::date) order by 1",
      { a: sat, b: missing },
    );
    expect(posts).toEqual([{ d: sat, empty: true }]);
  });

  it("days outside the roster's start and end dates are never scored", async () => {
    expect((await attendanceSession(hall, starter.staff_id, sat, "AM"))?.outcome).toBe("正常");
    expect(await eventIds(hall, starter.staff_id)).toEqual([]);
    expect(await attendanceSession(hall, starter.staff_id, fri, "AM")).toBeUndefined();
    expect(await eventIds(hall, leaver.staff_id)).toEqual([]);
    expect(await attendanceSession(hall, leaver.staff_id, sat, "AM")).toBeUndefined();
    expect(await attendanceSession(hall, leaver.staff_id, "2026-10-13", "AM")).toBeUndefined();
  });

  it("a month with no attendance yet is not in the results", async () => {
    const months = await hall.query<{ month: string }>(
      "select distinct month from marts.staff_month order by 1",
    );
    expect(months.map((r) => r.month)).toEqual(["2026-10"]);
  });
});

describe("§1 the September 2026 make-up Sunday and Mid-Autumn holiday", () => {
  const worker = staff(1);
  const control = staff(2);
  const makeUpSunday = "2026-09-20";
  const midAutumn = "2026-09-25";
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [worker, control],
        attendance: [
          ...normalDays([control], [makeUpSunday, midAutumn]),
          ...day(worker, makeUpSunday, { amIn: "08:40:01" }),
          ...day(worker, midAutumn, { amIn: "09:30:00" }),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("Sunday 09-20 is a working day; Friday 09-25 is a holiday", async () => {
    expect(await eventIds(hall, worker.staff_id)).toEqual(["ATT_LATE:S0001:2026-09-20:AM"]);
    expect(await attendanceSession(hall, worker.staff_id, midAutumn, "AM")).toBeUndefined();
    expect((await attendanceSession(hall, control.staff_id, makeUpSunday, "PM"))?.outcome).toBe("正常");
  });
});
