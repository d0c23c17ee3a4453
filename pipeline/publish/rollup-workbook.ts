/**
 * The month's roll-up workbook comparing the halls (rules.md §15), published beside the halls' own
 * workbooks when the warehouse holds several: one row per hall with its figures and award winners
 * as `marts.hall_month` publishes them, and the meaning of each column from that table's comments.
 * Halls are compared side by side, never merged: no staff member of one hall is ranked against
 * another's, and no figure is recomputed here.
 */
import { join } from "node:path";
import { type Db, quoteIdentifier } from "../db.ts";
import type { Block, Column } from "./workbook/sheets.ts";
import { asOfDate, writeWorkbook } from "./workbook/write-workbook.ts";
import { monthLabel, workbookFileName } from "./workbook.ts";

export interface RollupWorkbookOptions {
  /** Name under which the published warehouse is attached. */
  catalog: string;
  /** `YYYY-MM`. */
  month: string;
  directory: string;
  /** `YYYY-MM-DD`, the date the run acts as. */
  asOf: string;
}

/** The roll-up's file name: `各大厅_2026年10月_大厅对比.xlsx`. */
export const rollupFileName = (month: string): string => workbookFileName("各大厅", month, "大厅对比");

const hallIdentity: Column[] = [
  { header: "大厅编码", key: "hall_code", format: "text" },
  { header: "大厅名称", key: "hall_name", format: "text" },
];

/**
 * The comparison in three tables, each a few columns wide so that a landscape A4 page prints them
 * legibly (one table of 19 columns printed at under half size): the figures, the winners, and the
 * counts the figures are computed from. Each column is one of marts.hall_month (status and
 * staff_ranked: marts.months).
 */
const figureColumns: Column[] = [
  ...hallIdentity,
  { header: "结果状态", key: "status", format: "text" },
  { header: "参加排名人数", key: "staff_ranked", format: "integer" },
  { header: "平均分", key: "avg_score", format: "average" },
  { header: "好评率", key: "good_rate", format: "rate" },
  { header: "平均等候（秒）", key: "avg_wait_s", format: "integer" },
  { header: "目标时长内叫号占比", key: "within_target_rate", format: "rate" },
  { header: "AB岗空岗（半天）", key: "empty_post_sessions", format: "integer" },
  { header: "每万件查实投诉", key: "verified_complaints_per_10k_served", format: "average" },
  { header: "每千件逾期", key: "overdue_cases_per_1k", format: "average" },
];

const winnerColumns: Column[] = [
  ...hallIdentity,
  { header: "文明服务标兵", key: "standout_staff_name", format: "text" },
  { header: "标兵工号", key: "standout_staff_id", format: "text" },
  { header: "文明服务窗口", key: "standout_window", format: "text" },
];

const countColumns: Column[] = [
  ...hallIdentity,
  { header: "评价数", key: "evaluations", format: "integer" },
  { header: "已办理叫号", key: "served", format: "integer" },
  { header: "查实投诉", key: "verified_complaints", format: "integer" },
  { header: "办件数", key: "cases", format: "integer" },
  { header: "逾期办件", key: "overdue_cases", format: "integer" },
];

/** Every column of the three tables once, for the meanings sheet. */
const hallColumns: Column[] = [...figureColumns, ...winnerColumns.slice(2), ...countColumns.slice(2)];

/** The query of one table: its columns of the month's halls, in hall order. */
const hallBlockQuery = (marts: string, columns: Column[]): string => `
  select ${columns.map((column) => (column.key === "status" || column.key === "staff_ranked" ? "months." : "hall.") + column.key).join(", ")}
  from ${marts}.hall_month as hall
  join ${marts}.months as months using (hall_code, month)
  where hall.month = $month
  order by hall.hall_code`;

/** Each column's meaning as the warehouse publishes it (hall_month's column comments). */
async function meaningsBlock(db: Db, catalog: string): Promise<Block> {
  const comments = await db.all<{ table_name: string; column_name: string; comment: string | null }>(
    `select table_name, column_name, comment from duckdb_columns()
     where database_name = $catalog and schema_name = 'marts' and table_name in ('hall_month', 'months')`,
    { catalog },
  );
  const meaning = (key: string) =>
    (
      comments.find((row) => row.table_name === "hall_month" && row.column_name === key) ??
      comments.find((row) => row.table_name === "months" && row.column_name === key)
    )?.comment ?? "";
  return {
    heading: "各列的含义",
    columns: [
      { header: "列", key: "header", format: "text" },
      { header: "含义", key: "meaning", format: "text" },
    ],
    rows: hallColumns.map((column) => ({ header: column.header, meaning: meaning(column.key) })),
  };
}

/** Writes `<directory>/各大厅_<YYYY年M月>_大厅对比.xlsx`; fails when no hall has the month. */
export async function writeRollupWorkbook(
  db: Db,
  options: RollupWorkbookOptions,
): Promise<{ path: string; rows: number }> {
  const { month, asOf } = options;
  const marts = `${quoteIdentifier(options.catalog)}.marts`;
  const label = monthLabel(month);
  const halls = await db.one<{ halls: bigint }>(
    `select count(*) as halls from ${marts}.hall_month where month = $month`,
    { month },
  );
  if (!halls?.halls)
    throw new Error(`仓库中没有 ${month} 月的结果（${options.catalog}.marts.hall_month 无此月份）`);
  const path = join(options.directory, rollupFileName(month));
  const rows = await writeWorkbook(
    path,
    {
      author: "各大厅",
      title: `${label} 各大厅考核指标对比`,
      subject: `${label} 各大厅考核指标与文明服务标兵、文明服务窗口`,
      created: asOfDate(asOf),
    },
    {
      db,
      month,
      titlePrefix: label,
      status: `${halls.halls} 个大厅`,
      defaultLegend: `数据截至 ${asOf}`,
    },
    [
      {
        name: "大厅对比",
        title: "各大厅考核指标对比",
        legend:
          "各大厅分别考核、分别评选文明服务标兵和文明服务窗口；本表只并列各大厅的指标，不跨大厅排名工作人员。",
        // three tables with their own headers: a repeated first header would mislabel the others
        repeatHeader: false,
        blocks: [
          { columns: figureColumns, query: hallBlockQuery(marts, figureColumns), perMonth: true },
          {
            heading: "文明服务标兵与文明服务窗口",
            columns: winnerColumns,
            query: hallBlockQuery(marts, winnerColumns),
            perMonth: true,
          },
          {
            heading: "计算基数",
            columns: countColumns,
            query: hallBlockQuery(marts, countColumns),
            perMonth: true,
          },
        ],
      },
      {
        name: "说明",
        title: "各列的含义",
        legend:
          "每个数字都取自数据仓库 marts.hall_month（各大厅月度指标）；状态与参加排名人数取自 marts.months。",
        repeatHeader: false,
        blocks: [await meaningsBlock(db, options.catalog)],
      },
    ],
  );
  return { path, rows };
}
