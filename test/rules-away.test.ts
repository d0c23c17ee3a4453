/**
 * rules.md §3 away from the post: queue pauses merged into incidents, the 30-minute and
 * half-day (180 of 360 scheduled minutes) thresholds, excused reasons, leave, and a patrol
 * finding inside a queue-derived incident.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import {
  day,
  eventIds,
  investigations,
  normalDays,
  quarantined,
  queueDay,
  queueEvents,
  scoreEvents,
  staff,
} from "./support/rules.ts";

const fri = "2026-10-09";

describe("§3 incident length and merging", () => {
  const exactly30 = staff(1);
  const over30 = staff(2);
  const gap4 = staff(3);
  const gap5 = staff(4);
  const excused = staff(5);
  const control = staff(6);
  const everyone = [exactly30, over30, gap4, gap5, excused, control];
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: normalDays(everyone, [fri]),
        "queue-events": [
          ...queueDay(exactly30, fri, [["09:15", "09:45"]]),
          ...queueDay(over30, fri, [["09:15", "09:46"]]),
          // 16 + 16 minutes, 4 minutes apart: one incident 09:00–09:36 (> 30 min by span and by sum).
          ...queueDay(gap4, fri, [
            ["09:00", "09:16"],
            ["09:20", "09:36"],
          ]),
          // The same, 5 minutes apart: two incidents of 16 minutes.
          ...queueDay(gap5, fri, [
            ["09:00", "09:16"],
            ["09:21", "09:37"],
          ]),
          ...queueDay(excused, fri, [["09:00", "10:00", "系统故障"]]),
          ...queueDay(control, fri),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("away exactly 30 minutes is no event", async () => {
    expect(await eventIds(hall, exactly30.staff_id)).toEqual([]);
  });

  it("away 31 minutes is AWAY_30 −3, id by the incident's start HHMM", async () => {
    const events = await scoreEvents(hall, over30.staff_id);
    expect(events.map((e) => [e.event_id, e.rule_code, e.points])).toEqual([
      ["AWAY_30:S0002:2026-10-09:0915", "AWAY_30", -3],
    ]);
  });

  it("pauses less than 5 minutes apart are one incident", async () => {
    expect(await eventIds(hall, gap4.staff_id)).toEqual(["AWAY_30:S0003:2026-10-09:0900"]);
  });

  it("pauses 5 minutes apart are two incidents", async () => {
    expect(await eventIds(hall, gap5.staff_id)).toEqual([]);
  });

  it("a pause with an excused reason (系统故障) is not an incident", async () => {
    expect(await eventIds(hall, excused.staff_id)).toEqual([]);
  });

  it("the control's day is clean, so the hall has data", async () => {
    const all = await scoreEvents(hall);
    expect(all.map((e) => e.event_id)).toEqual([
      "AWAY_30:S0002:2026-10-09:0915",
      "AWAY_30:S0003:2026-10-09:0900",
    ]);
  });
});

describe("§3 half-day threshold, leave and patrol findings inside an incident", () => {
  const exactly180 = staff(1);
  const over180 = staff(2);
  const patrolled = staff(3);
  const onLeave = staff(4);
  const control = staff(5);
  const everyone = [exactly180, over180, patrolled, onLeave, control];
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: normalDays(everyone, [fri]),
        "queue-events": [
          ...queueDay(exactly180, fri, [["08:40", "11:40"]]),
          ...queueDay(over180, fri, [["08:40", "11:41"]]),
          ...queueDay(patrolled, fri, [["09:00", "09:40"]]),
          ...queueDay(onLeave, fri, [["09:00", "10:00"]]),
          ...queueDay(control, fri),
        ],
        leave: [
          {
            id: "L1",
            staff_id: onLeave.staff_id,
            kind: "公出",
            starts_at: `${fri} 09:00`,
            ends_at: `${fri} 10:00`,
            approval: "已批准",
          },
        ],
        patrol: [
          {
            id: "P1",
            at: `${fri} 09:20`,
            patroller: "巡查员",
            staff_id: patrolled.staff_id,
            finding: "AWAY_30",
            away_minutes: 35,
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("180 minutes is not more than half the day: AWAY_30 only", async () => {
    const events = await scoreEvents(hall, exactly180.staff_id);
    expect(events.map((e) => [e.event_id, e.points])).toEqual([["AWAY_30:S0001:2026-10-09:0840", -3]]);
  });

  it("181 minutes is AWAY_HALF −5, and only that (one incident, one event)", async () => {
    const events = await scoreEvents(hall, over180.staff_id);
    expect(events.map((e) => [e.event_id, e.rule_code, e.points])).toEqual([
      ["AWAY_HALF:S0002:2026-10-09:0840", "AWAY_HALF", -5],
    ]);
  });

  it("a patrol away finding inside a queue-derived incident is the same incident", async () => {
    expect(await eventIds(hall, patrolled.staff_id)).toEqual(["AWAY_30:S0003:2026-10-09:0900"]);
  });

  it("a pause covered by approved leave is not an incident", async () => {
    expect(await eventIds(hall, onLeave.staff_id)).toEqual([]);
    expect(await eventIds(hall, control.staff_id)).toEqual([]);
    expect((await scoreEvents(hall)).length).toBe(3);
  });
});

describe("§3 what ends an absence", () => {
  const doublePause = staff(1);
  const control = staff(2);
  const everyone = [doublePause, control];
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: normalDays(everyone, [fri]),
        "queue-events": [
          // 暂停 10:00, 暂停 again 10:05, 恢复 10:40: away 10:00–10:40, not until the day's end
          ...queueEvents(doublePause, fri, [
            ["登录", "08:30"],
            ["暂停", "10:00"],
            ["暂停", "10:05"],
            ["恢复", "10:40"],
            ["退出", "17:00"],
          ]),
          ...queueDay(control, fri),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("a repeated 暂停 does not end the absence; the first 恢复 does", async () => {
    expect(await eventIds(hall, doublePause.staff_id)).toEqual(["AWAY_30:S0001:2026-10-09:1000"]);
  });
});

describe("§3 a patrol finding coded AWAY_30 or AWAY_HALF is evidence of at least that code", () => {
  const shortPause = staff(1);
  const longPause = staff(2);
  const control = staff(3);
  const everyone = [shortPause, longPause, control];
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: normalDays(everyone, [fri]),
        "queue-events": [
          // 20 minutes paused: no event by its length alone
          ...queueDay(shortPause, fri, [["09:00", "09:20"]]),
          // 40 minutes: AWAY_30 by its length
          ...queueDay(longPause, fri, [["09:00", "09:40"]]),
          ...queueDay(control, fri),
        ],
        patrol: [
          {
            id: "P1",
            at: `${fri} 09:10`,
            patroller: "巡查员",
            staff_id: shortPause.staff_id,
            finding: "AWAY_30",
            away_minutes: 35,
          },
          {
            id: "P2",
            at: `${fri} 09:10`,
            patroller: "巡查员",
            staff_id: longPause.staff_id,
            finding: "AWAY_HALF",
            away_minutes: 200,
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("raises a short incident to AWAY_30, one event for incident and finding together", async () => {
    const events = await scoreEvents(hall, shortPause.staff_id);
    expect(events.map((e) => [e.event_id, e.points])).toEqual([["AWAY_30:S0001:2026-10-09:0900", -3]]);
  });

  it("raises an AWAY_30 incident to AWAY_HALF", async () => {
    const events = await scoreEvents(hall, longPause.staff_id);
    expect(events.map((e) => [e.event_id, e.points])).toEqual([["AWAY_HALF:S0002:2026-10-09:0900", -5]]);
  });

  it("leaves the others alone", async () => {
    expect(await eventIds(hall, control.staff_id)).toEqual([]);
  });
});

describe("§3 (rev 2) a patrol finding without minutes is the moment t (issue 11, defect 1)", () => {
  const blankInside = staff(1);
  const zeroAlone = staff(2);
  const touching = staff(3);
  const fiveApart = staff(4);
  const inLeave = staff(5);
  const atLeaveEnd = staff(6);
  const doublePause = staff(7);
  const badMinutes = staff(8);
  const everyone = [
    blankInside,
    zeroAlone,
    touching,
    fiveApart,
    inLeave,
    atLeaveEnd,
    doublePause,
    badMinutes,
  ];
  const finding = (id: string, who: typeof blankInside, time: string, code: string, minutes: string) => ({
    id,
    at: `${fri} ${time}`,
    patroller: "巡查员",
    staff_id: who.staff_id,
    finding: code,
    away_minutes: minutes,
  });
  const leave = (id: string, who: typeof blankInside) => ({
    id,
    staff_id: who.staff_id,
    kind: "事假",
    starts_at: `${fri} 10:00`,
    ends_at: `${fri} 11:00`,
    approval: "已批准",
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: normalDays(everyone, [fri]),
        "queue-events": [
          ...queueDay(blankInside, fri, [["09:00", "09:20"]]),
          ...queueDay(zeroAlone, fri),
          ...queueDay(touching, fri, [["09:00", "09:20"]]),
          ...queueDay(fiveApart, fri, [["09:00", "09:20"]]),
          ...queueDay(inLeave, fri),
          ...queueDay(atLeaveEnd, fri),
          // a double-pressed 暂停 before the 08:25 clock-in: both start before the time on post (08:30)
          ...queueEvents(doublePause, fri, [
            ["暂停", "08:20:01"],
            ["暂停", "08:20:05"],
            ["恢复", "09:01"],
            ["退出", "17:00"],
          ]),
          ...queueDay(badMinutes, fri),
        ],
        leave: [leave("L1", inLeave), leave("L2", atLeaveEnd)],
        patrol: [
          finding("P1", blankInside, "09:10", "AWAY_30", ""),
          finding("P2", zeroAlone, "10:00", "AWAY_30", "0"),
          finding("P3", touching, "09:20", "AWAY_30", ""),
          finding("P4", fiveApart, "09:25", "AWAY_30", ""),
          // inside approved leave 10:00–11:00, although its 45 minutes reach back to 09:45 on post
          finding("P5", inLeave, "10:30", "AWAY_HALF", "45"),
          finding("P6", atLeaveEnd, "11:00", "AWAY_30", ""),
          finding("P7", badMinutes, "09:00", "AWAY_30", "-5"),
          finding("P8", badMinutes, "09:30", "AWAY_30", "半小时"),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("publishes, and quarantines only the negative and the non-numeric 离岗时长", async () => {
    expect(hall.summary.months.map((m) => m.month)).toContain("2026-10");
    expect(await quarantined(hall)).toEqual([
      "patrol patrol/data.csv:8 取值不在列表中：离岗时长(分钟) -5（应为整数分钟）",
      "patrol patrol/data.csv:9 取值不在列表中：离岗时长(分钟) 半小时（应为整数分钟）",
    ]);
  });

  it("a blank 离岗时长 inside a 20-minute pause joins it, and its AWAY_30 is the least the incident scores", async () => {
    const events = await scoreEvents(hall, blankInside.staff_id);
    expect(events.map((e) => [e.event_id, e.points, e.source_ref])).toEqual([
      ["AWAY_30:S0001:2026-10-09:0900", -3, "P1；queue-events/data.csv:3"],
    ]);
  });

  it("a 0 离岗时长 alone is a zero-length incident that scores its own code, named by the record", async () => {
    expect(await eventIds(hall, zeroAlone.staff_id)).toEqual(["AWAY_30:S0002:2026-10-09:P2"]);
  });

  it("a moment at the end of a pause touches it: one incident, one event", async () => {
    expect(await eventIds(hall, touching.staff_id)).toEqual(["AWAY_30:S0003:2026-10-09:0900"]);
  });

  it("a moment 5 minutes after a pause is a separate incident (the pause alone scores nothing)", async () => {
    expect(await eventIds(hall, fiveApart.staff_id)).toEqual(["AWAY_30:S0004:2026-10-09:P4"]);
  });

  it("a finding inside approved leave is not an incident; one at the leave's end is", async () => {
    expect(await eventIds(hall, inLeave.staff_id)).toEqual([]);
    expect(await eventIds(hall, atLeaveEnd.staff_id)).toEqual(["AWAY_30:S0006:2026-10-09:P6"]);
  });

  it("a double-pressed 暂停 before the clock-in is one absence from the time on post", async () => {
    expect(await eventIds(hall, doublePause.staff_id)).toEqual(["AWAY_30:S0007:2026-10-09:0830"]);
    expect((await scoreEvents(hall)).length).toBe(6);
  });
});

describe("§3 (rev 2) the lunch break is not a gap", () => {
  const lunch190 = staff(1);
  const exactly180 = staff(2);
  const over180 = staff(3);
  const fiveApart = staff(4);
  const fourApart = staff(5);
  const lateAfternoon = staff(6);
  const control = staff(7);
  const everyone = [lunch190, exactly180, over180, fiveApart, fourApart, lateAfternoon, control];
  const loggedOut = (who: typeof control, from: string, to: string) =>
    queueEvents(who, fri, [
      ["登录", "08:30"],
      ["退出", from],
      ["登录", to],
      ["退出", "17:02"],
    ]);
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: [
          ...normalDays(
            everyone.filter((p) => p !== lateAfternoon),
            [fri],
          ),
          ...day(lateAfternoon, fri, { pmIn: "14:40:01" }),
        ],
        "queue-events": [
          // on post 08:30–12:00 and 14:30–17:00: 40 + 150 = 190 on-post minutes
          ...loggedOut(lunch190, "11:20", "17:00"),
          // 90 + 90 = 180, then 90 + 91 = 181
          ...loggedOut(exactly180, "10:30", "16:00"),
          ...loggedOut(over180, "10:30", "16:01"),
          // back 5 on-post minutes before noon, away again from 14:30: 5 minutes apart, two incidents
          ...queueDay(fiveApart, fri, [
            ["10:00", "11:55"],
            ["14:30", "15:40"],
          ]),
          // back 4 minutes before noon: one incident, 116 + 4 + 70 = 190 on-post minutes
          ...queueDay(fourApart, fri, [
            ["10:00", "11:56"],
            ["14:30", "15:40"],
          ]),
          // in at 14:40:01: the afternoon on post is 14:40:01–17:00, so 40 + 139 min 59 s < 180
          ...loggedOut(lateAfternoon, "11:20", "17:00"),
          ...queueDay(control, fri),
        ],
        appeals: [
          {
            id: "A1",
            staff_id: over180.staff_id,
            target_id: "AWAY_HALF:S0003:2026-10-09:1030",
            submitted_on: "2026-10-12",
            result: "撤销",
            resolved_on: "2026-10-14",
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("logged out 11:20 until 17:00 is one AWAY_HALF of 190 on-post minutes, named by its start", async () => {
    const events = await hall.query<{ event_id: string; points: number; session: string; detail: string }>(
      "select event_id, points::double as points, session, detail from marts.score_events where staff_id = 'S0001'",
    );
    expect(events).toEqual([
      {
        event_id: "AWAY_HALF:S0001:2026-10-09:1120",
        points: -5,
        session: "AM",
        detail: "离岗 11:20–17:00，共 190 分钟（在岗时间，不含午休）（退出）",
      },
    ]);
  });

  it("180 on-post minutes across lunch is AWAY_30; 181 is AWAY_HALF", async () => {
    expect(await eventIds(hall, exactly180.staff_id)).toEqual(["AWAY_30:S0002:2026-10-09:1030"]);
    expect(await eventIds(hall, over180.staff_id)).toEqual(["AWAY_HALF:S0003:2026-10-09:1030"]);
  });

  it("measures the 5-minute gap on the on-post clock: 5 minutes apart are two incidents, 4 are one", async () => {
    expect(await eventIds(hall, fiveApart.staff_id)).toEqual([
      "AWAY_30:S0004:2026-10-09:1000",
      "AWAY_30:S0004:2026-10-09:1430",
    ]);
    expect(await eventIds(hall, fourApart.staff_id)).toEqual(["AWAY_HALF:S0005:2026-10-09:1000"]);
  });

  it("counts only time on post: a late afternoon is §2's, and the absence is under 180 minutes", async () => {
    expect(await eventIds(hall, lateAfternoon.staff_id)).toEqual([
      "ATT_LATE:S0006:2026-10-09:PM",
      "AWAY_30:S0006:2026-10-09:1120",
    ]);
    expect(await eventIds(hall, control.staff_id)).toEqual([]);
  });

  it("raises R03 once per person and day, through AWAY_HALF and through AWAY_30", async () => {
    const cases = (await investigations(hall)).map((c) => [c.case_id, c.event_id, c.status, c.void ?? false]);
    expect(cases).toEqual([
      ["INV:R03:S0001:2026-10-09", "AWAY_HALF:S0001:2026-10-09:1120", "建议", false],
      ["INV:R03:S0002:2026-10-09", "AWAY_30:S0002:2026-10-09:1030", "建议", false],
      ["INV:R03:S0003:2026-10-09", "AWAY_HALF:S0003:2026-10-09:1030", "建议", true],
      ["INV:R03:S0004:2026-10-09", "AWAY_30:S0004:2026-10-09:1000", "建议", false],
      ["INV:R03:S0005:2026-10-09", "AWAY_HALF:S0005:2026-10-09:1000", "建议", false],
      ["INV:R03:S0006:2026-10-09", "AWAY_30:S0006:2026-10-09:1120", "建议", false],
    ]);
  });

  it("§12 (rev 2): a holder away more than half a day is not present in either session it covers", async () => {
    const posts = await hall.query(
      `select window_no, session, a_present, away_half_holders, is_empty from marts.ab_post_sessions
       where window_no in ('A01', 'A02', 'A03') order by window_no, session`,
    );
    expect(posts).toEqual([
      { window_no: "A01", session: "AM", a_present: false, away_half_holders: "S0001", is_empty: true },
      { window_no: "A01", session: "PM", a_present: false, away_half_holders: "S0001", is_empty: true },
      { window_no: "A02", session: "AM", a_present: true, away_half_holders: null, is_empty: false },
      { window_no: "A02", session: "PM", a_present: true, away_half_holders: null, is_empty: false },
      // AWAY_HALF voided by appeal A1: the holder counts as present again
      { window_no: "A03", session: "AM", a_present: true, away_half_holders: null, is_empty: false },
      { window_no: "A03", session: "PM", a_present: true, away_half_holders: null, is_empty: false },
    ]);
  });
});

describe("§3 window events with a skewed clock (issue 11, defect 7)", () => {
  const skew24 = staff(1);
  const skew59 = staff(2);
  const skew60 = staff(3);
  const skew61 = staff(4);
  const naturalFirst = staff(5);
  const unended = staff(6);
  const relogin = staff(7);
  const control = staff(8);
  const everyone = [skew24, skew59, skew60, skew61, naturalFirst, unended, relogin, control];
  /** A day with one break whose 恢复 is logged at `resumedAt`, before the 暂停 at `pausedAt`. */
  const skewed = (who: typeof control, resumedAt: string, pausedAt: string) =>
    queueEvents(who, fri, [
      ["登录", "08:30"],
      ["恢复", resumedAt],
      ["暂停", pausedAt],
      ["退出", "12:05"],
      ["登录", "14:28"],
      ["退出", "17:00"],
    ]);
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: normalDays(everyone, [fri]),
        "queue-events": [
          // the case: paired, a break of unknown but short length instead of 09:36–12:00 (144 min)
          ...skewed(skew24, "09:35:36", "09:36:00"),
          ...skewed(skew59, "09:59:01", "10:00:00"),
          ...skewed(skew60, "09:59:00", "10:00:00"),
          // 61 s: not paired; away 10:00 until the 14:28 login, 120 minutes on post
          ...skewed(skew61, "09:58:59", "10:00:00"),
          // the 暂停 has its own 恢复 next: that one ends it, the early 恢复 ends nothing
          ...queueEvents(naturalFirst, fri, [
            ["登录", "08:30"],
            ["恢复", "09:59:30"],
            ["暂停", "10:00"],
            ["恢复", "11:00"],
            ["退出", "17:00"],
          ]),
          ...queueEvents(unended, fri, [
            ["登录", "08:30"],
            ["暂停", "16:00"],
          ]),
          ...queueEvents(relogin, fri, [
            ["登录", "08:30"],
            ["登录", "14:30"],
            ["退出", "17:00"],
          ]),
          ...queueDay(control, fri),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("a 恢复 logged up to 60 s before its 暂停 pairs with it: no event, no R03 case", async () => {
    for (const person of [skew24, skew59, skew60]) expect(await eventIds(hall, person.staff_id)).toEqual([]);
    expect((await investigations(hall)).map((c) => c.case_id)).toEqual([
      "INV:R03:S0004:2026-10-09",
      "INV:R03:S0005:2026-10-09",
      "INV:R03:S0006:2026-10-09",
    ]);
  });

  it("61 s before is beyond the tolerance: the 暂停 runs to the next return", async () => {
    const events = await hall.query<{ event_id: string; detail: string }>(
      "select event_id, detail from marts.score_events where staff_id = 'S0004'",
    );
    expect(events).toEqual([
      { event_id: "AWAY_30:S0004:2026-10-09:1000", detail: "离岗 10:00–12:00，共 120 分钟（暂停）" },
    ]);
  });

  it("a 暂停 followed by its own 恢复 keeps it, even with a stray 恢复 just before", async () => {
    expect(await eventIds(hall, naturalFirst.staff_id)).toEqual(["AWAY_30:S0005:2026-10-09:1000"]);
    expect(await eventIds(hall, unended.staff_id)).toEqual(["AWAY_30:S0006:2026-10-09:1600"]);
    expect(await eventIds(hall, relogin.staff_id)).toEqual([]);
    expect(await eventIds(hall, control.staff_id)).toEqual([]);
  });

  it("lists the events that pair with nothing, with their reason and source line", async () => {
    const orphans = await hall.query(
      `select month, work_date::varchar as day, window_no, staff_id, staff_name, window_event,
         strftime(event_at, '%H:%M:%S') as at, reason, source_ref
       from marts.queue_orphan_events order by staff_id, event_at`,
    );
    expect(orphans).toEqual([
      {
        month: "2026-10",
        day: fri,
        window_no: "A04",
        staff_id: "S0004",
        staff_name: "赵六",
        window_event: "恢复",
        at: "09:58:59",
        reason: "恢复前没有未结束的暂停",
        source_ref: "queue-events/data.csv:21",
      },
      {
        month: "2026-10",
        day: fri,
        window_no: "A05",
        staff_id: "S0005",
        staff_name: "钱七",
        window_event: "恢复",
        at: "09:59:30",
        reason: "恢复前没有未结束的暂停",
        source_ref: "queue-events/data.csv:27",
      },
      {
        month: "2026-10",
        day: fri,
        window_no: "A06",
        staff_id: "S0006",
        staff_name: "孙八",
        window_event: "暂停",
        at: "16:00:00",
        reason: "暂停后当天没有恢复、登录或退出",
        source_ref: "queue-events/data.csv:32",
      },
      {
        month: "2026-10",
        day: fri,
        window_no: "A07",
        staff_id: "S0007",
        staff_name: "周九",
        window_event: "登录",
        at: "14:30:00",
        reason: "重复登录：此前没有退出或暂停",
        source_ref: "queue-events/data.csv:34",
      },
    ]);
  });
});

