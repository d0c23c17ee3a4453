/**
 * Small warehouses of several halls and months, shaped as the contract says every public table is
 * (`hall_code`, `hall_name` first, a `month`), and a run's publication of one through the Parquet
 * publisher and the real versioned publication (publish/outputs.ts), without the rules.
 */
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { defaultConfig } from "../../pipeline/config.ts";
import { Db } from "../../pipeline/db.ts";
import { buildLayout, outLayout } from "../../pipeline/out-layout.ts";
import { publishOutputs } from "../../pipeline/publish/outputs.ts";
import { publishParquet } from "../../pipeline/publish/parquet.ts";

/** Halls of the test warehouses: codes that look like numbers, one with a leading zero, stay text. */
export const exportHalls = [
  ["main", "市政务服务中心"],
  ["0321", "高新区分中心"],
  ["3201", "江北新区分中心"],
] as const;

export const exportMonths = ["2026-08", "2026-09", "2026-10"] as const;

/** One staff member's month: hall, month, staff id, score, grade, good rate, evaluations, eligible. */
export type StaffMonth = [string, string, string, number, string, number | null, number, boolean];

/**
 * Staff months of every hall and month: each hall's staff differ in number and scores, and the
 * same 工号 S0001 is in every hall (keys are per hall).
 */
export function staffMonths(): StaffMonth[] {
  const rows: StaffMonth[] = [];
  exportHalls.forEach(([hall], h) => {
    exportMonths.forEach((month, m) => {
      const staff = 3 + h + m;
      for (let s = 1; s <= staff; s++) {
        const score = 100 - ((s * 7 + h * 3 + m) % 13) + (s === 1 ? 2.5 : 0);
        const evaluations = (s * 5 + m) % 9;
        const good = evaluations === 0 ? null : ((s + h) % evaluations) / evaluations;
        const grade = s === 1 ? "优秀" : s === staff ? "末位" : "合格";
        rows.push([
          hall,
          month,
          `S${String(s).padStart(4, "0")}`,
          score,
          grade,
          good,
          evaluations,
          s % 4 !== 0,
        ]);
      }
    });
  });
  return rows;
}

/**
 * Writes a warehouse at `path`: marts.staff_month (the rows given), marts.hall_month (its roll-up
 * in SQL), ops.loads (one load per hall and month, with a timestamp); `halls` gives the halls' names.
 * `extraColumn` adds a column to marts.staff_month, as a code change would.
 */
export async function writeExportWarehouse(
  path: string,
  rows: readonly StaffMonth[] = staffMonths(),
  options: { extraColumn?: boolean; halls?: readonly (readonly [string, string])[] } = {},
): Promise<void> {
  const db = await Db.open(path);
  try {
    await db.run(`
      create schema marts; create schema ops;
      create table halls (hall_code varchar, hall_name varchar);
      create table marts.staff_month (
        hall_code varchar, hall_name varchar, month varchar, staff_id varchar, score decimal(6, 1),
        grade varchar, good_rate double, evaluations integer, eligible boolean
        ${options.extraColumn ? ", remark varchar" : ""}
      );`);
    await db.insertRows("halls", options.halls ?? exportHalls);
    await db.run(
      "create temp table staff (hall_code varchar, month varchar, staff_id varchar, score decimal(6, 1), grade varchar, good_rate double, evaluations integer, eligible boolean)",
    );
    await db.insertRows("staff", rows);
    await db.run(`
      insert into marts.staff_month by name
      select staff.*, halls.hall_name ${options.extraColumn ? ", '备注' as remark" : ""}
      from staff join halls using (hall_code);
      create table marts.hall_month as
      select hall_code, any_value(hall_name) as hall_name, month, count(*) as staff,
             round(avg(score), 2) as avg_score, count(*) filter (where grade = '优秀') as excellent_staff,
             sum(evaluations) as evaluations
      from marts.staff_month group by hall_code, month;
      create table ops.loads as
      select hall_code, hall_name, month, 'attendance/' || month || '.csv' as path,
             (month || '-28 21:00:00')::timestamp as loaded_at, count(*)::integer as rows
      from marts.staff_month group by all;
      drop table halls;`);
  } finally {
    db.close();
  }
}

/** A run's publication: the export of `warehouse` in a new version, `open` the months recomputed. */
export async function publishExport(
  out: string,
  warehouse: string,
  open: readonly string[],
  run: string,
): Promise<string[]> {
  const layout = outLayout(out);
  const build = buildLayout(layout, run);
  await mkdir(build.version, { recursive: true });
  await mkdir(layout.state, { recursive: true });
  const db = await Db.open(":memory:");
  try {
    await db.run(`attach '${warehouse}' as published (read_only)`);
    const lines = await publishParquet({
      db,
      catalog: "published",
      warehouse,
      out,
      next: build.version,
      months: [...open],
      config: defaultConfig,
      asOf: "2026-11-04",
      log: () => {},
    });
    await publishOutputs(layout, build, {
      asOf: "2026-11-04",
      frozenMonths: exportMonths.filter((month) => !open.includes(month)),
      keep: 5,
    });
    return lines;
  } finally {
    db.close();
  }
}

/** The inode of a partition's one file in a version. */
export const partitionInode = async (
  out: string,
  version: string,
  table: string,
  hall: string,
  month: string,
): Promise<number> =>
  (
    await stat(
      join(
        out,
        "versions",
        version,
        "parquet",
        table,
        `hall_code=${hall}`,
        `month=${month}`,
        "data_0.parquet",
      ),
    )
  ).ino;
