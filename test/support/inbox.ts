/**
 * File-level inbox for ingest tests: a test writes the exact bytes of each export (GBK, BOM, tabs,
 * xlsx, the device log), runs the real pipeline on it, and reads what was published. The private
 * state (`<out>/.state/state.duckdb`) can be opened read-only after a run to look at staged rows;
 * it is not a published interface, so only tests of staging use it.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { Db, type Row } from "../../pipeline/db.ts";
import { outLayout } from "../../pipeline/out-layout.ts";
import { type RunOptions, runPipeline } from "../../pipeline/run.ts";
import type { RunSummary } from "../../pipeline/summary.ts";

export type FileCell = string | number | Date | null | undefined;

export interface TextOptions {
  /** Cell separator: `,` (default) or `\t`. */
  separator?: string;
  /** `utf-8` (default), `utf-8-bom`, or `gbk` (as Chinese Windows software writes it). */
  encoding?: "utf-8" | "utf-8-bom" | "gbk";
  /** Line break: `\n` (default) or `\r\n`. */
  eol?: string;
}

const textCell = (value: FileCell, separator: string): string => {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.includes(separator) || /["\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The bytes of a delimited text file whose lines are `lines` (a line is a list of cells). */
export function textFile(lines: readonly (readonly FileCell[])[], options: TextOptions = {}): Buffer {
  const separator = options.separator ?? ",";
  const eol = options.eol ?? "\n";
  const text =
    lines.map((cells) => cells.map((cell) => textCell(cell, separator)).join(separator)).join(eol) + eol;
  if (options.encoding === "gbk") return iconv.encode(text, "gbk");
  const bytes = Buffer.from(text, "utf8");
  return options.encoding === "utf-8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

/** An xlsx workbook whose first sheet holds `rows` from row 1 (empty rows are left empty). */
export async function xlsxFile(rows: readonly (readonly FileCell[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sheet1");
  rows.forEach((cells, index) => {
    if (cells.length === 0) return;
    const row = sheet.getRow(index + 1);
    cells.forEach((cell, position) => {
      if (cell !== null && cell !== undefined) row.getCell(position + 1).value = cell;
    });
    row.commit();
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An Excel date cell for a local hall wall-clock time (exceljs writes a Date as UTC). */
export const excelTime = (year: number, month: number, day: number, hour = 0, minute = 0): Date =>
  new Date(Date.UTC(year, month - 1, day, hour, minute));

export interface RunResult {
  summary: RunSummary;
  lines: string[];
}

export interface FileInbox {
  root: string;
  inbox: string;
  out: string;
  /** Writes a file under the inbox (path relative to it, e.g. `roster/名册.csv`). */
  write(path: string, content: string | Buffer): Promise<void>;
  remove(path: string): Promise<void>;
  run(options?: Partial<RunOptions>): Promise<RunResult>;
  /** Query on the published warehouse, opened read-only. */
  query<T extends Row = Row>(
    sql: string,
    params?: Record<string, string | number | boolean | null>,
  ): Promise<T[]>;
  /** Query on the PRIVATE state database (staging, ingest), read-only, only between runs. */
  queryState<T extends Row = Row>(sql: string): Promise<T[]>;
  cleanup(): Promise<void>;
}

export const defaultAsOf = "2026-11-04";

export async function queryDuckDb<T extends Row = Row>(
  path: string,
  sql: string,
  params?: Record<string, string | number | boolean | null>,
): Promise<T[]> {
  const db = await Db.open(path, { readOnly: true });
  try {
    return await db.all<T>(sql, params);
  } finally {
    db.close();
  }
}

export async function fileInbox(): Promise<FileInbox> {
  const root = await mkdtemp(join(tmpdir(), "inbox-"));
  const inbox = join(root, "inbox");
  const out = join(root, "out");
  await mkdir(inbox, { recursive: true });
  return {
    root,
    inbox,
    out,
    async write(path, content) {
      await mkdir(dirname(join(inbox, path)), { recursive: true });
      await writeFile(join(inbox, path), content);
    },
    async remove(path) {
      await rm(join(inbox, path), { force: true });
    },
    async run(options = {}) {
      const lines: string[] = [];
      const summary = await runPipeline({
        inbox,
        out,
        asOf: defaultAsOf,
        log: (line) => lines.push(line),
        ...options,
      });
      return { summary, lines };
    },
    query: (sql, params) => queryDuckDb(outLayout(out).warehouse, sql, params),
    queryState: (sql) => queryDuckDb(outLayout(out).stateDb, sql),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