describe("§3 the half-day share, the skew tolerance and the 暂时离岗 allowance come from the configuration", () => {
  const pause90 = staff(1);
  const pause91 = staff(2);
  const skew30 = staff(3);
  const skew31 = staff(4);
  const cover501 = staff(5);
  const cover500 = staff(6);
  const [coverA, coverB] = [staff(7), staff(8)];
  const control = staff(9);
  const everyone = [pause90, pause91, skew30, skew31, cover501, cover500, coverA, coverB, control];
  const skewed = (who: typeof control, resumedAt: string) =>
    queueEvents(who, fri, [
      ["登录", "08:30"],
      ["恢复", resumedAt],
      ["暂停", "10:00:00"],
      ["退出", "12:05"],
      ["登录", "14:28"],
      ["退出", "17:00"],
    ]);
  const leaveAt10 = (id: string, who: typeof control, cover: typeof control) => ({
    id,
    staff_id: who.staff_id,
    kind: "事假",
    starts_at: `${fri} 10:00`,
    ends_at: `${fri} 12:00`,
    approval: "已批准",
    cover_staff_id: cover.staff_id,
  });
  const handover = (who: typeof control, cover: typeof control, arrival: string) => [
    ...queueEvents(who, fri, [
      ["登录", "08:30"],
      ["暂停", "09:30"],
      ["恢复", "09:58"],
      ["退出", "10:00"],
      ["登录", "14:28"],
      ["退出", "17:00"],
    ]),
    ...queueEvents(
      cover,
      fri,
      [
        ["登录", arrival],
        ["退出", "12:00"],
      ],
      who.window_no,
    ),
    ...queueEvents(cover, fri, [
      ["登录", "14:28"],
      ["退出", "17:00"],
    ]),
  ];
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: normalDays(everyone, [fri]),
        "queue-events": [
          ...queueDay(pause90, fri, [["09:00", "10:30"]]),
          ...queueDay(pause91, fri, [["09:00", "10:31"]]),
          ...skewed(skew30, "09:59:30"),
          ...skewed(skew31, "09:59:29"),
          ...handover(cover501, coverA, "10:05:01"),
          ...handover(cover500, coverB, "10:05:00"),
          ...queueDay(control, fri),
        ],
        leave: [leaveAt10("L5", cover501, coverA), leaveAt10("L6", cover500, coverB)],
      },
      {
        asOf: "2026-11-04",
        config: { away: { half_day_share: 0.25, skew_tolerance_seconds: 30, temporary_leave_minutes: 5 } },
      },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("a quarter of the day: 90 minutes is AWAY_30, 91 is AWAY_HALF", async () => {
    expect(await eventIds(hall, pause90.staff_id)).toEqual(["AWAY_30:S0001:2026-10-09:0900"]);
    expect(await eventIds(hall, pause91.staff_id)).toEqual(["AWAY_HALF:S0002:2026-10-09:0900"]);
  });

  it("a 30-second tolerance pairs a 恢复 30 s early, not 31 s", async () => {
    expect(await eventIds(hall, skew30.staff_id)).toEqual([]);
    expect(await eventIds(hall, skew31.staff_id)).toEqual(["AWAY_HALF:S0004:2026-10-09:1000"]);
  });

  it("a 5-minute allowance: a cover 5:01 after the departure is late, 5:00 is not", async () => {
    expect(await eventIds(hall, cover501.staff_id)).toEqual(["AWAY_30:S0005:2026-10-09:0930"]);
    expect(await eventIds(hall, cover500.staff_id)).toEqual([]);
    for (const person of [coverA, coverB, control]) expect(await eventIds(hall, person.staff_id)).toEqual([]);
  });
});
