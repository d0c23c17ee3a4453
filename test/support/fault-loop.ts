/**
 * The fault loop: a small hall's nightly runs, each night one day of attendance more, each run
 * killed with SIGKILL at a random point from ingest to after the switch (at a named step, or at a
 * random moment), then run again to completion. After every kill the publication reached through
 * the stable paths must be exactly the previous one or exactly the new one (sha256 of every file),
 * the next run must complete and publish whole, and it must leave no lock and no build folder.
 * With `twin`, an uninterrupted twin of the hall runs the same nights and the warehouses must match.
 * `npm run fault-loop` runs it at length; test/fault-loop.test.ts runs a fixed share.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { Rng } from "../../pipeline/generate/prng.ts";
import { outLayout } from "../../pipeline/out-layout.ts";
import { currentVersion, listVersions } from "../../pipeline/publish/versions.ts";
import { runPipeline } from "../../pipeline/run.ts";
import { finished, repoRoot } from "./cli.ts";
import type { FaultChildOptions } from "./fault-child.ts";
import { queryDuckDb, textFile } from "./inbox.ts";
import { publicationSnapshot, versionSnapshot, versionsReached } from "./publication.ts";
import { rosterHeader } from "./staff.ts";
import { warehouseContent } from "./warehouse-content.ts";

/** A step the run prints (`publish:placed`, `done:intermediate.int_months` …) or a moment after its start. */
export type KillPoint = { step: string } | { afterMs: number };

export interface FaultLoopOptions {
  kills: number;
  seed: number;
  /** Every n-th night builds the real site (Observable Framework); the others a stand-in. 0: never. */
  realSiteEvery?: number;
  /** Kill points of the first nights; random ones follow. */
  plan?: readonly KillPoint[];
  twin?: boolean;
  log?: (line: string) => void;
}

export interface Night {
  night: number;
  asOf: string;
  site: "real" | "stand-in";
  point: string;
  /** The last step the run printed before it died or finished. */
  lastStep: string;
  stage: string;
  killed: boolean;
  outcome: "old" | "new";
  /** Seconds the recovery run took. */
  recovery: number;
}

/** Steps of publishing, in order; a kill at `switch:current-renamed` or later leaves the new version. */
export const publishSteps = [
  "before-publish",
  "publish:carried",
  "publish:placed",
  "switch:logs-cleared",
  "switch:current-renamed",
  "switch:stable-paths",
  "publish:switched",
  "publish:pruned",
  "frozen",
] as const;
const firstNewStep = publishSteps.indexOf("switch:current-renamed");
const stageSteps = ["ingest", "rules", "staging", "warehouse", "publishWorkbooks"];

export function stageOf(step: string | undefined): string {
  const name = step?.replace(/^done:/, "");
  if (name === undefined) return "start";
  const published = publishSteps.indexOf(name as (typeof publishSteps)[number]);
  if (published >= 0)
    return published < firstNewStep ? "switch, before" : name === "frozen" ? "after switch" : "switch, after";
  if (name === "ingest" || name === "warehouse") return name;
  if (name === "publishWorkbooks") return "workbooks";
  if (name === "publishSite" || name === "standInSite") return "site";
  return "rules";
}

const staffIds = [1, 2, 3, 4, 5, 6];
const roster = textFile([
  rosterHeader,
  ...staffIds.map((n) => [
    `S000${n}`,
    `员工${n}`,
    `部门${n % 2}`,
    `A0${n}`,
    "",
    `${1000 + n}`,
    `ck${n}`,
    `sp${n}`,
    "2026-01-01",
    "",
  ]),
]);

/** A working day's punches; who is late or leaves early is drawn from the day's own stream. */
function punches(rng: Rng, date: string): Buffer {
  return textFile([
    ["考勤号码", "日期时间"],
    ...staffIds.flatMap((n) => {
      const late = rng.chance(0.15) ? "08:4" : "08:2";
      return [late, "12:0", "14:2", "17:0"].map((time) => [`${1000 + n}`, `${date} ${time}${n}`]);
    }),
  ]);
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const isWorkday = (date: string) =>
  ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()) &&
  !(date >= "2026-10-01" && date <= "2026-10-07");

