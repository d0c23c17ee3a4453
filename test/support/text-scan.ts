/**
 * Finds text in every character column of every table of a DuckDB file (duckdb_columns()), to
 * prove that something confidential was published nowhere. Returns `schema.table.column` hits.
 */
import { Db, quoteIdentifier } from "../../pipeline/db.ts";

export async function findTextInDatabase(path: string, needles: readonly string[]): Promise<string[]> {
  const db = await Db.open(path, { readOnly: true });
  try {
    const columns = await db.all<{ schema_name: string; table_name: string; column_name: string }>(
      `select schema_name, table_name, column_name from duckdb_columns()
       where database_name = current_database() and (data_type like '%VARCHAR%' or data_type = 'JSON')
       order by schema_name, table_name, column_index`,
    );
    if (columns.length === 0) throw new Error(`no text columns in ${path}`);
    const tables = new Map<string, typeof columns>();
    for (const column of columns) {
      const key = `${quoteIdentifier(column.schema_name)}.${quoteIdentifier(column.table_name)}`;
      tables.set(key, [...(tables.get(key) ?? []), column]);
    }
    const hits: string[] = [];
    // one pattern of all needles, every column of a table in one scan (a query per column cost a
    // fuzz case a seventh of its time); the exact needles only where it matched
    const pattern = needles.map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
    const text = (column: { column_name: string }) => `${quoteIdentifier(column.column_name)}::varchar`;
    for (const [name, tableColumns] of tables) {
      const matched = await db.one<Record<string, bigint>>(
        `select ${tableColumns
          .map((column, i) => `count(*) filter (where regexp_matches(${text(column)}, $pattern)) as n${i}`)
          .join(", ")} from ${name}`,
        { pattern },
      );
      for (const [i, column] of tableColumns.entries()) {
        if (Number(matched?.[`n${i}`] ?? 0) === 0) continue;
        for (const needle of needles) {
          const found = await db.one<{ n: bigint }>(
            `select count(*) as n from ${name} where contains(${text(column)}, $needle)`,
            { needle },
          );
          if (Number(found?.n) > 0)
            hits.push(`${column.schema_name}.${column.table_name}.${column.column_name}: ${needle}`);
        }
      }
    }
    return hits;
  } finally {
    db.close();
  }
}
