/**
 * The rules in force, published once (《规则说明》前言): every setting of the configuration is a
 * row of marts.rule_parameters per month, with a Chinese label, unit and handbook section; a frozen
 * month keeps the values it was computed with; marts.rule_codes says what raises each code with
 * the configuration's numbers filled in.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../pipeline/config.ts";
import { sqlRoot } from "../pipeline/transform/models.ts";
import { configurationEntries } from "../pipeline/transform/parameters.ts";
import { type Hall, runHall } from "./support/hall.ts";
import { normalDays, staff } from "./support/rules.ts";

const seed = (name: string) =>
  parse(readFileSync(join(sqlRoot, "seeds", `${name}.csv`)), { columns: true }) as Record<string, string>[];
const labels = seed("rule_parameters");
const ruleCodes = new Set(seed("rule_codes").map((row) => row.rule_code));

/** The label row of a setting, as int_rule_parameters finds it: the exact key, else a `prefix.*` row for a rule code. */
function labelOf(key: string): Record<string, string> | undefined {
  const exact = labels.find((row) => row.key === key);
  if (exact) return exact;
  return labels.find(
    (row) =>
      row.key?.endsWith(".*") &&
      key.startsWith(row.key.slice(0, -1)) &&
      ruleCodes.has(key.slice(row.key.length - 1)),
  );
}

/** Two timetables: the default hours, then a winter timetable from 2026-10-15. */
const timetables = {
  hours: [
    {
      effective_from: "2000-01-01",
      am_start: "08:30",
      am_end: "12:00",
      pm_start: "14:30",
      pm_end: "17:00",
    },
    {
      effective_from: "2026-10-15",
      am_start: "09:00",
      am_end: "12:00",
      pm_start: "14:00",
      pm_end: "17:30",
    },
  ],
};

describe("every setting of the configuration is published with a Chinese label", () => {
  it("has a label row (or is the points of a known rule code) for every key of the configuration", () => {
    const keys = [...new Set(configurationEntries(defaultConfig).map((entry) => entry.key))];
    expect(keys.filter((key) => !labelOf(key))).toEqual([]);
    expect(
      keys.filter((key) => /[A-Za-z]/.test(labelOf(key)?.label ?? "") && !key.startsWith("hours")),
    ).toEqual([]);
  });

  it("labels no setting that the configuration does not have", () => {
    const keys = new Set(configurationEntries(defaultConfig).map((entry) => entry.key));
    expect(
      labels.map((row) => row.key).filter((key) => !key?.endsWith(".*") && !keys.has(key ?? "")),
    ).toEqual([]);
  });

  it("flattens sections, lists and dated items generically, whatever the section", () => {
    const entries = configurationEntries({ ...defaultConfig, ...timetables });
    expect(entries.filter((entry) => entry.key === "hours.am_start")).toEqual([
      { key: "hours.am_start", value: "08:30", number: null, type: "text", validFrom: "2000-01-01" },
      { key: "hours.am_start", value: "09:00", number: null, type: "text", validFrom: "2026-10-15" },
    ]);
    expect(entries.find((entry) => entry.key === "away.excused_reasons")).toEqual({
      key: "away.excused_reasons",
      value: "系统故障、培训、中心指派任务",
      number: null,
      type: "list",
      validFrom: null,
    });
    expect(entries.find((entry) => entry.key === "score.addition_cap")).toEqual({
      key: "score.addition_cap",
      value: null,
      number: null,
      type: "null",
      validFrom: null,
    });
    expect(entries.find((entry) => entry.key === "points.ATT_LATE")).toMatchObject({
      value: "-1",
      number: -1,
    });
    // a section added later is walked like the others
    const extended = { ...defaultConfig, ab_posts: { block_without_b: true } } as typeof defaultConfig;
    expect(configurationEntries(extended).find((entry) => entry.key === "ab_posts.block_without_b")).toEqual({
      key: "ab_posts.block_without_b",
      value: "true",
      number: null,
      type: "boolean",
      validFrom: null,
    });
  });

  it("describes when every rule code is raised, with placeholders that name settings", () => {
    const descriptions = seed("rule_descriptions");
    expect(descriptions.map((row) => row.rule_code).sort()).toEqual([...ruleCodes].sort());
    const keys = new Set(configurationEntries(defaultConfig).map((entry) => entry.key));
    const placeholders = descriptions.flatMap((row) =>
      [...(row.raised_when ?? "").matchAll(/\{([^}]*)\}/g)].map((match) => match[1]),
    );
    expect(placeholders.length).toBeGreaterThan(0);
    expect(placeholders.filter((key) => !keys.has(key ?? "") || key?.startsWith("hours."))).toEqual([]);
  });
});

