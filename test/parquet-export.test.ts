import { mkdtemp, readdir, readlink, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../pipeline/db.ts";
import { ExportContractError } from "../pipeline/publish/parquet.ts";
import {
  exportHalls,
  exportMonths,
  partitionInode,
  publishExport,
  type StaffMonth,
  staffMonths,
  writeExportWarehouse,
} from "./support/parquet-export.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "parquet-export-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Rows of `query` run on a fresh in-memory DuckDB, with `warehouse` attached as `wh`. */
async function rowsOf(query: string, warehouse?: string): Promise<Record<string, unknown>[]> {
  const db = await Db.open(":memory:");
  try {
    if (warehouse) await db.run(`attach '${warehouse}' as wh (read_only)`);
    return await db.all(query);
  } finally {
    db.close();
  }
}

/** Rows of the warehouse's `table` that `files` lacks, and rows of `files` it lacks (bags, by column name). */
async function difference(warehouse: string, table: string, files: string): Promise<number> {
  const columns = (await rowsOf(`select column_name from (describe wh.${table})`, warehouse))
    .map((row) => `"${row.column_name}"`)
    .join(", ");
  const left = `select ${columns} from wh.${table}`;
  const right = `select ${columns} from ${files}`;
  const [row] = await rowsOf(
    `select (select count(*) from (${left} except all ${right})) + (select count(*) from (${right} except all ${left})) as n`,
    warehouse,
  );
  return Number(row!.n);
}

const files = (out: string, table: string): string =>
  `read_parquet('${join(out, "parquet", table)}/*/*/*.parquet')`;

describe("the Parquet export", () => {
  let out: string;
  let warehouse: string;
  beforeAll(async () => {
    out = join(root, "export");
    warehouse = join(root, "export.duckdb");
    await writeExportWarehouse(warehouse);
    await publishExport(out, warehouse, exportMonths, "run-1");
  });

  it("has a folder per public table, named schema.table, with a partition per hall and month", async () => {
    expect((await readdir(join(out, "parquet"))).sort()).toEqual([
      "marts.hall_month",
      "marts.staff_month",
      "ops.loads",
    ]);
    const halls = (await readdir(join(out, "parquet", "marts.staff_month"))).sort();
    expect(halls).toEqual(["hall_code=0321", "hall_code=3201", "hall_code=main"]);
    expect((await readdir(join(out, "parquet", "marts.staff_month", "hall_code=0321"))).sort()).toEqual([
      "month=2026-08",
      "month=2026-09",
      "month=2026-10",
    ]);
    expect(await readdir(join(out, "parquet", "ops.loads", "hall_code=main", "month=2026-09"))).toEqual([
      "data_0.parquet",
    ]);
  });

  it("holds exactly each table's rows and columns, read with or without the folder names", async () => {
    for (const table of ["marts.staff_month", "marts.hall_month", "ops.loads"]) {
      expect(await difference(warehouse, table, files(out, table))).toBe(0);
      const plain = `read_parquet('${join(out, "parquet", table)}/*/*/*.parquet', hive_partitioning = false)`;
      expect(await difference(warehouse, table, plain)).toBe(0);
    }
    expect(await rowsOf(`select count(*)::integer as n from ${files(out, "marts.staff_month")}`)).toEqual([
      { n: staffMonths().length },
    ]);
  });

  it("keeps the files' columns in the table's order and types, hall codes as text (0321 keeps its zero)", async () => {
    const types = await rowsOf(
      `select column_name, column_type from (describe select * from read_parquet('${join(out, "parquet", "marts.staff_month")}/*/*/*.parquet', hive_partitioning = false))`,
    );
    expect(types.map((row) => `${row.column_name} ${row.column_type}`)).toEqual([
      "hall_code VARCHAR",
      "hall_name VARCHAR",
      "month VARCHAR",
      "staff_id VARCHAR",
      "score DECIMAL(6,1)",
      "grade VARCHAR",
      "good_rate DOUBLE",
      "evaluations INTEGER",
      "eligible BOOLEAN",
    ]);
    expect(
      await rowsOf(
        `select distinct hall_code, hall_name from ${files(out, "marts.staff_month")} order by hall_code`,
      ),
    ).toEqual(
      [...exportHalls]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([hall_code, hall_name]) => ({ hall_code, hall_name })),
    );
  });

  it("is reached through the stable path parquet → current/parquet", async () => {
    expect(await readlink(join(out, "parquet"))).toBe(join("current", "parquet"));
    expect(await readlink(join(out, "current"))).toBe(join("versions", "000001"));
  });
});

