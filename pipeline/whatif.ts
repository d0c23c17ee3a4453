/**
 * `whatif`: "if we changed this rule, who would move?" Recomputes months from the run's private
 * state twice, with the configuration of the last run and with it changed by another file, and
 * compares the two (comparison.ts). It publishes nothing and writes nothing to the state: the state
 * file is attached read-only, and every layer it computes lives in in-memory catalogs. Its only
 * output is `<out>/whatif/<time>/对比.xlsx` and the lines it prints.
 *
 * It takes the run lock for its duration: a run that began would hold the state file open for
 * writing, which a read-only open cannot share; and a read-only open that came first would make a
 * starting run fail on the file instead of on the lock, with a message the operator cannot act on.
 */
import { mkdir, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { type Config, hallConfig, loadConfig } from "./config.ts";
import { Db, memoryLimit, quoteIdentifier, quoteLiteral } from "./db.ts";
import { nextLoadId } from "./ingest/raw-tables.ts";
import { acquireLock } from "./lock.ts";
import { outLayout } from "./out-layout.ts";
import { exists, hallClock } from "./publish/versions.ts";
import { shown } from "./summary.ts";
import { type Hall, hallScope, openHallScope } from "./transform/halls.ts";
import { affectedModels, type Model, upstreamOf } from "./transform/models.ts";
import { changedParameters, recordedRun } from "./transform/parameters.ts";
import { prepareRules, recompute } from "./transform/transform.ts";
import {
  changeLines,
  compareSides,
  comparisonCatalog,
  keepSide,
  keptRelations,
  type Side,
  settingsRelation,
} from "./whatif/comparison.ts";
import { comparisonFileName, writeComparisonWorkbook } from "./whatif/workbook.ts";

export class WhatIfRefused extends Error {
  override name = "WhatIfRefused";
}

export interface WhatIfOptions {
  out: string;
  /** The changes to try, as a configuration file: merged over the last run's configuration. */
  configFile: string;
  /** A month to recompute (YYYY-MM), frozen or open; by default the open months. */
  month?: string;
  /** The hall to try it on (大厅编码): required when the last run had several halls. */
  hall?: string;
  now?: Date;
}

export interface WhatIfResult {
  lines: string[];
  workbook: string;
}

const stateCatalog = "state";

/**
 * The state's schemas that the models read (raw rows, staging, load bookkeeping, frozen history).
 * Unqualified by catalog in the models, they are found in the attached state through the search path;
 * parameters, seeds and macros are made anew in the in-memory default catalog.
 */
const stateSchemas = ["ingest", "raw", "staging", "history"] as const;

export async function whatIf(options: WhatIfOptions): Promise<WhatIfResult> {
  const started = performance.now();
  const layout = outLayout(options.out);
  if (!(await exists(layout.stateDb)))
    throw new WhatIfRefused(`输出目录 ${shown(layout.out)} 中还没有运行过夜间任务，无法做假设测试`);
  const releaseLock = await acquireLock(layout.lock);
  const directory = await newOutputDirectory(join(layout.out, "whatif"), options.now).catch(async (error) => {
    await releaseLock();
    throw error;
  });
  const spill = join(directory, ".tmp");
  let finished = false;
  try {
    const db = await Db.open(":memory:", { memoryLimit: memoryLimit(), tempDirectory: spill });
    try {
      await db.run(`attach ${quoteLiteral(layout.stateDb)} as ${stateCatalog} (read_only)`);
      const recorded = await recordedRun(db, stateCatalog);
      if (!recorded)
        throw new WhatIfRefused(
          "私有状态中没有记录上次运行的配置（由较早的版本写入）：请先照常运行一次夜间任务，再做假设测试",
        );
      const halls = await recordedHalls(db, recorded.config);
      const hall = chosenHall(halls, options.hall);
      // each side in force for the hall, as the run applies it (its `halls.<code>` settings merged)
      const ownConfig = (config: Config): Config => ({ ...hallConfig(config, hall.code), hall });
      const current = ownConfig(recorded.config);
      const tried = ownConfig(await loadConfig(options.configFile, recorded.config));
      const readFrom = (catalog: string) =>
        db.run(
          `set search_path = ${quoteLiteral(["memory.main", ...stateSchemas.map((schema) => `${catalog}.${schema}`)].join(","))}`,
        );
      await readFrom(stateCatalog);
      const firstNewLoadId = await nextLoadId(db);
      // the rules of several halls run one hall at a time, each over its rows of the state (transform/halls.ts)
      if (halls.length > 1) {
        await openHallScope(db, quoteIdentifier(stateCatalog), hall, recorded.config.hall.code);
        await db.run("use memory");
        await readFrom(hallScope);
      }

      const rules = await prepareRules(db);
      const compared = upstreamOf(rules.models, [...Object.values(keptRelations), settingsRelation]).filter(
        (model) => model.schema !== "staging",
      );
      await db.run(`attach ':memory:' as ${quoteIdentifier(comparisonCatalog)}`);

      const frozen = options.month
        ? await db.one("select 1 from history.frozen_months where month = $month", { month: options.month })
        : undefined;
      const parameters = {
        asOf: recorded.asOf,
        reopen: frozen ? (options.month ?? null) : null,
        firstNewLoadId,
      };
      // the second side rebuilds only what reads a changed setting: the rest is the same on both sides
      const sides: [Side, Config, Model[]][] = [
        ["before", current, compared],
        ["after", tried, affectedModels(compared, rules.macros, changedParameters(current, tried))],
      ];
      let months: string[] = [];
      for (const [side, config, rebuilt] of sides) {
        await recompute(db, rules, config, parameters, rebuilt);
        if (side === "before") months = await comparedMonths(db, options.month);
        await keepSide(db, side, months);
      }
      await compareSides(db);

      const path = join(directory, comparisonFileName);
      await writeComparisonWorkbook(db, path, {
        hallName: hall.name,
        months,
        configName: basename(options.configFile),
        asOf: recorded.asOf,
        created: new Date(`${recorded.asOf}T00:00:00Z`),
      });
      const lines = [
        `【假设测试】按上次运行的配置与按 ${basename(options.configFile)} 改动后的配置分别重算 ${months.join("、")}（数据截至 ${recorded.asOf}），比较两者；不发布，不改变任何已发布或已冻结的结果`,
        ...(await changeLines(db)),
        `对比表：${shown(path)}`,
        `用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`,
      ];
      finished = true;
      return { lines, workbook: path };
    } finally {
      db.close();
    }
  } finally {
    try {
      // a what-if that failed leaves nothing behind
      await rm(finished ? spill : directory, { recursive: true, force: true });
    } finally {
      await releaseLock();
    }
  }
}

/** The halls of the last run (`params.halls`); a state written before halls existed had the configured one. */
async function recordedHalls(db: Db, config: Config): Promise<Hall[]> {
  const recorded = await db.one(
    "select 1 from duckdb_tables() where database_name = $catalog and schema_name = 'params' and table_name = 'halls'",
    { catalog: stateCatalog },
  );
  if (!recorded) return [{ code: config.hall.code, name: config.hall.name }];
  return db.all<{ code: string; name: string }>(
    `select hall_code as code, hall_name as name from ${stateCatalog}.params.halls order by hall_code`,
  );
}

/** The hall asked for, which the last run must have had; without one, the run's only hall. */
function chosenHall(halls: readonly Hall[], code: string | undefined): Hall {
  const listed = halls.map((hall) => `${hall.code} ${hall.name}`).join("、");
  if (code === undefined) {
    if (halls.length > 1)
      throw new WhatIfRefused(
        `上次运行含 ${halls.length} 个大厅（${listed}）：请用 --hall 指定要做假设测试的大厅编码`,
      );
    return halls[0]!;
  }
  const hall = halls.find((candidate) => candidate.code === code);
  if (!hall) throw new WhatIfRefused(`上次运行中没有大厅编码 ${code} 的大厅（有：${listed}）`);
  return hall;
}

/** The month asked for, which must have results; or else the months a run recomputes (the open ones). */
async function comparedMonths(db: Db, month: string | undefined): Promise<string[]> {
  const rows = await db.all<{ month: string; is_open: boolean }>(
    "select month, is_open from intermediate.int_months order by month",
  );
  if (month === undefined) {
    const open = rows.filter((row) => row.is_open).map((row) => row.month);
    if (open.length === 0)
      throw new WhatIfRefused(
        `没有未冻结的月份可以重算：请用 --month 指定月份（已冻结的月份也可以：${rows.map((row) => row.month).join("、") || "无"}）`,
      );
    return open;
  }
  if (!rows.some((row) => row.month === month))
    throw new WhatIfRefused(
      `${month} 没有可以重算的结果（私有状态中有考勤数据的月份：${rows.map((row) => row.month).join("、") || "无"}）`,
    );
  return [month];
}

/** `<out>/whatif/20261202-013045`, hall time; a second what-if within the same second gets `-2`. */
async function newOutputDirectory(root: string, now = new Date()): Promise<string> {
  const stamp = hallClock(now).replaceAll("-", "").replaceAll(":", "").replace(" ", "-");
  await mkdir(root, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const directory = join(root, attempt === 1 ? stamp : `${stamp}-${attempt}`);
    try {
      await mkdir(directory);
      return directory;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
