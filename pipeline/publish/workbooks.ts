/**
 * The HR workbooks as one of the run's publishers: one workbook for every month the run recomputed,
 * built under `<next>/reports/<month>/` and moved into `<out>/reports/<month>/` with the rest.
 * Final months are frozen (rules.md §14), so their workbooks stay as they were published.
 */
import { basename, join } from "node:path";
import { shown } from "../summary.ts";
import type { Publisher } from "./publisher.ts";
import { writeMonthWorkbook } from "./workbook.ts";

export const publishWorkbooks: Publisher = async ({ db, catalog, out, next, months, config, asOf }) => {
  const lines: string[] = [];
  for (const month of months) {
    const { path, rows } = await writeMonthWorkbook(db, {
      catalog,
      month,
      directory: join(next, "reports", month),
      asOf,
      hallName: config.hall.name,
    });
    lines.push(`人事工作簿 ${shown(join(out, "reports", month, basename(path)))}（${rows} 行）`);
  }
  return lines;
};
