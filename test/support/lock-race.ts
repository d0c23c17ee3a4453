/**
 * The lock race: many processes (test/support/lock-starter.ts) start together, round after round,
 * over a lock left by a process that died (in the several forms one can take) or over no lock, and
 * exactly one of them must get it each round. `npm run lock-race` runs it at length;
 * test/lock.test.ts runs a fixed share.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Rng } from "../../pipeline/generate/prng.ts";
import { repoRoot } from "./cli.ts";

/** What the starters of a round find where the lock goes. */
export const staleForms = [
  "none",
  "dead pid",
  "rebooted host",
  "older version's lock",
  "ownerless, old",
  "dead breaker's marker too",
] as const;
export type StaleForm = (typeof staleForms)[number];

export interface Round {
  round: number;
  form: StaleForm;
  winners: number;
  losers: number;
  errors: string[];
}

/** A pid no process can have (above the kernel's maximum). */
const deadPid = Number(readFileSync("/proc/sys/kernel/pid_max", "utf8")) + 1;
const ago = new Date(Date.now() - 3600_000);

async function leaveStale(path: string, form: StaleForm): Promise<void> {
  const owner = (pid: number, token: string, boot?: string) =>
    JSON.stringify({ pid, host: hostname(), startedAt: ago.toISOString(), token, boot });
  switch (form) {
    case "none":
      return;
    case "dead pid":
      return writeFile(path, owner(deadPid, `${deadPid}-dead`));
    case "rebooted host":
      // a live pid, but recorded under another boot: the owner died when the machine went down
      return writeFile(
        path,
        owner(process.pid, `${process.pid}-rebooted`, "00000000-0000-0000-0000-000000000000"),
      );
    case "older version's lock":
      await writeFile(path, JSON.stringify({ pid: deadPid, host: hostname(), startedAt: ago.toISOString() }));
      return utimes(path, ago, ago);
    case "ownerless, old":
      await writeFile(path, "");
      return utimes(path, ago, ago);
    case "dead breaker's marker too":
      await writeFile(path, owner(deadPid, `${deadPid}-dead`));
      await writeFile(`${path}.break-${deadPid}-dead`, owner(deadPid, `${deadPid}-breaker`));
      return;
  }
}

export async function lockRace(options: {
  rounds: number;
  starters: number;
  seed: number;
  log?: (line: string) => void;
}): Promise<Round[]> {
  const rng = new Rng(options.seed);
  const dir = await mkdtemp(join(tmpdir(), "lock-race-"));
  const children: ChildProcess[] = [];
  try {
    for (let n = 0; n < options.starters; n++) {
      children.push(
        spawn(
          process.execPath,
          ["--import", "tsx", "test/support/lock-starter.ts", dir, String(options.rounds), String(n)],
          { cwd: repoRoot, stdio: "ignore" },
        ),
      );
    }
    const count = async (prefix: string) => (await readdir(dir)).filter((name) => name.startsWith(prefix));
    while ((await count("ready-")).length < options.starters) await sleep(10);
    const rounds: Round[] = [];
    let forms: StaleForm[] = [];
    for (let round = 0; round < options.rounds; round++) {
      // every form once in each run of six rounds, in an order drawn from the seed
      if (forms.length === 0)
        forms = [...staleForms]
          .map((form) => ({ form, key: rng.next() }))
          .sort((a, b) => a.key - b.key)
          .map(({ form }) => form);
      const form = forms.pop()!;
      await leaveStale(join(dir, `lock-${round}`), form);
      await writeFile(join(dir, `go-${round}`), "");
      const results = () => Promise.all(["won", "lost", "error"].map((kind) => count(`${kind}-${round}-`)));
      let [won, lost, errors] = await results();
      const deadline = Date.now() + 60_000;
      while (won!.length + lost!.length + errors!.length < options.starters && Date.now() < deadline) {
        await sleep(2);
        [won, lost, errors] = await results();
      }
      await writeFile(join(dir, `end-${round}`), "");
      const result: Round = {
        round,
        form,
        winners: won!.length,
        losers: lost!.length,
        errors: errors!.map((name) => readFileSync(join(dir, name), "utf8")),
      };
      rounds.push(result);
      options.log?.(
        `round ${String(round).padStart(3)} ${form.padEnd(26)} winners ${result.winners}, refused ${result.losers}` +
          (result.errors.length ? `, errors ${result.errors.length}` : ""),
      );
    }
    return rounds;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.on("close", resolve)) : undefined,
      ),
    );
    if (existsSync(dir)) await rm(dir, { recursive: true, force: true });
  }
}
