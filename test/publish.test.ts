/**
 * data-contract §2–§3: the warehouse (and reports/, site/) is replaced atomically at the end of a
 * run; a run that fails, is refused or is killed leaves the previous publication exactly as it
 * was, and the next run completes normally.
 */
import { mkdir, open, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LockHeld } from "../pipeline/lock.ts";
import type { Publisher } from "../pipeline/publish/publisher.ts";
import { outLayout } from "../pipeline/run.ts";
import { type CliResult, finished, runCli, spawnCli, waitForPath } from "./support/cli.ts";
import { defaultAsOf, type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { publicationSnapshot } from "./support/publication.ts";
import { largeHall, roster } from "./support/staff.ts";

/** Stands in for the workbook and site publishers: one file each, saying which run built it. */
const labelled =
  (label: string): Publisher =>
  async ({ next }) => {
    await mkdir(join(next, "reports", "2026-10"), { recursive: true });
    await writeFile(join(next, "reports", "2026-10", "考核汇总.xlsx"), label);
    await mkdir(join(next, "site"), { recursive: true });
    await writeFile(join(next, "site", "index.html"), `<p>${label}</p>`);
    return [];
  };

const punchesOn = (day: string) =>
  textFile([
    ["考勤号码", "日期时间"],
    ...["08:25", "12:02", "14:20", "17:05"].map((time) => ["1001", `2026-10-${day} ${time}`]),
  ]);

async function publishedHall(): Promise<FileInbox> {
  const inbox = await fileInbox();
  await inbox.write("roster/名册.csv", textFile(roster));
  await inbox.write("attendance/1013.csv", punchesOn("13"));
  await inbox.run({ publishers: [labelled("first")] });
  return inbox;
}

const workDays = (inbox: FileInbox) =>
  inbox
    .query<{ day: string }>(
      "select distinct strftime(work_date, '%d') as day from marts.attendance_sessions where in_at is not null order by day",
    )
    .then((rows) => rows.map((row) => row.day));

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe("atomic publication", () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("a run failing after the new warehouse is built leaves warehouse, reports and site byte for byte", async () => {
    inbox = await publishedHall();
    const before = await publicationSnapshot(inbox.out);
    expect(Object.keys(before).sort()).toEqual([
      "reports/2026-10/考核汇总.xlsx",
      "site/index.html",
      "warehouse.duckdb",
    ]);
    await inbox.write("attendance/1014.csv", punchesOn("14"));
    const failure = new Error("磁盘已满（模拟）");
    await expect(
      inbox.run({
        publishers: [labelled("second")],
        beforePublish: async () => {
          expect(await exists(join(outLayout(inbox.out).next, "warehouse.duckdb"))).toBe(true);
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(await publicationSnapshot(inbox.out)).toEqual(before);
    expect(await workDays(inbox)).toEqual(["13"]);

    await inbox.run({ publishers: [labelled("third")] });
    expect(await workDays(inbox)).toEqual(["13", "14"]);
    expect(await readFile(join(inbox.out, "site", "index.html"), "utf8")).toBe("<p>third</p>");
    expect(await readFile(join(inbox.out, "reports", "2026-10", "考核汇总.xlsx"), "utf8")).toBe("third");
  });

  it("a run killed with SIGKILL halfway leaves the publication intact; the next run takes over its lock", async () => {
    inbox = await publishedHall();
    const before = await publicationSnapshot(inbox.out);
    const large = largeHall(60);
    await inbox.write("roster/名册-全.csv", textFile(large.roster));
    await inbox.write("attendance/全月.csv", textFile(large.attendance));
    const child = spawnCli(["--inbox", inbox.inbox, "--out", inbox.out, "--as-of", defaultAsOf]);
    const result = finished(child);
    await waitForPath(outLayout(inbox.out).next);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGKILL");
    expect((await result).signal).toBe("SIGKILL");
    expect(await exists(join(outLayout(inbox.out).state, "lock"))).toBe(true);
    expect(await publicationSnapshot(inbox.out)).toEqual(before);
    expect(await workDays(inbox)).toEqual(["13"]);

    const { lines } = await inbox.run();
    expect(lines[0]).toContain("【运行结果】");
    expect((await workDays(inbox)).length).toBe(16);
  });

  it("a bad configuration value stops the command with one Chinese line naming key and value", async () => {
    inbox = await publishedHall();
    const before = await publicationSnapshot(inbox.out);
    const configFile = join(inbox.root, "config.json");
    await writeFile(configFile, JSON.stringify({ attendance: { grace_minutes: -5 } }));
    const result = await runCli(["--inbox", inbox.inbox, "--out", inbox.out, "--config", configFile]);
    expect(result.code).not.toBe(0);
    const message = result.stderr.trim();
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain("attendance.grace_minutes");
    expect(message).toContain("-5");
    expect(message).toMatch(/^[\u4e00-\u9fff]/);
    expect(await publicationSnapshot(inbox.out)).toEqual(before);
  });

  it("a second run on the same --out while one is running is refused by the lock with one Chinese line", async () => {
    inbox = await publishedHall();
    await inbox.write("attendance/1014.csv", punchesOn("14"));
    // the first run holds just before publishing until the second command has been refused
    let second: CliResult | undefined;
    const { lines } = await inbox.run({
      beforePublish: async () => {
        second = await runCli(["--inbox", inbox.inbox, "--out", inbox.out, "--as-of", defaultAsOf]);
      },
    });
    expect(second!.code).not.toBe(0);
    const message = second!.stderr.trim();
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(new RegExp(`另一个运行（进程 ${process.pid}，.*）正在使用此输出目录`));
    expect(lines[0]).toContain("【运行结果】");
    expect(await workDays(inbox)).toEqual(["13", "14"]);
  });

  it("a lock caught between its creation and its owner being written is not taken over", async () => {
    inbox = await publishedHall();
    const before = await publicationSnapshot(inbox.out);
    // the state acquireLock leaves for an instant: the file created with "wx", the owner not yet in it
    const handle = await open(join(outLayout(inbox.out).state, "lock"), "wx");
    try {
      await expect(inbox.run()).rejects.toBeInstanceOf(LockHeld);
    } finally {
      await handle.close();
    }
    expect(await publicationSnapshot(inbox.out)).toEqual(before);
  });
});
