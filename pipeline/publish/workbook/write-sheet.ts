/**
 * Writes one sheet into a streaming workbook: a merged title, a legend line, then each block (heading,
 * header row, rows streamed from DuckDB chunk by chunk and committed as they are written). The first
 * block's header is frozen and filtered, and repeated on every printed page unless the sheet says not.
 */

import { JSDuckDBValueConverter } from "@duckdb/node-api";
import type { Alignment, Borders, Style, stream, Worksheet } from "exceljs";
import type { Db } from "../../db.ts";
import { cellValue } from "./cell-value.ts";
import { displayWidth } from "./display-width.ts";
import {
  bodyFont,
  type Highlight,
  headerFill,
  headerFont,
  headingFont,
  highlightFills,
  minimumWidths,
  numberFormats,
  titleFont,
} from "./formats.ts";
import type { Block, Column, SheetDefinition } from "./sheets.ts";

type WorksheetWriter = ReturnType<stream.xlsx.WorkbookWriter["addWorksheet"]>;

const maximumWidth = 60;
const lineHeight = 16;
const thin = { style: "thin", color: { argb: "FFBFBFBF" } } as const;
const borders: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const top: Partial<Alignment> = { vertical: "top" };
const wrapped: Partial<Alignment> = { vertical: "top", wrapText: true };

export interface SheetContext {
  db: Db;
  month: string;
  /** e.g. `示例县政务服务中心 2026年10月`. */
  titlePrefix: string;
  status: string;
  /** Line 2 when the sheet has no legend of its own. */
  defaultLegend: string;
}

/**
 * Width of the widest value of each column of a query block, in the same CJK-as-two measure as
 * `displayWidth`: UTF-8 takes 3 bytes for a CJK character and 1 for ASCII, so (bytes + chars) / 2.
 * The block's query runs twice (measured here, streamed later): a streaming sheet writes its column
 * widths before its first row, and measuring in SQL keeps the rows out of memory.
 */
async function queryWidths(context: SheetContext, block: Block & { query: string; perMonth: boolean }) {
  const measures = block.columns.map(
    (column, index) =>
      `coalesce(max((strlen(cast(${column.key} as varchar)) + length(cast(${column.key} as varchar))) // 2), 0) as w${index}`,
  );
  const row = await context.db.one(
    `select ${measures.join(", ")} from (${block.query}) as block_rows`,
    block.perMonth ? { month: context.month } : undefined,
  );
  return block.columns.map((_column, index) => Number(row?.[`w${index}`] ?? 0));
}

async function blockWidths(context: SheetContext, block: Block): Promise<number[]> {
  const values =
    "rows" in block
      ? block.columns.map((column) =>
          Math.max(0, ...block.rows.map((row) => displayWidth(String(cellValue(row[column.key]) ?? "")))),
        )
      : await queryWidths(context, block);
  return block.columns.map((column, index) => {
    const header = displayWidth(column.header) + 3; // room for the filter button
    // Two units of padding: CJK glyphs of the fonts HR has installed are a little wider than two.
    const value = column.format === "text" ? (values[index] ?? 0) + 2 : minimumWidths[column.format];
    return Math.min(maximumWidth, Math.max(header, value, minimumWidths[column.format]));
  });
}

/**
 * Column widths of a sheet: per column position, the widest over all blocks; except that the last
 * text column of a later block does not widen its column: its text runs on over the empty cells to
 * its right, rather than widening a column that means something else in the sheet's main block.
 */
async function sheetWidths(context: SheetContext, definition: SheetDefinition): Promise<number[]> {
  const widths: number[] = [];
  for (const [blockIndex, block] of definition.blocks.entries()) {
    const last = block.columns.length - 1;
    (await blockWidths(context, block)).forEach((width, index) => {
      const overflows = blockIndex > 0 && index === last && block.columns[index]?.format === "text";
      if (!overflows || widths[index] === undefined) widths[index] = Math.max(widths[index] ?? 0, width);
    });
  }
  return widths;
}

/** One style object per column and highlight, so exceljs shares them instead of cloning per cell. */
function cellStyles(columns: Column[], highlight: Highlight | undefined, wide: boolean[]): Partial<Style>[] {
  return columns.map((column, index) => ({
    font: bodyFont,
    numFmt: numberFormats[column.format],
    border: borders,
    ...(highlight ? { fill: highlightFills[highlight] } : {}),
    alignment: wide[index] ? wrapped : top,
  }));
}

/** A batch of a block's rows, column by column: the values of a query column (by key) in row order. */
interface RowBatch {
  rowCount: number;
  column(key: string): readonly unknown[] | undefined;
}

/**
 * The block's rows in batches. A query's rows come a DuckDB chunk at a time, column by column (no
 * object per row), and the next chunk is fetched while this one is written.
 */
