/**
 * The year's HR workbook (年度考核工作簿): each person's and each department's year, the points per
 * rule, every month's scores and awards, and what each figure means — all read from the published
 * year marts (marts.years, staff_year, department_year and their points per rule), which sum the
 * months as published, frozen ones included. Written by the run once the year's December is final
 * (publish/workbooks.ts) and on demand, year to date (`report --year`, report.ts).
 */
import { join } from "node:path";
import { type Db, quoteIdentifier, quoteLiteral } from "../db.ts";
import type { Block, Column, SheetDefinition } from "./workbook/sheets.ts";
import { asOfDate, writeWorkbook } from "./workbook/write-workbook.ts";
import { fileNamePart } from "./workbook.ts";

export interface YearWorkbookOptions {
  /** Name of the published warehouse's catalog in `db`. */
  catalog: string;
  year: number;
  /** The folder that receives `<year>/<hall>_<year>年_年度考核.xlsx`. */
  reports: string;
}

/** The year's facts as marts.years publishes them. */
export interface YearFacts {
  hall_name: string;
  as_of: string;
  scope: string;
  period_label: string;
  is_complete: boolean;
}

export class YearNotFound extends Error {
  constructor(year: number) {
    super(`仓库中没有 ${year} 年的考核结果：该年没有任何已考核的月份`);
  }
}

/** `示例县政务服务中心_2026年_年度考核.xlsx`. */
export const yearWorkbookFileName = (hallName: string, year: number): string =>
  `${fileNamePart(hallName)}_${year}年_年度考核.xlsx`;

export async function yearFacts(db: Db, catalog: string, year: number): Promise<YearFacts | undefined> {
  return db.one<YearFacts & Record<string, unknown>>(
    `select hall_name, as_of::varchar as as_of, scope, period_label, is_complete
     from ${quoteIdentifier(catalog)}.marts.years where year = $year`,
    { year },
  );
}

const staffColumns: Column[] = [
  { header: "工号", key: "staff_id", format: "text" },
  { header: "姓名", key: "staff_name", format: "text" },
  { header: "部门", key: "department", format: "text" },
  { header: "考核月数", key: "months_scored", format: "integer" },
  { header: "已确认", key: "months_final", format: "integer" },
  { header: "总分", key: "total_score", format: "score" },
  { header: "月均分", key: "avg_score", format: "average" },
  { header: "最高分", key: "best_score", format: "score" },
  { header: "最低分", key: "worst_score", format: "score" },
  { header: "优秀", key: "excellent_months", format: "integer" },
  { header: "合格", key: "qualified_months", format: "integer" },
  { header: "末位", key: "last_months", format: "integer" },
  { header: "扣分", key: "deduction_points", format: "score" },
  { header: "加分", key: "addition_points", format: "score" },
  { header: "标兵", key: "awards", format: "integer" },
  { header: "获评月份", key: "award_months", format: "text" },
  { header: "追究", key: "cases", format: "integer" },
  { header: "免于处理", key: "exempted_cases", format: "integer" },
  { header: "告诫", key: "warning_cases", format: "integer" },
  { header: "取消评优", key: "disqualified_cases", format: "integer" },
  { header: "通报调离", key: "removed_cases", format: "integer" },
];

const departmentColumns: Column[] = [
  { header: "部门", key: "department", format: "text" },
  { header: "考核月数", key: "months_scored", format: "integer" },
  { header: "已确认", key: "months_final", format: "integer" },
  { header: "人数", key: "staff", format: "integer" },
  { header: "人次", key: "staff_months", format: "integer" },
  { header: "平均分合计", key: "total_score", format: "average" },
  { header: "月均分", key: "avg_score", format: "average" },
  { header: "最好名次", key: "best_rank", format: "integer" },
  { header: "优秀人次", key: "excellent_staff_months", format: "integer" },
  { header: "末位人次", key: "last_staff_months", format: "integer" },
  { header: "文明窗口", key: "awards", format: "integer" },
  { header: "获评月份", key: "award_months", format: "text" },
  { header: "标兵", key: "staff_awards", format: "integer" },
  { header: "扣分", key: "deduction_points", format: "score" },
  { header: "加分", key: "addition_points", format: "score" },
  { header: "追究", key: "cases", format: "integer" },
  { header: "免于处理", key: "exempted_cases", format: "integer" },
  { header: "告诫", key: "warning_cases", format: "integer" },
  { header: "取消评优", key: "disqualified_cases", format: "integer" },
  { header: "通报调离", key: "removed_cases", format: "integer" },
];

