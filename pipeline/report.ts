/**
 * `report --year`: the year's workbook on demand, year to date, from the published warehouse opened
 * read-only. It is written beside the publication, under `<out>/on-demand/reports/<year>/`, never
 * into it: the published versions change only by a run (the run itself writes the year's workbook
 * into `reports/<year>/` once the year's December is final).
 */
import { join } from "node:path";
import { Db, quoteLiteral } from "./db.ts";
import { publishedWarehouse } from "./explain.ts";
import { hallView, publishedHalls, withHallView } from "./publish/hall-view.ts";
import { writeYearWorkbook, YearNotFound, yearFacts } from "./publish/year-workbook.ts";
import { shown } from "./summary.ts";

/** Where on-demand reports go inside an `--out`. */
export const onDemandReports = (out: string): string => join(out, "on-demand", "reports");

/** One year workbook per hall (rules.md §15: each hall is scored on its own), as the run writes them. */
export async function reportYear(out: string, year: number): Promise<string[]> {
  const warehouse = await publishedWarehouse(out);
  // in memory, the warehouse attached read-only: each hall's view is an in-memory catalog beside it
  const db = await Db.open(":memory:");
  try {
    const catalog = "published";
    await db.run(`attach ${quoteLiteral(warehouse)} as ${catalog} (read_only)`);
    const lines: string[] = [];
    for (const hall of await publishedHalls(db, catalog))
      await withHallView(db, catalog, hall.hall_code, async () => {
        // a hall with no month that year (opened later) has no year workbook
        if (!(await yearFacts(db, hallView, year))) return;
        const { path, rows, facts } = await writeYearWorkbook(db, {
          catalog: hallView,
          year,
          reports: onDemandReports(out),
        });
        lines.push(
          `年度考核工作簿已写入 ${shown(path)}（${rows} 行）`,
          `统计区间：${facts.period_label}，数据截至 ${facts.as_of}`,
          ...(facts.is_complete ? [] : ["年度尚未结束或仍有公示月份：数字为年初至今的累计，之后可能变化"]),
        );
      });
    if (lines.length === 0) throw new YearNotFound(year);
    return lines;
  } finally {
    db.close();
  }
}
