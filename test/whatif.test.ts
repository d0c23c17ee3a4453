/**
 * `whatif`: recomputes months from the state with the last run's configuration and with it changed,
 * and says who moves (rules.md §9 for the cap on additions). It publishes nothing and writes nothing
 * to the state, also when it recomputes a frozen month.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../pipeline/config.ts";
import { Db } from "../pipeline/db.ts";
import { acquireLock } from "../pipeline/lock.ts";
import { outLayout } from "../pipeline/out-layout.ts";
import { highlightFills } from "../pipeline/publish/workbook/formats.ts";
import { runPipeline } from "../pipeline/run.ts";
import { affectedModels, loadMacros, loadModels } from "../pipeline/transform/models.ts";
import { changedParameters } from "../pipeline/transform/parameters.ts";
import { WhatIfRefused, whatIf } from "../pipeline/whatif.ts";
import { runCli } from "./support/cli.ts";
import { type Hall, runHall } from "./support/hall.ts";
import { day, normalDays, staff } from "./support/rules.ts";

const fri = "2026-10-09";
const [s1, s2, s3] = [staff(1), staff(2), staff(3)];
const praise = (id: string, who: typeof s1) => ({
  id,
  date: fri,
  staff_id: who.staff_id,
  kind: "表扬信",
  verified: "是",
});

/**
 * Hand-computed from rules.md §7 and §9, one working day, all three on duty (so all eligible):
 * S0001 late once (−1) and three 表扬信 (+2 each): 100 + 6 − 1 = 105; S0002 two 表扬信: 104; S0003: 100.
 * Without a cap the order is S0001, S0002, S0003; 优秀 is the first round(3 × 18 %) = 1, so S0001 is
 * 优秀 and 文明服务标兵. Capping additions at 5 makes S0001 100 + 5 − 1 = 104, level with S0002;
 * 好评率 (none) and 办件量 (0) tie too, and S0002 has fewer deduction events (0 < 1), so S0002 goes
 * first and takes 优秀 and the award. The department's average goes from 309 / 3 to 308 / 3.
 */
const hallData = {
  roster: [s1, s2, s3],
  attendance: [...day(s1, fri, { amIn: "08:45:00" }), ...normalDays([s2, s3], [fri])],
  commendations: [praise("C1", s1), praise("C2", s1), praise("C3", s1), praise("C4", s2), praise("C5", s2)],
};

const capChanges = (status: string) => [
  "配置改动：",
  "  每月加分上限（score.addition_cap）：不设 → 5 分",
  `2026-10（${status}）：2 人的结果变化，其中 2 人名次或序号变化；1 个部门的结果变化；评选结果变化`,
  "  文明服务标兵：张三（S0001） → 李四（S0002）",
  "  S0002 李四（市场监管局）：名次 2 → 1，序号 2 → 1，等级 合格 → 优秀，文明服务标兵 否 → 是",
  "  S0001 张三（市场监管局）：得分 105.0 → 104.0，序号 1 → 2，等级 优秀 → 合格，加分 6.0 → 5.0，文明服务标兵 是 → 否",
  "  部门 市场监管局：平均分 103.00 → 102.67",
];

/** The report without its first line (what was recomputed) and its last two (where, how long). */
const changesIn = (lines: readonly string[]) => lines.slice(1, -2);

async function configFile(hall: Hall, name: string, config: unknown): Promise<string> {
  const path = join(dirname(hall.out), name);
  await writeFile(path, JSON.stringify(config));
  return path;
}

const sha256 = async (path: string) =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex");

async function stateHistory(out: string): Promise<string> {
  const db = await Db.open(outLayout(out).stateDb, { readOnly: true });
  try {
    const tables = await db.all<{ table_name: string }>(
      "select table_name from duckdb_tables() where schema_name = 'history' order by table_name",
    );
    const contents: Record<string, unknown> = {};
    for (const { table_name } of tables)
      contents[table_name] = await db.all(`select * from history."${table_name}" order by all`);
    return JSON.stringify(contents, (_key, value) => (typeof value === "bigint" ? String(value) : value));
  } finally {
    db.close();
  }
}

