import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../pipeline/db.ts";
import { loadModels, parseModel } from "../pipeline/transform/models.ts";
import { checkModel, InvariantError, runChecks, runModels } from "../pipeline/transform/run-models.ts";
import { queryDuckDb } from "./support/inbox.ts";
import { createEmptyWarehouse } from "./support/synthetic-warehouse.ts";

const model = parseModel(
  "marts",
  "/sql/marts/checked.sql",
  `/*
grain: one row per id
unique: [id]
not_null: [id, status]
accepted_values:
  status: [在岗, 离岗]
  rank: [1, 2]
range:
  share: [0, 1]
  minutes: [0, null]
*/
select 1`,
);

describe("the invariants stated in a model's header", () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(":memory:");
  });
  afterAll(() => db.close());

  const check = async (rows: string) => {
    await db.run(
      `create or replace table checked as select * from (values ${rows}) as t(id, status, rank, share, minutes)`,
    );
    return checkModel(db, model, "checked");
  };

  it("pass when every row keeps them, a range's bounds included", async () => {
    await expect(
      check("(1, '在岗', 1, 0, 0), (2, '离岗', null, 1, 999), (3, '在岗', 2, null, null)"),
    ).resolves.toBe(undefined);
  });

  it("fail on a repeated key, naming the model and the key", async () => {
    await expect(check("(1, '在岗', 1, 0.5, 1), (1, '离岗', 2, 0.5, 1)")).rejects.toThrow(
      new InvariantError(
        "数据校验失败：marts.checked 按 (id) 不唯一，1 组重复；例如 (id) = (1)，未找到来源行",
      ),
    );
  });

  it("fail on a null in a required column, naming the column, the count and the first row's key", async () => {
    await expect(check("(1, null, 1, 0, 0), (2, null, 2, 0, 0), (3, '在岗', 1, 0, 0)")).rejects.toThrow(
      "数据校验失败：marts.checked.status 有 2 行为空；例如 (id) = (1)，未找到来源行",
    );
  });

  it("fail on a value outside its list, quoting the value", async () => {
    await expect(check("(1, '在岗', 1, 0, 0), (2, '外出', 2, 0, 0)")).rejects.toThrow(
      "数据校验失败：marts.checked.status 出现取值范围外的值 外出；例如 (id) = (2)",
    );
    await expect(check("(1, '在岗', 3, 0, 0)")).rejects.toThrow(
      "数据校验失败：marts.checked.rank 出现取值范围外的值 3；例如 (id) = (1)",
    );
  });

  it("fail on a share above 1 or a negative duration, quoting the values and the range", async () => {
    await expect(
      check("(1, '在岗', 1, 1.058, 0), (2, '在岗', 1, 1.5, 0), (3, '在岗', 1, 0.9, 0)"),
    ).rejects.toThrow(
      "数据校验失败：marts.checked.share 有 2 行超出范围 [0, 1]，如 1.058、1.500；例如 (id) = (1)",
    );
    await expect(check("(1, '在岗', 1, 0, -60)")).rejects.toThrow(
      "数据校验失败：marts.checked.minutes 有 1 行超出范围 [0, +∞]，如 -60；例如 (id) = (1)",
    );
  });

  it("refuse a range with neither bound", () => {
    expect(() =>
      parseModel(
        "marts",
        "/sql/marts/unbounded.sql",
        "/*\ngrain: one row\nrange:\n  share: [null, null]\n*/\nselect 1",
      ),
    ).toThrow("a range needs a lower or an upper bound");
  });

  it("refuse an upsert without the key its rows replace by", () => {
    const header = (unique: string) =>
      `/*\ngrain: one row per key\nmaterialized: upsert\n${unique}*/\nselect 1`;
    expect(() => parseModel("staging", "/sql/staging/latest.sql", header(""))).toThrow(
      "an upsert model replaces rows by its unique key: it needs one",
    );
    expect(parseModel("staging", "/sql/staging/latest.sql", header("unique: [id]\n")).header.unique).toEqual([
      "id",
    ]);
  });
});

/**
 * A staging table of window events, an intermediate model that turns each 暂停 into an interval keyed
 * by person and minute (a double-pressed 暂停 repeats the key), another that dates each event, and a
 * mart without source_ref over it whose share is wrong on purpose: the models of a hall, made to fail.
 */
