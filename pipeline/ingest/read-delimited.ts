/**
 * CSV/TXT exports and the ZKTeco device log. The fast path hands the file to DuckDB's own CSV
 * reader; it is used only when every line of the file turned out to be exactly one row, which is
 * what makes `rowid + offset` the row's line number. Anything irregular (a blank line, a quoted
 * line break, a row with the wrong number of cells) is read again in JavaScript, row by row, so
 * that every line number is exact and every bad row is quarantined with its reason.
 */
import { createReadStream } from "node:fs";
import { type Options, parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import type { Db } from "../db.ts";
import { matchHeader } from "./header.ts";
import type { FileFacts } from "./inspect-file.ts";
import { RawRowWriter, rawTableName } from "./raw-tables.ts";
import type { Source } from "./sources.ts";

export interface Layout {
  /** 1-based physical line of the header; 0 when the file has none (the device log). */
  headerLine: number;
  delimiter: string;
  /** Null for the device log, which never quotes. */
  quote: string | null;
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

const parserOptions: Options = {
  bom: true,
  record_delimiter: ["\r\n", "\n"],
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  info: true,
};

/** Works out the header line, delimiter and column positions from the file's first bytes (already UTF-8 text). */
export function tableLayout(source: Source, headText: string, complete: boolean): Layout {
  const text = complete ? headText : headText.slice(0, headText.lastIndexOf("\n") + 1);
  const firstLines = text.split("\n", 20).filter((line) => line.trim() !== "");
  if (firstLines.length === 0) throw new FileRejected("文件为空");
  const delimiter = firstLines.slice(0, 10).some((line) => line.includes("\t")) ? "\t" : ",";
  const records = parseSync(text, { ...parserOptions, delimiter, to: 10 }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const match = matchHeader(
    source,
    records.map((entry) => entry.record),
  );
  if (!match)
    throw new FileRejected(`前 10 行中找不到${source.title}的表头（如 ${source.columns[0]?.header}）`);
  if (match.missingRequired.length > 0) {
    throw new FileRejected(`表头缺少必填列：${match.missingRequired.join("、")}`);
  }
  const header = records[match.rowIndex]!;
  return {
    headerLine: header.info.lines,
    delimiter,
    quote: '"',
    columnCount: header.record.length,
    positions: match.positions,
    ignoredHeaders: match.ignored,
  };
}

export function deviceLogLayout(source: Source): Layout {
  const columns = source.deviceLogColumns;
  if (!columns) throw new Error(`source ${source.folder} has no device log format`);
  const known = new Set(source.columns.map((column) => column.name));
  return {
    headerLine: 0,
    delimiter: "\t",
    quote: null,
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
 */
export async function loadDelimitedFast(
  db: Db,
  source: Source,
  loadId: number,
  utf8Path: string,
  facts: FileFacts,
  layout: Layout,
): Promise<LoadOutcome | null> {
  const table = rawTableName(source);
  const firstRowid = Number((await db.one<{ n: bigint }>(`select count(*) as n from ${table}`))?.n ?? 0);
  const names = [...layout.positions.keys()];
  const columnTypes = Array.from({ length: layout.columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const select = names.map((name) => `c${layout.positions.get(name)} as "${name}"`).join(", ");
  const quoting = layout.quote === null ? "quote = ''" : `quote = '"', escape = '"'`;
  const result = await db.connection.run(
    `insert into ${table} by name
     select $load_id as load_id, ${select}
     from read_csv($path, auto_detect = false, header = false, skip = $skip, delim = $delim, ${quoting},
                   columns = {${columnTypes}}, ignore_errors = true, max_line_size = 1048576)`,
    { load_id: loadId, path: utf8Path, skip: layout.headerLine, delim: layout.delimiter },
  );
  const rows = Number(result.rowsChanged);
  if (rows !== facts.lines - layout.headerLine) return null;
  return { rows, lineOffset: layout.headerLine + 1 - firstRowid, rejects: [] };
}

/** Row-by-row reading with exact line numbers; rows whose cell count differs from the header are rejected. */
export async function loadDelimitedByRow(
  db: Db,
  source: Source,
  loadId: number,
  utf8Path: string,
  layout: Layout,
): Promise<LoadOutcome> {
  const writer = await RawRowWriter.open(db, source, loadId, layout.positions);
  const rejects: RowReject[] = [];
  const confidential = new Set(
    source.columns.filter((column) => column.confidential).map((column) => layout.positions.get(column.name)),
  );
  try {
    const parser = createReadStream(utf8Path).pipe(
      parse({
        ...parserOptions,
        delimiter: layout.delimiter,
        quote: layout.quote ?? false,
        from_line: layout.headerLine + 1,
      }),
    );
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines - record.reduce((breaks, cell) => breaks + countLineBreaks(cell), 0);
      // Device logs differ in their trailing fields between firmware versions; id and time lead.
      const usable = layout.headerLine === 0 ? record.length >= 2 : record.length === layout.columnCount;
      if (usable) {
        writer.write(line, record);
      } else {
        rejects.push({
          line,
          reason: `列数与表头不符：应为 ${layout.columnCount} 列，实为 ${record.length} 列`,
          raw: confidential.size > 0 ? "（含保密字段，原文不予保存）" : record.join(layout.delimiter),
        });
      }
    }
  } finally {
    writer.close();
  }
  return { rows: writer.rows, lineOffset: null, rejects };
}

const countLineBreaks = (cell: string): number => {
  let breaks = 0;
  for (let at = cell.indexOf("\n"); at !== -1; at = cell.indexOf("\n", at + 1)) breaks++;
  return breaks;
};