/** Per person row of 人员对比: the headers of the cells highlighted as changed. */
async function highlightedCells(path: string): Promise<Record<string, string[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet("人员对比")!;
  const headers = (sheet.getRow(3).values as unknown[]).map(String);
  const changed = JSON.stringify(highlightFills.changed);
  const result: Record<string, string[]> = {};
  sheet.eachRow((row, number) => {
    if (number <= 3) return;
    const cells: string[] = [];
    row.eachCell((cell, column) => {
      if (JSON.stringify(cell.fill) === changed) cells.push(headers[column]!);
    });
    result[String(row.getCell(2).value)] = cells;
  });
  return result;
}

describe("what a changed setting makes the what-if rebuild", () => {
  const changed = (overrides: Record<string, unknown>) =>
    [...changedParameters(defaultConfig, parseConfig({ ...defaultConfig, ...overrides }))].sort();

  it("names the variables and params tables whose contents differ, and nothing when nothing does", () => {
    expect(changed({})).toEqual([]);
    expect(changed({ score: { ...defaultConfig.score, addition_cap: 5 } })).toEqual([
      "params.configuration",
      "score_addition_cap",
    ]);
    expect(changed({ points: { ...defaultConfig.points, PRAISE: 3 } })).toEqual([
      "params.configuration",
      "params.rule_points",
    ]);
    expect(changed({ hours: [{ ...defaultConfig.hours[0], pm_start: "14:00" }] })).toEqual([
      "params.configuration",
      "params.hours",
    ]);
  });

  it("rebuilds the models reading a changed setting and those downstream, no others", async () => {
    const models = await loadModels();
    const macros = await loadMacros();
    const rebuilt = (names: string[]) =>
      affectedModels(models, macros, new Set(names)).map((model) => model.relation);
    // int_staff_scores applies the cap (rules.md §9); the rest read the scores
    expect(rebuilt(["score_addition_cap"])).toEqual([
      "intermediate.int_staff_scores",
      "intermediate.int_department_ranking",
      "intermediate.int_staff_eligibility",
      "intermediate.int_staff_order",
      "intermediate.int_staff_grades",
      "marts.awards",
      "marts.department_month",
      "marts.staff_month",
      "marts.department_year",
      "marts.department_year_rules",
      "marts.hall_month",
      "marts.score_distribution",
      "marts.staff_feedback",
      "marts.staff_year",
      "marts.staff_year_rules",
    ]);
    expect(rebuilt(["params.configuration"])).toEqual([
      "intermediate.int_rule_parameters",
      "marts.rule_codes",
      "marts.rule_parameters",
      "marts.staff_feedback",
    ]);
    expect(rebuilt([])).toEqual([]);
    // a macro reading a changed setting is not traced: everything is rebuilt
    expect(rebuilt(["as_of"])).toHaveLength(models.length);
  });
});

