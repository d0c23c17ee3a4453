/**
 * CSV/TXT exports and the ZKTeco device log. The fast path hands the file to DuckDB's own CSV
 * reader; it is used only when every line of the file turned out to be exactly one row, which is
 * what makes `rowid + offset` the row's line number. Anything irregular (a blank line, a quoted
 * line break, a row with the wrong number of cells, a carriage return inside a line, a NUL byte)
 * is read again in JavaScript, row by row, so that every line number is exact and every bad row is
 * quarantined with its reason.
 */
import { createReadStream } from "node:fs";
import { type Db, quoteLiteral } from "../db.ts";
import { matchHeader, sameHeader } from "./header.ts";
import type { FileFacts } from "./inspect-file.ts";
import { RawRowWriter, rawTableName } from "./raw-tables.ts";
import type { Source } from "./sources.ts";
import { isBlankLine, RecordSplitter, type TextRecord } from "./split-records.ts";

export interface Layout {
  /** 1-based physical line of the header; 0 when the file has none (the device log). */
  headerLine: number;
  /** The header's cells (none for the device log). */
  header: readonly string[];
  delimiter: string;
  /** Null for the device log, which never quotes. */
  quote: string | null;
  lineBreak: "\n" | "\r";
  columnCount: number;
  /** Canonical column name → 0-based cell position. */
  positions: ReadonlyMap<string, number>;
  ignoredHeaders: string[];
}

export class FileRejected extends Error {
  override name = "FileRejected";
}

export interface RowReject {
  line: number;
  reason: string;
  raw: string | null;
}

export interface LoadOutcome {
  rows: number;
  /** Set when the fast reader loaded the rows: line = rowid + lineOffset. */
  lineOffset: number | null;
  rejects: RowReject[];
}

/** How far down the header may sit, in records. */
const HEADER_SEARCH_RECORDS = 10;

/** The records of a whole text (the file's first bytes), up to `limit` non-blank ones. */
function firstRecords(text: string, options: ConstructorParameters<typeof RecordSplitter>[0], limit: number) {
  const splitter = new RecordSplitter(options);
  return [...splitter.push(text), ...splitter.finish()]
    .filter((record) => !isBlankLine(record))
    .slice(0, limit);
}

/**
 * Works out the header line, delimiter and column positions from the file's first bytes (already
 * UTF-8 text); `complete` when they are the whole file.
 */
export function tableLayout(
  source: Source,
  headText: string,
  complete: boolean,
  lineBreak: "\n" | "\r" = "\n",
): Layout {
  const head = headText.replace(/^\uFEFF/, "");
  const text = complete ? head : head.slice(0, head.lastIndexOf(lineBreak) + 1);
  if (text.trim() === "") {
    throw new FileRejected(complete ? "文件为空" : "文件开头 256 KB 内没有换行，不是表格文件");
  }
  const firstLines = text.split(lineBreak, 20).filter((line) => line.trim() !== "");
  const delimiter = firstLines.slice(0, 10).some((line) => line.includes("\t")) ? "\t" : ",";
  const records = firstRecords(text, { delimiter, quote: '"', lineBreak }, HEADER_SEARCH_RECORDS);
  const match = matchHeader(
    source,
    records.map((record) => record.cells),
  );
  if (!match)
    throw new FileRejected(`前 10 行中找不到${source.title}的表头（如 ${source.columns[0]?.header}）`);
  if (match.missingRequired.length > 0) {
    throw new FileRejected(`表头缺少必填列：${match.missingRequired.join("、")}`);
  }
  const header = records[match.rowIndex]!;
  return {
    headerLine: header.lastLine,
    header: header.cells,
    delimiter,
    quote: '"',
    lineBreak,
    columnCount: header.cells.length,
    positions: match.positions,
    ignoredHeaders: match.ignored,
  };
}

export function deviceLogLayout(source: Source, lineBreak: "\n" | "\r" = "\n"): Layout {
  const columns = source.deviceLogColumns;
  if (!columns) throw new Error(`source ${source.folder} has no device log format`);
  const known = new Set(source.columns.map((column) => column.name));
  return {
    headerLine: 0,
    header: [],
    delimiter: "\t",
    quote: null,
    lineBreak,
    columnCount: columns.length,
    positions: new Map(
      columns.flatMap((name, position) => (known.has(name) ? [[name, position] as const] : [])),
    ),
    ignoredHeaders: [],
  };
}

/**
 * DuckDB's reader, positional columns c0…cn. Returns the line offset when every line was one row,
 * or null (nothing kept: the caller's transaction must be rolled back) when the file is irregular.
 * A NUL byte or a carriage return inside a line (which DuckDB may take for a line break) sends the
 * file to the row reader at once; so does any error of DuckDB's reader.
 */
