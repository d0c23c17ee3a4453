/**
 * Materializes the models in dependency order and checks each one's stated invariants (unique
 * grain, required columns, accepted values, numeric ranges) and the singular tests under sql/tests.
 * A broken invariant stops the run before anything is published; its message names the model, the
 * offending key and the source rows behind it (evidence.ts).
 */
import { type Db, quoteIdentifier, quoteLiteral } from "../db.ts";
import { firstKey, type KeyValues, keyText, type Traceable, traceSources } from "./evidence.ts";
import { type Check, type Macro, type Model, rebuiltLayers } from "./models.ts";

export type { Macro };

/**
 * A broken invariant: a defect of the code, never of the data (no content of the inbox may stop a
 * run). `sources` are the inbox rows behind it, `file:line`; `advice` tells the operator what to do.
 */
export class InvariantError extends Error {
  override name = "InvariantError";
  constructor(
    message: string,
    readonly sources: readonly string[] = [],
  ) {
    super(message);
  }

  get advice(): string[] {
    return [
      "这是程序的缺陷（收件箱中的任何内容都不应使运行失败），请把以上信息报告给开发人员。",
      this.sources.length > 0
        ? `修复之前如需先发布：在原系统中更正上列文件的这些行（流水号、编号等键不变），重新导出放入收件箱后再运行；同一键的行以最后读入的为准。已读入的行不会因从收件箱删去文件或删去该行而消失。`
        : "未能追溯到收件箱中的来源行。",
    ];
  }
}

