/**
 * One hall's view of a published warehouse (rules.md §15): a catalog whose `marts` and `ops` hold a
 * view of every public table showing only that hall's rows, with the table's column comments. The
 * workbooks and the site's loaders read it exactly as they read a one-hall warehouse, so a hall's
 * workbook and pages can only show that hall's staff, ranking and winners.
 *
 * The ops tables also show the rows of no hall (hall_code null: the halls register, files at the
 * inbox's root that span halls, root-level rows whose 大厅编码 no hall has): every hall's data
 * quality report lists them, as any of the halls may be the one they were meant for.
 */
import { type Db, quoteIdentifier, quoteLiteral } from "../db.ts";

export type PublishedHall = { hall_code: string; hall_name: string };

/** The halls with results in the warehouse attached as `catalog`, by code. */
export function publishedHalls(db: Db, catalog: string): Promise<PublishedHall[]> {
  return db.all<PublishedHall>(
    `select distinct hall_code, hall_name from ${quoteIdentifier(catalog)}.marts.months order by hall_code`,
  );
}

/** The in-memory catalog that shows one hall its rows of the published tables (withHallView). */
export const hallView = "hall_view";

/**
 * Attaches the in-memory catalog `name` holding the hall's views of `catalog`'s public tables
 * (marts and ops); returns the function that detaches it.
 */
async function attachHallView(
  db: Db,
  catalog: string,
  hallCode: string,
  name: string,
): Promise<() => Promise<void>> {
  const columns = await db.all<{
    schema_name: string;
    table_name: string;
    column_name: string;
    comment: string | null;
  }>(
    `select schema_name, table_name, column_name, comment from duckdb_columns()
     where database_name = $catalog and schema_name in ('marts', 'ops')
     order by schema_name, table_name, column_index`,
    { catalog },
  );
  const tables = new Map<string, { schema: string; table: string; columns: typeof columns }>();
  for (const column of columns) {
    const key = `${column.schema_name}.${column.table_name}`;
    const entry = tables.get(key) ?? { schema: column.schema_name, table: column.table_name, columns: [] };
    entry.columns.push(column);
    tables.set(key, entry);
  }
  const view = quoteIdentifier(name);
  const code = quoteLiteral(hallCode);
  const statements = [
    `attach ':memory:' as ${view}`,
    `create schema ${view}.marts`,
    `create schema ${view}.ops`,
    ...[...tables.values()].flatMap(({ schema, table, columns: own }) => {
      const source = `${quoteIdentifier(catalog)}.${schema}.${quoteIdentifier(table)}`;
      const target = `${view}.${schema}.${quoteIdentifier(table)}`;
      const rows = !own.some((column) => column.column_name === "hall_code")
        ? ""
        : schema === "ops"
          ? `where hall_code = ${code} or hall_code is null`
          : `where hall_code = ${code}`;
      return [
        `create view ${target} as select * from ${source} ${rows}`,
        ...own
          .filter((column) => column.comment !== null)
          .map(
            (column) =>
              `comment on column ${target}.${quoteIdentifier(column.column_name)} is ${quoteLiteral(column.comment!)}`,
          ),
      ];
    }),
  ];
  await db.run(statements.join(";\n"));
  return () => db.run(`detach ${view}`);
}

/** Runs `work` while the hall's view of `catalog` is attached as `hallView`; detaches it after, also on failure. */
export async function withHallView<T>(
  db: Db,
  catalog: string,
  hallCode: string,
  work: () => Promise<T>,
): Promise<T> {
  const detach = await attachHallView(db, catalog, hallCode, hallView);
  try {
    return await work();
  } finally {
    await detach();
  }
}
