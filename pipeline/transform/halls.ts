/**
 * Each hall is scored on its own (rules.md §15): its calendar overrides, configuration, roster,
 * ranking, grades and awards are the hall's. The rules run once per hall, over a scope that shows
 * them only that hall's rows, with that hall's configuration; the run's intermediate and mart
 * relations show every hall's tables, with `hall_code` and `hall_name` first. So two halls
 * that both have a 工号 S0001 or a 流水号 T0001 never meet, and a hall's results are those it gets
 * when it runs alone.
 */
import { availableParallelism } from "node:os";
import { type Config, hallConfig } from "../config.ts";
import { type Db, quoteIdentifier, quoteLiteral, threadCount } from "../db.ts";
import type { Check, Macro, Model } from "./models.ts";
import { type RunParameters, setParameters } from "./parameters.ts";
import { createMacros, type RunOptions, runChecks, runModels } from "./run-models.ts";

export interface Hall {
  code: string;
  name: string;
}

/**
 * The halls of the run: the register's (its latest valid row per 大厅编码), or, for a one-hall
 * inbox (no register rows), the configured hall. Kept as `params.halls` for the models that run
 * across halls (ops: which rows no hall receives).
 */
export async function runHalls(db: Db, config: Config): Promise<Hall[]> {
  const registered = await db.all<{ code: string; name: string }>(`
    select hall_code as code, hall_name as name
    from staging.stg_halls
    where rejection is null
    qualify row_number() over (partition by hall_code order by load_id desc, line desc) = 1
    order by hall_code
  `);
  const halls = registered.length > 0 ? registered : [{ code: config.hall.code, name: config.hall.name }];
  await db.run(
    "create or replace table params.halls (hall_code varchar primary key, hall_name varchar not null)",
  );
  await db.insertRows(
    "params.halls",
    halls.map((hall) => [hall.code, hall.name]),
  );
  return halls;
}

/** The catalog of views that shows one hall its rows of the state (openHallScope). */
export const hallScope = "hall_scope";

/** Tables and views of the state that the rules read, by schema: each is shown to a hall filtered to its rows. */
async function stateRelations(
  db: Db,
  state: string,
): Promise<{ schema: string; name: string; columns: Set<string> }[]> {
  const rows = await db.all<{ schema_name: string; table_name: string; column_name: string }>(
    `select schema_name, table_name, column_name from duckdb_columns()
     where database_name = $state and schema_name in ('staging', 'raw', 'ingest', 'history', 'seeds', 'params')`,
    { state },
  );
  const relations = new Map<string, { schema: string; name: string; columns: Set<string> }>();
  for (const row of rows) {
    const key = `${row.schema_name}.${row.table_name}`;
    const relation = relations.get(key) ?? {
      schema: row.schema_name,
      name: row.table_name,
      columns: new Set(),
    };
    relation.columns.add(row.column_name);
    relations.set(key, relation);
  }
  return [...relations.values()];
}

/**
 * The hall's view of a state relation: rows of its hall where the relation says whose a row is;
 * history rows written before halls existed belong to the configured hall. Files without a hall
 * (the register, root-level files whose rows carry 大厅编码) are seen by every hall: their rows are
 * filtered in the raw and staging views.
 */
function hallFilter(
  relation: { schema: string; name: string; columns: Set<string> },
  hall: Hall,
  configuredHall: string,
): { columns: string; where: string } {
  const code = quoteLiteral(hall.code);
  if (!relation.columns.has("hall_code")) return { columns: "*", where: "" };
  if (relation.schema === "history")
    return {
      columns: `* exclude (hall_code${relation.columns.has("hall_name") ? ", hall_name" : ""})`,
      where: `where coalesce(hall_code, ${quoteLiteral(configuredHall)}) = ${code}`,
    };
  if (relation.schema === "ingest")
    return { columns: "*", where: `where hall_code = ${code} or hall_code is null` };
  // the raw tables hold a root-level file's 大厅编码 cell only; their `_rows` views say whose a row is
  if (relation.schema === "raw" && !relation.name.endsWith("_rows")) return { columns: "*", where: "" };
  return { columns: "*", where: `where hall_code = ${code}` };
}

/**
 * Attaches `catalog` (by default `hall_scope`), a view of every state relation filtered to `hall`'s
 * rows, and uses it. `state` is the quoted name of the state catalog; `configuredHall` owns history
 * rows without a hall.
 */
export async function openHallScope(
  db: Db,
  state: string,
  hall: Hall,
  configuredHall: string,
  catalog: string = hallScope,
): Promise<void> {
  const scope = quoteIdentifier(catalog);
  await db.run(`attach ':memory:' as ${scope}`);
  const relations = await stateRelations(db, state.slice(1, -1).replaceAll('""', '"'));
  for (const schema of new Set(relations.map((relation) => relation.schema)))
    await db.run(`create schema ${scope}.${quoteIdentifier(schema)}`);
  const statements = relations
    .filter((relation) => relation.schema !== "params")
    .map((relation) => {
      const { columns, where } = hallFilter(relation, hall, configuredHall);
      const name = `${quoteIdentifier(relation.schema)}.${quoteIdentifier(relation.name)}`;
      return `create view ${scope}.${name} as select ${columns} from ${state}.${name} ${where}`;
    });
  await db.run(statements.join(";\n"));
  await db.run(`use ${scope}`);
}

