/**
 * A hall inbox held in memory, so that a fuzz case can perturb it cell by cell before it is written:
 * each file is a table (header cells, the canonical column each names, rows of text cells) with the
 * format it is written in, or raw bytes for a file that is no table at all (empty, binary, cut).
 * `expectedRows` is the number of data rows a reader must account for, when the harness knows it.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import iconv from "iconv-lite";
import { xlsxFile } from "../support/inbox.ts";

export type TextEncoding = "utf-8" | "utf-8-bom" | "gbk";

export type FileFormat =
  | { kind: "csv"; encoding: TextEncoding; separator: "," | "\t"; eol: "\n" | "\r\n" }
  /** The ZKTeco device log: tab-separated, no header, CRLF. */
  | { kind: "dat" }
  | { kind: "xlsx" };

export interface TableFile {
  kind: "table";
  /** Inbox path, `folder/file`. */
  path: string;
  folder: string;
  /** Header cells as written (null for the headerless device log). */
  headers: string[] | null;
  /** The canonical column each cell position holds (null: a column the source does not know). */
  names: (string | null)[];
  rows: string[][];
  format: FileFormat;
  /** Rows written without quoting (a cell's comma then splits it, as in a hand-made export). */
  unquotedRows?: Set<number>;
  /** Lines written above the header (a title row, an export note). */
  preamble?: string[];
  /** Written cut off after this share of its bytes (a copy interrupted half way). */
  truncateAt?: number;
}

export interface BytesFile {
  kind: "bytes";
  path: string;
  folder: string;
  bytes: Buffer;
  /** Data rows the pipeline must account for; null when no one can say (a cut or garbled file). */
  expectedRows: number | null;
}

export type InboxFile = TableFile | BytesFile;

export const folderOf = (path: string): string => path.split("/")[0]!;

export const columnIndex = (file: TableFile, name: string): number => file.names.indexOf(name);

const quoted = (cell: string, separator: string): string =>
  cell.includes(separator) || /["\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;

/** The text of a delimited table (header, then rows), before encoding. */
export function tableText(file: TableFile): string {
  const separator = file.format.kind === "csv" ? file.format.separator : "\t";
  const eol = file.format.kind === "csv" ? file.format.eol : "\r\n";
  const line = (cells: readonly string[], index: number | null) =>
    cells
      .map((cell) =>
        file.format.kind === "dat" || (index !== null && file.unquotedRows?.has(index))
          ? cell
          : quoted(cell, separator),
      )
      .join(separator);
  const lines = [
    ...(file.preamble ?? []),
    ...(file.headers ? [line(file.headers, null)] : []),
    ...file.rows.map((row, index) => line(row, index)),
  ];
  return lines.map((text) => text + eol).join("");
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === "gbk") return iconv.encode(text, "gb18030");
  const bytes = Buffer.from(text, "utf8");
  return encoding === "utf-8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const NUMBER = /^-?\d{1,15}(\.\d+)?$/;

/** What Excel stores for a cell typed as this text: a date cell for a time, a number for a number. */
function excelCell(cell: string): string | number | Date | null {
  if (cell === "") return null;
  const time = TIME.exec(cell);
  if (time) {
    const [, y, mo, d, h, mi, s] = time.map(Number) as number[];
    const date = new Date(Date.UTC(y!, mo! - 1, d!, h ?? 0, mi ?? 0, s ?? 0));
    // an impossible date (2026-02-30) stays the text someone typed
    if (date.getUTCMonth() === mo! - 1) return date;
  }
  // numbers keep leading zeros only as text (Excel drops them), so those stay text
  if (NUMBER.test(cell) && !/^-?0\d/.test(cell)) return Number(cell);
  return cell;
}

export async function fileBytes(file: InboxFile): Promise<Buffer> {
  if (file.kind === "bytes") return file.bytes;
  if (file.truncateAt !== undefined) {
    const whole = await fileBytes({ ...file, truncateAt: undefined });
    return whole.subarray(0, Math.floor(whole.length * file.truncateAt));
  }
  if (file.format.kind === "xlsx") {
    const rows = [
      ...(file.preamble ?? []).map((line) => [line]),
      ...(file.headers ? [file.headers] : []),
      ...file.rows.map((row) => row.map(excelCell)),
    ];
    return xlsxFile(rows);
  }
  return encodeText(tableText(file), file.format.kind === "csv" ? file.format.encoding : "utf-8");
}

/** Data rows the pipeline must account for in this file, or null when unknown. */
export function expectedRows(file: InboxFile): number | null {
  if (file.kind === "bytes") return file.expectedRows;
  if (file.truncateAt !== undefined) return null;
  // a blank line is no row; in a workbook neither is a row of empty cells (",,," in a CSV is one)
  return file.rows.filter((row) =>
    file.format.kind === "xlsx" ? row.some((cell) => cell !== "") : row.join("") !== "" || row.length > 1,
  ).length;
}

export async function writeInboxFiles(directory: string, files: readonly InboxFile[]): Promise<void> {
  for (const file of files) {
    const path = join(directory, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await fileBytes(file));
  }
}
