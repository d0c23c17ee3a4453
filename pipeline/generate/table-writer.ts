/**
 * Writes one inbox file row by row, in the format the hall's software would: CSV in UTF-8 (with
 * or without BOM) or GBK, the ZKTeco device log, or xlsx with real date cells. Text formats are
 * written through a 1 MiB buffer with synchronous writes, so millions of rows never sit in memory.
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { excelDate, slashStamp, stamp } from "./calendar.ts";
import { stabilizeZipTimes } from "./stable-zip.ts";

/** A local wall-clock time: the day and seconds since its midnight. */
export interface Time {
  readonly day: string;
  readonly s: number;
}
export type Cell = string | number | Time | null | undefined;

export type TableFormat =
  | { kind: "csv"; encoding: "utf-8" | "utf-8-bom" | "gbk"; times?: "iso" | "slash"; eol?: "\n" | "\r\n" }
  | { kind: "dat" }
  | { kind: "xlsx"; sheet: string };

export interface TableWriter {
  readonly path: string;
  readonly rows: number;
  row(cells: readonly Cell[]): void;
  close(): Promise<void>;
}

const FLUSH_AT = 1 << 20;
/** Fixed workbook properties: the bytes must not depend on when the generator ran. */
const WORKBOOK_DATE = new Date(Date.UTC(2026, 0, 1));

const isTime = (cell: Cell): cell is Time => typeof cell === "object" && cell !== null;

const csvText = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export function openTable(path: string, headers: readonly string[] | null, format: TableFormat): TableWriter {
  mkdirSync(dirname(path), { recursive: true });
  return format.kind === "xlsx"
    ? new XlsxTable(path, headers ?? [], format.sheet)
    : new TextTable(path, headers, format);
}

class TextTable implements TableWriter {
  rows = 0;
  private readonly fd: number;
  private buffer = "";
  private readonly eol: string;
  private readonly cellText: (cell: Cell) => string;
  private readonly separator: string;
  private readonly encode: (text: string) => Buffer;

  constructor(
    readonly path: string,
    headers: readonly string[] | null,
    format: Exclude<TableFormat, { kind: "xlsx" }>,
  ) {
    this.fd = openSync(path, "w");
    const csv = format.kind === "csv" ? format : null;
    this.separator = csv ? "," : "\t";
    this.eol = csv ? (csv.eol ?? "\n") : "\r\n";
    const timeText =
      csv?.times === "slash" ? (t: Time) => slashStamp(t.day, t.s) : (t: Time) => stamp(t.day, t.s);
    this.cellText = (cell) => {
      if (cell === null || cell === undefined) return "";
      if (isTime(cell)) return timeText(cell);
      return csv ? csvText(String(cell)) : String(cell);
    };
    this.encode =
      csv?.encoding === "gbk" ? (text) => iconv.encode(text, "gbk") : (text) => Buffer.from(text, "utf8");
    if (csv?.encoding === "utf-8-bom") writeSync(this.fd, Buffer.from([0xef, 0xbb, 0xbf]));
    if (headers) this.buffer = headers.map((header) => this.cellText(header)).join(this.separator) + this.eol;
  }

  row(cells: readonly Cell[]): void {
    let line = "";
    for (let i = 0; i < cells.length; i++) line += (i === 0 ? "" : this.separator) + this.cellText(cells[i]);
    this.buffer += line + this.eol;
    this.rows++;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.encode(this.buffer));
    this.buffer = "";
  }

  async close(): Promise<void> {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

class XlsxTable implements TableWriter {
  rows = 0;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(
    readonly path: string,
    headers: readonly string[],
    sheetName: string,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useStyles: true,
      useSharedStrings: false,
    });
    this.workbook.created = WORKBOOK_DATE;
    this.workbook.modified = WORKBOOK_DATE;
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.columns = headers.map((header) => ({ header, width: Math.max(10, header.length * 2 + 4) }));
  }

  row(cells: readonly Cell[]): void {
    const row = this.sheet.addRow(
      cells.map((cell) => (isTime(cell) ? excelDate(cell.day, cell.s) : (cell ?? null))),
    );
    cells.forEach((cell, index) => {
      if (isTime(cell)) row.getCell(index + 1).numFmt = "yyyy-mm-dd hh:mm:ss";
    });
    row.commit();
    this.rows++;
  }

  async close(): Promise<void> {
    await this.workbook.commit();
    await stabilizeZipTimes(this.path);
  }
}
