/**
 * The nightly job: ingest what is new, apply the rules in SQL, publish the warehouse (and the
 * workbooks, site and Parquet export) atomically, freeze the months that became final, and tell the operator
 * what happened. Everything the pipeline keeps between runs lives in `<out>/.state`.
 */
import { join } from "node:path";
import { type Config, loadConfig } from "./config.ts";
import { Db, memoryLimit, quoteLiteral, threadCount } from "./db.ts";
import { ingestInbox } from "./ingest/ingest.ts";
import { createIngestTables, nextLoadId } from "./ingest/raw-tables.ts";
import { outLayout, warehouseFile } from "./out-layout.ts";
import { startProgress } from "./progress.ts";
import { claimOut } from "./publish/claim-out.ts";
import { publishOutputs } from "./publish/outputs.ts";
import type { PublishContext, Publisher } from "./publish/publisher.ts";
import { hallClock } from "./publish/versions.ts";
import { buildWarehouse } from "./publish/warehouse.ts";
import { type RunSummary, summarize } from "./summary.ts";
import { runHalls, runPerHall } from "./transform/halls.ts";
import { freezeFinalMonths, prepareHistory } from "./transform/history.ts";
import { type Check, loadChecks, loadMacros, loadModels, type Model } from "./transform/models.ts";
import { loadSeeds, setParameters } from "./transform/parameters.ts";
import { attachRebuiltLayers, createMacros, runChecks, runModels } from "./transform/run-models.ts";
import { refreshStaging } from "./transform/staging.ts";

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
      const onModelDone = (model: Model, seconds: number) => options.onTiming?.(model.relation, seconds);
      await createIngestTables(db);
      const firstNewLoadId = await nextLoadId(db);
      const ingest = await timed("ingest", () =>
        ingestInbox(db, options.inbox, build.decoded, config.hall.code),
      );

      const models = await loadModels();
      const run = { asOf, reopen: options.reopen ?? null, firstNewLoadId };
      const macros = await loadMacros();
      await timed("rules", async () => {
        // Ingest relies on insertion order (a raw row's rowid gives its line); models order explicitly.
        await db.run("set preserve_insertion_order = false");
        await setParameters(db, config, run);
        await loadSeeds(db);
        await createMacros(db, macros);
        await prepareHistory(db, models);
        await attachRebuiltLayers(db);
        await timed("staging", () => refreshStaging(db, models, macros, onModelDone));
        const halls = await runHalls(db, config);
        const perHall = models.filter((model) => model.schema === "intermediate" || model.schema === "marts");
        const acrossHalls = models.filter((model) => model.schema === "ops");
        const progress = startProgress(
          "应用规则",
          perHall.length * halls.length + acrossHalls.length,
          "个模型",
        );
        try {
          const options = { lineage: models, onModelDone, onModel: () => progress.advance() };
          // a check of the ops tables runs once, over every hall's rows; the others with each hall
          const checks = await loadChecks();
          const readsOps = (check: Check) => check.dependsOn.some((relation) => relation.startsWith("ops."));
          await runPerHall(
            db,
            halls,
            perHall,
            checks.filter((check) => !readsOps(check)),
            macros,
            config,
            run,
            options,
          );
          await runModels(db, acrossHalls, { fullRefresh: true, ...options });
          await runChecks(db, checks.filter(readsOps), models);
        } finally {
          progress.stop();
        }
      });

      const nextWarehouse = join(build.version, warehouseFile);
      await timed("warehouse", () => buildWarehouse(db, models, nextWarehouse));
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

      await freezeFinalMonths(db, models);
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

export type { Model };
