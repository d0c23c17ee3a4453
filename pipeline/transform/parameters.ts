/**
 * Hands the run's parameters to SQL: the configuration's scalars and lists as DuckDB variables
 * (`getvariable('attendance_grace_minutes')`), its tables (hours, points) under `params`, every
 * setting as one row of `params.configuration` (which the rules in force are published from), the
 * reference lists of sql/seeds under `seeds`, and China's official calendar.
 */

import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { type Config, parseConfig } from "../config.ts";
import { type Db, quoteIdentifier, quoteLiteral } from "../db.ts";
import { sqlRoot } from "./models.ts";

export interface RunParameters {
  /** The date the run acts as (YYYY-MM-DD): it decides which months are final. */
  asOf: string;
  /** A final month the operator reopens explicitly (YYYY-MM), if any. */
  reopen: string | null;
  /** The first load of this run: rows from it on are this run's new arrivals. */
  firstNewLoadId: number;
}

type Scalar = string | number | boolean | null;

function sqlValue(value: Scalar | readonly string[]): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map((item) => quoteLiteral(item)).join(", ")}]::varchar[]`;
  if (typeof value === "string") return quoteLiteral(value);
  return String(value);
}

/** Flattens `{ attendance: { grace_minutes: 10 } }` into `attendance_grace_minutes = 10`; tables are set apart. */
export function configVariables(config: Config): Map<string, Scalar | readonly string[]> {
  const variables = new Map<string, Scalar | readonly string[]>();
  for (const [section, values] of Object.entries(config)) {
    if (section === "hours" || section === "points" || section === "halls") continue;
    for (const [key, value] of Object.entries(values as Record<string, Scalar | readonly string[]>)) {
      variables.set(`${section}_${key}`, value);
    }
  }
  return variables;
}

/**
 * What SQL reads of a configuration that differs between `a` and `b`: the names of the variables
 * (`score_addition_cap`) and of the `params` tables (`params.rule_points`) whose contents differ.
 */
export function changedParameters(a: Config, b: Config): Set<string> {
  const changed = new Set<string>();
  const before = configVariables(a);
  for (const [name, value] of configVariables(b)) {
    if (JSON.stringify(value) !== JSON.stringify(before.get(name))) changed.add(name);
  }
  if (JSON.stringify(a.hours) !== JSON.stringify(b.hours)) changed.add("params.hours");
  if (JSON.stringify(a.points) !== JSON.stringify(b.points)) changed.add("params.rule_points");
  if (JSON.stringify(configurationEntries(a)) !== JSON.stringify(configurationEntries(b)))
    changed.add("params.configuration");
  return changed;
}

/** One setting of the configuration, whatever its section: a row of `params.configuration`. */
export interface ConfigurationEntry {
  /** Dotted path of the setting; fields of a list's items go without the item's index (`hours.am_start`). */
  key: string;
  /** The value as a configuration file writes it (a list's items joined with 、); null when unset. */
  value: string | null;
  /** The value of a numeric setting, for SQL that computes with it. */
  number: number | null;
  type: "number" | "text" | "boolean" | "list" | "null";
  /** For an item of a dated list (one with an `effective_from` field, like hours): from when it applies. */
  validFrom: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Every leaf setting of the configuration, walked generically so that a section or key added to
 * config.ts is published without anyone remembering to list it here.
 */
export function configurationEntries(config: Config): ConfigurationEntry[] {
  const entries: ConfigurationEntry[] = [];
  const walk = (node: Record<string, unknown>, prefix: string, validFrom: string | null) => {
    for (const [name, value] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${name}` : name;
      if (isRecord(value)) walk(value, key, validFrom);
      else if (Array.isArray(value) && value.length > 0 && value.every(isRecord))
        for (const item of value)
          walk(item, key, typeof item.effective_from === "string" ? item.effective_from : validFrom);
      else entries.push({ key, validFrom, ...settingValue(value) });
    }
  };
  // a hall's own settings are published as that hall's configuration (hallConfig), not as keys of another
  const { halls: _perHall, ...settings } = config;
  walk(settings, "", null);
  return entries;
}

function settingValue(value: unknown): Pick<ConfigurationEntry, "value" | "number" | "type"> {
  if (value === null || value === undefined) return { value: null, number: null, type: "null" };
  if (typeof value === "number") return { value: String(value), number: value, type: "number" };
  if (typeof value === "boolean") return { value: String(value), number: null, type: "boolean" };
  if (Array.isArray(value)) return { value: value.map(String).join("、"), number: null, type: "list" };
  return { value: String(value), number: null, type: "text" };
}

