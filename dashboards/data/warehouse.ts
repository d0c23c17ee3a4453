/**
 * Shared by the data loaders: attaches the published warehouse read-only (path from HALL_WAREHOUSE,
 * default output/warehouse.duckdb), runs each named query once per hall over the hall's view of the
 * warehouse (pipeline/publish/hall-view.ts: its rows only), and writes one compact JSON object to
 * stdout: `{halls: [{hall_code, hall_name}], by_hall: {<code>: {name: rows}}}` (a warehouse with no
 * results yet: no halls, and the queries' empty results under ""). A page shows one hall's part
 * (components/halls.js). Loaders select finished rows: every figure is computed once, in a mart, and
 * pages only display it. Logs go to stderr.
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { Db, quoteLiteral } from "../../pipeline/db.ts";
import { hallView, publishedHalls, withHallView } from "../../pipeline/publish/hall-view.ts";

export const warehousePath = (): string => process.env.HALL_WAREHOUSE ?? "output/warehouse.duckdb";

/** The months a page shows: the latest ones with results (twelve by default), so page data stays small. */
export const recentMonths = (count = 12): string =>
  `(select month from marts.months order by month desc limit ${count})`;

/** Runs the queries over the catalog in use; `{name: rows}`. */
async function runQueries(db: Db, loader: string, queries: Record<string, string>) {
  const result: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(queries)) {
    try {
      const rows = await db.all<{ row: string }>(`select to_json(t)::varchar as row from (${sql}) as t`);
      result[name] = rows.map((row) => JSON.parse(row.row));
    } catch (error) {
      throw new Error(`数据加载器 ${loader} 的查询 ${name} 失败：${(error as Error).message}`);
    }
  }
  return result;
}

const warehouseCatalog = "warehouse";

/**
 * Runs the queries (name → select) for each hall, or over every hall at once when `acrossHalls` (the
 * comparison of halls), and prints the result; exits non-zero with a Chinese message.
 */
export async function writeJson(
  loaderUrl: string,
  queries: Record<string, string>,
  options: { acrossHalls?: boolean } = {},
): Promise<void> {
  const loader = basename(new URL(loaderUrl).pathname);
  const path = warehousePath();
  if (!existsSync(path)) {
    process.stderr.write(
      `数据加载器 ${loader} 失败：找不到数据仓库文件 ${path}。请先运行管道（npm start），或用环境变量 HALL_WAREHOUSE 指定数据仓库路径。\n`,
    );
    process.exit(1);
  }
  const started = performance.now();
  // an in-memory database with the warehouse attached read-only: the hall views need a writable catalog
  const db = await Db.open(":memory:");
  try {
    await db.run(`attach ${quoteLiteral(path)} as ${warehouseCatalog} (read_only)`);
    await db.run(`use ${warehouseCatalog}`);
    const halls = await publishedHalls(db, warehouseCatalog).catch((error: Error) => {
      throw new Error(`数据加载器 ${loader} 读不到有结果的大厅：${error.message}`);
    });
    const byHall: Record<string, Record<string, unknown[]>> = {};
    if (options.acrossHalls || halls.length === 0) byHall[""] = await runQueries(db, loader, queries);
    else
      for (const hall of halls) {
        await withHallView(db, warehouseCatalog, hall.hall_code, async () => {
          await db.run(`use ${hallView}`);
          try {
            byHall[hall.hall_code] = await runQueries(db, loader, queries);
          } finally {
            await db.run(`use ${warehouseCatalog}`);
          }
        });
      }
    const json = JSON.stringify(options.acrossHalls ? { halls, ...byHall[""] } : { halls, by_hall: byHall });
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
