/**
 * What must hold after every fuzz case (issue 11), checked on what the run published:
 * (b) every data row of every file is used, superseded, quarantined with a reason or in a duplicate
 *     file, and the counts agree with what the harness wrote;
 * (c) every model's stated invariants hold on the published tables (frozen months included);
 * (d) rates lie in [0, 1], durations and counts are ≥ 0, score = base + additions − deductions
 *     (with the configuration's addition cap and floor), and no month after the as-of month exists;
 * (e) no complainant's name, phone or words appear in the warehouse, the workbooks or page data.
 * (a), the run itself finishing and publishing, is the runner's (run-case.ts).
 * Each returns the problems found, one line each, labelled by its property.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import JSZip from "jszip";
import type { Db } from "../../pipeline/db.ts";
import { quoteIdentifier } from "../../pipeline/db.ts";
import { isPublished } from "../../pipeline/publish/warehouse.ts";
import type { Model } from "../../pipeline/transform/models.ts";
import { checkModel } from "../../pipeline/transform/run-models.ts";
import { findTextInDatabase } from "../support/text-scan.ts";
import { expectedRows, type InboxFile } from "./inbox-model.ts";
import type { CaseContext } from "./mutations.ts";

export interface ScoreSettings {
  base: number;
  additionCap: number | null;
  floor: number | null;
}

/** Files the pipeline must list in ops.loads: under a source folder, neither hidden nor an Office lock file. */
const isExport = (path: string): boolean =>
  !path.split("/").some((part) => part.startsWith(".") || part.startsWith("~$"));

export async function checkAccounting(
  db: Db,
  files: readonly InboxFile[],
  sourceFolders: ReadonlySet<string>,
): Promise<string[]> {
  const problems: string[] = [];
  const loads = await db.all<{
    path: string;
    status: string;
    reason: string | null;
    rows: number;
    used: number;
    superseded: number;
    quarantined: number;
    duplicate: number;
  }>("select path, status, reason, rows, used, superseded, quarantined, duplicate from ops.loads");
  const byPath = new Map(loads.map((load) => [load.path, load]));
  for (const load of loads) {
    const sum = load.used + load.superseded + load.quarantined + load.duplicate;
    if (load.rows !== sum)
      problems.push(
        `(b) ${load.path}：${load.rows} 行 ≠ 采用 ${load.used} + 被替换 ${load.superseded} + 隔离 ${load.quarantined} + 重复 ${load.duplicate}`,
      );
  }
  for (const file of files) {
    const folder = file.path.split("/")[0]!;
    if (!file.path.includes("/") || !sourceFolders.has(folder) || !isExport(file.path)) continue;
    const load = byPath.get(file.path);
    if (!load) {
      problems.push(`(b) ${file.path}：收件箱中的文件没有出现在 ops.loads 中`);
      continue;
    }
    const expected = expectedRows(file);
    if (expected === null) continue;
    if (load.status === "拒收" && expected > 0)
      problems.push(`(b) ${file.path}：${expected} 行数据的文件被整体拒收（${load.reason}）`);
    else if (load.status !== "拒收" && load.rows !== expected)
      problems.push(
        `(b) ${file.path}：写入 ${expected} 行数据，ops.loads 记为 ${load.rows} 行（${load.status}）`,
      );
  }
  const unexplained = await db.all<{ path: string; line: number | null; reason: string | null }>(
    `select path, line, reason from ops.quarantine
     where reason is null or trim(reason) = '' or reason_kind is null or (line is not null and line < 1)
     limit 5`,
  );
  for (const row of unexplained) problems.push(`(b) ${row.path}:${row.line} 被隔离但没有原因`);
  return problems;
}