describe("whatif on an open month", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(hallData, { asOf: "2026-10-20", config: { attendance: { grace_minutes: 5 } } });
  });
  afterAll(() => hall.cleanup());

  it("finds no difference when the configuration is not changed, given empty or as the run's own", async () => {
    for (const config of [{}, { attendance: { grace_minutes: 5 } }]) {
      const { lines } = await whatIf({
        out: hall.out,
        configFile: await configFile(hall, "same.json", config),
      });
      expect(changesIn(lines)).toEqual([
        "配置改动：无（与上次运行使用的配置相同）",
        "2026-10（公示）：没有变化",
      ]);
    }
  });

  it("says how a cap of 5 on additions reorders the month, as rules.md §9 orders it", async () => {
    const { lines, workbook } = await whatIf({
      out: hall.out,
      configFile: await configFile(hall, "cap.json", { score: { addition_cap: 5 } }),
    });
    expect(lines[0]).toBe(
      "【假设测试】按上次运行的配置与按 cap.json 改动后的配置分别重算 2026-10（数据截至 2026-10-20），比较两者；不发布，不改变任何已发布或已冻结的结果",
    );
    expect(changesIn(lines)).toEqual(capChanges("公示"));
    expect(workbook).toMatch(/\/whatif\/\d{8}-\d{6}(-\d+)?\/对比\.xlsx$/);
    expect(await highlightedCells(workbook)).toEqual({
      S0002: [
        "名次（当前）",
        "名次（假设）",
        "序号（当前）",
        "序号（假设）",
        "等级（当前）",
        "等级（假设）",
        "文明服务标兵（当前）",
        "文明服务标兵（假设）",
      ],
      S0001: [
        "得分（当前）",
        "得分（假设）",
        "序号（当前）",
        "序号（假设）",
        "等级（当前）",
        "等级（假设）",
        "加分（当前）",
        "加分（假设）",
        "文明服务标兵（当前）",
        "文明服务标兵（假设）",
      ],
      S0003: [],
    });
  });

  it("takes --hall as optional with one hall: its own code (main) gives the same, another code is refused", async () => {
    const cap = await configFile(hall, "cap.json", { score: { addition_cap: 5 } });
    const { lines } = await whatIf({ out: hall.out, configFile: cap, hall: "main" });
    expect(changesIn(lines)).toEqual(capChanges("公示"));
    await expect(whatIf({ out: hall.out, configFile: cap, hall: "SXX" })).rejects.toThrow(
      new WhatIfRefused("上次运行中没有大厅编码 SXX 的大厅（有：main 示例县政务服务中心）"),
    );
  });

  it("lists each person's points per rule when a rule's points change (表扬 +2 → +3 each)", async () => {
    const { lines } = await whatIf({
      out: hall.out,
      configFile: await configFile(hall, "praise.json", { points: { PRAISE: 3 } }),
    });
    // S0001: 100 + 3 × 3 − 1 = 108; S0002: 100 + 2 × 3 = 106; the order stays; average 314 / 3
    expect(changesIn(lines)).toEqual([
      "配置改动：",
      "  表扬信、锦旗、镜框或口头反映的好人好事(经中心核定)：每次分值（points.PRAISE）：2 分 → 3 分",
      "2026-10（公示）：2 人的结果变化，其中 0 人名次或序号变化；1 个部门的结果变化；评选结果不变",
      "  S0001 张三（市场监管局）：得分 105.0 → 108.0，加分 6.0 → 9.0，表扬 +6.0 → +9.0",
      "  S0002 李四（市场监管局）：得分 104.0 → 106.0，加分 4.0 → 6.0，表扬 +4.0 → +6.0",
      "  部门 市场监管局：平均分 103.00 → 104.67",
    ]);
  });

  it("waits for no run: while a run holds the lock it refuses, naming the run", async () => {
    const release = await acquireLock(outLayout(hall.out).lock);
    try {
      await expect(
        whatIf({
          out: hall.out,
          configFile: await configFile(hall, "cap.json", { score: { addition_cap: 5 } }),
        }),
      ).rejects.toThrow(`另一个运行（进程 ${process.pid}，`);
    } finally {
      await release();
    }
  });
});

