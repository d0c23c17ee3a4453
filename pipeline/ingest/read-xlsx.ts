/**
 * `.xlsx` registers, read with exceljs' streaming reader (after xlsx-container.ts has found the file
 * whole): the first sheet in tab order, the header on the first row that names a known column (title
 * rows above it are common), the Excel row number as line. A cell becomes the text Excel shows for
 * it, as a CSV export of the sheet would have it: dates as `YYYY-MM-DD HH:MM:SS`, numbers with
 * Excel's 15 significant digits, error values as `#N/A`.
 */
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Db } from "../db.ts";
import { matchHeader, sameHeader } from "./header.ts";
import { RawRowWriter } from "./raw-tables.ts";
import { FileRejected, type LoadOutcome, type RowReject, rejectedRaw } from "./read-delimited.ts";
import type { Source } from "./sources.ts";
import { worksheetEntry, type XlsxPart, xlsxPartStream, xlsxParts } from "./xlsx-container.ts";

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * The parts of a number format that show a date and a time of day (quoted text, `[…]` sections
 * and escaped characters removed; `m` next to `h` or `s` is minutes).
 */
function formatParts(format: string | undefined): { date: boolean; time: boolean } {
  if (!format) return { date: true, time: true };
  const codes = format
    .replace(/"[^"]*"|\[[^\]]*]|\\./g, "")
    .toLowerCase()
    .replace(/am\/pm|a\/p|上午\/下午/g, "h");
  const time = /[hs]/.test(codes);
  return { date: /[yd]/.test(codes) || (codes.includes("m") && !time), time };
}

/** Whole-day serials below 1 (exceljs dates them 1899-12-30): a time of day without a date. */
const firstExcelDay = Date.UTC(1899, 11, 31);

/**
 * An Excel date cell: exceljs gives a Date whose UTC fields are the wall-clock time. A bare date
 * (a date format, midnight) is written as a date, which an end time reads as the end of that day;
 * a bare time as a time; anything else in full, so a time hidden by a date format is kept.
 */
export function excelDateText(date: Date, format?: string): string {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  const day = `${rounded.getUTCFullYear()}-${pad(rounded.getUTCMonth() + 1)}-${pad(rounded.getUTCDate())}`;
  const time = `${pad(rounded.getUTCHours())}:${pad(rounded.getUTCMinutes())}:${pad(rounded.getUTCSeconds())}`;
  const shows = formatParts(format);
  if (shows.time && !shows.date && rounded.getTime() < firstExcelDay) return time;
  if (shows.date && !shows.time && time === "00:00:00") return day;
  return `${day} ${time}`;
}

/** `1e-7` as Excel writes it: `1E-07`. */
const excelExponent = (text: string): string =>
  text.replace(/e([+-])(\d+)$/, (_, sign: string, digits: string) => `E${sign}${digits.padStart(2, "0")}`);

/**
 * A number as Excel shows it: 15 significant digits. An integer of 16 or more digits (a 流水号 typed
 * into Excel) has lost its last digits, and Excel shows it in scientific notation
 * (`2.02610091234567E+17`), so it stays recognisable as a mangled identifier and never matches one.
 */
export function excelNumberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1e15) {
    const [mantissa, exponent] = value.toExponential(14).split("e") as [string, string];
    return excelExponent(`${mantissa.replace(/\.?0+$/, "")}e${exponent}`);
  }
  return excelExponent(String(Number(value.toPrecision(15))));
}

/** exceljs' conversion of a date serial, rounded to the millisecond like its own. */
const serialDate = (serial: number, date1904: boolean): Date =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

const isDateFormat = (format: string | undefined): boolean => {
  const { date, time } = formatParts(format);
  return !!format && format !== "General" && (date || time);
};

/**
 * The text of one cell, or null for a formula whose result was never calculated (a file written
 * by a program that does not calculate; Excel calculates when it saves).
 */
export function cellText(value: ExcelJS.CellValue, format?: string, date1904 = false): string | null {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return excelDateText(value, format);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "#错误值"; // a formula whose cached result is an error value
    return isDateFormat(format) ? excelDateText(serialDate(value, date1904), format) : excelNumberText(value);
  }
  if (typeof value === "string") return value;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const { result } = value as ExcelJS.CellFormulaValue;
    return result === undefined ? null : cellText(result as ExcelJS.CellValue, format, date1904);
  }
  if ("error" in value) return String(value.error);
  if ("sharedString" in value)
    throw new FileRejected("xlsx 文件的共享字符串表缺失或损坏：请在 Excel 中打开后另存，或重新导出");
  if ("text" in value) return String(value.text);
  return "";
}

/**
 * Chinese Excel's built-in date formats (ids 27–36 and 50–58) have no format code in the file, and
 * exceljs knows none for them, so their cells would read as bare serial numbers.
 */
const chineseDateFormats: Record<number, string> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

interface SheetTab {
  id: number;
  name: string;
  state?: string;
}

/**
 * What exceljs' streaming reader knows but its type declarations leave out, and the steps of its
 * own pass over the zip, which worksheets() takes in a safe order.
 */
