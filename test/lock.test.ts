/**
 * The lock (pipeline/lock.ts): one holder at a time, even when many processes start together over
 * a lock whose owner died; a lock whose owner lives is never taken over.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireLock, LockHeld } from "../pipeline/lock.ts";
import { lockRace, staleForms } from "./support/lock-race.ts";

describe("the lock", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "lock-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("goes to exactly one of six processes starting together over a stale lock, in every form, round after round", async () => {
    const rounds = await lockRace({ rounds: 24, starters: 6, seed: 20261201 });
    expect(rounds.filter((round) => round.winners !== 1 || round.errors.length > 0)).toEqual([]);
    expect(new Set(rounds.map((round) => round.form))).toEqual(new Set(staleForms));
  }, 120_000);

  it("is refused while its owner lives, naming the owner's process", async () => {
    const path = join(dir, "lock");
    const release = await acquireLock(path);
    const owner = JSON.parse(await readFile(path, "utf8")) as { pid: number; startedAt: string };
    await expect(acquireLock(path)).rejects.toThrow(
      new LockHeld(`另一个运行（进程 ${process.pid}，${owner.startedAt} 开始）正在使用此输出目录`),
    );
    await release();
    await (await acquireLock(path))();
  });

  it("is taken over when its pid now belongs to a process that started later than the owner", async () => {
    const path = join(dir, "lock");
    const stat = (await readFile(`/proc/${process.pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
    const reused = {
      pid: process.pid,
      host: hostname(),
      startedAt: "2026-11-04T01:30:00.000Z",
      token: "1-old",
    };
    await writeFile(path, JSON.stringify({ ...reused, start: String(Number(stat[19]) - 1) }));
    const release = await acquireLock(path);
    expect(JSON.parse(await readFile(path, "utf8")).token).not.toBe("1-old");
    await release();
  });

  it("taken over, leaves no marker and no draft beside it; released, leaves nothing", async () => {
    const path = join(dir, "lock");
    await writeFile(
      path,
      JSON.stringify({ pid: 999_999_999, host: hostname(), startedAt: "", token: "9-dead" }),
    );
    await writeFile(
      `${path}.break-9-dead`,
      JSON.stringify({ pid: 999_999_999, host: hostname(), token: "9-b" }),
    );
    await writeFile(`${path}.999999999-x.tmp`, "");
    const release = await acquireLock(path);
    expect(await readdir(dir)).toEqual(["lock"]);
    await release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("is released only by its holder: a release after the lock changed hands removes nothing", async () => {
    const path = join(dir, "lock");
    const release = await acquireLock(path);
    const other = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: "", token: "other" });
    await writeFile(path, other);
    await release();
    expect(await readFile(path, "utf8")).toBe(other);
  });
});
