/**
 * `report --year`: the year's workbook on demand, year to date, from the published warehouse opened
 * read-only. It is written beside the publication, under `<out>/on-demand/reports/<year>/`, never
 * into it: the published versions change only by a run (the run itself writes the year's workbook
 * into `reports/<year>/` once the year's December is final).
 */
import { join } from "node:path";
import { openPublished } from "./explain.ts";
import { writeYearWorkbook } from "./publish/year-workbook.ts";
import { shown } from "./summary.ts";

/** Where on-demand reports go inside an `--out`. */
export const onDemandReports = (out: string): string => join(out, "on-demand", "reports");

export async function reportYear(out: string, year: number): Promise<string[]> {
  const db = await openPublished(out);
  try {
    const catalog =
      (await db.one<{ name: string }>("select current_database() as name"))?.name ?? "warehouse";
    const { path, rows, facts } = await writeYearWorkbook(db, {
      catalog,
      year,
      reports: onDemandReports(out),
    });
    return [
      `年度考核工作簿已写入 ${shown(path)}（${rows} 行）`,
      `统计区间：${facts.period_label}，数据截至 ${facts.as_of}`,
      ...(facts.is_complete ? [] : ["年度尚未结束或仍有公示月份：数字为年初至今的累计，之后可能变化"]),
    ];
  } finally {
    db.close();
  }
}