export async function loadDelimitedFast(
  db: Db,
  source: Source,
  loadId: number,
  utf8Path: string,
  facts: FileFacts,
  layout: Layout,
): Promise<LoadOutcome | null> {
  if (facts.hasNul || facts.bareCarriageReturns > 0 || layout.lineBreak !== "\n") return null;
  const table = rawTableName(source);
  const firstRowid = Number((await db.one<{ n: bigint }>(`select count(*) as n from ${table}`))?.n ?? 0);
  const names = [...layout.positions.keys()];
  const columnTypes = Array.from({ length: layout.columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const select = names.map((name) => `c${layout.positions.get(name)} as "${name}"`).join(", ");
  const quoting = layout.quote === null ? "quote = ''" : `quote = '"', escape = '"'`;
  // a row repeating the header is left out, so the count differs and the row reader names it
  const notHeader =
    layout.header.length === 0
      ? "true"
      : `not (${layout.header.map((cell, i) => `coalesce(c${i}, '') = ${quoteLiteral(cell)}`).join(" and ")})`;
  let rows: number;
  try {
    const result = await db.connection.run(
      `insert into ${table} by name
       select $load_id as load_id, ${select}
       from read_csv($path, auto_detect = false, header = false, skip = $skip, delim = $delim, ${quoting},
                     columns = {${columnTypes}}, ignore_errors = true, max_line_size = 1048576)
       where ${notHeader}`,
      { load_id: loadId, path: utf8Path, skip: layout.headerLine, delim: layout.delimiter },
    );
    rows = Number(result.rowsChanged);
  } catch {
    return null; // DuckDB's reader gave up on the file: the row reader says which lines are wrong
  }
  if (rows !== facts.lines - layout.headerLine) return null;
  return { rows, lineOffset: layout.headerLine + 1 - firstRowid, rejects: [] };
}

/** What a rejected row keeps of its cells: all of them, unless its source holds confidential columns. */
export function rejectedRaw(
  source: Source,
  positions: ReadonlyMap<string, number>,
  cells: readonly string[],
  separator: string,
): string {
  const confidential = source.columns.some(
    (column) => column.confidential && positions.get(column.name) !== undefined,
  );
  if (confidential) return "（含保密字段，原文不予保存）";
  const raw = cells.join(separator).replaceAll("\0", "␀");
  return raw.length > 1000 ? `${raw.slice(0, 1000)}…` : raw;
}

const lineSpan = (record: TextRecord): string =>
  record.lastLine > record.line ? `（第 ${record.line}–${record.lastLine} 行，可能有未配对的引号）` : "";

/** Why a record is not a row, or null when it is one. */
function rowProblem(record: TextRecord, layout: Layout): string | null {
  if (record.problem) return record.problem;
  if (layout.headerLine === 0) {
    // Device logs differ in their trailing fields between firmware versions; id and time lead.
    return record.cells.length >= 2
      ? null
      : `列数不足：设备日志每行至少应有考勤号码和时间 2 列，实为 ${record.cells.length} 列`;
  }
  if (record.cells.length !== layout.columnCount) {
    return `列数与表头不符：应为 ${layout.columnCount} 列，实为 ${record.cells.length} 列${lineSpan(record)}`;
  }
  if (sameHeader(layout.header, record.cells)) return "表头重复出现：这一行与表头相同";
  return null;
}

/** Row-by-row reading with exact line numbers; rows that cannot be rows are rejected with their reason. */
export async function loadDelimitedByRow(
  db: Db,
  source: Source,
  loadId: number,
  utf8Path: string,
  layout: Layout,
): Promise<LoadOutcome> {
  const writer = await RawRowWriter.open(db, source, loadId, layout.positions);
  const rejects: RowReject[] = [];
  const splitter = new RecordSplitter(layout);
  const take = (record: TextRecord) => {
    if (record.line <= layout.headerLine || isBlankLine(record)) return;
    const problem = rowProblem(record, layout);
    if (problem === null) writer.write(record.line, record.cells);
    else {
      rejects.push({
        line: record.line,
        reason: problem,
        raw: rejectedRaw(source, layout.positions, record.cells, layout.delimiter),
      });
    }
  };
  try {
    let first = true;
    for await (const chunk of createReadStream(utf8Path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
      const text = first ? (chunk as string).replace(/^\uFEFF/, "") : (chunk as string);
      first = false;
      for (const record of splitter.push(text)) take(record);
    }
    for (const record of splitter.finish()) take(record);
  } finally {
    writer.close();
  }
  return { rows: writer.rows, lineOffset: null, rejects };
}
