/**
 * Final months are frozen (rules.md §14): once a month's appeal window has passed, its published
 * rows are kept in `history` and later runs leave them alone, unless an operator reopens it.
 */
import { type Db, quoteIdentifier } from "../db.ts";
import type { Model } from "./models.ts";

const FROZEN_READ = /\bhistory\.([a-z_][a-z0-9_]*)\b/g;

/**
 * Creates what models read from `history` before anything is frozen: the state tables, and an
 * empty table (its month column only) for each frozen mart a model reads through `all_months`
 * (sql/macros/all_months.sql); the first freeze adds the mart's columns.
 */
export async function prepareHistory(db: Db, models: readonly Model[]): Promise<void> {
  await db.run(`
    create schema if not exists history;
    create table if not exists history.frozen_months (
      month varchar primary key,
      frozen_at timestamp not null,
      -- the last load that this month's frozen results saw: later loads for it are late arrivals
      through_load_id integer not null
    );
    -- the 365-day repeat rule (rules.md §10) looks back into frozen months: the model reads these
    -- columns before the first month has ever been frozen
    create table if not exists history.investigations (
      month varchar, case_id varchar, staff_id varchar, occurred_on date, status varchar, void boolean
    );
    -- the feedback page (marts.staff_feedback) shows the scores of the three months before, frozen or not
    create table if not exists history.staff_month (
      month varchar, staff_id varchar, score decimal(6, 1), grade varchar
    );
    -- the records a frozen month left without a person (int_unattributed_records reads them)
    create table if not exists history.int_unattributed_records (
      source varchar, load_id integer, line integer, reason_kind varchar, reason varchar, event_date date, month varchar
    );
  `);
  for (const name of frozenReadsOf(models))
    await db.run(`create table if not exists history.${quoteIdentifier(name)} (month varchar)`);
}

/** Names of the models whose frozen copy some model reads (`history.<name>`). */
export const frozenReadsOf = (models: readonly Model[]): Set<string> =>
  new Set(
    models.flatMap((model) => [...model.sql.replace(/--.*$/gm, "").matchAll(FROZEN_READ)].map((m) => m[1]!)),
  );

/** Columns of a table of the state file (`catalog` null) or of a rebuilt layer's catalog. */
async function columnsOf(
  db: Db,
  catalog: string | null,
  schema: string,
  table: string,
): Promise<Map<string, string>> {
  const rows = await db.all<{ column_name: string; data_type: string }>(
    `select column_name, data_type from duckdb_columns()
     where database_name = coalesce($catalog, current_database()) and schema_name = $schema and table_name = $table`,
    { catalog, schema, table },
  );
  return new Map(rows.map((row) => [row.column_name, row.data_type]));
}

/**
 * Copies the final, open months' published rows, and the rows of any model that reads its own frozen
 * copy, into `history`; returns the months frozen.
 */
export async function freezeFinalMonths(db: Db, models: readonly Model[]): Promise<string[]> {
  const months =
    // months freeze for every hall at once: a month is frozen when it is final in each hall that scores it
    (
      await db.all<{ month: string }>(
        "select month from intermediate.int_months group by month having bool_and(is_open and is_final) order by month",
      )
    ).map((row) => row.month);
  if (months.length === 0) return months;
  const list = months.map((month) => `'${month}'`).join(", ");
  await db.transaction(async () => {
    // Results freeze; the operational tables (loads, quarantine, late arrivals) always show
    // everything. A model that reads its own frozen copy freezes too: it keeps what it decided for a
    // month that later runs no longer compute (int_unattributed_records: who was on duty).
    const frozenReads = frozenReadsOf(models);
    for (const model of models.filter(
      (candidate) => candidate.schema === "marts" || frozenReads.has(candidate.name),
    )) {
      const columns = await columnsOf(db, model.schema, "main", model.name);
      if (!columns.has("month")) continue;
      const target = `history.${quoteIdentifier(model.name)}`;
      const existing = await columnsOf(db, null, "history", model.name);
      if (existing.size === 0) {
        await db.run(`create table ${target} as select * from ${model.relation} where false`);
      } else {
        for (const [column, type] of columns) {
          if (!existing.has(column))
            await db.run(`alter table ${target} add column ${quoteIdentifier(column)} ${type}`);
        }
      }
      await db.run(`delete from ${target} where month in (${list})`);
      await db.run(`insert into ${target} by name select * from ${model.relation} where month in (${list})`);
    }
    await db.run(`
      insert or replace into history.frozen_months
      select distinct month, localtimestamp::timestamp(0), (select coalesce(max(load_id), 0) from ingest.files)
      from intermediate.int_months where month in (${list})
    `);
  });
  return months;
}