const keys = (columns: Column[]): string => columns.map((column) => column.key).join(", ");

function sheets(catalog: string, year: number, facts: YearFacts, meanings: Block): SheetDefinition[] {
  const marts = `${quoteIdentifier(catalog)}.marts`;
  const monthsOfYear = `left(month, 4) = ${quoteLiteral(String(year))}`;
  return [
    {
      name: "人员年度考核",
      title: "窗口工作人员年度考核",
      legend: `统计区间：${facts.period_label}；按月均分从高到低排列；各列的含义见“说明”表；数据截至 ${facts.as_of}`,
      blocks: [
        {
          columns: staffColumns,
          query: `select ${keys(staffColumns)} from ${marts}.staff_year where year = ${year}
                  order by avg_score desc, total_score desc, staff_id`,
          perMonth: false,
        },
      ],
    },
    {
      name: "窗口单位年度考核",
      title: "窗口单位年度考核",
      legend: `统计区间：${facts.period_label}；按月均分从高到低排列；各列的含义见“说明”表；数据截至 ${facts.as_of}`,
      blocks: [
        {
          columns: departmentColumns,
          query: `select ${keys(departmentColumns)} from ${marts}.department_year where year = ${year}
                  order by avg_score desc, department`,
          perMonth: false,
        },
      ],
    },
    {
      name: "窗口单位按规则",
      title: "窗口单位按规则汇总的年度加扣分",
      legend: `统计区间：${facts.period_label}；本单位人员的事件，不含申诉撤销的；加分为封顶前的分值`,
      blocks: [
        {
          columns: [
            { header: "部门", key: "department", format: "text" },
            { header: "规则代码", key: "rule_code", format: "text" },
            { header: "规则", key: "rule_name", format: "text" },
            { header: "人数", key: "staff", format: "integer" },
            { header: "事件数", key: "events", format: "integer" },
            { header: "分值", key: "points", format: "points" },
          ],
          query: `select department, rule_code, rule_name, staff, events, points
                  from ${marts}.department_year_rules where year = ${year} order by department, rule_code`,
          perMonth: false,
        },
      ],
    },
    {
      name: "个人按规则",
      title: "个人按规则汇总的年度加扣分",
      legend: `统计区间：${facts.period_label}；不含申诉撤销的事件；加分为封顶前的分值`,
      blocks: [
        {
          columns: [
            { header: "工号", key: "staff_id", format: "text" },
            { header: "姓名", key: "staff_name", format: "text" },
            { header: "部门", key: "department", format: "text" },
            { header: "规则代码", key: "rule_code", format: "text" },
            { header: "规则", key: "rule_name", format: "text" },
            { header: "月数", key: "months", format: "integer" },
            { header: "事件数", key: "events", format: "integer" },
            { header: "分值", key: "points", format: "points" },
          ],
          query: `select staff_id, staff_name, department, rule_code, rule_name, months, events, points
                  from ${marts}.staff_year_rules where year = ${year} order by staff_id, rule_code`,
          perMonth: false,
        },
      ],
    },
    {
      name: "各月结果",
      title: "各月考核结果",
      legend: "每月的得分、名次与三工等级，及当月评选结果；状态为“公示”的月份仍在申诉期内，结果可能变化",
      repeatHeader: false,
      blocks: [
        {
          heading: "月度评选",
          columns: [
            { header: "月份", key: "month", format: "text" },
            { header: "奖项", key: "award", format: "text" },
            { header: "获奖者", key: "winner_name", format: "text" },
            { header: "部门", key: "department", format: "text" },
            { header: "得分", key: "score", format: "average" },
            { header: "状态", key: "status", format: "text" },
          ],
          query: `select month, award, winner_name, department, score, status
                  from ${marts}.awards where ${monthsOfYear} order by month, award`,
          perMonth: false,
        },
        {
          heading: "个人月度得分",
          columns: [
            { header: "月份", key: "month", format: "text" },
            { header: "工号", key: "staff_id", format: "text" },
            { header: "姓名", key: "staff_name", format: "text" },
            { header: "部门", key: "department", format: "text" },
            { header: "得分", key: "score", format: "score" },
            { header: "名次", key: "rank", format: "integer" },
            { header: "等级", key: "grade", format: "text" },
            { header: "状态", key: "status", format: "text" },
          ],
          query: `select month, staff_id, staff_name, department, score, rank, grade, status,
                    case when grade = '末位' then 'last' end as highlight
                  from ${marts}.staff_month where ${monthsOfYear} order by month, order_no`,
          perMonth: false,
        },
      ],
    },
    {
      name: "说明",
      title: "年度考核说明",
      legend: `统计区间：${facts.period_label}；数据截至 ${facts.as_of}`,
      repeatHeader: false,
      blocks: [meanings],
    },
  ];
}

