/**
 * One fuzz case, end to end: the base hall with the case's mutations is written to tmpfs, the real
 * pipeline runs on it in this process (warehouse always, workbooks when asked; never the site),
 * and the properties are checked on what it published. Property (a) is checked here: the run must
 * settle within its time limit, return, and leave a warehouse.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Db } from "../../pipeline/db.ts";
import { addDays } from "../../pipeline/generate/calendar.ts";
import { sources } from "../../pipeline/ingest/sources.ts";
import { outLayout } from "../../pipeline/out-layout.ts";
import { publishWorkbooks } from "../../pipeline/publish/workbooks.ts";
import { runPipeline } from "../../pipeline/run.ts";
import { loadModels } from "../../pipeline/transform/models.ts";
import { InvariantError } from "../../pipeline/transform/run-models.ts";
import { warehouseContent } from "../support/warehouse-content.ts";
import { baseHall, type HallSpec, scratchRoot } from "./base-hall.ts";
import { compareMarts, martContent } from "./compare-marts.ts";
import { columnIndex, type InboxFile, type TableFile, writeInboxFiles } from "./inbox-model.ts";
import { applyMutation, type CaseContext, type Mutation } from "./mutations.ts";
import {
  checkAccounting,
  checkDecoding,
  checkFigures,
  checkPageDataFigures,
  checkPageDataPrivacy,
  checkPublishedInvariants,
  checkQuarantined,
  checkWarehousePrivacy,
  checkWorkbookPrivacy,
} from "./properties.ts";
import { complainant } from "./values.ts";

export interface FuzzCase {
  hall: HallSpec;
  /** Every mutation is neutral: the marts must equal those of the hall without them (property (f)). */
  neutral?: true;
  /** The as-of date, in days after the generated period's last day (negative: inside it). */
  asOfOffset: number;
  /** The configuration's optional score limits (rules.md §9). */
  scoreLimits: { additionCap: number | null; floor: number | null };
  mutations: Mutation[];
}

export interface CaseOptions {
  /** Also write the HR workbooks and look for complainants in them. */
  workbooks?: boolean;
  /** Also run the dashboards' data loaders and look for complainants in their output. */
  pageData?: boolean;
  /** Property (a): a run that has not settled by then has hung. */
  timeoutMs?: number;
  /** Keep the case's folder (inbox, out, private state) for a look afterwards. */
  keep?: boolean;
  /** Keep it when the case fails (a failure that does not replay can then still be looked at). */
  keepFailed?: boolean;
  /** Run a second time on the same inbox: nothing may change (data-contract: the same inbox twice). */
  rerun?: boolean;
}

export interface CaseResult {
  failures: string[];
  /** What the mutations did, one line each. */
  log: string[];
  /** Where the case ran (removed unless kept). */
  root: string;
  asOf: string;
}

const sourceFolders = new Set(sources.map((source) => source.folder));
const CONFIDENTIAL = sources
  .find((source) => source.folder === "complaints")!
  .columns.filter((column) => column.confidential)
  .map((column) => column.name);
let caseNumber = 0;

/** The base hall's files, copied; its complainants replaced by the harness's own, which no staff member can share a name with. */
function startingFiles(files: readonly TableFile[], secrets: Set<string>): InboxFile[] {
  let next = 1000;
  return files.map((file) => {
    const copy: TableFile = {
      ...file,
      names: [...file.names],
      headers: file.headers && [...file.headers],
      rows: file.rows.map((row) => [...row]),
    };
    if (file.folder !== "complaints") return copy;
    for (const row of copy.rows) {
      const who = complainant(next++);
      const values: Record<string, string> = {
        complainant_name: who.name,
        complainant_phone: who.phone,
        content: who.content,
      };
      for (const name of CONFIDENTIAL) {
        const column = columnIndex(copy, name);
        if (column >= 0 && row[column]) {
          row[column] = values[name]!;
          secrets.add(values[name]!);
        }
      }
    }
    return copy;
  });
}

export async function prepareCase(fuzzCase: FuzzCase): Promise<CaseContext> {
  const base = await baseHall(fuzzCase.hall);
  const secrets = new Set<string>();
  const context: CaseContext = {
    base,
    files: startingFiles(base.files, secrets),
    asOf: addDays(base.lastDay, fuzzCase.asOfOffset),
    secrets,
    log: [],
    mustQuarantine: [],
    counter: 0,
  };
  for (const mutation of fuzzCase.mutations) applyMutation(context, mutation);
  return context;
}

const settleWithin = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`运行在 ${ms / 1000} 秒内没有结束（挂起）`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

/** A published warehouse, or why the run did not publish one (property (a), or (c) for an invariant). */
type RunOutcome = { warehouse: string; out: string } | { failure: string };

async function execute(
  context: CaseContext,
  limits: FuzzCase["scoreLimits"],
  root: string,
  options: CaseOptions,
): Promise<RunOutcome> {
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, "inbox"), { recursive: true });
  await writeInboxFiles(join(root, "inbox"), context.files);
  await writeFile(
    join(root, "config.json"),
    JSON.stringify({ score: { addition_cap: limits.additionCap, floor: limits.floor } }),
  );
  return runOn(context, root, options);
}

