/**
 * rules.md §14: appeals by target id or by 工号 + rule code (or trigger) + date (撤销 voids, the
 * event stays listed with the appeal id, and voids the case it raised; 维持 changes nothing; of
 * several appeals on one event 撤销 wins over 申诉中 over 维持); 公示 until the appeal window (the
 * 5th working day after month end) has passed, then 确认; a final month is frozen against late
 * data unless reopened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall, writeInbox } from "./support/hall.ts";
import {
  caseById,
  day,
  normalDays,
  quarantined,
  type RosterRow,
  scoreEvents,
  staff,
  staffMonthOf,
} from "./support/rules.ts";

const fri = "2026-10-09";
const mon = "2026-10-12";
const month = "2026-10";

describe("§14 appeals", () => {
  const absent = staff(1);
  const twiceLate = staff(2);
  const upheld = staff(3);
  const control = staff(4);
  const caseAppealed = staff(5);
  const caseByTrigger = staff(6);
  const pendingWins = staff(7);
  const upheldWins = staff(8);
  let hall: Hall;
  const appeal = (id: string, who: RosterRow, fields: Record<string, string>) => ({
    id,
    staff_id: who.staff_id,
    submitted_on: "2026-10-15",
    resolved_on: "2026-10-20",
    ...fields,
  });
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [absent, twiceLate, upheld, control, caseAppealed, caseByTrigger, pendingWins, upheldWins],
        attendance: [
          ...day(absent, fri, { amIn: null, amOut: null }),
          ...day(twiceLate, fri, { amIn: "08:45:00", pmIn: "14:45:00" }),
          ...day(upheld, fri, { amIn: "08:45:00" }),
          ...normalDays([control], [fri]),
          ...day(caseAppealed, fri, { amIn: null, amOut: null }),
          ...day(caseByTrigger, fri, { amIn: null, amOut: null }),
          ...day(pendingWins, fri, { amIn: "08:45:00" }),
          ...day(upheldWins, fri, { amIn: "08:45:00" }),
        ],
        appeals: [
          appeal("A1", absent, { target_id: "ABSENT_HALF:S0001:2026-10-09:AM", result: "撤销" }),
          appeal("A2", twiceLate, { rule_code: "ATT_LATE", event_date: fri, result: "撤销" }),
          appeal("A3", upheld, { target_id: "ATT_LATE:S0003:2026-10-09:AM", result: "维持" }),
          appeal("A4", caseAppealed, { target_id: "INV:R03:S0005:2026-10-09", result: "撤销" }),
          // a case named by 工号 + 触发条款 + 发生日期
          appeal("A6", caseByTrigger, { rule_code: "R03", event_date: fri, result: "撤销" }),
          // several appeals on one event: 撤销 wins over 申诉中 over 维持, whatever their order
          appeal("A7a", pendingWins, { target_id: "ATT_LATE:S0007:2026-10-09:AM", result: "维持" }),
          appeal("A7b", pendingWins, { target_id: "ATT_LATE:S0007:2026-10-09:AM" }),
          appeal("A7c", pendingWins, { rule_code: "ATT_LATE", event_date: fri, result: "维持" }),
          appeal("A8a", upheldWins, { target_id: "ATT_LATE:S0008:2026-10-09:AM", result: "维持" }),
          appeal("A8b", upheldWins, { target_id: "ATT_LATE:S0008:2026-10-09:AM", result: "撤销" }),
          appeal("A8c", upheldWins, { rule_code: "ATT_LATE", event_date: fri }),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("撤销 by target id: the event stays listed, void, with the appeal id; the score ignores it", async () => {
    const events = await scoreEvents(hall, absent.staff_id);
    expect(events.map((e) => [e.event_id, e.points, e.void, e.appeal_id])).toEqual([
      ["ABSENT_HALF:S0001:2026-10-09:AM", -5, true, "A1"],
    ]);
    expect((await staffMonthOf(hall, month, absent.staff_id)).score).toBe(100);
  });

  it("撤销 voids the investigation case the event raised", async () => {
    const c = await caseById(hall, "INV:R03:S0001:2026-10-09");
    expect([c.void, c.event_id]).toEqual([true, "ABSENT_HALF:S0001:2026-10-09:AM"]);
  });

  it("an appeal by 工号 + rule code + date covers every match", async () => {
    const events = await scoreEvents(hall, twiceLate.staff_id);
    expect(events.map((e) => [e.event_id, e.void, e.appeal_id])).toEqual([
      ["ATT_LATE:S0002:2026-10-09:AM", true, "A2"],
      ["ATT_LATE:S0002:2026-10-09:PM", true, "A2"],
    ]);
    expect((await staffMonthOf(hall, month, twiceLate.staff_id)).score).toBe(100);
  });

  it("撤销 of a case by its id voids the case, not the event that raised it", async () => {
    const c = await caseById(hall, "INV:R03:S0005:2026-10-09");
    expect([c.void, c.appeal_id]).toEqual([true, "A4"]);
    const events = await scoreEvents(hall, caseAppealed.staff_id);
    expect(events.map((e) => [e.event_id, e.void])).toEqual([["ABSENT_HALF:S0005:2026-10-09:AM", false]]);
    expect((await staffMonthOf(hall, month, caseAppealed.staff_id)).score).toBe(95);
  });

  it("an appeal naming a case by 工号 + 触发条款 + 发生日期 voids the case, not its events", async () => {
    const c = await caseById(hall, "INV:R03:S0006:2026-10-09");
    expect([c.void, c.appeal_id, c.event_id]).toEqual([true, "A6", "ABSENT_HALF:S0006:2026-10-09:AM"]);
    expect((await scoreEvents(hall, caseByTrigger.staff_id)).map((e) => [e.event_id, e.void])).toEqual([
      ["ABSENT_HALF:S0006:2026-10-09:AM", false],
    ]);
  });

  it("of several appeals on one event, 申诉中 wins over 维持 and 撤销 over both", async () => {
    const outcome = async (who: RosterRow) =>
      hall.query(
        "select event_id, appeal_id, appeal_status, void from marts.score_events where staff_id = $staff",
        { staff: who.staff_id },
      );
    expect(await outcome(pendingWins)).toEqual([
      { event_id: "ATT_LATE:S0007:2026-10-09:AM", appeal_id: "A7b", appeal_status: "申诉中", void: false },
    ]);
    expect(await outcome(upheldWins)).toEqual([
      { event_id: "ATT_LATE:S0008:2026-10-09:AM", appeal_id: "A8b", appeal_status: "撤销", void: true },
    ]);
    expect((await staffMonthOf(hall, month, pendingWins.staff_id)).score).toBe(99);
    expect((await staffMonthOf(hall, month, upheldWins.staff_id)).score).toBe(100);
  });

  it("维持 changes nothing", async () => {
    const events = await scoreEvents(hall, upheld.staff_id);
    expect(events.map((e) => [e.event_id, e.void])).toEqual([["ATT_LATE:S0003:2026-10-09:AM", false]]);
    expect((await staffMonthOf(hall, month, upheld.staff_id)).score).toBe(99);
  });
});

describe("§14 publication status and frozen months", () => {
  const worker = staff(1);
  const control = staff(2);
  let hall: Hall;
  const status = async (h: Hall) =>
    h.query<{ status: string; end: string; frozen: boolean }>(
      "select status, appeal_window_end::varchar as end, is_frozen as frozen from marts.months where month = $month",
      { month },
    );
  beforeAll(async () => {
    hall = await runHall(
      { roster: [worker, control], attendance: normalDays([worker, control], [fri, mon]) },
      { asOf: "2026-11-06" },
    );
  });
  afterAll(() => hall?.cleanup());

  // November 2026: Mon 2 … Fri 6 are the first five working days after October ends. The
  // window "has passed" once the 6th is over, so the 6th is still 公示 and the 7th is 确认.
  it("is 公示 on the 5th working day after the month (2026-11-06)", async () => {
    expect(await status(hall)).toEqual([{ status: "公示", end: "2026-11-06", frozen: false }]);
    expect((await staffMonthOf(hall, month, worker.staff_id)).status).toBe("公示");
  });

  it("is 确认 the day after, and data arriving later is listed and left out unless reopened", async () => {
    const confirmed = await hall.rerun({ asOf: "2026-11-07" });
    expect((await status(confirmed)).map((m) => m.status)).toEqual(["确认"]);
    expect((await staffMonthOf(confirmed, month, worker.staff_id)).status).toBe("确认");

    await writeInbox(hall.inbox, {
      patrol: {
        "late.csv": [
          {
            id: "P9",
            at: `${mon} 10:00`,
            patroller: "巡查员",
            staff_id: worker.staff_id,
            finding: "DRESS_BADGE",
          },
        ],
      },
    });
    const frozen = await hall.rerun({ asOf: "2026-11-08" });
    const late = await frozen.query<{ source: string; path: string }>(
      "select source, path from ops.late_arrivals where month = $month",
      { month },
    );
    expect(late).toEqual([{ source: "patrol", path: expect.stringContaining("late.csv") }]);
    expect(await scoreEvents(frozen, worker.staff_id)).toEqual([]);
    expect((await staffMonthOf(frozen, month, worker.staff_id)).score).toBe(100);

    const reopened = await hall.rerun({ asOf: "2026-11-08", reopen: month });
    expect((await scoreEvents(reopened, worker.staff_id)).map((e) => e.event_id)).toEqual([
      "DRESS_BADGE:S0001:2026-10-12:P9",
    ]);
    expect((await staffMonthOf(reopened, month, worker.staff_id)).score).toBe(98);
  });
});
