/**
 * The leaders' dashboards: runs the Observable Framework build of dashboards/ against a published
 * warehouse and moves the finished static site into place. The data loaders' cache is cleared
 * first (Framework would otherwise reuse yesterday's data), the build goes to a temporary folder
 * beside outDir, and outDir is replaced only when the build succeeded. Framework has one cache per
 * project, so builds of this checkout take turns (a lock in the cache) instead of reading each
 * other's loader output.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { delimiter, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Db } from "../db.ts";
import { acquireLock, LockHeld } from "../lock.ts";
import { shown } from "../summary.ts";

export interface SiteOptions {
  /** The published warehouse.duckdb the loaders read (read-only). */
  warehouse: string;
  /** Where the site ends up; replaced as a whole. */
  outDir: string;
  log?: (line: string) => void;
}

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const binDir = join(projectRoot, "node_modules", ".bin");
const cache = join(projectRoot, "dashboards", ".observablehq", "cache");
/** Loader outputs only; the `_npm` version skeleton and bundled node_modules stay. */
const loaderCache = join(cache, "data");
/** Held while a build of this checkout runs. */
export const siteBuildLock = join(cache, "build.lock");
const BUILD_WAIT_MS = 10 * 60_000;

/** Names the loader or page that broke the build, from Framework's output. */
export function describeFailure(output: string): string {
  const lines = output.split("\n");
  const detail = lines.filter((line) => /数据加载器|error|Error|\[missing\]/.test(line)).slice(-6);
  const loader =
    /数据加载器 ([\w-]+\.json\.ts)/.exec(output)?.[1] ??
    /load \/data\/([\w-]+\.json) →[^\n]*\[missing\]/.exec(output)?.[1]?.concat(".ts");
  if (loader) return [`看板构建失败：数据加载器 dashboards/data/${loader} 出错。`, ...detail].join("\n");
  const page = [...output.matchAll(/(?:load|render) \/([\w/-]*)/g)].at(-1)?.[1];
  if (page !== undefined)
    return [`看板构建失败：页面 dashboards/${page || "index"}.md 出错。`, ...detail].join("\n");
  return ["看板构建失败（observable build）。", ...detail].join("\n");
}

export async function buildSite(options: SiteOptions): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const warehouse = resolve(options.warehouse);
  if (!existsSync(warehouse)) throw new Error(`看板构建失败：找不到数据仓库文件 ${warehouse}`);
  const outDir = resolve(options.outDir);
  const building = `${outDir}.building-${process.pid}`;
  await mkdir(cache, { recursive: true });
  const release = await takeTurn(siteBuildLock, log);
  const started = performance.now();
  try {
    await rm(loaderCache, { recursive: true, force: true });
    await rm(building, { recursive: true, force: true });
    const output = await runBuild({
      HALL_WAREHOUSE: warehouse,
      HALL_SITE_OUT: building,
      HALL_COUNT: String(await hallCount(warehouse)),
    });
    if (output.code !== 0) throw new Error(describeFailure(output.text));
    await rm(outDir, { recursive: true, force: true });
    await rename(building, outDir);
    log(`看板已生成：${outDir}（用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`);
  } finally {
    await rm(building, { recursive: true, force: true });
    await release();
  }
}

/** How many halls have results in the warehouse (the site's sidebar lists 大厅对比 when several). */
async function hallCount(warehouse: string): Promise<number> {
  const db = await Db.open(warehouse, { readOnly: true });
  try {
    // a warehouse without marts.months counts none: the loaders' build then says what it lacks
    const months = await db.one(
      "select 1 as found from duckdb_tables() where schema_name = 'marts' and table_name = 'months'",
    );
    if (!months) return 0;
    const row = await db.one<{ halls: bigint }>(
      "select count(distinct hall_code) as halls from marts.months",
    );
    return Number(row?.halls ?? 0);
  } finally {
    db.close();
  }
}

async function takeTurn(lock: string, log: (line: string) => void): Promise<() => Promise<void>> {
  for (let waited = 0; ; waited += 500) {
    try {
      return await acquireLock(lock);
    } catch (error) {
      if (!(error instanceof LockHeld) || waited >= BUILD_WAIT_MS) throw error;
      if (waited === 0) log("另一个看板构建正在进行，等待其完成……");
      await sleep(500);
    }
  }
}

function runBuild(env: Record<string, string>): Promise<{ code: number | null; text: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(join(binDir, "observable"), ["build"], {
      cwd: projectRoot,
      env: { ...process.env, ...env, NO_COLOR: "1", PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, text: Buffer.concat(chunks).toString("utf8") }));
  });
}

/**
 * The site as one of the run's publishers (pipeline/publish/publisher.ts on main): built from the
 * new warehouse into `<next>/site`, which the run then moves into place.
 */
export async function publishSite(context: {
  warehouse: string;
  out: string;
  next: string;
  log: (line: string) => void;
}): Promise<string[]> {
  const started = performance.now();
  const outDir = join(context.next, "site");
  // the summary says where the site ends up; the build folder inside .state is not for operators
  await buildSite({
    warehouse: context.warehouse,
    outDir,
    log: (line) => line.includes("等待") && context.log(line),
  });
  const pages = (await readdir(outDir)).filter((name) => name.endsWith(".html")).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return [`看板 ${shown(join(context.out, "site"))}（${pages} 个页面，用时 ${seconds} 秒）`];
}
