/**
 * Builds a small hall's inbox from plain objects (canonical column names, written under their
 * Chinese headers as UTF-8 CSV), runs the real pipeline on it, and queries what it published.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultConfig } from "../../pipeline/config.ts";
import type { Row } from "../../pipeline/db.ts";
import { sourceByFolder } from "../../pipeline/ingest/sources.ts";
import { outLayout } from "../../pipeline/out-layout.ts";
import type { Publisher } from "../../pipeline/publish/publisher.ts";
import { runPipeline } from "../../pipeline/run.ts";
import type { RunSummary } from "../../pipeline/summary.ts";
import { queryDuckDb } from "./inbox.ts";

export type Cell = string | number | null | undefined;
export type InboxRows = Record<string, Cell>[];
/** Folder → rows, or folder → file name → rows when a test needs several files. */
export type InboxData = Partial<Record<string, InboxRows | Record<string, InboxRows>>>;

const csvCell = (value: Cell): string => {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toCsv(folder: string, rows: InboxRows): string {
  const source = sourceByFolder.get(folder);
  if (!source) throw new Error(`unknown inbox folder: ${folder}`);
  const names = source.columns.map((column) => column.name).filter((name) => rows.some((row) => name in row));
  const unknown = rows.flatMap((row) => Object.keys(row)).filter((key) => !names.includes(key));
  if (unknown.length > 0)
    throw new Error(`unknown columns for ${folder}: ${[...new Set(unknown)].join(", ")}`);
  const headers = names.map((name) => source.columns.find((column) => column.name === name)!.header);
  return `${[headers.join(","), ...rows.map((row) => names.map((name) => csvCell(row[name])).join(","))].join("\n")}\n`;
}

export async function writeInbox(directory: string, data: InboxData): Promise<void> {
  for (const [folder, content] of Object.entries(data)) {
    if (!content) continue;
    await mkdir(join(directory, folder), { recursive: true });
    const files = Array.isArray(content) ? { "data.csv": content } : content;
    for (const [file, rows] of Object.entries(files))
      await writeFile(join(directory, folder, file), toCsv(folder, rows));
  }
}

export interface Hall {
  inbox: string;
  out: string;
  summary: RunSummary;
  lines: string[];
  /** Runs a query on the published warehouse (read-only). */
  query<T extends Row = Row>(
    sql: string,
    params?: Record<string, string | number | boolean | null>,
  ): Promise<T[]>;
  /** Runs the pipeline again on the same inbox and out (after changing the inbox, say). */
  rerun(options?: Partial<HallOptions>): Promise<Hall>;
  cleanup(): Promise<void>;
}

export interface HallOptions {
  asOf: string;
  /** Overrides merged over the defaults and written as the run's configuration file. */
  config?: Record<string, unknown>;
  reopen?: string;
  /** What the run publishes besides the warehouse (workbooks, site); none when not given. */
  publishers?: readonly Publisher[];
}

export async function runHall(
  data: InboxData,
  options: HallOptions,
  existing?: { inbox: string; out: string },
): Promise<Hall> {
  const root = existing ? undefined : await mkdtemp(join(tmpdir(), "hall-"));
  const inbox = existing?.inbox ?? join(root!, "inbox");
  const out = existing?.out ?? join(root!, "out");
  if (!existing) await writeInbox(inbox, data);
  let configFile: string | undefined;
  if (options.config) {
    configFile = join(out, "..", "config.json");
    await writeFile(configFile, JSON.stringify(options.config));
  }
  const lines: string[] = [];
  const summary = await runPipeline({
    inbox,
    out,
    asOf: options.asOf,
    configFile,
    reopen: options.reopen,
    publishers: options.publishers,
    log: (line) => lines.push(line),
  });
  const hall: Hall = {
    inbox,
    out,
    summary,
    lines,
    query: (sql, params) => queryDuckDb(outLayout(out).warehouse, sql, params),
    rerun: (next) => runHall(data, { ...options, ...next }, { inbox, out }),
    cleanup: async () => {
      if (root) await rm(root, { recursive: true, force: true });
    },
  };
  return hall;
}

export { defaultConfig };
