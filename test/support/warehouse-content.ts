/**
 * The content of every table a warehouse publishes (schemas marts and ops), for comparing two
 * publications: each table's rows as sorted JSON lines, without the columns that only say when
 * a file was read (loaded_at).
 */
import { Db } from "../../pipeline/db.ts";

const timingColumns = new Set(["loaded_at"]);

export type WarehouseContent = Record<string, string[]>;

export async function warehouseContent(path: string): Promise<WarehouseContent> {
  const db = await Db.open(path, { readOnly: true });
  try {
    const columns = await db.all<{ schema_name: string; table_name: string; column_name: string }>(
      `select schema_name, table_name, column_name from duckdb_columns()
       where database_name = current_database() and schema_name in ('marts', 'ops')
       order by schema_name, table_name, column_index`,
    );
    const tables = new Map<string, string[]>();
    for (const column of columns) {
      const table = `${column.schema_name}.${column.table_name}`;
      if (!timingColumns.has(column.column_name))
        tables.set(table, [...(tables.get(table) ?? []), column.column_name]);
    }
    const content: WarehouseContent = {};
    for (const [table, names] of tables) {
      const rows = await db.all(`select ${names.map((name) => `"${name}"`).join(", ")} from ${table}`);
      content[table] = rows
        .map((row) =>
          JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? value.toString() : value)),
        )
        .sort();
    }
    return content;
  } finally {
    db.close();
  }
}

/** Each table whose rows differ between two contents (rows as the contents hold them), with the rows each way. */
export function differingTables(
  expected: Record<string, string[]>,
  actual: Record<string, string[]>,
): { table: string; missing: string[]; extra: string[] }[] {
  return [...new Set([...Object.keys(expected), ...Object.keys(actual)])].flatMap((table) => {
    const before = expected[table] ?? [];
    const after = actual[table] ?? [];
    const missing = before.filter((row) => !after.includes(row));
    const extra = after.filter((row) => !before.includes(row));
    return missing.length > 0 || extra.length > 0 ? [{ table, missing, extra }] : [];
  });
}