export interface HallRunOptions extends Pick<RunOptions, "onModel" | "onModelDone"> {
  /** Every model, to trace a failed invariant to its source rows. */
  lineage: readonly Model[];
  /** The relations of `models` kept for every hall once its run is done (the others are dropped with it). */
  kept: ReadonlySet<string>;
}

/**
 * Runs `models` (intermediate and marts) and the singular `checks` once per hall, in a catalog of
 * the hall's own: there `intermediate.x` and `marts.x` name the hall's schemas, since the run's
 * layer catalogs are detached meanwhile. Halls run side by side, one per connection: a hall's
 * statements are small and gain little from a second thread, so two halls at once use both cores.
 * A connection appends each hall's `kept` tables, with `hall_code` and `hall_name` first, to its
 * own accumulator and drops the hall's catalog, so memory holds the halls being scored and what
 * they produced, which DuckDB spills beyond its limit (a catalog kept per hall did not fit a
 * province of 100 halls). Each layer catalog then shows every accumulator through one view per
 * kept model.
 * Leaves the state catalog in use and the configuration's variables set.
 */
export async function runPerHall(
  db: Db,
  halls: readonly Hall[],
  models: readonly Model[],
  checks: readonly Check[],
  macros: readonly Macro[],
  config: Config,
  run: RunParameters,
  options: HallRunOptions,
): Promise<void> {
  const state = quoteIdentifier((await db.one<{ name: string }>("select current_database() as name"))!.name);
  const layers = [...new Set(models.map((model) => model.schema))];
  const keptModels = models.filter((model) => options.kept.has(model.relation));
  const keptTable = (model: Model) => quoteIdentifier(`${model.schema}__${model.name}`);
  const workers = Math.min(halls.length, threadCount() || availableParallelism());
  const accumulators = Array.from({ length: workers }, (_, worker) => `halls_done_${worker}`);
  const used = new Set<string>();
  for (const layer of layers) await db.run(`detach database if exists ${quoteIdentifier(layer)}`);
  for (const accumulator of accumulators) await db.run(`attach ':memory:' as ${accumulator}`);
  try {
    let next = 0;
    let failed = false;
    const runHall = async (connection: Db, index: number, accumulator: string): Promise<void> => {
      const hall = halls[index]!;
      const catalog = `hall_run_${accumulator}`;
      await openHallScope(connection, state, hall, config.hall.code, catalog);
      try {
        for (const layer of layers) await connection.run(`create schema ${quoteIdentifier(layer)}`);
        const own = { ...hallConfig(config, hall.code), hall: { code: hall.code, name: hall.name } };
        await setParameters(connection, own, run);
        await createMacros(connection, macros);
        await runModels(connection, models, { fullRefresh: true, ...options });
        await runChecks(connection, checks, options.lineage);
        const first = !used.has(accumulator);
        const copies = keptModels.map((model) => {
          const rows = `select ${quoteLiteral(hall.code)} as hall_code, ${quoteLiteral(hall.name)} as hall_name, *
                        from ${quoteIdentifier(model.schema)}.${quoteIdentifier(model.name)}`;
          const target = `${accumulator}.main.${keptTable(model)}`;
          return first ? `create table ${target} as ${rows}` : `insert into ${target} ${rows}`;
        });
        // one transaction: a commit per table cost more than the copying
        await connection.transaction(() => connection.run(copies.join(";\n")));
        used.add(accumulator);
      } finally {
        await connection.run(`use ${state}`);
        await connection.run(`detach ${quoteIdentifier(catalog)}`);
      }
    };
    const worker = async (accumulator: string): Promise<void> => {
      const connection = await db.connect();
      try {
        while (!failed && next < halls.length) await runHall(connection, next++, accumulator);
      } catch (error) {
        failed = true; // the other workers finish the hall they are on and stop
        throw error;
      } finally {
        connection.close();
      }
    };
    const outcomes = await Promise.allSettled(accumulators.map(worker));
    const rejected = outcomes.find((outcome) => outcome.status === "rejected");
    if (rejected) throw rejected.reason;
  } finally {
    for (const layer of layers) await db.run(`attach ':memory:' as ${quoteIdentifier(layer)}`);
  }
  for (const model of keptModels) {
    const parts = accumulators
      .filter((accumulator) => used.has(accumulator))
      .map((accumulator) => `select * from ${accumulator}.main.${keptTable(model)}`);
    await db.run(
      `create view ${quoteIdentifier(model.schema)}.main.${quoteIdentifier(model.name)} as ${parts.join(" union all ")}`,
    );
  }
  await setParameters(db, config, run);
}