describe("whatif on a frozen month", () => {
  let hall: Hall;
  beforeAll(async () => {
    // 2026-11-20 is past October's appeal window: the run freezes October
    hall = await runHall(hallData, { asOf: "2026-11-20" });
  });
  afterAll(() => hall.cleanup());

  it("recomputes the month when asked and leaves the publication and the frozen results as they were", async () => {
    const layout = outLayout(hall.out);
    const before = {
      warehouse: await sha256(layout.warehouse),
      state: await sha256(layout.stateDb),
      history: await stateHistory(hall.out),
      versions: await readdir(layout.versions),
    };
    const cap = await configFile(hall, "cap.json", { score: { addition_cap: 5 } });
    await expect(whatIf({ out: hall.out, configFile: cap })).rejects.toThrow(
      "没有未冻结的月份可以重算：请用 --month 指定月份（已冻结的月份也可以：2026-10）",
    );
    const { lines } = await whatIf({ out: hall.out, configFile: cap, month: "2026-10" });
    expect(changesIn(lines)).toEqual(capChanges("确认"));
    expect({
      warehouse: await sha256(layout.warehouse),
      state: await sha256(layout.stateDb),
      history: await stateHistory(hall.out),
      versions: await readdir(layout.versions),
    }).toEqual(before);
    expect(before.history).toContain('"month":"2026-10","staff_id":"S0001"');
    const published = await hall.query(
      "select staff_id, score::double as score, status from marts.staff_month order by order_no",
    );
    expect(published).toEqual([
      { staff_id: "S0001", score: 105, status: "确认" },
      { staff_id: "S0002", score: 104, status: "确认" },
      { staff_id: "S0003", score: 100, status: "确认" },
    ]);
  });
});

describe("whatif on the sample city (two halls)", () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "whatif-sample-"));
    out = join(root, "out");
    await runPipeline({ inbox: "data/sample", out, asOf: "2026-11-04", log: () => {} });
    await writeFile(join(root, "cap5.json"), JSON.stringify({ score: { addition_cap: 5 } }));
  }, 600_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("refuses without --hall, naming the halls to choose from, and writes nothing", async () => {
    const result = await runCli(["whatif", "--out", out, "--config", join(root, "cap5.json")]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toBe(
      "假设测试未完成（不影响已发布的结果）：上次运行含 2 个大厅（SXX 示例县政务服务中心、SXX-KFQ 示例县经济开发区政务服务分中心）：请用 --hall 指定要做假设测试的大厅编码\n",
    );
    // the command word may come after its options
    const reordered = await runCli(["--out", out, "--config", join(root, "cap5.json"), "whatif"]);
    expect(reordered.stderr).toBe(result.stderr);
    expect(await readdir(join(out, "whatif"))).toEqual([]);
  }, 120_000);

  it("refuses a hall the last run did not have", async () => {
    await expect(whatIf({ out, configFile: join(root, "cap5.json"), hall: "SXX-GXQ" })).rejects.toThrow(
      new WhatIfRefused(
        "上次运行中没有大厅编码 SXX-GXQ 的大厅（有：SXX 示例县政务服务中心、SXX-KFQ 示例县经济开发区政务服务分中心）",
      ),
    );
  });

  it("with --hall SXX says exactly what it said on the one-hall sample: how a cap of 5 on additions changes October's order", async () => {
    const result = await runCli([
      "whatif",
      "--out",
      out,
      "--config",
      join(root, "cap5.json"),
      "--hall",
      "SXX",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "【假设测试】按上次运行的配置与按 cap5.json 改动后的配置分别重算 2026-10（数据截至 2026-11-04），比较两者；不发布，不改变任何已发布或已冻结的结果",
    );
    expect(changesIn(lines)).toEqual(sampleCapChanges);
    expect(lines.at(-2)).toMatch(/^对比表：.*\/whatif\/\d{8}-\d{6}(-\d+)?\/对比\.xlsx$/);
  }, 120_000);
});

/**
 * The sample hall SXX's October with additions capped at 5 (rules.md §9), checked by hand at the top of the
 * order against the published marts: the five at 110, 108, 108, 107, 107 all fall to 105 and share
 * rank 1, ordered by 好评率 (S0040 .964, S0015 .926, S0017 .908, S0016 .897, S0002 .871); S0019 at
 * 104; S0021 (+6 −2) and S0014 (+8 −2) at 103, S0021 first by 好评率 (the sample's planted
 * 疑似异常评价 give S0014 a re-exported 好评 and drop one of its 差评); 优秀 is the first
 * round(43 × 18 %) = 8, so S0021 (now 7th) becomes 优秀, S0014 (8th) stays 优秀 and S0006
 * (+9 −4 = 101, now 12th) becomes 合格;
 * S0013 (+5 −4 = 101, unchanged) rises from 22nd to 11th as those above her fall. S0040 keeps 文明服务标兵.
 */
