/**
 * data-contract §3: analysts open warehouse.duckdb read-only while the next run works. A reader
 * holding the file open does not stop the run from publishing, and keeps seeing what it opened.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { outLayout } from "../pipeline/out-layout.ts";
import { repoRoot } from "./support/cli.ts";
import { type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { roster } from "./support/staff.ts";

/** A reader in a child process (one process may not open one DuckDB file twice). */
function openReader(path: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/warehouse-reader.ts", path], {
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
  };
}

const punchesOn = (day: string) =>
  textFile([
    ["考勤号码", "日期时间"],
    ...["08:25", "12:02", "14:20", "17:05"].map((time) => ["1001", `2026-10-${day} ${time}`]),
  ]);

describe("analyst reading the warehouse during a run", () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("does not stop the next run from publishing, and keeps seeing the old content", async () => {
    inbox = await fileInbox();
    await inbox.write("roster/名册.csv", textFile(roster));
    await inbox.write("attendance/1013.csv", punchesOn("13"));
    await inbox.run();
    const days =
      "select count(distinct work_date)::integer as n from marts.attendance_sessions where in_at is not null";
    const reader = openReader(outLayout(inbox.out).warehouse);
    try {
      await reader.ready;
      expect(await reader.query(days)).toEqual([{ n: 1 }]);
      await inbox.write("attendance/1014.csv", punchesOn("14"));
      const { lines } = await inbox.run();
      expect(lines[0]).toContain("【运行结果】");
      expect(await inbox.query(days)).toEqual([{ n: 2 }]);
      expect(await reader.query(days)).toEqual([{ n: 1 }]);
    } finally {
      await reader.close();
    }
  });
});