describe("a frozen month's partitions", () => {
  const frozen = ["2026-08", "2026-09"] as const;
  const tablesOfResults = ["marts.staff_month", "marts.hall_month"] as const;

  it("of the marts are carried over from the newest version by hard links; open months and ops are written anew", async () => {
    const out = join(root, "frozen");
    const warehouse = join(root, "frozen.duckdb");
    await writeExportWarehouse(warehouse);
    await publishExport(out, warehouse, exportMonths, "run-1");
    const lines = await publishExport(out, warehouse, ["2026-10"], "run-2");
    for (const table of tablesOfResults) {
      for (const [hall] of exportHalls) {
        for (const month of frozen)
          expect(await partitionInode(out, "000002", table, hall, month)).toBe(
            await partitionInode(out, "000001", table, hall, month),
          );
        expect(await partitionInode(out, "000002", table, hall, "2026-10")).not.toBe(
          await partitionInode(out, "000001", table, hall, "2026-10"),
        );
      }
    }
    for (const month of exportMonths)
      expect(await partitionInode(out, "000002", "ops.loads", "main", month)).not.toBe(
        await partitionInode(out, "000001", "ops.loads", "main", month),
      );
    expect(lines.at(-1)).toMatch(/（3 张表；沿用冻结月份分区 12 个）$/);
    for (const table of [...tablesOfResults, "ops.loads"])
      expect(await difference(warehouse, table, files(out, table))).toBe(0);
  });

  it("leave a row without a month in the export (under month=__HIVE_DEFAULT_PARTITION__), whatever is carried", async () => {
    const out = join(root, "no-month");
    const warehouse = join(root, "no-month.duckdb");
    await writeExportWarehouse(warehouse);
    const db = await Db.open(warehouse);
    try {
      await db.run(
        "insert into marts.staff_month (hall_code, hall_name, month, staff_id) values ('main', '市政务服务中心', null, 'S0099')",
      );
    } finally {
      db.close();
    }
    await publishExport(out, warehouse, exportMonths, "run-1");
    await publishExport(out, warehouse, ["2026-10"], "run-2");
    expect(await difference(warehouse, "marts.staff_month", files(out, "marts.staff_month"))).toBe(0);
    expect(
      await readdir(
        join(out, "parquet", "marts.staff_month", "hall_code=main", "month=__HIVE_DEFAULT_PARTITION__"),
      ),
    ).toEqual(["data_0.parquet"]);
  });

  it("are written from the warehouse when the newest version has no export (an --out published before it)", async () => {
    const out = join(root, "before-export");
    const warehouse = join(root, "before-export.duckdb");
    await writeExportWarehouse(warehouse);
    await publishExport(out, warehouse, exportMonths, "run-1");
    await rm(join(out, "versions", "000001", "parquet"), { recursive: true });
    const lines = await publishExport(out, warehouse, ["2026-10"], "run-2");
    expect(lines.at(-1)).toMatch(/沿用冻结月份分区 0 个）$/);
    for (const table of [...tablesOfResults, "ops.loads"])
      expect(await difference(warehouse, table, files(out, table))).toBe(0);
  });

  it("are written anew when the table's columns changed since, and carried again from then on", async () => {
    const out = join(root, "changed");
    const before = join(root, "changed-before.duckdb");
    const after = join(root, "changed-after.duckdb");
    await writeExportWarehouse(before);
    await writeExportWarehouse(after, staffMonths(), { extraColumn: true });
    await publishExport(out, before, exportMonths, "run-1");
    await publishExport(out, after, ["2026-10"], "run-2");
    await publishExport(out, after, ["2026-10"], "run-3");
    const inode = (version: string, table: string) => partitionInode(out, version, table, "0321", "2026-09");
    expect(await inode("000002", "marts.staff_month")).not.toBe(await inode("000001", "marts.staff_month"));
    expect(await inode("000003", "marts.staff_month")).toBe(await inode("000002", "marts.staff_month"));
    expect(await inode("000002", "marts.hall_month")).toBe(await inode("000001", "marts.hall_month"));
    expect(await difference(after, "marts.staff_month", files(out, "marts.staff_month"))).toBe(0);
  });
});

