/**
 * data-contract §2–§3: a run publishes the warehouse, reports/ and site/ as one new version,
 * switched in one step; a run that fails, is refused or is killed leaves the previous publication
 * exactly as it was, and the next run completes normally. Frozen months' report folders carry over
 * into each new version by hard links. (Kills at every step: test/fault-loop.test.ts.)
 */
import { spawn } from "node:child_process";
import {
  cp,
  lstat,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LockHeld } from "../pipeline/lock.ts";
import { outLayout } from "../pipeline/out-layout.ts";
import { claimOut } from "../pipeline/publish/claim-out.ts";
import { currentVersion, listVersions } from "../pipeline/publish/versions.ts";
import { type CliResult, finished, repoRoot, runCli, spawnCli } from "./support/cli.ts";
import { defaultAsOf, type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { publicationSnapshot, stamped, versionSnapshot, versionsReached } from "./support/publication.ts";
import { largeHall, punchesOn, roster } from "./support/staff.ts";

async function publishedHall(): Promise<FileInbox> {
  const inbox = await fileInbox();
  await inbox.write("roster/名册.csv", textFile(roster));
  await inbox.write("attendance/1013.csv", punchesOn("2026-10-13"));
  await inbox.run({ publishers: [stamped("first")] });
  return inbox;
}

const workDays = (inbox: FileInbox) =>
  inbox
    .query<{ day: string }>(
      "select distinct strftime(work_date, '%d') as day from marts.attendance_sessions where in_at is not null order by day",
    )
    .then((rows) => rows.map((row) => row.day));

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** The private folders of runs under `.state/builds`, and what is in each. */
async function buildFolders(out: string): Promise<Record<string, string[]>> {
  const builds = outLayout(out).builds;
  const folders: Record<string, string[]> = {};
  for (const name of await readdir(builds).catch(() => [] as string[]))
    folders[name] = (await readdir(join(builds, name), { recursive: true })).sort();
  return folders;
}

async function waitForBuildFolder(out: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Object.keys(await buildFolders(out)).length === 0) {
    if (Date.now() > deadline) throw new Error(`no build folder appeared under ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// several runs each; generous for a machine shared with others
describe("atomic publication", { timeout: 240_000 }, () => {
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
    await inbox.write("attendance/1014.csv", punchesOn("2026-10-14"));
    const failure = new Error("磁盘已满（模拟）");
    await expect(
      inbox.run({
        publishers: [stamped("second")],
        beforePublish: async () => {
          expect(Object.values(await buildFolders(inbox.out))).toEqual([
            [
              "decoded",
              "version",
              "version/reports",
              "version/reports/2026-10",
              "version/reports/2026-10/考核汇总.xlsx",
              "version/site",
              "version/site/index.html",
              "version/warehouse.duckdb",
            ],
          ]);
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(await publicationSnapshot(inbox.out)).toEqual(before);
    expect(await buildFolders(inbox.out)).toEqual({});
    expect(await workDays(inbox)).toEqual(["13"]);

    await inbox.run({ publishers: [stamped("third")] });
    expect(await workDays(inbox)).toEqual(["13", "14"]);
    expect(await readFile(join(inbox.out, "site", "index.html"), "utf8")).toBe("<p>third</p>");
    expect(await readFile(join(inbox.out, "reports", "2026-10", "考核汇总.xlsx"), "utf8")).toBe(
      "third 2026-10",
    );
  });

  it("a run killed with SIGKILL halfway leaves the publication intact; the next run takes over its lock and clears its folder", async () => {
    inbox = await publishedHall();
    const before = await publicationSnapshot(inbox.out);
    const large = largeHall(60);
    await inbox.write("roster/名册-全.csv", textFile(large.roster));
    await inbox.write("attendance/全月.csv", textFile(large.attendance));
    const child = spawnCli(["--inbox", inbox.inbox, "--out", inbox.out, "--as-of", defaultAsOf]);
    const result = finished(child);
    await waitForBuildFolder(inbox.out);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGKILL");
    expect((await result).signal).toBe("SIGKILL");
    expect(await exists(outLayout(inbox.out).lock)).toBe(true);
    expect(Object.keys(await buildFolders(inbox.out))).toEqual([
      expect.stringMatching(new RegExp(`^${child.pid}-`)),
    ]);
    expect(await publicationSnapshot(inbox.out)).toEqual(before);
    expect(await workDays(inbox)).toEqual(["13"]);

    const { lines } = await inbox.run();
    expect(lines[0]).toContain("【运行结果】");
    expect((await workDays(inbox)).length).toBe(16);
    expect(await buildFolders(inbox.out)).toEqual({});
    expect((await readdir(outLayout(inbox.out).state)).sort()).toEqual(["builds", "state.duckdb"]);
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

  it("a second run on the same --out while one is running is refused with one Chinese line and touches nothing of the first", async () => {
    inbox = await publishedHall();
    await inbox.write("attendance/1014.csv", punchesOn("2026-10-14"));
    // the first run holds just before publishing until the second command has been refused
    let second: CliResult | undefined;
    let during: unknown[] = [];
    const { lines } = await inbox.run({
      beforePublish: async () => {
        const state = async () => [
          await buildFolders(inbox.out),
          await readFile(outLayout(inbox.out).lock, "utf8"),
        ];
        const held = await state();
        second = await runCli(["--inbox", inbox.inbox, "--out", inbox.out, "--as-of", defaultAsOf]);
        during = [held, await state()];
      },
    });
    expect(second!.code).not.toBe(0);
    const message = second!.stderr.trim();
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(new RegExp(`另一个运行（进程 ${process.pid}，.*）正在使用此输出目录`));
    expect(during[1]).toEqual(during[0]);
    expect(lines[0]).toContain("【运行结果】");
    expect(await workDays(inbox)).toEqual(["13", "14"]);
  });

  it("two runs started together over a killed run's lock: one takes it over, the other is refused and touches nothing of it", async () => {
    inbox = await publishedHall();
    const { lock, builds } = outLayout(inbox.out);
    await writeFile(
      lock,
      JSON.stringify({ pid: 999_999_999, host: hostname(), startedAt: "", token: "999999999-x" }),
    );
    await inbox.write("attendance/1014.csv", punchesOn("2026-10-14"));
    const release = join(inbox.root, "release");
    const options = {
      inbox: inbox.inbox,
      out: inbox.out,
      asOf: defaultAsOf,
      site: "stand-in",
      holdUntil: release,
    };
    const runs = [0, 1].map(() => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "test/support/fault-child.ts", JSON.stringify(options)],
        {
          cwd: repoRoot,
          env: { ...process.env, TZ: "Asia/Shanghai" },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      return { child, result: finished(child) };
    });
    // the winner holds before publishing; the other has been refused by then
    const refused = await Promise.race(
      runs.map(({ result }, index) => result.then((outcome) => ({ index, outcome }))),
    );
    const winner = runs[1 - refused.index]!;
    expect(refused.outcome.code).toBe(1);
    expect(refused.outcome.stderr).toContain(`LockHeld: 另一个运行（进程 ${winner.child.pid}，`);
    expect(Object.keys(await buildFolders(inbox.out))).toEqual([
      expect.stringMatching(new RegExp(`^${winner.child.pid}-`)),
    ]);
    expect(JSON.parse(await readFile(lock, "utf8")).pid).toBe(winner.child.pid);
    await writeFile(release, "");
    expect((await winner.result).code).toBe(0);
    expect(await readdir(builds)).toEqual([]);
    expect(await workDays(inbox)).toEqual(["13", "14"]);
  });

  it("a lock caught between its creation and its owner being written is not taken over", async () => {
    inbox = await publishedHall();
    const before = await publicationSnapshot(inbox.out);
    // what an older version left for an instant: the file created with "wx", the owner not yet in it
    const handle = await open(outLayout(inbox.out).lock, "wx");
    try {
      await expect(inbox.run()).rejects.toBeInstanceOf(LockHeld);
    } finally {
      await handle.close();
    }
    expect(await publicationSnapshot(inbox.out)).toEqual(before);
  });
});

describe("claiming an --out", () => {
  it("removes the build folders of runs whose process is gone, and no other", async () => {
    const root = await mkdtemp(join(tmpdir(), "claim-"));
    try {
      const layout = outLayout(join(root, "out"));
      for (const name of [`${process.pid}-live`, "999999999-killed"])
        await mkdir(join(layout.builds, name, "version"), { recursive: true });
      const claim = await claimOut(layout);
      expect((await readdir(layout.builds)).sort()).toEqual(
        [`${process.pid}-live`, basename(claim.build.root)].sort(),
      );
      await claim.release();
      expect(await readdir(layout.builds)).toEqual([`${process.pid}-live`]);
      expect(await exists(layout.lock)).toBe(false);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("versions", () => {
  let inbox: FileInbox;
  const inodes: Record<string, number> = {};
  beforeAll(async () => {
    inbox = await fileInbox();
    await inbox.write("roster/名册.csv", textFile(roster));
    await inbox.write("attendance/0915.csv", punchesOn("2026-09-15"));
    await inbox.write("attendance/1013.csv", punchesOn("2026-10-13"));
    const configFile = join(inbox.root, "config.json");
    await writeFile(configFile, JSON.stringify({ publication: { keep_versions: 2 } }));
    // September's appeal window ends 10-15: the run of 10-20 publishes it 确认 and freezes it
    for (const asOf of ["2026-10-20", "2026-10-21", "2026-10-22"]) {
      await inbox.run({ asOf, configFile, publishers: [stamped(asOf)] });
      const september = join(outLayout(inbox.out).current, "reports", "2026-09", "考核汇总.xlsx");
      inodes[asOf] = (await stat(september)).ino;
    }
  }, 480_000);
  afterAll(() => inbox?.cleanup());

  it("reach warehouse.duckdb, reports/ and site/ through current, which points to the newest version", async () => {
    const out = inbox.out;
    expect(await readlink(join(out, "current"))).toBe("versions/000003");
    expect(await readlink(join(out, "warehouse.duckdb"))).toBe("current/warehouse.duckdb");
    expect(await readlink(join(out, "reports"))).toBe("current/reports");
    expect(await readlink(join(out, "site"))).toBe("current/site");
    expect(await versionsReached(out)).toEqual(["000003"]);
    expect(await publicationSnapshot(out)).toEqual(await versionSnapshot(out, "000003"));
    expect(JSON.parse(await readFile(join(out, "current", "version.json"), "utf8"))).toEqual({
      version: "000003",
      asOf: "2026-10-22",
      publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
  });

  it("carry a frozen month's report folder over from the version before by hard links, never rewritten", async () => {
    expect(await readFile(join(inbox.out, "reports", "2026-09", "考核汇总.xlsx"), "utf8")).toBe(
      "2026-10-20 2026-09",
    );
    expect(inodes["2026-10-21"]).toBe(inodes["2026-10-20"]);
    expect(inodes["2026-10-22"]).toBe(inodes["2026-10-20"]);
    expect(await readFile(join(inbox.out, "reports", "2026-10", "考核汇总.xlsx"), "utf8")).toBe(
      "2026-10-22 2026-10",
    );
  });

  it("are kept as many as publication.keep_versions says, the oldest removed", async () => {
    expect(await listVersions(outLayout(inbox.out))).toEqual(["000002", "000003"]);
    expect(await currentVersion(outLayout(inbox.out))).toBe("000003");
  });

  it("are read-only on disk, so that a file shared by hard links cannot be changed through any of them", async () => {
    for (const file of [
      "warehouse.duckdb",
      "reports/2026-09/考核汇总.xlsx",
      "site/index.html",
      "current/version.json",
    ])
      expect([file, (await stat(join(inbox.out, file))).mode & 0o777]).toEqual([file, 0o444]);
  });
});

// several runs each; generous for a machine shared with others
describe("an --out written before versions existed", { timeout: 240_000 }, () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  /** Turns a versioned --out back into the older layout: real files where the links are. */
  async function unversion(out: string): Promise<void> {
    for (const entry of ["warehouse.duckdb", "reports", "site"]) {
      const copy = join(out, `${entry}.copy`);
      await cp(join(out, entry), copy, { recursive: true, dereference: true });
      await rm(join(out, entry));
      await cp(copy, join(out, entry), { recursive: true });
      await rm(copy, { recursive: true });
    }
    await rm(join(out, "current"));
    await rm(join(out, "versions"), { recursive: true });
  }

  it("becomes version 000001 by hard links, its paths links, with the older layout's leftovers and the log beside the warehouse gone", async () => {
    inbox = await publishedHall();
    await unversion(inbox.out);
    const state = outLayout(inbox.out).state;
    await cp(join(inbox.out, "site"), join(state, "next", "site"), { recursive: true });
    await cp(join(inbox.out, "site"), join(state, "aside-site"), { recursive: true });
    const before = await publicationSnapshot(inbox.out);
    await writeFile(join(inbox.out, "warehouse.duckdb.wal"), "an analyst's log");
    const inode = (await stat(join(inbox.out, "warehouse.duckdb"))).ino;

    await inbox.write("attendance/1014.csv", punchesOn("2026-10-14"));
    await inbox.run({ publishers: [stamped("second")] });
    expect(await listVersions(outLayout(inbox.out))).toEqual(["000001", "000002"]);
    expect(await versionSnapshot(inbox.out, "000001")).toEqual(before);
    expect((await stat(join(inbox.out, "versions", "000001", "warehouse.duckdb"))).ino).toBe(inode);
    expect(
      JSON.parse(await readFile(join(inbox.out, "versions", "000001", "version.json"), "utf8")).asOf,
    ).toBeNull();
    expect(await versionsReached(inbox.out)).toEqual(["000002"]);
    expect(await readFile(join(inbox.out, "site", "index.html"), "utf8")).toBe("<p>second</p>");
    expect((await readdir(inbox.out)).sort()).toEqual([
      ".state",
      "current",
      "reports",
      "site",
      "versions",
      "warehouse.duckdb",
    ]);
    expect((await readdir(state)).sort()).toEqual(["builds", "state.duckdb"]);
  });

  it("cut short, with one path still a folder and another missing, is finished by the next run", async () => {
    inbox = await publishedHall();
    const out = inbox.out;
    await rm(join(out, "reports"));
    await cp(join(out, "versions", "000001", "reports"), join(out, "reports"), { recursive: true });
    await rm(join(out, "site"));
    await inbox.write("attendance/1014.csv", punchesOn("2026-10-14"));
    await inbox.run({ publishers: [stamped("second")] });
    expect(await versionsReached(out)).toEqual(["000002"]);
    expect(await publicationSnapshot(out)).toEqual(await versionSnapshot(out, "000002"));
    expect(Object.keys(await publicationSnapshot(out))).toEqual([
      "reports/2026-10/考核汇总.xlsx",
      "site/index.html",
      "warehouse.duckdb",
    ]);
  });

  it("cut short before its version was switched to, is taken over again by the next run", async () => {
    inbox = await publishedHall();
    const out = inbox.out;
    await unversion(out);
    const before = await publicationSnapshot(out);
    // what a run killed between placing the adopted version and switching to it leaves
    await cp(join(out, "site"), join(out, "versions", "000001", "site"), { recursive: true });
    await inbox.write("attendance/1014.csv", punchesOn("2026-10-14"));
    await inbox.run({ publishers: [stamped("second")] });
    expect(await listVersions(outLayout(out))).toEqual(["000001", "000002", "000003"]);
    expect(await versionSnapshot(out, "000002")).toEqual(before);
    expect(await versionsReached(out)).toEqual(["000003"]);
  });
});
