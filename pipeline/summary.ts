/**
 * The run's report to the operator, in Chinese: files, rows, quarantined rows by reason, roster
 * problems, months and their status, the share of evaluations flagged for the inspectors, late
 * data for final months, calendar gaps, and where the outputs are.
 */
import { relative, resolve } from "node:path";
import type { Db } from "./db.ts";
import type { IngestResult } from "./ingest/ingest.ts";
import type { OutLayout } from "./out-layout.ts";

export interface MonthStatus {
  month: string;
  status: string;
  isFrozen: boolean;
}

export interface RunSummary {
  lines: string[];
  months: MonthStatus[];
  filesLoaded: number;
  rowsLoaded: number;
  quarantinedByKind: Record<string, number>;
}

const number = (value: number) => value.toLocaleString("zh-CN");

/** Roster problems listed one by one; the rest are counted (the 数据质量 page lists them all). */
const rosterFindingLines = 20;

/** A path as the operator typed it: relative when it is under the working directory. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? resolve(path) : rel;
}

export async function summarize(
  db: Db,
  ingest: IngestResult,
  context: { asOf: string; layout: OutLayout; version: string; seconds: number; outputs?: string[] },
): Promise<RunSummary> {
  const count = (status: string) => ingest.files.filter((file) => file.status === status).length;
  const loaded = ingest.files.filter((file) => file.status === "loaded");
  const rowsLoaded = loaded.reduce((sum, file) => sum + file.rows, 0);
  const lines = [
    `【运行结果】基准日期 ${context.asOf}`,
    `文件：新加载 ${count("loaded")} 个，内容重复跳过 ${count("duplicate")} 个，已加载过 ${count("unchanged")} 个，拒收 ${count("rejected")} 个；新读入 ${number(rowsLoaded)} 行`,
  ];
  for (const file of ingest.files.filter((f) => f.status === "rejected")) {
    lines.push(`  拒收 ${file.path}：${file.reason}`);
  }
  for (const stray of ingest.strays) lines.push(`  未识别的收件箱条目（已忽略）：${stray}`);

  const kinds = await db.all<{ reason_kind: string; n: bigint }>(
    "select reason_kind, count(*) as n from ops.quarantine group by reason_kind order by n desc, reason_kind",
  );
  const quarantinedByKind = Object.fromEntries(kinds.map((row) => [row.reason_kind, Number(row.n)]));
  const quarantined = kinds.reduce((sum, row) => sum + Number(row.n), 0);
  lines.push(`隔离行（累计）：${number(quarantined)} 行${quarantined ? "，按原因：" : ""}`);
  for (const row of kinds) lines.push(`  ${row.reason_kind} ${number(Number(row.n))} 行`);

  const findings = await db.all<{ detail: string }>(
    "select detail from marts.roster_findings order by finding, staff_id, account_kind, start_date",
  );
  if (findings.length > 0) {
    lines.push(`名册问题：${number(findings.length)} 处（看板“数据质量”页与工作簿“数据质量”表逐条列出）`);
    for (const row of findings.slice(0, rosterFindingLines)) lines.push(`  ${row.detail}`);
    if (findings.length > rosterFindingLines) {
      lines.push(`  另有 ${number(findings.length - rosterFindingLines)} 处未列出`);
    }
  }

  // with several halls each line names its hall: months, flags and gaps are each hall's own
  const hallRows = await db.all<{ hall_name: string; month: string; status: string; is_frozen: boolean }>(
    "select hall_name, month, status, is_frozen from intermediate.int_months order by hall_code, month",
  );
  const several = new Set(hallRows.map((row) => row.hall_name)).size > 1;
  const inHall = (name: string) => (several ? `${name} ` : "");
  const months = hallRows.map((row) => ({ month: row.month, status: row.status, isFrozen: row.is_frozen }));
  const monthText = (row: (typeof hallRows)[number]) =>
    `${row.month} ${row.status}${row.is_frozen ? "（已冻结，未重算）" : ""}`;
  const monthsByHall = new Map<string, string[]>();
  for (const row of hallRows)
    monthsByHall.set(row.hall_name, [...(monthsByHall.get(row.hall_name) ?? []), monthText(row)]);
  lines.push(
    `月份：${[...monthsByHall].map(([hall, texts]) => `${inHall(hall)}${texts.join("，")}`).join("；") || "尚无考勤数据，未计分"}`,
  );

  const flagged = await db.all<{
    hall_name: string;
    month: string;
    evaluations: number;
    flags: number;
    flagged_evaluations: number;
    percent: string;
  }>(
    `select hall_name, month, evaluations, flags, flagged_evaluations, printf('%.1f', 100 * flagged_share) as percent
     from marts.evaluation_flag_month order by hall_code, month`,
  );
  for (const row of flagged) {
    lines.push(
      `疑似异常评价：${inHall(row.hall_name)}${row.month} 线索 ${number(row.flags)} 条，涉及评价 ${number(row.flagged_evaluations)} 条，占全部 ${number(row.evaluations)} 条评价的 ${row.percent}%（供督查核实，不计分）`,
    );
  }

  const late = await db.all<{ hall_name: string | null; month: string; source: string; n: bigint }>(
    `select hall_name, month, source, count(*) as n from ops.late_arrivals where is_new
     group by all order by hall_name nulls first, month, source`,
  );
  for (const row of late) {
    lines.push(
      `迟到数据：${row.hall_name ? inHall(row.hall_name) : ""}${row.month} 已确认冻结，本次新到 ${row.source} ${number(Number(row.n))} 行未计入（如需计入，请以 --reopen ${row.month} 重新计算）`,
    );
  }
  const uncovered = await db.all<{ hall_name: string; calendar_year: number; n: bigint }>(
    "select hall_name, calendar_year, scored_workdays as n from intermediate.int_calendar_gaps order by hall_code, calendar_year",
  );
  for (const row of uncovered) {
    lines.push(
      `日历：${inHall(row.hall_name)}${row.calendar_year} 年的官方节假日安排尚未收录，本次按周一至周五加工作日调整登记计算了 ${Number(row.n)} 个工作日；请更新 chinese-days 或在 calendar/ 中登记调休`,
    );
  }
  lines.push(`已发布（版本 ${context.version}）：`);
  lines.push(`  数据仓库 ${shown(context.layout.warehouse)}`);
  for (const output of context.outputs ?? []) lines.push(`  ${output}`);
  lines.push(`用时 ${context.seconds.toFixed(1)} 秒`);
  return { lines, months, filesLoaded: loaded.length, rowsLoaded, quarantinedByKind };
}