describe("a failed invariant names the model, the offending key and the source rows behind it", () => {
  let db: Db;
  const intervals = parseModel(
    "intermediate",
    "/sql/intermediate/int_away_intervals.sql",
    `/*
grain: one row per pause of a staff member
unique: [staff_id, starts_at, origin, origin_id]
*/
select staff_id, date_trunc('minute', event_at) as starts_at, '叫号系统' as origin, strftime(event_at, '%H%M') as origin_id,
  strftime(event_at, '%Y-%m') as month, source_ref
from staging.stg_queue_events where event = '暂停'`,
  );
  const pauses = parseModel(
    "marts",
    "/sql/marts/pause_month.sql",
    `/*
grain: one row per staff member and month, and one per month for the whole hall (staff_id empty)
unique: [month, staff_id]
range:
  resumed_share: [0, 1]
*/
select month, staff_id, count(*) filter (where event = '恢复') / count(*) filter (where event = '暂停') as resumed_share
from intermediate.int_queue_events
group by grouping sets ((month, staff_id), (month))`,
  );
  const queueEvents = parseModel(
    "intermediate",
    "/sql/intermediate/int_queue_events.sql",
    `/*
grain: one row per window event
*/
select *, strftime(event_at, '%Y-%m') as month from staging.stg_queue_events`,
  );
  const staging = parseModel(
    "staging",
    "/sql/staging/stg_queue_events.sql",
    "/*\ngrain: one row per loaded window event\n*/\nselect 1",
  );

  beforeAll(async () => {
    db = await Db.open(":memory:");
    await db.run(`
      create schema staging;
      attach ':memory:' as intermediate;
      attach ':memory:' as marts;
      create table staging.stg_queue_events (staff_id varchar, event_at timestamp, event varchar, source_ref varchar)`);
  });
  afterAll(() => db.close());

  const events = (rows: [string, string, string, number][]) =>
    db.run(`create or replace table staging.stg_queue_events as
      select staff_id, event_at::timestamp as event_at, event, 'queue-events/窗口状态.csv:' || line as source_ref
      from (values ${rows.map((row) => `('${row.join("', '")}')`).join(", ")}) as t(staff_id, event_at, event, line)`);

  const failure = async (work: Promise<unknown>): Promise<InvariantError> => {
    const error = await work.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InvariantError);
    return error as InvariantError;
  };

  it("cites the staged rows of a repeated key, and tells the operator how to correct them", async () => {
    await events([
      ["S0007", "2026-10-09 08:30:05", "暂停", 4],
      ["S0007", "2026-10-09 08:30:09", "暂停", 5],
      ["S0007", "2026-10-09 08:50:00", "恢复", 6],
      ["S0008", "2026-10-09 08:30:05", "暂停", 7],
    ]);
    const error = await failure(
      runModels(db, [intervals], { fullRefresh: true, lineage: [staging, intervals, pauses] }),
    );
    expect(error.message).toBe(
      "数据校验失败：intermediate.int_away_intervals 按 (staff_id, starts_at, origin, origin_id) 不唯一，1 组重复；" +
        "例如 (staff_id, starts_at, origin, origin_id) = (S0007, 2026-10-09 08:30:00, 叫号系统, 0830)，" +
        "来源 queue-events/窗口状态.csv:4、queue-events/窗口状态.csv:5",
    );
    expect(error.sources).toEqual(["queue-events/窗口状态.csv:4", "queue-events/窗口状态.csv:5"]);
    expect(error.advice).toEqual([
      "这是程序的缺陷（收件箱中的任何内容都不应使运行失败），请把以上信息报告给开发人员。",
      "修复之前如需先发布：在原系统中更正上列文件的这些行（流水号、编号等键不变），重新导出放入收件箱后再运行；同一键的行以最后读入的为准。已读入的行不会因从收件箱删去文件或删去该行而消失。",
    ]);
  });

  it("follows a register id cited as a source to the file and line of its row", async () => {
    await db.run(`create or replace table staging.stg_patrol as
      select 'XC-0040' as patrol_id, 'S0007' as staff_id, 'patrol/巡查记录.csv:41' as source_ref`);
    const patrolled = parseModel(
      "intermediate",
      "/sql/intermediate/int_patrol_intervals.sql",
      `/*
grain: one row per patrol finding of being away
unique: [staff_id]
*/
select staff_id, patrol_id as source_ref from staging.stg_patrol cross join range(2)`,
    );
    const stagedPatrol = parseModel(
      "staging",
      "/sql/staging/stg_patrol.sql",
      "/*\ngrain: one row\n*/\nselect 1",
    );
    const error = await failure(
      runModels(db, [patrolled], { fullRefresh: true, lineage: [stagedPatrol, patrolled] }),
    );
    expect(error.message).toBe(
      "数据校验失败：intermediate.int_patrol_intervals 按 (staff_id) 不唯一，1 组重复；例如 (staff_id) = (S0007)，来源 patrol/巡查记录.csv:41",
    );
  });

  it("traces a figure of a model without source rows to the staged rows of its key, at most three", async () => {
    await events([
      ["S0007", "2026-10-09 09:00:00", "暂停", 2],
      ["S0007", "2026-10-09 09:10:00", "恢复", 3],
      ["S0007", "2026-10-09 09:20:00", "恢复", 4],
      ["S0007", "2026-10-09 09:30:00", "恢复", 5],
      ["S0008", "2026-10-09 09:00:00", "暂停", 6],
      ["S0008", "2026-10-09 09:20:00", "恢复", 7],
    ]);
    const error = await failure(
      runModels(db, [queueEvents, pauses], { fullRefresh: true, lineage: [staging, queueEvents, pauses] }),
    );
    // the hall's row (staff_id empty: every staff member) is 4 ÷ 2, S0007's is 3 ÷ 1: the hall's comes first
    expect(error.message).toBe(
      "数据校验失败：marts.pause_month.resumed_share 有 2 行超出范围 [0, 1]，如 2.0、3.0；" +
        "例如 (month, staff_id) = (2026-10, 空)，来源 queue-events/窗口状态.csv:2、queue-events/窗口状态.csv:3、queue-events/窗口状态.csv:4",
    );
    expect(error.advice[1]).toContain("更正上列文件的这些行");
  });

  it("says so when no source row can be found, and still names the key", async () => {
    await db.run(
      "create or replace table marts.pause_month as select '2026-10' as month, 'S0009' as staff_id, 2.0 as resumed_share",
    );
    const error = await failure(checkModel(db, pauses, "marts.pause_month"));
    expect(error.message).toBe(
      "数据校验失败：marts.pause_month.resumed_share 有 1 行超出范围 [0, 1]，如 2.0；例如 (month, staff_id) = (2026-10, S0009)，未找到来源行",
    );
    expect(error.advice).toEqual([
      "这是程序的缺陷（收件箱中的任何内容都不应使运行失败），请把以上信息报告给开发人员。",
      "未能追溯到收件箱中的来源行。",
    ]);
  });

  it("traces a violated singular test through the relations it reads", async () => {
    await events([
      ["S0007", "2026-10-09 09:00:00", "暂停", 2],
      ["S0007", "2026-10-09 09:00:00", "退出", 3],
    ]);
    const check = {
      name: "one_event_a_moment",
      path: "/sql/tests/one_event_a_moment.sql",
      description: "同一人同一时刻只有一个窗口事件",
      sql: "select staff_id, event_at from staging.stg_queue_events group by all having count(*) > 1",
      dependsOn: ["staging.stg_queue_events"],
    };
    const error = await failure(runChecks(db, [check], [staging]));
    expect(error.message).toBe(
      "数据校验失败：同一人同一时刻只有一个窗口事件（1 行，见 one_event_a_moment）；" +
        "例如 (staff_id, event_at) = (S0007, 2026-10-09 09:00:00)，来源 queue-events/窗口状态.csv:2、queue-events/窗口状态.csv:3",
    );
  });
});

