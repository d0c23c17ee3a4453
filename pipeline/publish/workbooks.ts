/**
 * The HR workbooks as one of the run's publishers: for every month the run recomputed, the month
 * workbook and the 个人考核反馈单 workbook, built under `<next>/reports/<month>/` and moved into
 * `<out>/reports/<month>/` with the rest; and the year workbook under `<next>/reports/<year>/` once
 * the year is complete (its December final), whenever the run recomputed one of its months.
 * Final months are frozen (《规则说明》§16), so their workbooks stay as they were published; so does
 * a year's once its December is frozen (publish/outputs.ts).
 */
import { basename, join } from "node:path";
import { shown } from "../summary.ts";
import { writeFeedbackWorkbook } from "./feedback-workbook.ts";
import type { Publisher } from "./publisher.ts";
import { writeMonthWorkbook } from "./workbook.ts";
import { writeYearWorkbook, yearFacts } from "./year-workbook.ts";

export const publishWorkbooks: Publisher = async ({ db, catalog, out, next, months, config, asOf }) => {
  const lines: string[] = [];
  for (const month of months) {
    const options = {
      catalog,
      month,
      directory: join(next, "reports", month),
      asOf,
      hallName: config.hall.name,
    };
    const { path, rows } = await writeMonthWorkbook(db, options);
    lines.push(`人事工作簿 ${shown(join(out, "reports", month, basename(path)))}（${rows} 行）`);
    const feedback = await writeFeedbackWorkbook(db, options);
    lines.push(
      `个人反馈单 ${shown(join(out, "reports", month, basename(feedback.path)))}（${feedback.pages} 人）`,
    );
  }
  for (const year of new Set(months.map((month) => Number(month.slice(0, 4))))) {
    if (!(await yearFacts(db, catalog, year))?.is_complete) continue;
    const { path, rows } = await writeYearWorkbook(db, { catalog, year, reports: join(next, "reports") });
    lines.push(`年度考核工作簿 ${shown(join(out, "reports", String(year), basename(path)))}（${rows} 行）`);
  }
  return lines;
};
