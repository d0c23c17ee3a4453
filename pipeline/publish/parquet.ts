/**
 * The Parquet export, for engines beyond one machine (a ClickHouse or Spark cluster reads the same
 * files): every public table of the new warehouse as hive-partitioned Parquet,
 * `parquet/<schema>.<table>/hall_code=<code>/month=<YYYY-MM>/data_0.parquet`, built into the run's
 * version and published with the rest in its one switch.
 *
 * The folder is named as an analyst names the table in SQL (`marts.staff_month`). The files also
 * hold `hall_code` and `month` themselves (DuckDB's `write_partition_columns`), so that a reader
 * takes their types from the file: hall codes such as `0321` or `3201` stay text, where an engine
 * guessing from the folder names makes them numbers (ClickHouse then fails on the code `main`).
 *
 * A frozen month's results never change (rules.md §14), so its partitions of the `marts` tables are
 * not rewritten: they are carried over from the newest earlier version by hard links, as the month's
 * workbooks are (publish/outputs.ts). The `ops` tables are not frozen (they always show everything),
 * so they are written whole every run. A frozen partition that the newest version lacks (the first
 * export of an `--out`), or whose files no longer have the table's columns (the code changed the
 * table), is written from the warehouse, whose frozen rows are the same.
 */
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { quoteIdentifier, quoteLiteral } from "../db.ts";
import { outLayout } from "../out-layout.ts";
import { shown } from "../summary.ts";
import type { PublishContext, Publisher } from "./publisher.ts";
import { linkTree, listVersions } from "./versions.ts";
import { publishedSchemas } from "./warehouse.ts";

/** The export's folder in a version, and its stable path in `--out`. */
export const parquetFolder = "parquet";

/** The columns every public table partitions by, in path order. */
export const partitionColumns = ["hall_code", "month"] as const;

/** Schemas whose frozen months are frozen results (history); the others are rewritten whole. */
const frozenSchemas = new Set(["marts"]);

interface Table {
  schema: string;
  name: string;
}

const tableName = (table: Table): string => `${table.schema}.${table.name}`;

/** A partition's folder below the table's: `hall_code=<code>/month=<month>`. */
export const partitionPath = (hallCode: string, month: string): string =>
  join(`hall_code=${hallCode}`, `month=${month}`);

/** A code bug, not data: a public table breaks the contract every export relies on. */
export class ExportContractError extends Error {
  override name = "ExportContractError";
}

async function publicTables({ db, catalog }: PublishContext): Promise<Table[]> {
  const rows = await db.all<{ schema_name: string; table_name: string }>(
    `select schema_name, table_name from duckdb_tables()
     where database_name = $catalog and schema_name in (${publishedSchemas.map(quoteLiteral).join(", ")})
     order by schema_name, table_name`,
    { catalog },
  );
  return rows.map((row) => ({ schema: row.schema_name, name: row.table_name }));
}

/** Name → type of a query's columns, in order. */
async function columnTypes(context: PublishContext, query: string): Promise<[string, string][]> {
  const rows = await context.db.all<{ column_name: string; column_type: string }>(`describe ${query}`);
  return rows.map((row) => [row.column_name, row.column_type]);
}

const relation = (context: PublishContext, table: Table): string =>
  `${quoteIdentifier(context.catalog)}.${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`;

/** Fails naming every public table without `hall_code` or `month`, before anything is written. */
async function checkContract(context: PublishContext, tables: readonly Table[]): Promise<void> {
  const faults: string[] = [];
  for (const table of tables) {
    const columns = new Set(
      (await columnTypes(context, `select * from ${relation(context, table)}`)).map(([name]) => name),
    );
    const missing = partitionColumns.filter((column) => !columns.has(column));
    if (missing.length > 0) faults.push(`${tableName(table)} 缺少 ${missing.join("、")} 列`);
  }
  if (faults.length > 0)
    throw new ExportContractError(
      `Parquet 导出失败：${faults.join("；")}。每张公开表都应有 hall_code 与 month 列，这是程序缺陷，不是数据问题。`,
    );
}

/** A Parquet file of a partition folder (DuckDB may write several, e.g. past 100 open partitions). */
async function someFile(folder: string): Promise<string | undefined> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const first = names.filter((name) => name.endsWith(".parquet")).sort()[0];
  return first === undefined ? undefined : join(folder, first);
}

