/**
 * rules.md §10 responsibility cases: one proposed case per person, trigger and day; tiers;
 * the 365-day repeat that aggravates (a dismissed case does not count); register flags, where
 * aggravating and mitigating cancel and mitigating takes 告诫 down to 免于处理.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import {
  caseById,
  day,
  investigations,
  normalDays,
  quarantined,
  type RosterRow,
  staff,
  staffMonthOf,
} from "./support/rules.ts";

const fri = "2026-10-09";

describe("§10 cases raised by ABSENT_HALF and what the register does to them", () => {
  // On the roster since 2025 so that the earlier cases fall inside their employment.
  const since = { start_date: "2025-01-01" };
  const wholeDay = staff(1, since);
  const repeat365 = staff(2, since);
  const repeat366 = staff(3, since);
  const afterDismissed = staff(4, since);
  const bothFlags = staff(5, since);
  const mitigated = staff(6, since);
  const everyone = [wholeDay, repeat365, repeat366, afterDismissed, bothFlags, mitigated];
  const absentAm = (who: RosterRow) => day(who, fri, { amIn: null, amOut: null });
  const manual = (id: string, who: RosterRow, on: string, decision = "已认定") => ({
    case_id: id,
    staff_id: who.staff_id,
    trigger: "R13",
    occurred_on: on,
    decision,
    decided_on: on,
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        // Blameless days in October 2025 and September 2026 make those months scored, so the
        // earlier manual cases are in the results and only the day count decides the repeat.
        attendance: [
          ...normalDays(everyone, ["2025-10-09", "2026-09-01"]),
          ...[repeat365, repeat366, afterDismissed, bothFlags, mitigated].flatMap(absentAm),
        ],
        investigations: [
          // 2025-10-09 → 2026-10-09 is 365 days: within a year. 2025-10-08 is 366 days: not.
          manual("M2", repeat365, "2025-10-09"),
          manual("M3", repeat366, "2025-10-08"),
          manual("M4", afterDismissed, "2026-09-01", "不予追究"),
          {
            case_id: `INV:R03:${bothFlags.staff_id}:${fri}`,
            staff_id: bothFlags.staff_id,
            aggravating: "打击报复",
            mitigating: "道歉谅解",
            decision: "已认定",
            decided_on: "2026-10-20",
          },
          // Named by 工号 + 触发条款 + 发生日期 instead of the case id.
          {
            staff_id: mitigated.staff_id,
            trigger: "R03",
            occurred_on: fri,
            mitigating: "道歉谅解",
            decision: "已认定",
            decided_on: "2026-10-20",
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("ABSENT_HALF AM and PM on one day make one R03 case, proposed at 告诫", async () => {
    const cases = await investigations(hall, wholeDay.staff_id);
    expect(
      cases.map((c) => [c.case_id, c.trigger, c.status, c.base_tier, c.aggravating, c.final_tier]),
    ).toEqual([["INV:R03:S0001:2026-10-09", "R03", "建议", "告诫", null, "告诫"]]);
    expect(cases[0]?.event_id).toMatch(/^ABSENT_HALF:S0001:2026-10-09:(AM|PM)$/);
  });

  it("a second non-dismissed case within 365 days goes one tier up", async () => {
    const c = await caseById(hall, "INV:R03:S0002:2026-10-09");
    expect(c.aggravating).not.toBeNull();
    expect(c.final_tier).toBe("取消评优评先资格");
  });

  it("a proposed case already at 取消评优评先资格 blocks eligibility; a proposed 告诫 does not", async () => {
    const blocked = await staffMonthOf(hall, "2026-10", repeat365.staff_id);
    expect(blocked.eligible).toBe(false);
    expect(blocked.ineligible_reason).toMatch(/[\u4e00-\u9fff]/);
    // S0003 punched in the afternoon of the only day with data: duty 1 ≥ half of 1.
    expect((await staffMonthOf(hall, "2026-10", repeat366.staff_id)).eligible).toBe(true);
  });

  it("366 days after the earlier case is not a repeat", async () => {
    const c = await caseById(hall, "INV:R03:S0003:2026-10-09");
    expect([c.aggravating, c.final_tier]).toEqual([null, "告诫"]);
  });

  it("a dismissed (不予追究) case does not count as an earlier case", async () => {
    const c = await caseById(hall, "INV:R03:S0004:2026-10-09");
    expect([c.aggravating, c.final_tier]).toEqual([null, "告诫"]);
    expect((await caseById(hall, "M4")).status).toBe("不予追究");
  });

  it("aggravating and mitigating flags together cancel out", async () => {
    const c = await caseById(hall, "INV:R03:S0005:2026-10-09");
    expect([c.status, c.base_tier, c.final_tier]).toEqual(["已认定", "告诫", "告诫"]);
    expect(c.aggravating).toContain("打击报复");
    expect(c.mitigating).toContain("道歉谅解");
  });

  it("mitigating below 告诫 is 免于处理; the register can name a case by 工号, trigger and date", async () => {
    const c = await caseById(hall, "INV:R03:S0006:2026-10-09");
    expect([c.status, c.final_tier]).toEqual(["已认定", "免于处理"]);
    expect((await investigations(hall, mitigated.staff_id)).length).toBe(1);
  });
});
