/**
 * ClickHouse reads the Parquet export as it is: the same roll-up, run by ClickHouse's engine (chdb)
 * over the published files, by DuckDB over the same files and by DuckDB over the warehouse, gives
 * the same numbers. (One node, local files: a cluster over object storage is not tested here.)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../pipeline/db.ts";
import { type Chdb, loadChdb } from "./support/chdb.ts";
import { exportMonths, publishExport, staffMonths, writeExportWarehouse } from "./support/parquet-export.ts";

/**
 * Per hall and month, from marts.staff_month: in SQL that both engines read alike. (In ClickHouse an
 * alias is seen by the whole query, so none may take the name of a column it aggregates.)
 */
const staffRollUp = (staffMonth: string): string => `
  select hall_code, month,
         count(*) as staff,
         count(distinct staff_id) as staff_ids,
         sum(score) as score_total,
         avg(score) as avg_score,
         min(score) as min_score,
         max(score) as max_score,
         sum(case when grade = '优秀' then 1 else 0 end) as excellent_staff,
         sum(case when eligible then 1 else 0 end) as eligible_staff,
         sum(evaluations) as evaluations_total,
         sum(good_rate * evaluations) / sum(evaluations) as hall_good_rate
  from ${staffMonth}
  group by hall_code, month
  order by hall_code, month`;

/** Per month across the halls, from marts.hall_month. */
const hallRollUp = (hallMonth: string): string => `
  select month, count(*) as halls, sum(staff) as staff_total, sum(excellent_staff) as excellent_total,
         sum(evaluations) as evaluations_total, min(avg_score) as lowest_avg_score, max(avg_score) as highest_avg_score
  from ${hallMonth}
  group by month
  order by month`;

type Row = Record<string, unknown>;

/** Values as JSON has them: DuckDB's BIGINT and HUGEINT arrive as bigint. */
const plain = (rows: readonly Row[]): Row[] =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value]),
    ),
  );

let root: string;
let out: string;
let warehouse: string;
let chdb: Chdb;

beforeAll(async () => {
  chdb = loadChdb();
  root = await mkdtemp(join(tmpdir(), "clickhouse-"));
  out = join(root, "out");
  warehouse = join(root, "warehouse.duckdb");
  await writeExportWarehouse(warehouse);
  await publishExport(out, warehouse, exportMonths, "run-1");
  // a second run with the first two months frozen: the files read are partly carried over
  await publishExport(out, warehouse, ["2026-10"], "run-2");
}, 30 * 60_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** ClickHouse over the export's files of `table`, as `file(…) SETTINGS use_hive_partitioning = 1`. */
function clickhouse(rollUp: (source: string) => string, table: string): Row[] {
  const files = `file('${join(out, "parquet", table)}/*/*/*.parquet', Parquet)`;
  const text = chdb.query(
    `${rollUp(files)} settings use_hive_partitioning = 1, output_format_json_quote_64bit_integers = 0`,
    "JSONEachRow",
  );
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Row);
}

async function duckdb(sql: string): Promise<Row[]> {
  const db = await Db.open(":memory:");
  try {
    await db.run(`attach '${warehouse}' as wh (read_only)`);
    return plain(await db.all(sql));
  } finally {
    db.close();
  }
}

const duckdbFiles = (table: string): string => `read_parquet('${join(out, "parquet", table)}/*/*/*.parquet')`;

describe("ClickHouse's engine over the Parquet export", () => {
  it("is ClickHouse 26", () => {
    expect(chdb.query("select version()", "TSV")).toMatch(/^26\./);
  });

  it("rolls marts.staff_month up per hall and month to exactly DuckDB's numbers, over the files and over the warehouse", async () => {
    const fromClickhouse = clickhouse(staffRollUp, "marts.staff_month");
    expect(fromClickhouse).toEqual(await duckdb(staffRollUp(duckdbFiles("marts.staff_month"))));
    expect(fromClickhouse).toEqual(await duckdb(staffRollUp("wh.marts.staff_month")));
    expect(fromClickhouse).toHaveLength(9);
    // one hall and month by hand, from the rows the warehouse was made of
    const rows = staffMonths().filter(([hall, month]) => hall === "0321" && month === "2026-09");
    expect(fromClickhouse.find((row) => row.hall_code === "0321" && row.month === "2026-09")).toMatchObject({
      staff: rows.length,
      score_total: rows.reduce((total, row) => total + row[3], 0),
      excellent_staff: 1,
      evaluations_total: rows.reduce((total, row) => total + row[6], 0),
    });
  });

  it("rolls marts.hall_month up per month to exactly DuckDB's numbers, over the files and over the warehouse", async () => {
    const fromClickhouse = clickhouse(hallRollUp, "marts.hall_month");
    expect(fromClickhouse).toEqual(await duckdb(hallRollUp(duckdbFiles("marts.hall_month"))));
    expect(fromClickhouse).toEqual(await duckdb(hallRollUp("wh.marts.hall_month")));
    expect(fromClickhouse.map((row) => [row.month, row.halls, row.staff_total])).toEqual([
      ["2026-08", 3, 12],
      ["2026-09", 3, 15],
      ["2026-10", 3, 18],
    ]);
  });
});
