/**
 * The month's HR workbook (绩效考核工作簿): rankings, score events, investigations, attendance
 * exceptions, data quality and an explanation sheet, all read from the published marts of the
 * warehouse attached as `catalog`. Written with exceljs' streaming writer, rows streamed from DuckDB,
 * so a large hall never holds the workbook in memory (workbook/write-workbook.ts).
 */
import { join } from "node:path";
import { type Db, quoteIdentifier } from "../db.ts";
import { explanationSheet, type MonthFacts } from "./workbook/explanation.ts";
import { sheetDefinitions } from "./workbook/sheets.ts";
import type { SheetContext } from "./workbook/write-sheet.ts";
import { asOfDate, writeWorkbook } from "./workbook/write-workbook.ts";

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

/** `2026-10` → `2026年10月`. */
export function monthLabel(month: string): string {
  const match = monthPattern.exec(month);
  if (!match) throw new Error(`月份 ${JSON.stringify(month)} 无效：应为 YYYY-MM`);
  return `${match[1]}年${Number(match[2])}月`;
}

/** A hall's name as part of a file name: characters no file system accepts become `_`. */
export const fileNamePart = (name: string): string => name.replace(/[\\/:*?"<>|\s]+/g, "_");

/** `示例县政务服务中心_2026年10月_绩效考核.xlsx` (or another kind of the month, e.g. `个人反馈单`). */
export function workbookFileName(hallName: string, month: string, kind = "绩效考核"): string {
  return `${fileNamePart(hallName)}_${monthLabel(month)}_${kind}.xlsx`;
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
  const rows = await writeWorkbook(
    path,
    {
      author: hallName,
      title: `${hallName} ${label} 窗口工作人员绩效考核`,
      subject: `${label} 月度考核结果（${facts.status}）`,
      created,
    },
    context,
    definitions,
  );
  return { path, rows };
}