describe("the ranges the published models declare", () => {
  /**
   * Signed by nature: scores (no floor by default), points (deductions are negative) and a
   * setting's value (rule_parameters.number holds the points too).
   */
  const signed = [
    "score",
    "avg_score",
    "runner_up_score",
    "points",
    "score_from",
    "score_to",
    "previous_1_score",
    "previous_2_score",
    "previous_3_score",
    "total_score",
    "best_score",
    "worst_score",
    "number",
  ];

  it("cover every numeric column of every mart: rates and shares in [0, 1], durations and counts from 0", async () => {
    const root = await mkdtemp(join(tmpdir(), "ranges-"));
    try {
      const warehouse = join(root, "warehouse.duckdb");
      await createEmptyWarehouse(warehouse);
      const numeric = await queryDuckDb<{ relation: string; column_name: string }>(
        warehouse,
        `select schema_name || '.' || table_name as relation, column_name from duckdb_columns()
         where schema_name = 'marts' and (data_type in ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'DOUBLE',
           'FLOAT') or data_type like 'DECIMAL%')
         order by relation, column_index`,
      );
      const ranges = new Map(
        (await loadModels()).map((model) => [model.relation, model.header.range ?? {}] as const),
      );
      const undeclared = numeric
        .filter(
          ({ relation, column_name }) =>
            !signed.includes(column_name) && !ranges.get(relation)?.[column_name],
        )
        .map(({ relation, column_name }) => `${relation}.${column_name}`);
      expect(undeclared).toEqual([]);
      const misdeclared = [...ranges].flatMap(([relation, range]) =>
        Object.entries(range)
          .filter(
            ([column, [low, high]]) =>
              (/(_rate|_share)$/.test(column) && (low !== 0 || high !== 1)) ||
              (/_s$/.test(column) && low !== 0),
          )
          .map(([column]) => `${relation}.${column}`),
      );
      expect(misdeclared).toEqual([]);
      expect(numeric.length).toBeGreaterThan(50);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 180_000);
});
