/**
 * rules.md §10 responsibility cases: one proposed case per person, trigger and day; tiers;
 * the 365-day repeat that aggravates (rev 2: only a confirmed 已认定 case counts, not a dismissed,
 * merged or merely proposed one); register flags, where aggravating and mitigating cancel and
 * mitigating takes 告诫 down to 免于处理, and aggravating stops at the top tier; the register's
 * severity, 合并 and the triggers only the register raises (R08–R10, R12, R13).
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

  it("a case within 365 days of a confirmed one goes one tier up", async () => {
    const c = await caseById(hall, "INV:R03:S0002:2026-10-09");
    expect([c.status, c.aggravating, c.final_tier]).toEqual([
      "建议",
      "一年内再次发生（此前已认定 1 起）",
      "取消评优评先资格",
    ]);
  });

  it("a proposed case already at 取消评优评先资格 blocks eligibility; a proposed 告诫 does not", async () => {
    const blocked = await staffMonthOf(hall, "2026-10", repeat365.staff_id);
    expect(blocked.eligible).toBe(false);
    expect(blocked.ineligible_reason).toBe("本月受到责任追究处理（取消评优评先资格）");
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

describe("§10 rev 2: only confirmed cases aggravate; the register's severity, flags and 合并", () => {
  const since = { start_date: "2025-01-01" };
  const proposedBefore = staff(7, since);
  const confirmedBefore = staff(8, since);
  const severe = staff(9, { ...since, department: "税务局" });
  const notCarriedOut = staff(10, since);
  const merged = staff(11, since);
  const severeBackup = staff(12, { ...since, department: "税务局", backup_window_no: severe.window_no });
  const everyone = [proposedBefore, confirmedBefore, severe, notCarriedOut, merged];
  const sep = "2026-09-01";
  const absentAm = (who: RosterRow, on: string) => day(who, on, { amIn: null, amOut: null });
  const register = (caseId: string, who: RosterRow, fields: Record<string, string>) => ({
    case_id: caseId,
    staff_id: who.staff_id,
    decided_on: "2026-10-20",
    ...fields,
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [...everyone, severeBackup],
        attendance: [
          ...normalDays([severeBackup], [sep, fri, "2026-10-20"]),
          ...normalDays([severe, notCarriedOut, merged], [sep]),
          ...normalDays([proposedBefore, confirmedBefore, severe, notCarriedOut], ["2026-10-20"]),
          ...[proposedBefore, confirmedBefore].flatMap((who) => absentAm(who, sep)),
          ...everyone.flatMap((who) => absentAm(who, fri)),
          ...absentAm(merged, "2026-10-20"),
        ],
        patrol: [
          {
            id: "P1",
            at: `${fri} 15:00`,
            patroller: "巡查员",
            staff_id: merged.staff_id,
            finding: "QUARREL",
          },
        ],
        investigations: [
          register("INV:R03:S0008:2026-09-01", confirmedBefore, {
            decision: "已认定",
            decided_on: "2026-09-10",
          }),
          register("INV:R03:S0009:2026-10-09", severe, {
            severity: "严重",
            aggravating: "干扰调查",
            decision: "已认定",
          }),
          register("INV:R03:S0010:2026-10-09", notCarriedOut, {
            aggravating: "不执行决定",
            decision: "已认定",
          }),
          register("INV:R03:S0011:2026-10-09", merged, { severity: "较重", decision: "已认定" }),
          register("INV:R01:S0011:2026-10-09", merged, {
            decision: "合并",
            merged_into: "INV:R03:S0011:2026-10-09",
          }),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  const summary = async (who: RosterRow) =>
    (await investigations(hall, who.staff_id)).map((c) => [
      c.case_id,
      c.status,
      c.base_tier,
      c.aggravating,
      c.final_tier,
    ]);

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("an earlier case that is only proposed does not make the next one heavier", async () => {
    expect(await summary(proposedBefore)).toEqual([
      ["INV:R03:S0007:2026-09-01", "建议", "告诫", null, "告诫"],
      ["INV:R03:S0007:2026-10-09", "建议", "告诫", null, "告诫"],
    ]);
    expect((await staffMonthOf(hall, "2026-10", proposedBefore.staff_id)).eligible).toBe(true);
  });

  it("an earlier confirmed case lifts an unreviewed proposal to 取消评优评先资格, which blocks 优秀 and 标兵", async () => {
    expect(await summary(confirmedBefore)).toEqual([
      ["INV:R03:S0008:2026-09-01", "已认定", "告诫", null, "告诫"],
      ["INV:R03:S0008:2026-10-09", "建议", "告诫", "一年内再次发生（此前已认定 1 起）", "取消评优评先资格"],
    ]);
    const month = await staffMonthOf(hall, "2026-10", confirmedBefore.staff_id);
    expect([month.eligible, month.ineligible_reason]).toEqual([
      false,
      "本月受到责任追究处理（取消评优评先资格）",
    ]);
  });

  it("严重 set by the register and 干扰调查 stay at 通报批评并调离岗位, which blocks the department", async () => {
    expect(await summary(severe)).toEqual([
      ["INV:R03:S0009:2026-10-09", "已认定", "通报批评并调离岗位", "干扰调查", "通报批评并调离岗位"],
    ]);
    // S0012, present all day, backs up the window of S0009: the department has no empty post
    expect(
      await hall.query(
        `select department, removed_staff, empty_post_sessions, eligible, ineligible_reason
         from marts.department_month where month = '2026-10' and department = '税务局'`,
      ),
    ).toEqual([
      {
        department: "税务局",
        removed_staff: 1,
        empty_post_sessions: 0,
        eligible: false,
        ineligible_reason: "1 人受到通报批评并调离岗位处理",
      },
    ]);
  });

  it("不执行决定 takes 告诫 one tier up", async () => {
    expect(await summary(notCarriedOut)).toEqual([
      ["INV:R03:S0010:2026-10-09", "已认定", "告诫", "不执行决定", "取消评优评先资格"],
    ]);
  });

  it("较重 set by the register; a case merged (合并) into it neither blocks nor counts as an earlier case", async () => {
    expect(await summary(merged)).toEqual([
      ["INV:R01:S0011:2026-10-09", "合并", "告诫", null, "告诫"],
      ["INV:R03:S0011:2026-10-09", "已认定", "取消评优评先资格", null, "取消评优评先资格"],
      ["INV:R03:S0011:2026-10-20", "建议", "告诫", "一年内再次发生（此前已认定 1 起）", "取消评优评先资格"],
    ]);
    const [mergedCase] = await hall.query(
      "select merged_into, blocks_eligibility from marts.investigations where case_id = 'INV:R01:S0011:2026-10-09'",
    );
    expect(mergedCase).toEqual({ merged_into: "INV:R03:S0011:2026-10-09", blocks_eligibility: false });
  });
});

describe("§10 triggers that only the register raises: R08, R09, R10, R12, R13", () => {
  const triggers = ["R08", "R09", "R10", "R12", "R13"];
  const people = triggers.map((_, i) => staff(i + 1));
  const noEvent = staff(6);
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [...people, noEvent],
        attendance: normalDays([...people, noEvent], [fri]),
        investigations: [
          ...triggers.map((trigger, i) => ({
            case_id: `M-${trigger}`,
            staff_id: people[i]!.staff_id,
            trigger,
            occurred_on: fri,
            decision: "已认定",
            decided_on: "2026-10-20",
          })),
          // names a proposed case that no event proposes (S0006 was present all day)
          {
            case_id: `INV:R03:${noEvent.staff_id}:${fri}`,
            staff_id: noEvent.staff_id,
            decision: "已认定",
            decided_on: "2026-10-20",
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("each register row is a confirmed case of its trigger, named as in 第五条", async () => {
    expect(await quarantined(hall)).toEqual([]);
    expect(
      await hall.query(
        `select case_id, staff_id, trigger, trigger_name, occurred_on::varchar as occurred_on, event_ids, status, final_tier
         from marts.investigations where case_id like 'M-%' order by case_id`,
      ),
    ).toEqual(
      [
        ["M-R08", "S0001", "R08", "受理事项不按规定送本部门造成延误办理"],
        ["M-R09", "S0002", "R09", "应当请示报告领导而不及时请示报告造成不良后果"],
        ["M-R10", "S0003", "R10", "故意拖延或者拒绝依法给予申请人补办手续"],
        ["M-R12", "S0004", "R12", "牵头窗口不负责任或者相关窗口不配合牵头窗口工作造成延误审批"],
        ["M-R13", "S0005", "R13", "其他违反首问首办责任制度、限时办结制度等相关制度的情形"],
      ].map(([case_id, staff_id, trigger, trigger_name]) => ({
        case_id,
        staff_id,
        trigger,
        trigger_name,
        occurred_on: fri,
        event_ids: [],
        status: "已认定",
        final_tier: "告诫",
      })),
    );
  });

  it("a row naming a proposed case by an id no event proposes stays a case of the trigger and date the id names", async () => {
    expect(
      await hall.query(
        `select case_id, trigger, occurred_on::varchar as occurred_on, event_ids, status, final_tier
         from marts.investigations where staff_id = 'S0006'`,
      ),
    ).toEqual([
      {
        case_id: "INV:R03:S0006:2026-10-09",
        trigger: "R03",
        occurred_on: fri,
        event_ids: [],
        status: "已认定",
        final_tier: "告诫",
      },
    ]);
  });
});