describe("partitions written as files", () => {
  it("several in one frozen partition are carried over together", async () => {
    const out = join(root, "several");
    const warehouse = join(root, "several.duckdb");
    await writeExportWarehouse(warehouse);
    await publishExport(out, warehouse, exportMonths, "run-1");
    const partition = (version: string) =>
      join(out, "versions", version, "parquet", "marts.staff_month", "hall_code=main", "month=2026-08");
    const db = await Db.open(":memory:");
    try {
      // a second file of no rows, as DuckDB writes when it reopens a partition
      await db.run(
        `copy (select * from read_parquet('${partition("000001")}/data_0.parquet') limit 0) to '${partition("000001")}/data_1.parquet' (format parquet)`,
      );
    } finally {
      db.close();
    }
    await publishExport(out, warehouse, ["2026-10"], "run-2");
    const inodes = async (version: string) =>
      Promise.all(
        ["data_0.parquet", "data_1.parquet"].map(
          async (name) => (await stat(join(partition(version), name))).ino,
        ),
      );
    expect(await inodes("000002")).toEqual(await inodes("000001"));
  });
});

describe("for any halls, rows and months frozen (fast-check, seed 14)", () => {
  /** Hall codes as the register allows them: letters, digits and `-`. */
  const hallCode = fc.stringMatching(/^[A-Za-z0-9-]{1,6}$/);
  const staffMonth = (halls: readonly string[]) =>
    fc.tuple(
      fc.constantFrom(...halls),
      fc.constantFrom(...exportMonths),
      fc.constantFrom("S0001", "S0002", "S0003"),
      fc.integer({ min: 600, max: 1100 }).map((tenths) => tenths / 10),
      fc.constantFrom("优秀", "合格", "末位"),
      fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
      fc.integer({ min: 0, max: 40 }),
      fc.boolean(),
    ) as fc.Arbitrary<StaffMonth>;
  const cases = fc.uniqueArray(hallCode, { minLength: 1, maxLength: 3 }).chain((halls) =>
    fc.record({
      halls: fc.constant(halls),
      rows: fc.array(staffMonth(halls), { minLength: 1, maxLength: 12 }),
      frozen: fc.integer({ min: 0, max: exportMonths.length }),
    }),
  );

  it("the export read back is the warehouse, and every frozen partition of the marts is the previous version's file", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ({ halls, rows, frozen }) => {
        run++;
        const out = join(root, `property-${run}`);
        const warehouse = join(root, `property-${run}.duckdb`);
        await writeExportWarehouse(warehouse, rows, { halls: halls.map((code) => [code, `大厅${code}`]) });
        await publishExport(out, warehouse, exportMonths, "run-1");
        await publishExport(out, warehouse, exportMonths.slice(frozen), "run-2");
        for (const table of ["marts.staff_month", "marts.hall_month", "ops.loads"])
          expect(await difference(warehouse, table, files(out, table))).toBe(0);
        const partitions = [...new Set(rows.map(([hall, month]) => `${hall}\t${month}`))];
        for (const [hall, month] of partitions.map((key) => key.split("\t") as [string, string])) {
          const frozenMonth = exportMonths.indexOf(month as (typeof exportMonths)[number]) < frozen;
          const first = await partitionInode(out, "000001", "marts.staff_month", hall, month);
          const second = await partitionInode(out, "000002", "marts.staff_month", hall, month);
          expect(second === first).toBe(frozenMonth);
        }
        await rm(out, { recursive: true, force: true });
      }),
      { numRuns: 8, seed: 14 },
    );
  });
});

describe("a public table without hall_code or month", () => {
  it("stops the export with one Chinese line naming each table and column, before any file is written", async () => {
    const warehouse = join(root, "contract.duckdb");
    await writeExportWarehouse(warehouse);
    const db = await Db.open(warehouse);
    try {
      await db.run(`
        create table marts.rule_codes as select 'R01' as rule_code, '迟到' as rule_name;
        alter table ops.loads drop column month;`);
    } finally {
      db.close();
    }
    const out = join(root, "contract");
    const failure = await publishExport(out, warehouse, exportMonths, "run-1").catch((error: Error) => error);
    expect(failure).toBeInstanceOf(ExportContractError);
    expect((failure as Error).message).toBe(
      "Parquet 导出失败：marts.rule_codes 缺少 hall_code、month 列；ops.loads 缺少 month 列。每张公开表都应有 hall_code 与 month 列，这是程序缺陷，不是数据问题。",
    );
    expect(await readdir(join(out, ".state", "builds", "run-1", "version"))).toEqual([]);
  });
});
