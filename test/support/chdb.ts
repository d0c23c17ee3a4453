/**
 * ClickHouse's own engine, embedded (chdb), for the test that reads the Parquet export with it.
 * Its ≈ 550 MB binary stays out of the product's install: it has its own pinned package folder,
 * test/clickhouse, installed there on first use (`.ci/run` links in a cached install instead).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The part of chdb's API the test uses: one query, its result as text in `format`. */
export interface Chdb {
  query(sql: string, format: string): string;
}

export const chdbFolder = fileURLToPath(new URL("../clickhouse/", import.meta.url));

/** Installs chdb into test/clickhouse when it is not there yet, and loads it. */
export function loadChdb(log: (line: string) => void = console.warn): Chdb {
  if (!existsSync(join(chdbFolder, "node_modules", "chdb", "package.json"))) {
    log(
      "ClickHouse 对照测试：首次使用，正在安装 ClickHouse 嵌入式引擎 chdb（约 550 MB）到 test/clickhouse/node_modules，只需一次……",
    );
    const started = performance.now();
    const install = spawnSync("npm", ["ci", "--prefix", chdbFolder, "--no-audit", "--no-fund"], {
      encoding: "utf8",
    });
    if (install.status !== 0)
      throw new Error(
        `安装 chdb 失败（npm ci --prefix test/clickhouse，退出码 ${install.status}）：\n${install.stderr}`,
      );
    log(`chdb 安装完成，用时 ${((performance.now() - started) / 1000).toFixed(0)} 秒。`);
  }
  return createRequire(join(chdbFolder, "package.json"))("chdb") as Chdb;
}
