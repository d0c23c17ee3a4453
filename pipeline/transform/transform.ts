/**
 * The transform layer's entry points. `transform` applies the rules of a nightly run to what ingest
 * loaded: staging appends the new loads, then every hall's intermediate and mart models and the ops
 * models are rebuilt and checked. `prepareRules` and `recompute` are the same steps for a caller
 * that recomputes from a state it may not change (whatif.ts): no staging, no history, no freezing.
 */
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";
import { startProgress } from "../progress.ts";
import { runHalls, runPerHall } from "./halls.ts";
import { freezeFinalMonths, frozenReadsOf, prepareHistory } from "./history.ts";
import {
  type Check,
  loadChecks,
  loadMacros,
  loadModels,
  type Macro,
  type Model,
  runsAcrossHalls,
} from "./models.ts";
import { loadSeeds, type RunParameters, setParameters } from "./parameters.ts";
import { attachRebuiltLayers, createMacros, runChecks, runModels } from "./run-models.ts";
import { refreshStaging } from "./staging.ts";

/** Intermediate relations that the run reads once the rules are done: run.ts and summary.ts report them. */
const reportedAfterRules = ["intermediate.int_months", "intermediate.int_calendar_gaps"];

/**
 * The per-hall relations that outlive their hall's run: the marts (published and frozen), what
 * the models and checks that run across halls read, the models whose frozen copy a model reads
 * (history.ts), and what the run reports. The rest is the hall's working state: copying it for
 * every hall cost as much as computing it.
 */
function keptAfterHalls(models: readonly Model[], acrossHalls: readonly (Model | Check)[]): Set<string> {
  const frozenReads = frozenReadsOf(models);
  return new Set([
    ...models
      .filter((model) => model.schema === "marts" || frozenReads.has(model.name))
      .map((model) => model.relation),
    ...acrossHalls.flatMap((reader) => reader.dependsOn),
    ...reportedAfterRules,
  ]);
}

/** The rules' SQL, loaded, and what every model reads besides staging made ready in the database. */
export interface Rules {
  models: readonly Model[];
  macros: readonly Macro[];
}

export interface TransformHooks {
  /** Runs a stage (`rules`, and `staging` within it) under its name, for steps and timings. */
  timed: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** Called with each model's relation and wall time in seconds. */
  onModelTiming?: (relation: string, seconds: number) => void;
}

export interface Transformed {
  /** Every model the run built, in build order (the warehouse publishes from them). */
  models: readonly Model[];
  /** Keeps the months that became final in `history` (rules.md §14); once their publication is in place. */
  freezeFinalMonths: () => Promise<string[]>;
}

/**
 * Loads the models and macros, the reference lists of sql/seeds and the macros into the database,
 * and gives the rebuilt layers their empty catalogs. The configuration is set apart (`recompute`).
 */
export async function prepareRules(db: Db): Promise<Rules> {
  const models = await loadModels();
  const macros = await loadMacros();
  // Ingest relies on insertion order (a raw row's rowid gives its line); models order explicitly.
  await db.run("set preserve_insertion_order = false");
  await loadSeeds(db);
  await createMacros(db, macros);
  await attachRebuiltLayers(db);
  return { models, macros };
}

/** Rebuilds `models` (of `rules`) with `config`'s parameters, over the staging already in the database. */
export async function recompute(
  db: Db,
  rules: Rules,
  config: Config,
  run: RunParameters,
  models: readonly Model[],
): Promise<void> {
  await setParameters(db, config, run);
  await runModels(db, models, { fullRefresh: true, lineage: rules.models });
}

/** The nightly run's rules: staging, then each hall's intermediate and mart models, then ops. */
export async function transform(
  db: Db,
  config: Config,
  run: RunParameters,
  hooks: TransformHooks,
): Promise<Transformed> {
  const { timed, onModelTiming } = hooks;
  const onModelDone = (model: Model, seconds: number) => onModelTiming?.(model.relation, seconds);
  const models = await timed("rules", async () => {
    const { models, macros } = await prepareRules(db);
    await setParameters(db, config, run);
    await prepareHistory(db, models);
    await timed("staging", () => refreshStaging(db, models, macros, onModelDone));
    const halls = await runHalls(db, config);
    const ruleModels = models.filter((model) => model.schema !== "staging");
    const perHall = ruleModels.filter((model) => !runsAcrossHalls(model));
    const acrossHalls = ruleModels.filter(runsAcrossHalls);
    const progress = startProgress("应用规则", perHall.length * halls.length + acrossHalls.length, "个模型");
    try {
      const options = { lineage: models, onModelDone, onModel: () => progress.advance() };
      // a check of the ops tables runs once, over every hall's rows; the others with each hall
      const checks = await loadChecks();
      const readsOps = (check: Check) => check.dependsOn.some((relation) => relation.startsWith("ops."));
      const checksAcrossHalls = checks.filter(readsOps);
      await runPerHall(
        db,
        halls,
        perHall,
        checks.filter((check) => !readsOps(check)),
        macros,
        config,
        run,
        { ...options, kept: keptAfterHalls(models, [...acrossHalls, ...checksAcrossHalls]) },
      );
      await runModels(db, acrossHalls, { fullRefresh: true, ...options });
      await runChecks(db, checksAcrossHalls, models);
    } finally {
      progress.stop();
    }
    return models;
  });
  return { models, freezeFinalMonths: () => freezeFinalMonths(db, models) };
}
