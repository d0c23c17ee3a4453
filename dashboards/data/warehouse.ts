/**
 * Shared by the data loaders: opens the published warehouse read-only (path from HALL_WAREHOUSE,
 * default output/warehouse.duckdb), runs each named query and writes one compact JSON object to
 * stdout. Loaders select finished rows: every figure is computed once, in a mart, and pages only
 * display it. Logs go to stderr.
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { Db } from "../../pipeline/db.ts";

export const warehousePath = (): string => process.env.HALL_WAREHOUSE ?? "output/warehouse.duckdb";

/** The months a page shows: the latest ones with results (twelve by default), so page data stays small. */
export const recentMonths = (count = 12): string =>
  `(select month from marts.months order by month desc limit ${count})`;

/** Runs the queries (name → select) and prints `{name: rows}`; exits non-zero with a Chinese message. */
export async function writeJson(loaderUrl: string, queries: Record<string, string>): Promise<void> {
  const loader = basename(new URL(loaderUrl).pathname);
  const path = warehousePath();
  if (!existsSync(path)) {
    process.stderr.write(
      `数据加载器 ${loader} 失败：找不到数据仓库文件 ${path}。请先运行管道（npm start），或用环境变量 HALL_WAREHOUSE 指定数据仓库路径。\n`,
    );
    process.exit(1);
  }
  const started = performance.now();
  const db = await Db.open(path, { readOnly: true });
  try {
    const result: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(queries)) {
      try {
        const rows = await db.all<{ row: string }>(`select to_json(t)::varchar as row from (${sql}) as t`);
        result[name] = rows.map((row) => JSON.parse(row.row));
      } catch (error) {
        throw new Error(`数据加载器 ${loader} 的查询 ${name} 失败：${(error as Error).message}`);
      }
    }
    const json = JSON.stringify(result);
    process.stdout.write(json);
    process.stderr.write(
      `${loader}: ${json.length.toLocaleString("zh-CN")} 字节，用时 ${Math.round(performance.now() - started)} 毫秒\n`,
    );
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}
