/**
 * The HR workbooks as one of the run's publishers: for every month the run recomputed, the month
 * workbook and the 个人考核反馈单 workbook,
 * built under `<next>/reports/<month>/` and moved into `<out>/reports/<month>/` with the rest.
 * Final months are frozen (rules.md §14), so their workbooks stay as they were published.
 */
import { basename, join } from "node:path";
import { shown } from "../summary.ts";
import { writeFeedbackWorkbook } from "./feedback-workbook.ts";
import type { Publisher } from "./publisher.ts";
import { writeMonthWorkbook } from "./workbook.ts";

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
  return lines;
};
