/**
 * data-contract §3: analysts open warehouse.duckdb read-only while the next run works. A reader
 * holding the file open does not stop the run from publishing, keeps seeing what it opened, and
 * does not stop our own tools (they open it read-only too). An analyst who opened it read-write
 * and died leaves a log that no later publication replays.
 */
import { spawn } from "node:child_process";
import { chmod, copyFile, lstat, realpath } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { outLayout } from "../pipeline/out-layout.ts";
import { rollback } from "../pipeline/rollback.ts";
import { finished, repoRoot, runCli } from "./support/cli.ts";
import { type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { punchesOn, roster } from "./support/staff.ts";

/** A reader in a child process (one process may not open one DuckDB file twice). */
function openReader(path: string, mode: "read-only" | "read-write" = "read-only") {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/warehouse-reader.ts", path, mode], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string);
  return {
    ready: next(),
    async query(sql: string): Promise<unknown> {
      child.stdin!.write(`${sql}\n`);
      return next();
    },
    close: () => {
      child.stdin!.end();
      return new Promise((resolve) => child.on("close", resolve));
    },
    kill: () => {
      child.kill("SIGKILL");
      return new Promise((resolve) => child.on("close", resolve));
    },
  };
}

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** A data loader of the dashboards, run as Framework runs it, on the published warehouse. */
function runLoader(name: string, warehouse: string) {
  const child = spawn(process.execPath, ["--import", "tsx", `dashboards/data/${name}`], {
    cwd: repoRoot,
    env: { ...process.env, HALL_WAREHOUSE: warehouse },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return finished(child);
}

const tables = "select table_name from duckdb_tables() where schema_name = 'main' order by table_name";

async function publishedHall(): Promise<FileInbox> {
  const inbox = await fileInbox();
  await inbox.write("roster/名册.csv", textFile(roster));
  await inbox.write("attendance/1013.csv", punchesOn("2026-10-13"));
  await inbox.run();
  return inbox;
}

// several runs each; generous for a machine shared with others
describe("analyst reading the warehouse during a run", { timeout: 240_000 }, () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("does not stop the next run from publishing, and keeps seeing the old content", async () => {
    inbox = await publishedHall();
    const days =
      "select count(distinct work_date)::integer as n from marts.attendance_sessions where in_at is not null";
    const reader = openReader(outLayout(inbox.out).warehouse);
    try {
      await reader.ready;
      expect(await reader.query(days)).toEqual([{ n: 1 }]);
      // a read-write open would fail while the reader holds the file: ours are read-only
      const explained = await runCli(["explain", "--out", inbox.out, "S0001", "2026-10"]);
      expect(explained.code, explained.stderr).toBe(0);
      const loaded = await runLoader("overview.json.ts", outLayout(inbox.out).warehouse);
      expect(loaded.code, loaded.stderr).toBe(0);
      await inbox.write("attendance/1014.csv", punchesOn("2026-10-14"));
      const { lines } = await inbox.run();
      expect(lines[0]).toContain("【运行结果】");
      expect(await inbox.query(days)).toEqual([{ n: 2 }]);
      expect(await reader.query(days)).toEqual([{ n: 1 }]);
    } finally {
      await reader.close();
    }
  });
});

// several runs each; generous for a machine shared with others
describe("an analyst who opened the warehouse read-write and died", { timeout: 240_000 }, () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("leaves a log that neither the next publication nor a rollback to the version it wrote into replays", async () => {
    inbox = await publishedHall();
    const { warehouse, versions } = outLayout(inbox.out);
    // published read-only on disk; an analyst with the right to change that (or root) opens it anyway
    await chmod(await realpath(warehouse), 0o644);
    const analyst = openReader(warehouse, "read-write");
    await analyst.ready;
    await analyst.query("create table main.my_analysis as select 42 as x");
    await analyst.kill();
    const log = join(versions, "000001", "warehouse.duckdb.wal");
    expect(await exists(log)).toBe(true);
    // where a client that does not resolve links would have written it
    await copyFile(log, `${warehouse}.wal`);
    // DuckDB replays it on every open, a read-only one too
    expect(await inbox.query(tables)).toEqual([{ table_name: "my_analysis" }]);

    await inbox.write("attendance/1014.csv", punchesOn("2026-10-14"));
    await inbox.run();
    expect(await inbox.query(tables)).toEqual([]);
    expect(await exists(`${warehouse}.wal`)).toBe(false);

    await rollback(inbox.out);
    expect(await inbox.query(tables)).toEqual([]);
    expect(await exists(log)).toBe(false);
  });
});
