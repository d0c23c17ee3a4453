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
       where database_name = current_database() and (data_type like '%VARCHAR%' or data_type = 'JSON')`,
    );
    if (columns.length === 0) throw new Error(`no text columns in ${path}`);
    const hits: string[] = [];
    // one pattern of all needles per column first; the exact needles only where it matched
    const pattern = needles.map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
    for (const column of columns) {
      const name = `${quoteIdentifier(column.schema_name)}.${quoteIdentifier(column.table_name)}`;
      const value = `${quoteIdentifier(column.column_name)}::varchar`;
      const any = await db.one<{ n: bigint }>(
        `select count(*) as n from ${name} where regexp_matches(${value}, $pattern)`,
        { pattern },
      );
      if (Number(any?.n) === 0) continue;
      for (const needle of needles) {
        const found = await db.one<{ n: bigint }>(
          `select count(*) as n from ${name} where contains(${value}, $needle)`,
          { needle },
        );
        if (Number(found?.n) > 0)
          hits.push(`${column.schema_name}.${column.table_name}.${column.column_name}: ${needle}`);
      }
    }
    return hits;
  } finally {
    db.close();
  }
}