/** Name → type of a Parquet file's columns, in order, as DuckDB reads them back. */
const fileColumns = (context: PublishContext, file: string): Promise<[string, string][]> =>
  columnTypes(context, `select * from read_parquet(${quoteLiteral(file)}, hive_partitioning = false)`);

/**
 * The columns a Parquet file of `table` written now has (DuckDB writes some types as others, e.g.
 * HUGEINT as DOUBLE), from a file of none of its rows in `scratch`.
 */
async function exportedColumns(context: PublishContext, table: Table, scratch: string): Promise<string> {
  const file = join(scratch, `${tableName(table)}.parquet`);
  try {
    await context.db.run(
      `copy (select * from ${relation(context, table)} limit 0) to ${quoteLiteral(file)} (format parquet)`,
    );
    return JSON.stringify(await fileColumns(context, file));
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * The frozen partitions of `table` that the newest earlier version holds, as `hall_code=…/month=…`
 * paths; none when its files have other columns than the table has now.
 */
async function carriedPartitions(
  context: PublishContext,
  table: Table,
  previous: string | undefined,
  scratch: string,
): Promise<string[]> {
  if (previous === undefined || !frozenSchemas.has(table.schema)) return [];
  const frozen = await context.db.all<{ hall_code: string; month: string }>(
    `select distinct hall_code, month from ${relation(context, table)}
     where hall_code is not null and month is not null
       and not list_contains([${context.months.map(quoteLiteral).join(", ")}]::varchar[], month)
     order by hall_code, month`,
  );
  if (frozen.length === 0) return [];
  const found: { partition: string; file: string }[] = [];
  for (const { hall_code, month } of frozen) {
    const partition = partitionPath(hall_code, month);
    const file = await someFile(join(previous, tableName(table), partition));
    if (file !== undefined) found.push({ partition, file });
  }
  if (found.length === 0) return [];
  // a version's files of one table share its columns of the time (this rule keeps it so): one tells
  const expected = await exportedColumns(context, table, scratch);
  if (JSON.stringify(await fileColumns(context, found[0]!.file)) !== expected) return [];
  return found.map(({ partition }) => partition);
}

/** `where` clause leaving out the carried partitions' rows. */
function leaveOut(carried: readonly string[]): string {
  if (carried.length === 0) return "";
  const pairs = carried.map((partition) => {
    const [hall, month] = partition.split("/").map((segment) => segment.slice(segment.indexOf("=") + 1));
    return `(${quoteLiteral(hall!)}, ${quoteLiteral(month!)})`;
  });
  return `where (hall_code, month) not in (${pairs.join(", ")})`;
}

export const publishParquet: Publisher = async (context) => {
  const tables = await publicTables(context);
  await checkContract(context, tables);
  const newest = (await listVersions(outLayout(context.out))).at(-1);
  const previous =
    newest === undefined ? undefined : join(outLayout(context.out).versions, newest, parquetFolder);
  const root = join(context.next, parquetFolder);
  const scratch = join(context.next, ".parquet-schemas");
  await mkdir(root, { recursive: true });
  await mkdir(scratch, { recursive: true });
  let carriedCount = 0;
  try {
    for (const table of tables) {
      const carried = await carriedPartitions(context, table, previous, scratch);
      const target = join(root, tableName(table));
      // in partition order: DuckDB keeps 100 partitions open and starts a new file when it reopens
      // one (600,000 unordered rows in 840 partitions: 573 of them in several files; ordered: 2)
      await context.db.run(
        `copy (select * from ${relation(context, table)} ${leaveOut(carried)} order by ${partitionColumns.join(", ")})
         to ${quoteLiteral(target)}
         (format parquet, partition_by (${partitionColumns.join(", ")}), write_partition_columns true)`,
      );
      // a table without rows still gets its folder, so that every public table is there
      await mkdir(target, { recursive: true });
      for (const partition of carried)
        await linkTree(join(previous!, tableName(table), partition), join(target, partition));
      carriedCount += carried.length;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return [
    `Parquet 导出 ${shown(join(context.out, parquetFolder))}（${tables.length} 张表；沿用冻结月份分区 ${carriedCount} 个）`,
  ];
};
