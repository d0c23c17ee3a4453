/**
 * One nightly run in its own process, for fault tests: prints `step <name>` (synchronously, so the
 * line is out before any kill) as the run reaches each stage, model and publishing step, can kill
 * itself with SIGKILL at a named step, and prints `done <version>` when the run has finished.
 * Run with `node --import tsx test/support/fault-child.ts '<json FaultChildOptions>'`.
 */
import { existsSync, writeSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Publisher } from "../../pipeline/publish/publisher.ts";
import { publishSite } from "../../pipeline/publish/site.ts";
import { publishWorkbooks } from "../../pipeline/publish/workbooks.ts";
import { runPipeline } from "../../pipeline/run.ts";

export interface FaultChildOptions {
  inbox: string;
  out: string;
  asOf: string;
  /** The dashboards: Framework's real build, or a stand-in of a few files (fast). */
  site: "real" | "stand-in";
  /** Kills the run with SIGKILL on reaching this step. */
  killAt?: string;
  /** Waits before publishing until this file exists. */
  holdUntil?: string;
}

/** Writes what a built site holds in miniature: pages that state the data they were built from. */
export const standInSite: Publisher = async ({ db, catalog, next, asOf }) => {
  const [row] = await db.all<{ days: bigint }>(
    `select count(distinct work_date) as days from ${catalog}.marts.attendance_sessions`,
  );
  await mkdir(join(next, "site", "_file", "data"), { recursive: true });
  await writeFile(join(next, "site", "index.html"), `<p>数据截至 ${asOf}</p>`);
  await writeFile(
    join(next, "site", "_file", "data", "days.json"),
    JSON.stringify({ days: Number(row!.days) }),
  );
  return [];
};

const options = JSON.parse(process.argv[2]!) as FaultChildOptions;
const print = (line: string) => writeSync(1, `${line}\n`);

function reached(step: string): void {
  print(`step ${step}`);
  if (step === options.killAt) process.kill(process.pid, "SIGKILL");
}

const summary = await runPipeline({
  inbox: options.inbox,
  out: options.out,
  asOf: options.asOf,
  log: () => {},
  publishers: [publishWorkbooks, options.site === "real" ? publishSite : standInSite],
  onStep: reached,
  onTiming: (name) => reached(`done:${name}`),
  beforePublish: async () => {
    reached("before-publish");
    while (options.holdUntil && !existsSync(options.holdUntil)) await sleep(20);
  },
});
print(`done ${summary.lines.find((line) => line.startsWith("已发布"))}`);