async function* blockRows(context: SheetContext, block: Block): AsyncGenerator<RowBatch> {
  if ("rows" in block) {
    const { rows } = block;
    yield { rowCount: rows.length, column: (key) => rows.map((row) => row[key]) };
    return;
  }
  const result = await context.db.connection.stream(
    block.query,
    block.perMonth ? { month: context.month } : undefined,
  );
  const positions = new Map(result.deduplicatedColumnNames().map((name, index) => [name, index]));
  let next = result.fetchChunk();
  try {
    for (let chunk = await next; chunk && chunk.rowCount > 0; chunk = await next) {
      next = result.fetchChunk();
      const columns = chunk.convertColumns(JSDuckDBValueConverter);
      yield {
        rowCount: chunk.rowCount,
        column: (key) => {
          const position = positions.get(key);
          return position === undefined ? undefined : columns[position];
        },
      };
    }
  } finally {
    // a sheet that fails half way leaves a fetch under way: let it settle, never unhandled
    await next.catch(() => null);
  }
}

function writeLine(
  sheet: WorksheetWriter,
  rowNumber: number,
  text: string,
  style: Partial<Style>,
  span: number,
) {
  const row = sheet.getRow(rowNumber);
  row.getCell(1).value = text;
  row.getCell(1).style = style;
  if (span > 1) sheet.mergeCells(rowNumber, 1, rowNumber, span);
  return row;
}

/** Writes the sheet and returns the number of data rows written. */
export async function writeSheet(
  workbook: stream.xlsx.WorkbookWriter,
  context: SheetContext,
  definition: SheetDefinition,
): Promise<number> {
  const widths = await sheetWidths(context, definition);
  const span = widths.length;
  const firstHeaderRow = definition.blocks[0]?.heading ? 4 : 3;
  const lastColumn = columnLetter(definition.blocks[0]?.columns.length ?? 1);
  const sheet = workbook.addWorksheet(definition.name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: firstHeaderRow, topLeftCell: `A${firstHeaderRow + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(definition.repeatHeader === false ? {} : { printTitlesRow: `${firstHeaderRow}:${firstHeaderRow}` }),
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&C&P / &N", evenFooter: "&C&P / &N" },
    autoFilter: `A${firstHeaderRow}:${lastColumn}${firstHeaderRow}`,
  } as Partial<Worksheet>);
  const wide = widths.map((width) => width >= maximumWidth);
  sheet.columns = widths.map((width) => ({ width }));

  const title = writeLine(
    sheet,
    1,
    `${context.titlePrefix} ${definition.title}（${context.status}）`,
    { font: titleFont },
    span,
  );
  title.height = 24;
  title.commit();
  writeLine(sheet, 2, definition.legend ?? context.defaultLegend, { font: bodyFont }, span).commit();

  let rowNumber = 3;
  let written = 0;
  for (const block of definition.blocks) {
    if (block.heading) {
      writeLine(sheet, rowNumber, block.heading, { font: headingFont }, span).commit();
      rowNumber++;
    }
    const header = sheet.getRow(rowNumber++);
    block.columns.forEach((column, index) => {
      const cell = header.getCell(index + 1);
      cell.value = column.header;
      cell.style = {
        font: headerFont,
        fill: headerFill,
        border: borders,
        alignment: { horizontal: "center" },
      };
    });
    header.commit();

    const styles = {
      plain: cellStyles(block.columns, undefined, wide),
      last: cellStyles(block.columns, "last", wide),
      ineligible: cellStyles(block.columns, "ineligible", wide),
      changed: cellStyles(block.columns, "changed", wide),
    };
    for await (const batch of blockRows(context, block)) {
      // The widths query has already checked that the block's query selects every column.
      const columns = block.columns.map((column) => batch.column(column.key) ?? []);
      const highlights = batch.column("highlight");
      const changed = block.columns.map((column) =>
        column.changedKey ? batch.column(column.changedKey) : undefined,
      );
      for (let index = 0; index < batch.rowCount; index++) {
        const row = sheet.getRow(rowNumber++);
        const rowStyles = styles[(highlights?.[index] as Highlight | null | undefined) ?? "plain"];
        let lines = 1;
        columns.forEach((values, position) => {
          const cell = row.getCell(position + 1);
          const value = cellValue(values[index]);
          cell.value = value;
          cell.style = (changed[position]?.[index] ? styles.changed : rowStyles)[position] as Partial<Style>;
          // Spreadsheet programs keep the stored row height, so a wrapped cell needs its lines counted here.
          if (wide[position] && typeof value === "string") {
            lines = Math.max(lines, Math.ceil(displayWidth(value) / (maximumWidth - 12)));
          }
        });
        if (lines > 1) row.height = lines * lineHeight;
        row.commit();
        written++;
      }
    }
    rowNumber++; // a blank line between blocks
  }
  sheet.commit();
  return written;
}

function columnLetter(index: number): string {
  let letters = "";
  for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
