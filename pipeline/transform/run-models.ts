/**
 * Materializes the models in dependency order and checks each one's stated invariants (unique
 * grain, required columns, accepted values) and the singular tests under sql/tests. A broken
 * invariant stops the run before anything is published.
 */
import { type Db, quoteIdentifier, quoteLiteral } from "../db.ts";
import { type Check, type Macro, type Model, rebuiltLayers } from "./models.ts";

export type { Macro };

export class InvariantError extends Error {
  override name = "InvariantError";
}

export interface RunOptions {
  /** Rebuild incremental models from every raw row instead of appending the new loads. */
  fullRefresh: boolean;
  onModel?: (model: Model) => void;
  /** Called with each model's wall time in seconds (profiling, benchmarks). */
  onModelDone?: (model: Model, seconds: number) => void;
}

/**
 * Gives the rebuilt layers their empty in-memory catalogs. A state file written by an older
 * version holds them as schemas, which would shadow the catalogs: those schemas are dropped.
 */
export async function attachRebuiltLayers(db: Db): Promise<void> {
  for (const layer of rebuiltLayers) {
    await db.run(`drop schema if exists ${quoteIdentifier(layer)} cascade`);
    await db.run(`attach ':memory:' as ${quoteIdentifier(layer)}`);
  }
}

export async function runModels(db: Db, models: readonly Model[], options: RunOptions): Promise<void> {
  for (const schema of new Set(models.map((model) => model.schema))) {
    if (!rebuiltLayers.includes(schema))
      await db.run(`create schema if not exists ${quoteIdentifier(schema)}`);
  }
  for (const model of models) {
    options.onModel?.(model);
    const started = performance.now();
    try {
      if (model.header.materialized === "incremental")
        await appendIncremental(db, model, options.fullRefresh);
      else {
        await db.run(`create or replace table ${model.relation} as ${model.sql}`);
        await checkModel(db, model, model.relation);
      }
      options.onModelDone?.(model, (performance.now() - started) / 1000);
    } catch (error) {
      if (error instanceof InvariantError) throw error;
      throw new Error(`模型 ${model.relation}（${model.path}）执行失败：${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

/**
 * Incremental models read the raw views, which the caller scopes to the loads not yet staged.
 * The batch is checked on its own before it joins the table.
 */
async function appendIncremental(db: Db, model: Model, fullRefresh: boolean): Promise<void> {
  const exists = await db.one(
    "select 1 from duckdb_tables() where schema_name = $schema and table_name = $name",
    {
      schema: model.schema,
      name: model.name,
    },
  );
  if (fullRefresh || !exists) {
    await db.run(`create or replace table ${model.relation} as ${model.sql}`);
    await checkModel(db, model, model.relation);
    return;
  }
  await db.run(`create or replace temp table incremental_batch as ${model.sql}`);
  try {
    await checkModel(db, model, "incremental_batch");
    await db.run(`insert into ${model.relation} by name select * from incremental_batch`);
  } finally {
    await db.run("drop table if exists incremental_batch");
  }
}

async function count(db: Db, sql: string): Promise<number> {
  return Number((await db.one<{ n: bigint }>(`select count(*) as n from (${sql})`))?.n ?? 0);
}

export async function checkModel(db: Db, model: Model, relation: string): Promise<void> {
  const { unique, not_null: notNull = [], accepted_values: acceptedValues = {} } = model.header;
  if (unique?.length) {
    const keys = unique.map(quoteIdentifier).join(", ");
    const duplicates = await count(db, `select ${keys} from ${relation} group by all having count(*) > 1`);
    if (duplicates > 0) {
      throw new InvariantError(
        `数据校验失败：${model.relation} 按 (${unique.join(", ")}) 不唯一，${duplicates} 组重复`,
      );
    }
  }
  const valueLists = Object.entries(acceptedValues).map(([column, values]) => ({
    column,
    list: values.map((value) => (typeof value === "string" ? quoteLiteral(value) : String(value))).join(", "),
  }));
  const strayCondition = (column: string, list: string) =>
    `${quoteIdentifier(column)} is not null and ${quoteIdentifier(column)} not in (${list})`;
  // one scan counts every column's nulls and strays; the message's examples are looked up only on failure
  const counts = [
    ...notNull.map((column) => `count(*) filter (where ${quoteIdentifier(column)} is null)`),
    ...valueLists.map(({ column, list }) => `count(*) filter (where ${strayCondition(column, list)})`),
  ];
  if (counts.length === 0) return;
  const row = await db.one(
    `select ${counts.map((expression, i) => `${expression} as n${i}`).join(", ")} from ${relation}`,
  );
  const found = counts.map((_expression, i) => Number(row?.[`n${i}`] ?? 0));
  notNull.forEach((column, i) => {
    if (found[i]! > 0)
      throw new InvariantError(`数据校验失败：${model.relation}.${column} 有 ${found[i]} 行为空`);
  });
  for (const [i, { column, list }] of valueLists.entries()) {
    if (found[notNull.length + i] === 0) continue;
    const strays = await db.all<{ value: unknown }>(
      `select distinct ${quoteIdentifier(column)}::varchar as value from ${relation}
       where ${strayCondition(column, list)} limit 5`,
    );
    throw new InvariantError(
      `数据校验失败：${model.relation}.${column} 出现取值范围外的值 ${strays.map((row) => String(row.value)).join("、")}`,
    );
  }
}

export async function runChecks(db: Db, checks: readonly Check[]): Promise<void> {
  for (const check of checks) {
    const violations = await count(db, check.sql);
    if (violations === 0) continue;
    // the first rows name what is wrong (a file, a staff member and month), not just how many
    const examples = (await db.all(`select * from (${check.sql}) limit 3`)).map((row) =>
      Object.values(row).map(String).join(" "),
    );
    throw new InvariantError(
      `数据校验失败：${check.description}（${violations} 行，见 ${check.name}：${examples.join("；")}）`,
    );
  }
}

export async function createMacros(db: Db, macros: readonly Macro[]): Promise<void> {
  for (const macro of macros) {
    try {
      await db.run(macro.sql);
    } catch (error) {
      throw new Error(`宏定义 ${macro.path} 执行失败：${(error as Error).message}`, { cause: error });
    }
  }
}