export interface RunOptions {
  /** Rebuild incremental models from every raw row instead of appending the new loads. */
  fullRefresh: boolean;
  /** Every model, to trace a failed invariant to its source rows; the models run when not given. */
  lineage?: readonly Model[];
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
  const lineage = lineageOf(options.lineage ?? models);
  for (const model of models) {
    options.onModel?.(model);
    const started = performance.now();
    try {
      if (model.header.materialized !== "table")
        await appendIncremental(db, model, options.fullRefresh, lineage);
      else {
        await db.run(`create or replace table ${model.relation} as ${model.sql}`);
        await checkModel(db, model, model.relation, lineage);
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
 * Incremental models read the raw views, which the caller scopes to the loads not yet staged
 * (`raw.batch_loads`). The batch is checked on its own before it joins the table; an upsert's batch
 * first removes the rows it replaces, those with its keys.
 */
async function appendIncremental(
  db: Db,
  model: Model,
  fullRefresh: boolean,
  lineage: ReadonlyMap<string, Traceable>,
): Promise<void> {
  if (model.header.partitioned_by !== undefined) return appendPartitioned(db, model, fullRefresh, lineage);
  const exists = async () =>
    (await db.one("select 1 from duckdb_tables() where schema_name = $schema and table_name = $name", {
      schema: model.schema,
      name: model.name,
    })) !== undefined;
  if (fullRefresh || !(await exists())) {
    await db.run(`create or replace table ${model.relation} as ${model.sql}`);
    await checkModel(db, model, model.relation, lineage);
    return;
  }
  await db.run(`create or replace temp table incremental_batch as ${model.sql}`);
  try {
    await checkModel(db, model, "incremental_batch", lineage);
    await mergeBatch(db, model, model.relation, "true");
  } finally {
    await db.run("drop table if exists incremental_batch");
  }
}

/** Adds the rows of `incremental_batch` that `where` keeps to `target`, replacing those with their keys in an upsert. */
async function mergeBatch(db: Db, model: Model, target: string, where: string): Promise<void> {
  if (model.header.materialized === "upsert") {
    const matches = (model.header.unique ?? [])
      .map((column) => `replaced.${quoteIdentifier(column)} = incremental_batch.${quoteIdentifier(column)}`)
      .join(" and ");
    await db.run(`delete from ${target} as replaced using incremental_batch where ${matches} and ${where}`);
  }
  await db.run(`insert into ${target} by name select * from incremental_batch where ${where}`);
}

/**
 * A partitioned model keeps its rows in one table per value of its `partitioned_by` column, in the
 * schema `<schema>_partitions` (which hall scopes do not show), and its name is a view of them all,
 * with an empty table for its columns when there are none. A hall's run filters the view by its
 * hall: DuckDB skips the other halls' tables by their statistics, where one table of every hall's
 * rows, appended night by night, had each hall's run read them all. A part is named by the value's
 * md5, as DuckDB's names ignore case and hall codes may not.
 */
async function appendPartitioned(
  db: Db,
  model: Model,
  fullRefresh: boolean,
  lineage: ReadonlyMap<string, Traceable>,
): Promise<void> {
  const column = quoteIdentifier(model.header.partitioned_by!);
  const partSchema = `${model.schema}_partitions`;
  const part = (name: string) => `${quoteIdentifier(partSchema)}.${quoteIdentifier(name)}`;
  const columnsTable = `${model.name}__columns`;
  const relationKind = await db.one<{ kind: string }>(
    `select 'view' as kind from duckdb_views()
     where database_name = current_database() and schema_name = $schema and view_name = $name
     union all
     select 'table' from duckdb_tables()
     where database_name = current_database() and schema_name = $schema and table_name = $name`,
    { schema: model.schema, name: model.name },
  );
  const partNames = async () =>
    (
      await db.all<{ name: string }>(
        `select table_name as name from duckdb_tables()
         where database_name = current_database() and schema_name = $schema and starts_with(table_name, $prefix)
         order by table_name`,
        { schema: partSchema, prefix: `${model.name}__` },
      )
    ).map((row) => row.name);
  await db.run(`create or replace temp table incremental_batch as ${model.sql}`);
  try {
    await checkModel(db, model, "incremental_batch", lineage);
    await db.run(`create schema if not exists ${quoteIdentifier(partSchema)}`);
    const rebuilt = fullRefresh || relationKind?.kind !== "view";
    if (rebuilt) {
      // a state written before the model was partitioned holds it as a table
      if (relationKind) await db.run(`drop ${relationKind.kind} ${model.relation}`);
      for (const name of await partNames()) await db.run(`drop table ${part(name)}`);
      await db.run(`create table ${part(columnsTable)} as select * from incremental_batch limit 0`);
    }
    const existing = new Set(await partNames());
    const values = await db.all<{ value: string; name: string }>(
      `select distinct ${column}::varchar as value, $prefix || md5(${column}::varchar) as name
       from incremental_batch order by name`,
      { prefix: `${model.name}__` },
    );
    for (const { value, name } of values) {
      const where = `incremental_batch.${column} = ${quoteLiteral(value)}`;
      if (existing.has(name)) await mergeBatch(db, model, part(name), where);
      else await db.run(`create table ${part(name)} as select * from incremental_batch where ${where}`);
    }
    if (rebuilt || values.some(({ name }) => !existing.has(name))) {
      const parts = (await partNames()).map((name) => `select * from ${part(name)}`);
      await db.run(`create or replace view ${model.relation} as ${parts.join(" union all ")}`);
    }
  } finally {
    await db.run("drop table if exists incremental_batch");
  }
}

const lineageOf = (models: readonly Traceable[]): ReadonlyMap<string, Traceable> =>
  new Map(models.map((model) => [model.relation, model]));

async function count(db: Db, sql: string): Promise<number> {
  return Number((await db.one<{ n: bigint }>(`select count(*) as n from (${sql})`))?.n ?? 0);
}

/** `；例如 (键) = (值)，来源 a.csv:3、b.csv:9` for the failure message, and the sources themselves. */
async function example(
  db: Db,
  lineage: ReadonlyMap<string, Traceable>,
  model: Traceable,
  relation: string,
  key: KeyValues | null,
  options: { condition?: string; column?: string },
): Promise<{ text: string; sources: string[] }> {
  const sources = await traceSources(db, lineage, model, relation, key ?? {}, options);
  const parts = [
    ...(key ? [`例如 ${keyText(key)}`] : []),
    sources.length > 0 ? `来源 ${sources.join("、")}` : "未找到来源行",
  ];
  return { text: `；${parts.join("，")}`, sources };
}

const literal = (value: string | number | boolean): string =>
  typeof value === "string" ? quoteLiteral(value) : String(value);

export async function checkModel(
  db: Db,
  model: Model,
  relation: string,
  lineage: ReadonlyMap<string, Traceable> = lineageOf([model]),
): Promise<void> {
  const {
    unique: key = [],
    not_null: notNull = [],
    accepted_values: acceptedValues = {},
    range = {},
  } = model.header;
  const column = quoteIdentifier;
  // each violated condition: what it is, in SQL, and how the message says it
  const conditions = [
    ...notNull.map((name) => ({
      name,
      sql: `${column(name)} is null`,
      says: (n: number) => `有 ${n} 行为空`,
      strays: false,
    })),
    ...Object.entries(acceptedValues).map(([name, values]) => ({
      name,
      sql: `${column(name)} is not null and ${column(name)} not in (${values.map(literal).join(", ")})`,
      says: () => "出现取值范围外的值",
      strays: true,
    })),
    ...Object.entries(range).map(([name, [low, high]]) => ({
      name,
      sql: `(${[...(low === null ? [] : [`${column(name)} < ${low}`]), ...(high === null ? [] : [`${column(name)} > ${high}`])].join(" or ")})`,
      says: (n: number) => `有 ${n} 行超出范围 [${low ?? "−∞"}, ${high ?? "+∞"}]，如`,
      strays: true,
    })),
  ];
  if (conditions.length === 0 && key.length === 0) return;
  const keys = key.map(quoteIdentifier).join(", ");
  // one scan checks the key and counts every condition's rows; the examples are looked up only on failure
  const row = await db.one(
    `select ${[
      ...(key.length > 0 ? [`count(*) - count(distinct row(${keys})) as surplus`] : []),
      ...conditions.map((condition, i) => `count(*) filter (where ${condition.sql}) as n${i}`),
    ].join(", ")}
     from ${relation}`,
  );
  if (Number(row?.surplus ?? 0) > 0) {
    const duplicates = await count(db, `select ${keys} from ${relation} group by all having count(*) > 1`);
    const repeated = await firstKey(
      db,
      relation,
      key,
      `(${keys}) in (select ${keys} from ${relation} group by all having count(*) > 1)`,
    );
    const { text, sources } = await example(db, lineage, model, relation, repeated, {});
    throw new InvariantError(
      `数据校验失败：${model.relation} 按 (${key.join(", ")}) 不唯一，${duplicates} 组重复${text}`,
      sources,
    );
  }
  for (const [i, condition] of conditions.entries()) {
    const found = Number(row?.[`n${i}`] ?? 0);
    if (found === 0) continue;
    const strays = condition.strays
      ? ` ${(
          await db.all<{ value: unknown }>(
            `select distinct ${column(condition.name)}::varchar as value from ${relation}
             where ${condition.sql} order by value limit 5`,
          )
        )
          .map((stray) => String(stray.value))
          .join("、")}`
      : "";
    const offending = await firstKey(db, relation, key, condition.sql);
    const { text, sources } = await example(db, lineage, model, relation, offending, {
      condition: condition.sql,
      column: condition.name,
    });
    throw new InvariantError(
      `数据校验失败：${model.relation}.${condition.name} ${condition.says(found)}${strays}${text}`,
      sources,
    );
  }
}

/** The singular tests: a violating row's columns are its key, traced through the relations it reads. */
export async function runChecks(
  db: Db,
  checks: readonly Check[],
  lineage: readonly Model[] = [],
): Promise<void> {
  for (const check of checks) {
    const violations = await count(db, check.sql);
    if (violations === 0) continue;
    const first = await db.one<KeyValues>(
      `select columns(*)::varchar from (${check.sql}) as violations order by all limit 1`,
    );
    const traced = { relation: `tests.${check.name}`, dependsOn: check.dependsOn };
    const { text, sources } = await example(
      db,
      lineageOf(lineage),
      traced,
      `(${check.sql})`,
      first ?? null,
      {},
    );
    throw new InvariantError(
      `数据校验失败：${check.description}（${violations} 行，见 ${check.name}）${text}`,
      sources,
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
