/**
 * rules.md §3 away from the post: queue pauses merged into incidents, the 30-minute and
 * half-day (180 of 360 scheduled minutes) thresholds, excused reasons, leave, and a patrol
 * finding inside a queue-derived incident.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import { eventIds, normalDays, quarantined, queueDay, scoreEvents, staff } from "./support/rules.ts";

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
  const lunchLogout = staff(2);
  const control = staff(3);
  const everyone = [doublePause, lunchLogout, control];
  const event = (person: typeof control, name: string, time: string) => ({
    window_no: person.window_no,
    queue_login: person.queue_login,
    event: name,
    at: `${fri} ${time}`,
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: normalDays(everyone, [fri]),
        "queue-events": [
          // 暂停 10:00, 暂停 again 10:05, 恢复 10:40: away 10:00–10:40, not until the day's end
          event(doublePause, "登录", "08:30"),
          event(doublePause, "暂停", "10:00"),
          event(doublePause, "暂停", "10:05"),
          event(doublePause, "恢复", "10:40"),
          event(doublePause, "退出", "17:00"),
          // 退出 at 11:20 and no login again that day: 11:20–12:00 (40 min) and 14:30–17:00 (150 min)
          // are two incidents on post, each named by its own start
          event(lunchLogout, "登录", "08:30"),
          event(lunchLogout, "退出", "11:20"),
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

  it("a logout that is never followed by a login is away in each stretch on post, one event each", async () => {
    expect(await eventIds(hall, lunchLogout.staff_id)).toEqual([
      "AWAY_30:S0002:2026-10-09:1120",
      "AWAY_30:S0002:2026-10-09:1430",
    ]);
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
