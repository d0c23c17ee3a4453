/**
 * Each hall is scored on its own (rules.md §15): its calendar overrides, configuration, roster,
 * ranking, grades and awards are the hall's. The rules run once per hall, over a scope that shows
 * them only that hall's rows, with that hall's configuration; each hall's intermediate and mart
 * tables are appended, with `hall_code` and `hall_name` first, to the run's tables. So two halls
 * that both have a 工号 S0001 or a 流水号 T0001 never meet, and a hall's results are those it gets
 * when it runs alone. (A batch is one hall; packing halls of the same configuration into one batch
 * needs the hall in every key and join of the SQL, a later step.)
 */
import { type Config, hallConfig } from "../config.ts";
import { type Db, quoteIdentifier, quoteLiteral } from "../db.ts";
import { allSources, tableStem } from "../ingest/sources.ts";
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
 * Attaches `hall_scope`, a view of every state relation filtered to `hall`'s rows, and uses it.
 * `state` is the quoted name of the state catalog; `configuredHall` owns history rows without a hall.
 */
export async function openHallScope(
  db: Db,
  state: string,
  hall: Hall,
  configuredHall: string,
): Promise<void> {
  await db.run(`attach ':memory:' as ${hallScope}`);
  const relations = await stateRelations(db, state.slice(1, -1).replaceAll('""', '"'));
  for (const schema of new Set(relations.map((relation) => relation.schema)))
    await db.run(`create schema ${hallScope}.${quoteIdentifier(schema)}`);
  const statements = relations
    .filter((relation) => relation.schema !== "params")
    .map((relation) => {
      const { columns, where } = hallFilter(relation, hall, configuredHall);
      const name = `${quoteIdentifier(relation.schema)}.${quoteIdentifier(relation.name)}`;
      return `create view ${hallScope}.${name} as select ${columns} from ${state}.${name} ${where}`;
    });
  await db.run(statements.join(";\n"));
  // every source's rows as text, over the hall's rows (as raw-tables.ts builds it over all)
  const texts = allSources.map(
    (source) =>
      `select ${quoteLiteral(source.folder)} as source, load_id, line, source_ref, raw_cells::json::varchar as raw_text
       from raw.${quoteIdentifier(`${tableStem(source)}_rows`)}`,
  );
  await db.run(`use ${hallScope}`);
  await db.run(`create or replace view raw.row_texts as ${texts.join(" union all ")}`);
}

export interface HallRunOptions extends Pick<RunOptions, "onModel" | "onModelDone"> {
  /** Every model, to trace a failed invariant to its source rows. */
  lineage: readonly Model[];
}

/**
 * Runs `models` (intermediate and marts) and the singular `checks` once per hall, each into fresh
 * `intermediate` and `marts` catalogs; the halls done so far wait in `halls_done`, and the last
 * hall's tables receive them, every row with `hall_code` and `hall_name` first. Leaves the state
 * catalog in use and the configuration's variables set.
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
  const done = "halls_done";
  const layers = [...new Set(models.map((model) => model.schema))];
  if (halls.length > 1) await db.run(`attach ':memory:' as ${done}`);
  try {
    for (const [index, hall] of halls.entries()) {
      if (index > 0)
        for (const layer of layers) {
          await db.run(`detach ${quoteIdentifier(layer)}`);
          await db.run(`attach ':memory:' as ${quoteIdentifier(layer)}`);
        }
      await openHallScope(db, state, hall, config.hall.code);
      try {
        const own = { ...hallConfig(config, hall.code), hall: { code: hall.code, name: hall.name } };
        await setParameters(db, own, run);
        await createMacros(db, macros);
        await runModels(db, models, { fullRefresh: true, ...options });
        await runChecks(db, checks, options.lineage);
      } finally {
        await db.run(`use ${state}`);
        await db.run(`detach ${hallScope}`);
      }
      const last = index === halls.length - 1;
      for (const model of models) {
        const table = `${quoteIdentifier(model.schema)}.main.${quoteIdentifier(model.name)}`;
        const kept = `${done}.main.${quoteIdentifier(`${model.schema}__${model.name}`)}`;
        const rows = `select ${quoteLiteral(hall.code)} as hall_code, ${quoteLiteral(hall.name)} as hall_name, *
                      from ${table}`;
        if (last)
          await db.run(
            `create or replace table ${table} as ${rows}${index > 0 ? ` union all select * from ${kept}` : ""}`,
          );
        else await db.run(index === 0 ? `create table ${kept} as ${rows}` : `insert into ${kept} ${rows}`);
      }
    }
  } finally {
    if (halls.length > 1) await db.run(`detach ${done}`);
  }
  await setParameters(db, config, run);
}