interface ReaderInternals {
  styles?: { index?: { numFmt?: Record<number, string> } };
  model?: { sheets?: SheetTab[] };
  properties?: { model?: { date1904?: boolean } };
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(part: Readable, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
}

/**
 * The workbook's worksheets, in the order of their part numbers, each read row by row, after the
 * parts they need (relationships, workbook, shared strings, styles): what exceljs' streaming pass
 * does, with the parts taken from the zip's central directory (xlsxParts) instead of its order.
 */
async function* worksheets(
  reader: ReaderInternals,
  path: string,
): AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader> {
  const parts = await xlsxParts(path);
  const part = (name: string) => parts.find((candidate) => candidate.name === name);
  const relations = part("xl/_rels/workbook.xml.rels");
  if (relations) await reader._parseRels(xlsxPartStream(path, relations));
  const workbook = part("xl/workbook.xml");
  if (workbook) await reader._parseWorkbook(xlsxPartStream(path, workbook));
  const sharedStrings = part("xl/sharedStrings.xml");
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(xlsxPartStream(path, sharedStrings)));
  const styles = part("xl/styles.xml");
  if (styles) await reader._parseStyles(xlsxPartStream(path, styles));
  const sheets = parts
    .map((candidate) => ({ part: candidate, number: worksheetEntry.exec(candidate.name)?.[1] }))
    .filter((sheet): sheet is { part: XlsxPart; number: string } => sheet.number !== undefined)
    .sort((a, b) => Number(a.number) - Number(b.number));
  for (const sheet of sheets) {
    const content = xlsxPartStream(path, sheet.part);
    try {
      for (const event of reader._parseWorksheet(content, sheet.number))
        if (event.eventType === "worksheet") yield event.value as ExcelJS.stream.xlsx.WorksheetReader;
    } finally {
      // the reader stops at the first tab, or at a bad row: the file is closed all the same
      content.destroy();
    }
  }
}

/** The first sheet in tab order that is not hidden; the sheets lie in the file in another order. */
function isFirstTab(reader: ReaderInternals, worksheet: { id: number }): boolean {
  const tabs = reader.model?.sheets ?? [];
  if (!tabs.some((tab) => tab.id === worksheet.id)) return true; // exceljs could not name it: the first met
  return tabs.find((tab) => tab.state !== "hidden" && tab.state !== "veryHidden")?.id === worksheet.id;
}

const columnLetters = (position: number): string =>
  position < 26
    ? String.fromCharCode(65 + position)
    : columnLetters(Math.floor(position / 26) - 1) + columnLetters(position % 26);

interface SheetRow {
  line: number;
  cells: string[];
  /** 0-based positions of formulas with no calculated result. */
  uncalculated: number[];
}

export async function loadXlsx(db: Db, source: Source, loadId: number, path: string): Promise<LoadOutcome> {
  const internals = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
  }) as unknown as ReaderInternals;
  const leading: SheetRow[] = [];
  const rejects: RowReject[] = [];
  let sheetName: string | undefined;
  let writer: RawRowWriter | undefined;
  let header: { cells: string[]; positions: ReadonlyMap<string, number> } | undefined;
  const take = (row: SheetRow) => {
    const { positions, cells } = header!;
    const column = row.uncalculated.find((position) => [...positions.values()].includes(position));
    const reason =
      column !== undefined
        ? `公式没有计算结果：${cells[column]}（单元格 ${columnLetters(column)}${row.line}），请在 Excel 中打开、保存后重新导出`
        : sameHeader(cells, row.cells)
          ? "表头重复出现：这一行与表头相同"
          : null;
    if (reason)
      rejects.push({ line: row.line, reason, raw: rejectedRaw(source, positions, row.cells, "\t") });
    else writer!.write(row.line, row.cells);
  };
  try {
    for await (const worksheet of worksheets(internals, path)) {
      if (!isFirstTab(internals, worksheet as unknown as { id: number })) continue;
      sheetName = (worksheet as unknown as { name: string }).name;
      const formats = internals.styles?.index?.numFmt;
      if (formats) for (const [id, code] of Object.entries(chineseDateFormats)) formats[Number(id)] ??= code;
      const date1904 = !!internals.properties?.model?.date1904;
      for await (const row of worksheet) {
        const cells: string[] = [];
        const uncalculated: number[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          const text = cellText(cell.value, cell.numFmt, date1904);
          if (text === null) uncalculated.push(column - 1);
          cells[column - 1] = text ?? "";
        });
        if (cells.every((cell) => cell.trim() === "") && uncalculated.length === 0) continue;
        const sheetRow = { line: row.number, cells: Array.from(cells, (cell) => cell ?? ""), uncalculated };
        if (writer) {
          take(sheetRow);
          continue;
        }
        leading.push(sheetRow);
        const match = matchHeader(
          source,
          leading.map((entry) => entry.cells),
        );
        if (!match) {
          if (leading.length >= 10) throw new FileRejected(`前 10 行中找不到${source.title}的表头`);
          continue;
        }
        if (match.missingRequired.length > 0) {
          throw new FileRejected(`表头缺少必填列：${match.missingRequired.join("、")}`);
        }
        header = { cells: leading[match.rowIndex]!.cells, positions: match.positions };
        writer = await RawRowWriter.open(db, source, loadId, match.positions);
        for (const entry of leading.slice(match.rowIndex + 1)) take(entry);
      }
      break;
    }
  } catch (error) {
    if (error instanceof FileRejected) throw error;
    throw new FileRejected(
      `xlsx 文件内容无法读取，可能已损坏（${(error as Error).message}）：请在 Excel 中打开后另存，或重新导出`,
    );
  } finally {
    writer?.close();
  }
  if (!writer) {
    if (sheetName === undefined) throw new FileRejected("xlsx 文件中没有工作表");
    throw new FileRejected(
      leading.length === 0
        ? `第一个工作表“${sheetName}”是空的（只读取第一个工作表）`
        : `第一个工作表“${sheetName}”中找不到${source.title}的表头`,
    );
  }
  return { rows: writer.rows, lineOffset: null, rejects };
}
