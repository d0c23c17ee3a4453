/**
 * Raw tables keep every loaded row as text, exactly as the file had it, under the canonical
 * column names. They are append-only: a row's position (rowid) never changes, which is what lets
 * the fast CSV path record a line offset per file instead of a line per row.
 */
import type { DuckDBAppender } from "@duckdb/node-api";
import { type Db, quoteIdentifier, quoteLiteral } from "../db.ts";
import { allSources, type Source, tableStem } from "./sources.ts";

export const rawTableName = (source: Source): string => `raw.${quoteIdentifier(tableStem(source))}`;

const rawRowsView = (source: Source): string => `raw.${quoteIdentifier(`${tableStem(source)}_rows`)}`;

/** Creates the ingest bookkeeping and one raw table per source; adds columns a newer version knows. */
export async function createIngestTables(db: Db): Promise<void> {
  await db.run(`
    create schema if not exists ingest;
    create schema if not exists raw;
    create sequence if not exists ingest.load_ids start 1;
    create table if not exists ingest.files (
      load_id integer primary key,
      path varchar not null,
      sha256 varchar not null,
      source varchar not null,
      loaded_at timestamp not null,
      status varchar not null,      -- loaded, duplicate, rejected
      reason varchar,                -- why a file was rejected, or which file it duplicates
      encoding varchar,
      rows integer not null,
      -- line = rowid + line_offset for rows that the fast reader loaded (their line is null)
      line_offset bigint,
      is_staged boolean not null default false,
      -- the file's size and modification time when it was read: a file at the same path with both
      -- unchanged is not read again (a nightly run need not hash the whole inbox)
      bytes bigint,
      modified_ms double,
      -- the hall a file's rows belong to: its hall folder's code, or the configured hall of a one-hall
      -- inbox; null for the halls register and for a root-level file whose rows carry 大厅编码
      hall_code varchar
    );
    create table if not exists ingest.row_rejects (
      load_id integer not null,
      line integer not null,
      reason varchar not null,
      raw varchar
    );
  `);
  // one statement list, not a round trip per column: a tiny inbox is read in well under a second
  const statements = [
    "alter table ingest.files add column if not exists bytes bigint",
    "alter table ingest.files add column if not exists modified_ms double",
    "alter table ingest.files add column if not exists hall_code varchar",
  ];
  for (const source of allSources) {
    const columns = source.columns.map((column) => `${quoteIdentifier(column.name)} varchar`).join(", ");
    statements.push(
      `create table if not exists ${rawTableName(source)} (load_id integer not null, line integer, ${columns})`,
      ...source.columns.map(
        (column) =>
          `alter table ${rawTableName(source)} add column if not exists ${quoteIdentifier(column.name)} varchar`,
      ),
    );
  }
  await db.run(statements.join(";\n"));
}

/** Appends rows read in JavaScript (xlsx, irregular CSV) with their line numbers. */
export class RawRowWriter {
  rows = 0;

  private constructor(
    private readonly appender: DuckDBAppender,
    private readonly source: Source,
    private readonly loadId: number,
    private readonly positions: ReadonlyMap<string, number>,
  ) {}

  static async open(db: Db, source: Source, loadId: number, positions: ReadonlyMap<string, number>) {
    return new RawRowWriter(await db.appender(tableStem(source), "raw"), source, loadId, positions);
  }

  write(line: number, cells: readonly string[]): void {
    this.appender.appendInteger(this.loadId);
    this.appender.appendInteger(line);
    for (const column of this.source.columns) {
      const position = this.positions.get(column.name);
      const value = position === undefined ? undefined : cells[position];
      if (value) this.appender.appendVarchar(value);
      else this.appender.appendNull();
    }
    this.appender.endRow();
    this.rows++;
  }

  close(): void {
    this.appender.flushSync();
    this.appender.closeSync();
  }
}

/**
 * `raw.<source>_rows`: the rows of loaded files with their evidence (path, line, `path:line`)
 * and, for quarantine, the row's cells under their Chinese headers without confidential columns
 * (a struct, which costs nothing until a quoted row is turned into JSON text).
 * `raw.row_texts_of(wanted)` has the wanted rows of every source as JSON text. Scoped to the loads not yet staged when
 * the staging models append, or to all for a rebuild and for the rules.
 */
export async function createRawViews(db: Db, scope: "unstaged" | "all"): Promise<void> {
  for (const source of allSources) {
    // a row's hall: its file's (a hall folder, a one-hall inbox), else its own 大厅编码 cell (root-level files)
    const columns = source.columns
      .map((column) =>
        column.name === "hall_code"
          ? "coalesce(loaded_file.hall_code, raw_row.hall_code) as hall_code"
          : `raw_row.${quoteIdentifier(column.name)}`,
      )
      .join(", ");
    const rawCells = source.columns
      .filter((column) => !column.confidential)
      .map((column) => `${quoteIdentifier(column.header)} := raw_row.${quoteIdentifier(column.name)}`)
      .join(", ");
    await db.run(`
      create or replace view ${rawRowsView(source)} as
      with located as (
        select
          raw_row.load_id,
          coalesce(raw_row.line, raw_row.rowid + loaded_file.line_offset)::integer as line,
          loaded_file.path,
          ${columns},
          struct_pack(${rawCells}) as raw_cells
        from ${rawTableName(source)} as raw_row
        inner join ingest.files as loaded_file on loaded_file.load_id = raw_row.load_id
        where loaded_file.status = 'loaded' ${scope === "unstaged" ? "and not loaded_file.is_staged" : ""}
      )
      select *, path || ':' || line as source_ref from located
    `);
  }
  // the loads the views show: a staging model that reads other staging tables takes their new rows by it
  await db.run(`
    create or replace view raw.batch_loads as
    select load_id from ingest.files where status = 'loaded' ${scope === "unstaged" ? "and not is_staged" : ""}
  `);
  // The rows that a table quotes as they arrived, as text under their folder name: `wanted` is the name of a
  // relation of (source, load_id, line). Each source's rows are matched before their cells become
  // text, which is what costs: a view over every row's text computed the text of every row ever
  // loaded before the join kept the few quoted ones.
  const texts = allSources.map(
    (source) =>
      `select ${quoteLiteral(source.folder)} as source, row.load_id, row.line, row.source_ref,
         row.raw_cells::json::varchar as raw_text
       from ${rawRowsView(source)} as row
       semi join query_table(wanted) as wanted
         on wanted.source = ${quoteLiteral(source.folder)} and wanted.load_id = row.load_id and wanted.line = row.line`,
  );
  await db.run(`create or replace macro raw.row_texts_of(wanted) as table ${texts.join(" union all ")}`);
  // the view it replaces, in a state written before
  await db.run("drop view if exists raw.row_texts");
}

/** The id the next loaded file will get. */
export async function nextLoadId(db: Db): Promise<number> {
  const row = await db.one<{ id: number }>("select coalesce(max(load_id), 0) + 1 as id from ingest.files");
  return Number(row?.id ?? 1);
}
