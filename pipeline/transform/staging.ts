/**
 * Staging appends the rows of new loads (cost follows new data, not history). When the staging
 * code itself changes (its SQL and headers, the macros, the reference lists of sql/seeds it categorizes with,
 * or the inbox columns), every raw row is staged again.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "../db.ts";
import { createRawViews } from "../ingest/raw-tables.ts";
import { allSources } from "../ingest/sources.ts";
import { type Model, sqlRoot } from "./models.ts";
import { type Macro, runModels } from "./run-models.ts";

export async function refreshStaging(
  db: Db,
  models: readonly Model[],
  macros: readonly Macro[],
  onModelDone?: (model: Model, seconds: number) => void,
): Promise<void> {
  const staging = models.filter((model) => model.schema === "staging");
  const fingerprint = await stagingFingerprint(staging, macros);
  await db.run("create table if not exists ingest.staging_state (fingerprint varchar not null)");
  const previous = await db.one<{ fingerprint: string }>("select fingerprint from ingest.staging_state");
  const fullRefresh = previous?.fingerprint !== fingerprint;
  await createRawViews(db, fullRefresh ? "all" : "unstaged");
  await db.transaction(async () => {
    await runModels(db, staging, { fullRefresh, onModelDone });
    await db.run("update ingest.files set is_staged = true where status = 'loaded' and not is_staged");
    await db.run("delete from ingest.staging_state");
    await db.run("insert into ingest.staging_state values ($fingerprint)", { fingerprint });
  });
  // the rules quote rows of any load (int_staged_rows), rejected or not
  await createRawViews(db, "all");
}

/** What staging is built with: a change to it stages every raw row again. */
export async function stagingFingerprint(
  staging: readonly Model[],
  macros: readonly Macro[],
): Promise<string> {
  return createHash("sha256")
    .update(
      JSON.stringify([
        // the header too: it says how a model is kept (materialized, unique, partitioned_by)
        staging.map((model) => [model.header, model.sql]),
        macros.map((macro) => macro.sql),
        allSources,
        await seedTexts(),
      ]),
    )
    .digest("hex");
}

async function seedTexts(): Promise<string[]> {
  const directory = join(sqlRoot, "seeds");
  const files = (await readdir(directory)).filter((name) => name.endsWith(".csv")).sort();
  return Promise.all(files.map((file) => readFile(join(directory, file), "utf8")));
}
