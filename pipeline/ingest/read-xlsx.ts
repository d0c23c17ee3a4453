/**
 * `.xlsx` registers, read with exceljs' streaming reader: the first sheet, the header on the first
 * row that names a known column (title rows above it are common), the Excel row number as line.
 * Real date cells become `YYYY-MM-DD HH:MM:SS` text, like every other time in the raw layer.
 */
import ExcelJS from "exceljs";
import type { Db } from "../db.ts";
import { matchHeader } from "./header.ts";
import { RawRowWriter } from "./raw-tables.ts";
import { FileRejected, type LoadOutcome } from "./read-delimited.ts";
import type { Source } from "./sources.ts";

const pad = (value: number) => String(value).padStart(2, "0");

/** exceljs returns an Excel date as a Date whose UTC fields are the cell's wall-clock time. */
export function formatExcelDate(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return formatExcelDate(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value)
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  return "";
}

export async function loadXlsx(db: Db, source: Source, loadId: number, path: string): Promise<LoadOutcome> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
  });
  const leading: { line: number; cells: string[] }[] = [];
  let writer: RawRowWriter | undefined;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        // row.values is 1-based: index 0 is always empty.
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (cells.every((cell) => cell.trim() === "")) continue;
        if (writer) {
          writer.write(row.number, cells);
          continue;
        }
        leading.push({ line: row.number, cells });
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
        writer = await RawRowWriter.open(db, source, loadId, match.positions);
        for (const entry of leading.slice(match.rowIndex + 1)) writer.write(entry.line, entry.cells);
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof FileRejected) throw error;
    throw new FileRejected(`无法读取 xlsx 文件：${(error as Error).message}`);
  } finally {
    writer?.close();
  }
  if (!writer) throw new FileRejected(leading.length === 0 ? "文件为空" : `找不到${source.title}的表头`);
  return { rows: writer.rows, lineOffset: null, rejects: [] };
}