export async function setParameters(db: Db, config: Config, run: RunParameters): Promise<void> {
  for (const [name, value] of configVariables(config)) {
    await db.run(`set variable ${quoteIdentifier(name)} = ${sqlValue(value)}`);
  }
  await db.run(`set variable as_of = ${quoteLiteral(run.asOf)}::date`);
  // typed even when absent: an untyped null would make DuckDB cast every month to INTEGER
  await db.run(`set variable reopen_month = ${sqlValue(run.reopen)}::varchar`);
  await db.run(`set variable run_first_load_id = ${run.firstNewLoadId}`);
  // kept with the state: a what-if (pipeline/whatif.ts) recomputes with exactly these
  await db.run("create schema if not exists params");
  await db.run("create or replace table params.run (as_of varchar not null, configuration varchar not null)");
  await db.run("insert into params.run values ($as_of, $configuration)", {
    as_of: run.asOf,
    configuration: JSON.stringify(config),
  });

  await db.run(
    `create or replace table params.hours (effective_from date, am_start time, am_end time, pm_start time, pm_end time)`,
  );
  await db.insertRows(
    "params.hours",
    config.hours.map((hours) => [
      hours.effective_from,
      `${hours.am_start}:00`,
      `${hours.am_end}:00`,
      `${hours.pm_start}:00`,
      `${hours.pm_end}:00`,
    ]),
  );
  await db.run(
    "create or replace table params.rule_points (rule_code varchar primary key, points decimal(6, 1))",
  );
  await db.insertRows("params.rule_points", Object.entries(config.points));
  await db.run(
    `create or replace table params.configuration (position integer not null, key varchar not null, value varchar,
       number double, type varchar not null, valid_from date)`,
  );
  await db.insertRows(
    "params.configuration",
    [...configurationEntries(config).entries()].map(([position, entry]) => [
      position,
      entry.key,
      entry.value,
      entry.number,
      entry.type,
      entry.validFrom,
    ]),
  );
}

/** Reference lists under sql/seeds/*.csv become `seeds.<file name>`. */
export async function loadSeeds(db: Db, root = sqlRoot): Promise<void> {
  await db.run("create schema if not exists seeds");
  const directory = join(root, "seeds");
  for (const file of (await readdir(directory)).filter((name) => name.endsWith(".csv")).sort()) {
    await db.run(
      `create or replace table seeds.${quoteIdentifier(basename(file, ".csv"))} as
       select * from read_csv($path, header = true, auto_detect = true, all_varchar = true)`,
      { path: join(directory, file) },
    );
  }
  await loadOfficialCalendar(db);
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * China's official calendar from the `chinese-days` package data: its holidays and make-up working
 * days, and the years it covers. A year outside them falls back to Monday–Friday in SQL and is
 * reported (rules.md §1), instead of the package's silent weekday fallback.
 */
async function loadOfficialCalendar(db: Db): Promise<void> {
  const data = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as ChineseDaysData;
  await db.run(
    "create or replace table seeds.official_calendar (calendar_date date primary key, is_workday boolean, holiday_name varchar)",
  );
  const appender = await db.appender("official_calendar", "seeds");
  try {
    const entries: [string, boolean, string][] = [
      ...Object.entries(data.holidays).map(
        ([date, name]) => [date, false, name] as [string, boolean, string],
      ),
      ...Object.entries(data.workdays).map(([date, name]) => [date, true, name] as [string, boolean, string]),
    ];
    for (const [date, isWorkday, name] of entries) {
      appender.appendVarchar(date);
      appender.appendBoolean(isWorkday);
      appender.appendVarchar(name.split(",")[1] ?? name);
      appender.endRow();
    }
  } finally {
    appender.flushSync();
    appender.closeSync();
  }
  await db.run(`
    create or replace table seeds.official_calendar_years as
    select distinct year(calendar_date) as calendar_year from seeds.official_calendar where not is_workday
  `);
}

/** The as-of date and configuration that the last run set in the state attached as `catalog`, if any. */
export async function recordedRun(
  db: Db,
  catalog: string,
): Promise<{ asOf: string; config: Config } | undefined> {
  const recorded = await db.one(
    "select 1 from duckdb_tables() where database_name = $catalog and schema_name = 'params' and table_name = 'run'",
    { catalog },
  );
  if (!recorded) return undefined;
  const row = await db.one<{ as_of: string; configuration: string }>(
    `select as_of, configuration from ${quoteIdentifier(catalog)}.params.run`,
  );
  return row && { asOf: row.as_of, config: parseConfig(JSON.parse(row.configuration)) };
}