/** The pipeline on `<root>/inbox` into `<root>/out` (again, when it ran there before). */
async function runOn(context: CaseContext, root: string, options: CaseOptions): Promise<RunOutcome> {
  const inbox = join(root, "inbox");
  const out = join(root, "out");
  const configFile = join(root, "config.json");
  try {
    await settleWithin(
      runPipeline({
        inbox,
        out,
        asOf: context.asOf,
        configFile,
        log: () => {},
        publishers: options.workbooks ? [publishWorkbooks] : [],
      }),
      options.timeoutMs ?? 300_000,
    );
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split("\n")[0];
    return {
      failure: error instanceof InvariantError ? `(c) ${message}` : `(a) 运行失败，未发布：${message}`,
    };
  }
  const warehouse = outLayout(out).warehouse;
  return existsSync(warehouse) ? { warehouse, out } : { failure: "(a) 运行结束但没有发布数据仓库" };
}

export async function runCase(fuzzCase: FuzzCase, options: CaseOptions = {}): Promise<CaseResult> {
  const context = await prepareCase(fuzzCase);
  const root = join(scratchRoot(), `fuzz-case-${process.pid}-${++caseNumber}`);
  const failures: string[] = [];
  const result = () => ({ failures, log: context.log, root, asOf: context.asOf });
  try {
    const outcome = await execute(context, fuzzCase.scoreLimits, root, options);
    if ("failure" in outcome) {
      failures.push(outcome.failure);
      return result();
    }
    const { warehouse, out } = outcome;
    const { additionCap, floor } = fuzzCase.scoreLimits;
    const secrets = [...context.secrets];
    const db = await Db.open(warehouse, { readOnly: true });
    try {
      failures.push(...(await checkAccounting(db, context.files, sourceFolders)));
      failures.push(...(await checkQuarantined(db, context)));
      failures.push(...(await checkPublishedInvariants(db, await loadModels())));
      failures.push(...(await checkFigures(db, { base: 100, additionCap, floor }, context.asOf)));
    } finally {
      db.close();
    }
    failures.push(...(await checkDecoding(warehouse)));
    failures.push(...(await checkWarehousePrivacy(warehouse, secrets)));
    if (options.workbooks) failures.push(...(await checkWorkbookPrivacy(out, secrets)));
    if (options.pageData) {
      // the site build runs these loaders: one that fails stops the nightly run
      const text = await pageData(warehouse).catch((error: Error) => {
        failures.push(`(a) ${error.message}`);
        return "";
      });
      failures.push(...checkPageDataPrivacy(text, secrets), ...checkPageDataFigures(text));
    }
    if (fuzzCase.neutral) failures.push(...(await compareWithBase(fuzzCase, warehouse, root, options)));
    if (options.rerun) failures.push(...(await compareRerun(context, warehouse, root, options)));
    return result();
  } finally {
    const keep = options.keep || (options.keepFailed && failures.length > 0);
    if (!keep) await rm(root, { recursive: true, force: true });
  }
}

/** (f) The same inbox twice changes nothing: every public table, marts and ops, as it was. */
async function compareRerun(context: CaseContext, warehouse: string, root: string, options: CaseOptions) {
  const first = await warehouseContent(warehouse);
  const outcome = await runOn(context, root, { ...options, workbooks: false });
  if ("failure" in outcome) return [`(a) 同一收件箱第二次运行：${outcome.failure}`];
  return compareMarts(first, await warehouseContent(outcome.warehouse)).map((problem) =>
    problem.replace("与未改动的同一大厅不同", "在同一收件箱第二次运行后不同"),
  );
}

/**
 * (f) A case whose mutations are all neutral by the rules (a number as Excel writes it, a value
 * in full-width characters, a file in another format, rows in another order or repeated, a short
 * pause whose resume is logged early) publishes the marts of the same hall without them, save
 * for the evidence (file and line) that points at where rows now are.
 */
async function compareWithBase(fuzzCase: FuzzCase, warehouse: string, root: string, options: CaseOptions) {
  const plain = await prepareCase({ ...fuzzCase, mutations: [], neutral: undefined });
  const outcome = await execute(plain, fuzzCase.scoreLimits, join(root, "base"), {
    ...options,
    workbooks: false,
  });
  if ("failure" in outcome) return [`(f) 未改动的同一大厅也未能发布：${outcome.failure}`];
  return compareMarts(await martContent(outcome.warehouse), await martContent(warehouse));
}

const pageDataScript = fileURLToPath(new URL("./page-data.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

/** The JSON every data loader of the dashboards writes for this warehouse (one child process). */
function pageData(warehouse: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [pageDataScript], {
      env: { ...process.env, HALL_WAREHOUSE: warehouse },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => errors.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else reject(new Error(`看板数据加载器失败：${Buffer.concat(errors).toString("utf8").slice(-500)}`));
    });
  });
}