/**
 * The 说明 sheet's table: each column of the two year sheets with the meaning the warehouse
 * publishes for it (its column comment), so the explanation never restates how a figure is made.
 */
async function meaningsBlock(db: Db, catalog: string): Promise<Block> {
  const comments = await db.all<{ table_name: string; column_name: string; comment: string | null }>(
    `select table_name, column_name, comment from duckdb_columns()
     where database_name = $catalog and schema_name = 'marts' and table_name in ('staff_year', 'department_year')`,
    { catalog },
  );
  const meaning = (table: string, key: string) =>
    comments.find((row) => row.table_name === table && row.column_name === key)?.comment ?? "";
  const rows = [
    ...staffColumns.map((column) => ({
      sheet: "人员年度考核",
      header: column.header,
      meaning: meaning("staff_year", column.key),
    })),
    ...departmentColumns.map((column) => ({
      sheet: "窗口单位年度考核",
      header: column.header,
      meaning: meaning("department_year", column.key),
    })),
  ];
  return {
    heading: "各列的含义",
    columns: [
      { header: "工作表", key: "sheet", format: "text" },
      { header: "列", key: "header", format: "text" },
      { header: "含义", key: "meaning", format: "text" },
    ],
    rows,
  };
}

/** Writes `<reports>/<year>/<hall>_<year>年_年度考核.xlsx`; fails when the year has no results. */
export async function writeYearWorkbook(
  db: Db,
  options: YearWorkbookOptions,
): Promise<{ path: string; rows: number; facts: YearFacts }> {
  const { catalog, year } = options;
  const facts = await yearFacts(db, catalog, year);
  if (!facts) throw new YearNotFound(year);
  const path = join(options.reports, String(year), yearWorkbookFileName(facts.hall_name, year));
  const rows = await writeWorkbook(
    path,
    {
      author: facts.hall_name,
      title: `${facts.hall_name} ${year}年 窗口工作人员年度考核`,
      subject: `${facts.period_label} 年度考核结果`,
      created: asOfDate(facts.as_of),
    },
    {
      db,
      month: String(year),
      titlePrefix: `${facts.hall_name} ${year}年`,
      status: facts.scope,
      defaultLegend: `数据截至 ${facts.as_of}`,
    },
    sheets(catalog, year, facts, await meaningsBlock(db, catalog)),
  );
  return { path, rows, facts };
}