interface NightRun {
  steps: string[];
  killed: boolean;
  done: boolean;
  seconds: number;
  stderr: string;
}

async function runNight(options: FaultChildOptions, killAfterMs?: number): Promise<NightRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/support/fault-child.ts", JSON.stringify(options)],
    { cwd: repoRoot, env: { ...process.env, TZ: "Asia/Shanghai" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  const result = await finished(child);
  clearTimeout(timer);
  const lines = result.stdout.split("\n");
  return {
    steps: lines.filter((line) => line.startsWith("step ")).map((line) => line.slice(5)),
    killed: result.signal === "SIGKILL",
    done: lines.some((line) => line.startsWith("done ")),
    seconds: (performance.now() - started) / 1000,
    stderr: result.stderr,
  };
}

class FaultLoopFailure extends Error {}

function expect(condition: boolean, message: () => string): void {
  if (!condition) throw new FaultLoopFailure(message());
}

/** The publication is one version, whole: the files reached are exactly that version's. */
async function wholeVersion(out: string): Promise<string | undefined> {
  const reached = await versionsReached(out);
  if (reached.length !== 1 || reached[0] === "unversioned") return undefined;
  const same = isDeepStrictEqual(await publicationSnapshot(out), await versionSnapshot(out, reached[0]!));
  return same ? reached[0] : undefined;
}

async function leftovers(out: string): Promise<string[]> {
  const layout = outLayout(out);
  const builds = await readdir(layout.builds).catch(() => [] as string[]);
  const locks = (await readdir(layout.state)).filter((name) => name === "lock" || name.startsWith("lock."));
  return [...builds.map((name) => `builds/${name}`), ...locks];
}

export async function faultLoop(options: FaultLoopOptions): Promise<Night[]> {
  const log = options.log ?? (() => {});
  const rng = new Rng(options.seed);
  const root = await mkdtemp(join(tmpdir(), "fault-loop-"));
  const inbox = join(root, "inbox");
  const out = join(root, "out");
  const twinOut = join(root, "twin");
  const nights: Night[] = [];
  try {
    await writeInbox(inbox, "roster/名册.csv", roster);
    let day = "2026-09-01";
    for (; day < "2026-09-19"; day = addDays(day, 1))
      if (isWorkday(day)) await writeInbox(inbox, `attendance/${day}.csv`, punches(rng.fork(day), day));
    const baseline = await runNight({ inbox, out, asOf: day, site: "stand-in" });
    expect(baseline.done, () => `the first run did not finish:\n${baseline.stderr}`);
    if (options.twin) await runPipeline({ inbox, out: twinOut, asOf: day, log: () => {} });
    const models = baseline.steps.filter((step) => step.startsWith("done:") && step.includes("."));
    const seconds = { real: 0, "stand-in": baseline.seconds };

    let kills = 0;
    for (let night = 1; kills < options.kills; night++) {
      if (isWorkday(day)) await writeInbox(inbox, `attendance/${day}.csv`, punches(rng.fork(day), day));
      const asOf = addDays(day, 1);
      day = asOf;
      const site = options.realSiteEvery && night % options.realSiteEvery === 0 ? "real" : "stand-in";
      const point = options.plan?.[night - 1] ?? randomPoint(rng, models, site, seconds[site] || 120);
      const before = await publicationSnapshot(out);
      const versionsBefore = await listVersions(outLayout(out));
      const killAt = "step" in point ? point.step : undefined;
      const run = await runNight(
        { inbox, out, asOf, site, killAt },
        "afterMs" in point ? point.afterMs : undefined,
      );
      const lastStep = run.steps.at(-1) ?? "";
      expect(run.killed || run.done, () => `night ${night}: the run failed:\n${run.stderr}`);

      const current = await wholeVersion(out);
      const after = await publicationSnapshot(out);
      const reached = await versionsReached(out);
      const old = isDeepStrictEqual(after, before);
      const fresh = current !== undefined && !versionsBefore.includes(current);
      expect(
        old || fresh,
        () =>
          `night ${night} (${describe(point)}, last step ${lastStep}): the publication is neither the old one nor one ` +
          `whole new version; changed: ${Object.keys(after)
            .filter((file) => after[file] !== before[file])
            .join(", ")}; ` +
          `unchanged: ${Object.keys(after)
            .filter((file) => after[file] === before[file])
            .join(", ")}; ` +
          `versions reached: ${reached.join(", ")}`,
      );
      if ("step" in point && run.killed) {
        const expectedNew = publishSteps.indexOf(point.step as (typeof publishSteps)[number]) >= firstNewStep;
        expect(
          expectedNew ? fresh : old,
          () =>
            `night ${night}: killed at ${point.step}, expected the ${expectedNew ? "new" : "old"} publication`,
        );
      }
      expect(run.killed || fresh, () => `night ${night}: the run finished but published no new version`);

      const recovery = await runNight({ inbox, out, asOf, site });
      expect(
        recovery.done,
        () => `night ${night}: the run after the kill did not finish:\n${recovery.stderr}`,
      );
      seconds[site] = recovery.seconds;
      const recovered = await wholeVersion(out);
      const layout = outLayout(out);
      expect(
        recovered !== undefined &&
          recovered === (await currentVersion(layout)) &&
          recovered === (await listVersions(layout)).at(-1),
        () => `night ${night}: after the next run the publication is not the newest version, whole`,
      );
      const left = await leftovers(out);
      expect(left.length === 0, () => `night ${night}: the next run left behind ${left.join(", ")}`);
      const months = await queryDuckDb<{ month: string }>(
        layout.warehouse,
        "select month from marts.months order by month",
      );
      const reports = (await readdir(join(out, "reports")).catch(() => [] as string[])).sort();
      expect(
        isDeepStrictEqual(
          reports,
          months.map((row) => row.month),
        ),
        () => `night ${night}: workbooks for ${reports} but months ${months.map((row) => row.month)}`,
      );
      if (options.twin) {
        await runPipeline({ inbox, out: twinOut, asOf, log: () => {} });
        expect(
          isDeepStrictEqual(
            await warehouseContent(layout.warehouse),
            await warehouseContent(outLayout(twinOut).warehouse),
          ),
          () =>
            `night ${night}: the warehouse after the kill and the next run differs from an uninterrupted run's`,
        );
      }
      if (run.killed) kills++;
      const record: Night = {
        night,
        asOf,
        site,
        point: describe(point),
        lastStep,
        stage: stageOf(run.steps.at(-1)),
        killed: run.killed,
        outcome: old && !fresh ? "old" : "new",
        recovery: recovery.seconds,
      };
      nights.push(record);
      log(
        `night ${String(night).padStart(2)} as-of ${asOf} ${site.padEnd(8)} ${record.point.padEnd(38)} ` +
          `${run.killed ? `killed after ${lastStep || "(nothing)"} [${record.stage}]` : "finished"} → ${record.outcome}; ` +
          `next run ok (${recovery.seconds.toFixed(1)} s)`,
      );
    }
    return nights;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function randomPoint(
  rng: Rng,
  models: readonly string[],
  site: Night["site"],
  runSeconds: number,
): KillPoint {
  const roll = rng.next();
  if (roll < 0.4) return { afterMs: Math.round(rng.next() * runSeconds * 1050) };
  if (roll < 0.7) return { step: rng.pick(publishSteps) };
  return { step: rng.pick([...stageSteps, site === "real" ? "publishSite" : "standInSite", ...models]) };
}

const describe = (point: KillPoint) =>
  "step" in point ? `kill at step ${point.step}` : `kill after ${point.afterMs} ms`;

async function writeInbox(inbox: string, path: string, content: Buffer): Promise<void> {
  await mkdir(dirname(join(inbox, path)), { recursive: true });
  await writeFile(join(inbox, path), content);
}