describe("marts.rule_parameters and marts.rule_codes", () => {
  const s1 = staff(1);
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      { roster: [s1], attendance: normalDays([s1], ["2026-09-14", "2026-10-09"]) },
      { asOf: "2026-11-04", config: timetables },
    );
  });
  afterAll(() => hall?.cleanup());

  const parameters = (h: Hall, month: string, keys: string[]) =>
    h.query(
      `select key, label, value, number, unit, display, section, valid_from::varchar as valid_from,
         valid_to::varchar as valid_to
       from marts.rule_parameters where month = $month and list_contains(string_split($keys, ','), key)
       order by key, valid_from`,
      { month, keys: keys.join(",") },
    );

  it("publishes every setting for every month, with its label, unit, display and section", async () => {
    const counted = await hall.query<{ n: number }>(
      "select count(distinct key)::integer as n from marts.rule_parameters where month = '2026-10'",
    );
    expect(counted[0]?.n).toBe(new Set(configurationEntries(defaultConfig).map((entry) => entry.key)).size);
    expect(
      await parameters(hall, "2026-10", [
        "attendance.grace_minutes",
        "grades.excellent_share",
        "score.addition_cap",
        "points.ATT_MISS",
        "away.excused_reasons",
      ]),
    ).toEqual([
      {
        key: "attendance.grace_minutes",
        label: "上班打卡宽限",
        value: "10",
        number: 10,
        unit: "分钟",
        display: "10 分钟",
        section: "§2",
        valid_from: "2026-10-01",
        valid_to: "2026-10-31",
      },
      {
        key: "away.excused_reasons",
        label: "可豁免的暂停原因",
        value: "系统故障、培训、中心指派任务",
        number: null,
        unit: null,
        display: "系统故障、培训、中心指派任务",
        section: "§3",
        valid_from: "2026-10-01",
        valid_to: "2026-10-31",
      },
      {
        key: "grades.excellent_share",
        label: "优秀比例（严格排序前）",
        value: "0.18",
        number: 0.18,
        unit: "比例",
        display: "18%",
        section: "§9",
        valid_from: "2026-10-01",
        valid_to: "2026-10-31",
      },
      {
        key: "points.ATT_MISS",
        label: "考勤未签到：每次分值",
        value: "-2",
        number: -2,
        unit: "分",
        display: "-2 分",
        section: "§2",
        valid_from: "2026-10-01",
        valid_to: "2026-10-31",
      },
      {
        key: "score.addition_cap",
        label: "每月加分上限",
        value: null,
        number: null,
        unit: "分",
        display: "不设",
        section: "§9",
        valid_from: "2026-10-01",
        valid_to: "2026-10-31",
      },
    ]);
  });

  it("gives each timetable the days of the month it applies to", async () => {
    const hours = async (month: string) =>
      (await parameters(hall, month, ["hours.am_start"])).map((row) => [
        row.display,
        row.valid_from,
        row.valid_to,
      ]);
    expect(await hours("2026-09")).toEqual([["08:30", "2026-09-01", "2026-09-30"]]);
    expect(await hours("2026-10")).toEqual([
      ["08:30", "2026-10-01", "2026-10-14"],
      ["09:00", "2026-10-15", "2026-10-31"],
    ]);
  });

  it("fills what raises each code with the numbers in force, and names the trigger it raises", async () => {
    const codes = await hall.query(
      "select rule_code, points::double as points, raised_when, trigger, trigger_name from marts.rule_codes where rule_code in ('ATT_LATE', 'AWAY_30') order by rule_code",
    );
    expect(codes).toEqual([
      {
        rule_code: "ATT_LATE",
        points: -1,
        raised_when:
          "上班打卡晚于应到时间加 10 分钟宽限；已批准的请假覆盖上班时间时，应到时间改为请假结束时间",
        trigger: null,
        trigger_name: null,
      },
      {
        rule_code: "AWAY_30",
        points: -3,
        raised_when:
          "一次离岗超过 30 分钟（相隔不足 5 分钟的几段离岗算一次；可豁免原因的暂停、已批准的请假不算离岗；请假时指定的顶岗人员晚于离开后 15 分钟到岗的，其间算离岗）",
        trigger: "R03",
        trigger_name: "在服务窗口值班时擅自离岗",
      },
    ]);
  });

  it("keeps a confirmed month's parameters when the configuration changes later", async () => {
    const changed = await hall.rerun({
      asOf: "2026-11-05",
      config: { ...timetables, score: { base: 90 }, attendance: { grace_minutes: 5 } },
    });
    const base = async (month: string) =>
      (await parameters(changed, month, ["score.base", "attendance.grace_minutes"])).map(
        (row) => row.display,
      );
    expect(await base("2026-09")).toEqual(["10 分钟", "100 分"]);
    expect(await base("2026-10")).toEqual(["5 分钟", "90 分"]);
    const [late] = await changed.query(
      "select raised_when from marts.rule_codes where rule_code = 'ATT_LATE'",
    );
    expect(late?.raised_when).toContain("加 5 分钟宽限");
  });
});
