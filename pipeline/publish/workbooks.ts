/**
 * The HR workbooks as one of the run's publishers: for every month the run recomputed and every hall
 * with results that month (rules.md §15: each hall is scored on its own), the hall's month workbook
 * and 个人考核反馈单 workbook, built under `<next>/reports/<month>/` and moved into
 * `<out>/reports/<month>/` with the rest; with several halls, also the month's roll-up workbook
 * comparing them; and each hall's year workbook under `<next>/reports/<year>/` once the year is
 * complete (its December final), whenever the run recomputed one of its months.
 * A hall's workbooks read the hall's view of the warehouse (hall-view.ts), so they show its rows only.
 * Their file names start with the hall's name, as the one-hall workbook's always have; two halls of
 * the same name are told apart by their code.
 * Final months are frozen (《规则说明》§16), so their workbooks stay as they were published; so does
 * a year's once its December is frozen (publish/outputs.ts).
 */
import { basename, join } from "node:path";
import { shown } from "../summary.ts";
import { writeFeedbackWorkbook } from "./feedback-workbook.ts";
import { hallView, type PublishedHall, publishedHalls, withHallView } from "./hall-view.ts";
import type { Publisher } from "./publisher.ts";
import { writeRollupWorkbook } from "./rollup-workbook.ts";
import { writeMonthWorkbook } from "./workbook.ts";
import { writeYearWorkbook, yearFacts } from "./year-workbook.ts";

/** The name a hall's workbooks carry: its name, with its code when another hall has the same name. */
function fileHallName(hall: PublishedHall, halls: readonly PublishedHall[]): string {
  const shared = halls.some(
    (other) => other.hall_code !== hall.hall_code && other.hall_name === hall.hall_name,
  );
  return shared ? `${hall.hall_name}（${hall.hall_code}）` : hall.hall_name;
}

export const publishWorkbooks: Publisher = async ({ db, catalog, out, next, months, asOf }) => {
  const lines: string[] = [];
  const halls = await publishedHalls(db, catalog);
  for (const hall of halls)
    await withHallView(db, catalog, hall.hall_code, async () => {
      const hallName = fileHallName(hall, halls);
      const hallMonths = new Set(
        (await db.all<{ month: string }>(`select month from ${hallView}.marts.months`)).map(
          (row) => row.month,
        ),
      );
      for (const month of months.filter((month) => hallMonths.has(month))) {
        const options = {
          catalog: hallView,
          month,
          directory: join(next, "reports", month),
          asOf,
          hallName,
        };
        const { path, rows } = await writeMonthWorkbook(db, options);
        lines.push(`人事工作簿 ${shown(join(out, "reports", month, basename(path)))}（${rows} 行）`);
        const feedback = await writeFeedbackWorkbook(db, options);
        lines.push(
          `个人反馈单 ${shown(join(out, "reports", month, basename(feedback.path)))}（${feedback.pages} 人）`,
        );
      }
      for (const year of new Set(months.map((month) => Number(month.slice(0, 4))))) {
        if (!(await yearFacts(db, hallView, year))?.is_complete) continue;
        const { path, rows } = await writeYearWorkbook(db, {
          catalog: hallView,
          year,
          reports: join(next, "reports"),
        });
        lines.push(
          `年度考核工作簿 ${shown(join(out, "reports", String(year), basename(path)))}（${rows} 行）`,
        );
      }
    });
  if (halls.length > 1)
    for (const month of months) {
      const { path, rows } = await writeRollupWorkbook(db, {
        catalog,
        month,
        directory: join(next, "reports", month),
        asOf,
      });
      lines.push(`大厅对比工作簿 ${shown(join(out, "reports", month, basename(path)))}（${rows} 行）`);
    }
  return lines;
};