const sampleCapChanges: string[] = [
  "配置改动：",
  "  每月加分上限（score.addition_cap）：不设 → 5 分",
  "2026-10（公示）：43 人的结果变化，其中 41 人名次或序号变化；5 个部门的结果变化；评选结果不变",
  "  S0040 邱琪（税务局）：得分 110.0 → 105.0，加分 10.0 → 5.0",
  "  S0015 刘晨（人社局）：得分 107.0 → 105.0，名次 4 → 1，序号 4 → 2，加分 7.0 → 5.0",
  "  S0017 白轩志（人社局）：得分 108.0 → 105.0，名次 2 → 1，序号 2 → 3，加分 8.0 → 5.0",
  "  S0016 马玉勇（人社局）：得分 107.0 → 105.0，名次 4 → 1，序号 5 → 4，加分 7.0 → 5.0",
  "  S0002 向燕芳（市场监管局）：得分 108.0 → 105.0，名次 2 → 1，序号 3 → 5，加分 8.0 → 5.0",
  "  S0019 彭凤（不动产登记中心）：得分 106.0 → 104.0，序号 7 → 6，加分 7.0 → 5.0",
  "  S0021 孔鸣志（不动产登记中心）：得分 104.0 → 103.0，名次 10 → 7，序号 10 → 7，等级 合格 → 优秀，加分 6.0 → 5.0",
  "  S0014 廖英敏（人社局）：得分 106.0 → 103.0，名次 6 → 7，序号 6 → 8，加分 8.0 → 5.0",
  "  S0001 戴明（市场监管局）：得分 105.0 → 102.0，名次 8 → 9，加分 8.0 → 5.0",
  "  S0022 向子（不动产登记中心）：得分 104.0 → 102.0，名次 10 → 9，序号 11 → 10，加分 7.0 → 5.0",
  "  S0013 冯晨娟（人社局）：名次 22 → 11，序号 22 → 11",
  "  S0006 李琴（市场监管局）：得分 105.0 → 101.0，名次 8 → 11，序号 8 → 12，等级 优秀 → 合格，加分 9.0 → 5.0",
  "  S0007 龙艳洋（市场监管局）：得分 102.0 → 100.0，名次 17 → 13，序号 18 → 13，加分 7.0 → 5.0",
  "  S0032 徐欣（公安户政）：得分 102.0 → 100.0，名次 17 → 13，序号 19 → 14，加分 7.0 → 5.0",
  "  S0042 谭磊明（税务局）：得分 103.0 → 100.0，名次 12 → 13，序号 14 → 15，加分 8.0 → 5.0",
  "  S0009 余金（市场监管局）：得分 103.0 → 100.0，名次 12 → 13，序号 15 → 16，加分 8.0 → 5.0",
  "  S0023 余玉（不动产登记中心）：得分 101.0 → 99.0，名次 22 → 17，序号 23 → 17，加分 7.0 → 5.0",
  "  S0027 马琪（公安户政）：得分 103.0 → 99.0，名次 12 → 17，序号 16 → 18，加分 9.0 → 5.0",
  "  S0043 唐斌俊（不动产登记中心）：得分 102.0 → 99.0，序号 21 → 19，加分 8.0 → 5.0",
  "  S0035 梁敏金（税务局）：得分 102.0 → 98.0，名次 17 → 20，序号 17 → 20，加分 9.0 → 5.0",
  "  S0012 邱雪（人社局）：得分 103.0 → 98.0，名次 12 → 20，序号 13 → 21，加分 10.0 → 5.0",
  "  S0018 龙萱晨（不动产登记中心）：得分 101.0 → 98.0，名次 22 → 20，序号 24 → 22，加分 8.0 → 5.0",
  "  S0034 杜桂（公安户政）：得分 102.0 → 98.0，名次 17 → 20，序号 20 → 23，加分 9.0 → 5.0",
  "  S0020 史婷兰（不动产登记中心）：得分 100.0 → 98.0，名次 25 → 20，序号 25 → 24，加分 7.0 → 5.0",
  "  S0038 张浩（税务局）：得分 98.0 → 97.0，名次 29 → 25，序号 29 → 25，加分 6.0 → 5.0",
  "  S0041 贺婷秀（税务局）：得分 103.0 → 97.0，名次 12 → 25，序号 12 → 26，加分 11.0 → 5.0",
  "  S0026 邓磊伟（不动产登记中心）：得分 99.0 → 97.0，名次 26 → 25，加分 7.0 → 5.0",
  "  S0025 石静（不动产登记中心）：得分 97.0 → 96.0，名次 33 → 28，序号 33 → 28，加分 6.0 → 5.0",
  "  S0037 彭杰秀（税务局）：得分 97.0 → 96.0，名次 33 → 28，序号 34 → 29，加分 6.0 → 5.0",
  "  S0033 程涵（公安户政）：得分 99.0 → 96.0，名次 26 → 28，序号 26 → 30，加分 8.0 → 5.0",
  "  S0039 廖芳丽（税务局）：得分 98.0 → 95.0，名次 29 → 31，序号 30 → 31，加分 8.0 → 5.0",
  "  S0005 潘佳（市场监管局）：得分 97.0 → 95.0，名次 33 → 31，序号 35 → 32，加分 7.0 → 5.0",
  "  S0024 汤杰（不动产登记中心）：得分 97.0 → 95.0，名次 33 → 31，序号 36 → 33，加分 7.0 → 5.0",
  "  S0028 叶思（公安户政）：得分 98.0 → 95.0，名次 29 → 31，序号 31 → 34，加分 8.0 → 5.0",
  "  S0003 孟晨（市场监管局）：得分 98.0 → 95.0，名次 29 → 31，序号 32 → 35，加分 8.0 → 5.0",
  "  S0004 毛涛（市场监管局）：得分 99.0 → 95.0，名次 26 → 31，序号 28 → 36，加分 9.0 → 5.0",
  "  S0036 李俊（税务局）：名次 39 → 37，序号 39 → 37",
  "  S0031 梁丽博（公安户政）：得分 96.0 → 93.0，名次 37 → 38，序号 37 → 38，加分 8.0 → 5.0",
  "  S0029 马英怡（公安户政）：得分 96.0 → 93.0，名次 37 → 38，序号 38 → 39，加分 8.0 → 5.0",
  "  S0011 薛超建（人社局）：得分 94.0 → 92.0，名次 39 → 40，加分 7.0 → 5.0",
  "  S0008 黎子敏（市场监管局）：得分 93.0 → 91.0，序号 42 → 41，加分 7.0 → 5.0",
  "  S0030 郑兰晨（公安户政）：得分 93.0 → 90.0，名次 41 → 42，序号 41 → 42，加分 8.0 → 5.0",
  "  S0010 严轩阳（人社局）：得分 89.0 → 88.0，加分 6.0 → 5.0",
  "  部门 人社局：平均分 101.88 → 99.63",
  "  部门 不动产登记中心：平均分 101.10 → 99.10，名次 3 → 2，序号 3 → 2",
  "  部门 市场监管局：平均分 101.11 → 98.22，名次 2 → 3，序号 2 → 3",
  "  部门 税务局：平均分 100.63 → 97.75",
  "  部门 公安户政：平均分 98.63 → 95.50",
];
