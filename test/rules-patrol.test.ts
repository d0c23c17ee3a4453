/**
 * rules.md §4 patrol findings (one finding, one event; codes or Chinese names; 正常 scores
 * nothing) and §13 attribution of a finding that names only a window: the queue login at that
 * window then, else the A holder if present that session, else the B holder; else quarantine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import { day, normalDays, quarantined, queueDay, scoreEvents, staff } from "./support/rules.ts";

const fri = "2026-10-09";

describe("§4 findings and §13 who was on duty", () => {
  const named = staff(1, { backup_window_no: "A03" });
  const loggedIn = staff(2);
  const aHolder = staff(3);
  const awayA = staff(4);
  const bHolder = staff(5, { backup_window_no: "A04" });
  const alone = staff(6);
  const everyone = [named, loggedIn, aHolder, awayA, bHolder, alone];
  const finding = (
    id: string,
    time: string,
    code: string,
    where: { staff_id?: string; window_no?: string },
  ) => ({
    id,
    at: `${fri} ${time}`,
    patroller: "巡查员甲",
    finding: code,
    ...where,
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: [
          ...normalDays([named, loggedIn, aHolder, bHolder], [fri]),
          // A04's and A06's A holders are on approved leave all morning: not present.
          ...day(awayA, fri, { amIn: null, amOut: null }),
          ...day(alone, fri, { amIn: null, amOut: null }),
        ],
        leave: [awayA, alone].map((who, i) => ({
          id: `L${i + 1}`,
          staff_id: who.staff_id,
          kind: "年休假",
          starts_at: `${fri} 08:30`,
          ends_at: `${fri} 12:00`,
          approval: "已批准",
        })),
        // S0002 is logged in at window A01 (not their own) all day.
        "queue-events": queueDay(loggedIn, fri, [], "A01"),
        patrol: [
          finding("P001", "09:30", "DRESS_BADGE", { staff_id: named.staff_id }),
          finding("P002", "09:40", "在窗口吸烟或吃零食", { staff_id: named.staff_id }),
          finding("P003", "09:50", "正常", { staff_id: named.staff_id }),
          finding("P004", "10:00", "DESK_SIGN", { window_no: "A01" }),
          finding("P005", "10:10", "DESK_SIGN", { window_no: "A03" }),
          finding("P006", "10:20", "DESK_SIGN", { window_no: "A04" }),
          finding("P007", "10:30", "DESK_SIGN", { window_no: "A06" }),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("a finding that names the staff member is one event, by code or by Chinese name; 正常 is none", async () => {
    const events = await scoreEvents(hall, named.staff_id);
    expect(events.map((e) => [e.event_id, e.rule_code, e.points])).toEqual([
      ["DISC_SMOKE_SNACK:S0001:2026-10-09:P002", "DISC_SMOKE_SNACK", -1],
      ["DRESS_BADGE:S0001:2026-10-09:P001", "DRESS_BADGE", -2],
    ]);
    expect(events.map((e) => e.source_ref)).toEqual([
      expect.stringContaining("P002"),
      expect.stringContaining("P001"),
    ]);
  });

  it("a window-only finding goes to the person logged in at that window then", async () => {
    const events = await scoreEvents(hall, loggedIn.staff_id);
    expect(events.map((e) => [e.event_id, e.points])).toEqual([["DESK_SIGN:S0002:2026-10-09:P004", -2]]);
  });

  it("no queue login: the A holder present that session", async () => {
    const events = await scoreEvents(hall, aHolder.staff_id);
    expect(events.map((e) => e.event_id)).toEqual(["DESK_SIGN:S0003:2026-10-09:P005"]);
  });

  it("A holder not present: the B holder present that session", async () => {
    expect((await scoreEvents(hall, awayA.staff_id)).map((e) => e.event_id)).toEqual([]);
    expect((await scoreEvents(hall, bHolder.staff_id)).map((e) => e.event_id)).toEqual([
      "DESK_SIGN:S0005:2026-10-09:P006",
    ]);
  });

  it("a finding nobody can be given is quarantined with a Chinese reason and scores nothing", async () => {
    const rows = await quarantined(hall, "patrol");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/[\u4e00-\u9fff]/);
    const raw = await hall.query<{ raw: string }>(
      "select raw::varchar as raw from ops.quarantine where source = 'patrol'",
    );
    expect(raw[0]?.raw).toContain("P007");
    const all = await scoreEvents(hall);
    expect(all.filter((e) => e.event_id.endsWith(":P007"))).toEqual([]);
    expect(all).toHaveLength(5);
  });

  it("nothing else is quarantined", async () => {
    expect((await quarantined(hall)).filter((row) => !row.startsWith("patrol "))).toEqual([]);
  });
});