/** Rows a mutation made unusable (an identifier in scientific notation) are in the quarantine. */
export async function checkQuarantined(db: Db, context: CaseContext): Promise<string[]> {
  const quarantined = new Set(
    (
      await db.all<{ at: string }>(
        "select path || ':' || line as at from ops.quarantine where line is not null",
      )
    ).map((row) => row.at),
  );
  // a file rejected whole (a later mutation cut or damaged it) or skipped as a duplicate has no row quarantined
  const unread = new Set(
    (await db.all<{ path: string }>("select path from ops.loads where status <> '已加载'")).map(
      (row) => row.path,
    ),
  );
  const problems: string[] = [];
  for (const { file, row, column, value, why } of context.mustQuarantine) {
    const index = file.rows.indexOf(row as string[]);
    // a later mutation replaced the file, dropped the row or rewrote the cell: nothing to expect
    if (!context.files.includes(file) || index < 0 || row[column] !== value || unread.has(file.path))
      continue;
    const line = (file.preamble?.length ?? 0) + (file.headers ? 1 : 0) + index + 1;
    if (!quarantined.has(`${file.path}:${line}`))
      problems.push(`(b) ${file.path}:${line} 的${why} ${value} 应被隔离，却被采用了`);
  }
  return problems;
}

/** The published tables' stated invariants (the run checks the months it computed; this covers frozen ones too). */
export async function checkPublishedInvariants(db: Db, models: readonly Model[]): Promise<string[]> {
  const problems: string[] = [];
  for (const model of models.filter(isPublished)) {
    try {
      await checkModel(db, model, model.relation);
    } catch (error) {
      problems.push(`(c) 已发布的 ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * Signed by nature: points, a setting's value (rule_parameters.number holds points too), and every
 * score (score, avg_score, total_score, score_from, previous_1_score…): without a configured floor a
 * score goes below zero (rules.md §9).
 */
const isSigned = (column: string): boolean =>
  column === "points" || column === "number" || /(^|_)score($|_)/.test(column);
const isRate = (column: string): boolean => /(^|_)(rate|share)$/.test(column);

export async function checkFigures(db: Db, score: ScoreSettings, asOf: string): Promise<string[]> {
  const problems: string[] = [];
  const columns = await db.all<{
    schema_name: string;
    table_name: string;
    column_name: string;
    data_type: string;
  }>(
    `select schema_name, table_name, column_name, data_type from duckdb_columns()
     where database_name = current_database() and schema_name in ('marts', 'ops')
     order by schema_name, table_name, column_index`,
  );
  const tables = new Map<string, { column: string; type: string }[]>();
  for (const column of columns) {
    const table = `${column.schema_name}.${column.table_name}`;
    tables.set(table, [...(tables.get(table) ?? []), { column: column.column_name, type: column.data_type }]);
  }
  const asOfMonth = asOf.slice(0, 7);
  for (const [table, list] of tables) {
    const name = table.split(".").map(quoteIdentifier).join(".");
    const tests: [string, string][] = [];
    for (const { column, type } of list) {
      const quoted = quoteIdentifier(column);
      if (!/INT|DOUBLE|DECIMAL|FLOAT|REAL|NUMERIC/.test(type)) {
        // the quarantine may well name a month from the future: that is where such rows belong
        if (column === "month" && type === "VARCHAR" && table.startsWith("marts."))
          tests.push([`${column} 晚于基准日期所在月 ${asOfMonth}`, `${quoted} > '${asOfMonth}'`]);
        continue;
      }
      if (isRate(column))
        tests.push([
          `${column} 不在 [0, 1] 内`,
          `${quoted} < 0 or ${quoted} > 1 or isnan(${quoted}::double)`,
        ]);
      else if (!isSigned(column)) tests.push([`${column} 为负`, `${quoted} < 0`]);
    }
    if (tests.length === 0) continue;
    const row = await db.one(
      `select ${tests.map(([, condition], i) => `count(*) filter (where ${condition}) as n${i}`).join(", ")} from ${name}`,
    );
    for (const [i, [what]] of tests.entries()) {
      const n = Number(row?.[`n${i}`] ?? 0);
      if (n > 0) {
        const label = what.includes("晚于基准日期") ? "(d) 基准日期之后的月份" : "(d)";
        problems.push(`${label} ${table}.${what}（${n} 行）`);
      }
    }
  }
  problems.push(...(await checkScores(db, score)));
  return problems;
}

/** score = base + additions (capped) − deductions (floored), from the published events (rules.md §9). */
async function checkScores(db: Db, score: ScoreSettings): Promise<string[]> {
  const rows = await db.all<{
    month: string;
    staff_id: string;
    score: number;
    additions: number;
    deductions: number;
  }>(
    `select staff_month.month, staff_month.staff_id, staff_month.score::double as score,
       coalesce(sum(points) filter (where points > 0 and not void), 0)::double as additions,
       coalesce(sum(points) filter (where points < 0 and not void), 0)::double as deductions
     from marts.staff_month
     left join marts.score_events using (month, staff_id)
     group by all`,
  );
  const problems: string[] = [];
  for (const row of rows) {
    const additions = score.additionCap === null ? row.additions : Math.min(row.additions, score.additionCap);
    const raw = score.base + additions + row.deductions;
    const expected = score.floor === null ? raw : Math.max(score.floor, raw);
    if (Math.abs(row.score - expected) > 1e-9)
      problems.push(
        `(d) ${row.month} ${row.staff_id} 得分 ${row.score} ≠ ${score.base} + 加分 ${additions} − 扣分 ${-row.deductions}${score.floor === null ? "" : `（保底 ${score.floor}）`} = ${expected}`,
      );
  }
  return problems.slice(0, 5);
}

/** Text decoded with the wrong encoding leaves U+FFFD behind: no published text may hold one. */
export async function checkDecoding(warehouse: string): Promise<string[]> {
  return (await findTextInDatabase(warehouse, ["\uFFFD"])).map(
    (hit) => `(b) 乱码（U+FFFD）出现在 ${hit.split(":")[0]}`,
  );
}

/** Complainants' details: none in any text column or in the bytes of the warehouse. */
export async function checkWarehousePrivacy(
  warehouse: string,
  secrets: readonly string[],
): Promise<string[]> {
  if (secrets.length === 0) return [];
  const hits = await findTextInDatabase(warehouse, secrets);
  const bytes = await readFile(warehouse);
  for (const secret of secrets)
    if (bytes.includes(Buffer.from(secret, "utf8"))) hits.push(`warehouse.duckdb 文件字节: ${secret}`);
  return [...new Set(hits)].map((hit) => `(e) 投诉人信息出现在数据仓库：${hit}`);
}

/** Every xlsx under `<out>/reports`: each part of the zip as text. */
export async function checkWorkbookPrivacy(out: string, secrets: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  const reports = join(out, "reports");
  const months = await readdir(reports).catch(() => [] as string[]);
  for (const month of months) {
    for (const name of (await readdir(join(reports, month))).filter((file) => file.endsWith(".xlsx"))) {
      const zip = await JSZip.loadAsync(await readFile(join(reports, month, name)));
      for (const entry of Object.values(zip.files)) {
        if (entry.dir) continue;
        const text = await entry.async("string");
        for (const secret of secrets)
          if (text.includes(secret))
            problems.push(`(e) 投诉人信息出现在工作簿 reports/${month}/${name}（${entry.name}）：${secret}`);
      }
    }
  }
  return problems;
}

/** Page data as the loaders write it (one JSON object per loader, a line apart): its rates and durations. */
export function checkPageDataFigures(pageData: string): string[] {
  const problems = new Set<string>();
  const visit = (value: unknown, key: string, where: string): void => {
    if (Array.isArray(value)) for (const item of value) visit(item, key, where);
    else if (value !== null && typeof value === "object")
      for (const [name, inner] of Object.entries(value)) visit(inner, name, where === "" ? name : where);
    else if (typeof value === "number") {
      if (isRate(key) && (value < 0 || value > 1))
        problems.add(`(d) 看板数据 ${where}.${key} 不在 [0, 1] 内：${value}`);
      else if (/_s$|(^|_)(tickets|served|count)$/.test(key) && value < 0)
        problems.add(`(d) 看板数据 ${where}.${key} 为负：${value}`);
    }
  };
  for (const line of pageData.split("\n").filter((text) => text.trim() !== ""))
    visit(JSON.parse(line), "", "");
  return [...problems].slice(0, 5);
}

export function checkPageDataPrivacy(pageData: string, secrets: readonly string[]): string[] {
  return secrets
    .filter((secret) => pageData.includes(secret))
    .map((secret) => `(e) 投诉人信息出现在看板数据中：${secret}`);
}
