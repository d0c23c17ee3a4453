/**
 * The month's HR workbook (绩效考核工作簿): rankings, score events, investigations, attendance
 * exceptions, data quality and an explanation sheet, all read from the published marts of the
 * warehouse attached as `catalog`. Written with exceljs' streaming writer, rows streamed from DuckDB,
 * so a large hall never holds the workbook in memory; written under a temporary name and renamed
 * when complete.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { type Db, quoteIdentifier } from "../db.ts";
import { explanationSheet, type MonthFacts } from "./workbook/explanation.ts";
import { sheetDefinitions } from "./workbook/sheets.ts";
import { type SheetContext, writeSheet } from "./workbook/write-sheet.ts";

export interface WorkbookOptions {
  /** Name under which the published warehouse is attached. */
  catalog: string;
  /** `YYYY-MM`. */
  month: string;
  directory: string;
  /** `YYYY-MM-DD`, the date the run acts as. */
  asOf: string;
  hallName: string;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-10` → `2026年10月`. */
export function monthLabel(month: string): string {
  const match = monthPattern.exec(month);
  if (!match) throw new Error(`月份 ${JSON.stringify(month)} 无效：应为 YYYY-MM`);
  return `${match[1]}年${Number(match[2])}月`;
}

/**
 * `示例县政务服务中心_2026年10月_绩效考核.xlsx` (or another kind, e.g. `个人反馈单`); characters no file
 * system accepts become `_`.
 */
export function workbookFileName(hallName: string, month: string, kind = "绩效考核"): string {
  return `${hallName.replace(/[\\/:*?"<>|\s]+/g, "_")}_${monthLabel(month)}_${kind}.xlsx`;
}

export function asOfDate(asOf: string): Date {
  const match = datePattern.exec(asOf);
  if (!match) throw new Error(`基准日期 ${JSON.stringify(asOf)} 无效：应为 YYYY-MM-DD`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

export async function writeMonthWorkbook(
  db: Db,
  options: WorkbookOptions,
): Promise<{ path: string; rows: number }> {
  const { month, hallName, asOf } = options;
  const label = monthLabel(month);
  const created = asOfDate(asOf);
  const marts = `${quoteIdentifier(options.catalog)}.marts`;
  const facts = await db.one<MonthFacts & Record<string, unknown>>(
    `select status, appeal_window_end, working_days, data_days, missing_data_days, pending_days,
       staff_ranked, calendar_note
     from ${marts}.months where month = $month`,
    { month },
  );
  if (!facts) throw new Error(`仓库中没有 ${month} 月的结果（${options.catalog}.marts.months 无此月份）`);
  const grades = await db.all<{ grade: string; staff: number }>(
    `select grade, staff from (
       select unnest([{grade: '优秀', staff: excellent_staff}, {grade: '合格', staff: qualified_staff},
         {grade: '末位', staff: last_staff}], recursive := true)
       from ${marts}.hall_month where month = $month)
     where staff > 0`,
    { month },
  );

  const definitions = [
    ...sheetDefinitions(quoteIdentifier(options.catalog)),
    await explanationSheet({
      db,
      marts,
      hallName,
      month,
      monthLabel: label,
      asOf,
      facts,
      grades: Object.fromEntries(grades.map((row) => [row.grade, row.staff])),
    }),
  ];
  const context: SheetContext = {
    db,
    month,
    titlePrefix: `${hallName} ${label}`,
    status: facts.status,
    defaultLegend: `数据截至 ${asOf}`,
  };

  const path = join(options.directory, workbookFileName(hallName, month));
  const rows = await writeWorkbookFile(
    path,
    {
      author: hallName,
      title: `${hallName} ${label} 窗口工作人员绩效考核`,
      subject: `${label} 月度考核结果（${facts.status}）`,
      created,
    },
    async (workbook) => {
      let rows = 0;
      for (const definition of definitions) rows += await writeSheet(workbook, context, definition);
      return rows;
    },
  );
  return { path, rows };
}

export interface WorkbookProperties {
  author: string;
  title: string;
  subject: string;
  created: Date;
}

/**
 * Writes a workbook with exceljs' streaming writer under a temporary name, and renames it to
 * `path` only when complete: a run that fails half way never leaves a partial workbook.
 */
export async function writeWorkbookFile<T>(
  path: string,
  properties: WorkbookProperties,
  fill: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<T>,
): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: partial,
      useStyles: true,
      useSharedStrings: false,
      // zlib's default 16 KB output buffer makes compression a round trip per 16 KB, which then
      // mostly waits for the end of the sheet; 1 MB buffers let it keep up (−0.1 s per 200,000 rows)
      zip: { zlib: { chunkSize: 1024 * 1024 } },
    });
    workbook.creator = properties.author;
    workbook.lastModifiedBy = properties.author;
    workbook.title = properties.title;
    workbook.subject = properties.subject;
    workbook.created = properties.created;
    workbook.modified = properties.created;
    const result = await fill(workbook);
    await workbook.commit();
    await rename(partial, path);
    return result;
  } finally {
    await rm(partial, { force: true });
  }
}
