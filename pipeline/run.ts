/**
 * The nightly job: ingest what is new, apply the rules in SQL, publish the warehouse (and the
 * workbooks, site and Parquet export) atomically, freeze the months that became final, and tell the operator
 * what happened. Everything the pipeline keeps between runs lives in `<out>/.state`.
 */
import { join } from "node:path";
import { type Config, loadConfig } from "./config.ts";
import { Db, memoryLimit, quoteLiteral, threadCount } from "./db.ts";
import { ingestInbox } from "./ingest/ingest.ts";
import { outLayout, warehouseFile } from "./out-layout.ts";
import { claimOut } from "./publish/claim-out.ts";
import { publishOutputs } from "./publish/outputs.ts";
import type { PublishContext, Publisher } from "./publish/publisher.ts";
import { hallClock } from "./publish/versions.ts";
import { buildWarehouse, recordPublishedWarehouse, reusableWarehouse } from "./publish/warehouse.ts";
import { type RunSummary, summarize } from "./summary.ts";
import { transform } from "./transform/transform.ts";

export interface RunOptions {
  inbox: string;
  out: string;
  /** YYYY-MM-DD; defaults to today in hall time. */
  asOf?: string;
  configFile?: string;
  reopen?: string;
  log?: (line: string) => void;
  /** Test hook: called after the new outputs are built, before they are moved into place. */
  beforePublish?: () => Promise<void> | void;
  /** Test hook: called as the run reaches each stage and each step of publishing (fault tests kill it there). */
  onStep?: (step: string) => void;
  /** Outputs built from the new warehouse besides it (workbooks, site, Parquet); none when not given. */
  publishers?: readonly Publisher[];
  /** Profiling hook: each stage's and each model's wall time in seconds. */
  onTiming?: (name: string, seconds: number) => void;
}

/** Today's date in the hall's time zone. */
export const todayInHall = (now = new Date()): string => hallClock(now).slice(0, 10);

export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const config: Config = await loadConfig(options.configFile);
  const asOf = options.asOf ?? todayInHall();
  const layout = outLayout(options.out);
  const { build, release } = await claimOut(layout);
  try {
    // DuckDB spills beyond its limit to `<state>.tmp`
    const db = await Db.open(layout.stateDb, { memoryLimit: memoryLimit(), threads: threadCount() });
    try {
      const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
        options.onStep?.(name);
        const stageStarted = performance.now();
        const result = await work();
        options.onTiming?.(name, (performance.now() - stageStarted) / 1000);
        return result;
      };
      const ingest = await timed("ingest", () =>
        ingestInbox(db, options.inbox, build.decoded, config.hall.code),
      );
      const rules = await transform(
        db,
        config,
        { asOf, reopen: options.reopen ?? null, firstNewLoadId: ingest.firstLoadId },
        { timed, onModelTiming: options.onTiming },
      );

      const nextWarehouse = join(build.version, warehouseFile);
      const previous = await reusableWarehouse(db, layout, rules.models);
      const built = await timed("warehouse", () => buildWarehouse(db, rules.models, nextWarehouse, previous));
      options.onStep?.(`warehouse:${built}`);
      const published = await publishFrom(db, nextWarehouse, options.publishers ?? [], {
        out: layout.out,
        next: build.version,
        config,
        asOf,
        log,
        timed,
      });
      await options.beforePublish?.();
      const frozenMonths = (
        await db.all<{ month: string }>(
          "select distinct month from intermediate.int_months where not is_open order by month",
        )
      ).map((row) => row.month);
      const version = await publishOutputs(layout, build, {
        asOf,
        frozenMonths,
        keep: config.publication.keep_versions,
        onStep: options.onStep,
      });

      await recordPublishedWarehouse(db, layout, rules.models);
      await rules.freezeFinalMonths();
      options.onStep?.("frozen");
      const summary = await summarize(db, ingest, {
        asOf,
        layout,
        version,
        seconds: (performance.now() - started) / 1000,
        outputs: published,
      });
      for (const line of summary.lines) log(line);
      return summary;
    } finally {
      db.close();
    }
  } finally {
    await release();
  }
}

/** Runs the publishers against the new warehouse, attached read-only while they work. */
async function publishFrom(
  db: Db,
  warehouse: string,
  publishers: readonly Publisher[],
  context: Pick<PublishContext, "out" | "next" | "config" | "asOf" | "log"> & {
    timed: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  },
): Promise<string[]> {
  if (publishers.length === 0) return [];
  const months = (
    await db.all<{ month: string }>(
      "select distinct month from intermediate.int_months where is_open order by month",
    )
  ).map((row) => row.month);
  const catalog = "published";
  await db.run(`attach ${quoteLiteral(warehouse)} as ${catalog} (read_only)`);
  try {
    const lines: string[] = [];
    for (const publisher of publishers) {
      lines.push(
        ...(await context.timed(publisher.name || "publisher", () =>
          publisher({ db, catalog, warehouse, months, ...context }),
        )),
      );
    }
    return lines;
  } finally {
    await db.run(`detach ${catalog}`);
  }
}
