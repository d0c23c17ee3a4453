/**
 * What a what-if compares, computed in SQL: each side's results are kept in the `whatif` catalog
 * (`before_staff_month`, `after_staff_month`, …), and the comparison tables join the two sides row
 * by row, a `<column>_changed` flag beside each compared column's `_before` and `_after`.
 */
import { type Db, quoteLiteral } from "../db.ts";
import type { Format } from "../publish/workbook/formats.ts";

export const comparisonCatalog = "whatif";

export type Side = "before" | "after";

/** The settings in force, with their Chinese labels and values as a reader sees them. */
export const settingsRelation = "intermediate.int_rule_parameters";

/** The relations a side keeps for the compared months, by the name they are kept under. */
export const keptRelations = {
  months: "intermediate.int_months",
  staff_month: "marts.staff_month",
  department_month: "marts.department_month",
  awards: "marts.awards",
  score_rule_month: "marts.score_rule_month",
} as const;

/** A compared column: its Chinese label, how a printed line shows a value, its workbook format. */
export interface Field {
  column: string;
  label: string;
  format: Format;
  /** SQL showing a value of the column as text (`x` stands for the value). */
  shown: string;
}

const score: Pick<Field, "format" | "shown"> = { format: "score", shown: "printf('%.1f', x)" };
const integer: Pick<Field, "format" | "shown"> = { format: "integer", shown: "x::varchar" };
const text: Pick<Field, "format" | "shown"> = { format: "text", shown: "x" };
const yesNo: Pick<Field, "format" | "shown"> = {
  format: "text",
  shown: "case when x then '是' when not x then '否' end",
};

export const staffFields: readonly Field[] = [
  { column: "score", label: "得分", ...score },
  { column: "rank", label: "名次", ...integer },
  { column: "order_no", label: "序号", ...integer },
  { column: "grade", label: "等级", ...text },
  { column: "addition_points", label: "加分", ...score },
  { column: "deduction_points", label: "扣分", ...score },
  { column: "eligible", label: "可否评优", ...yesNo },
  { column: "is_award_winner", label: "文明服务标兵", ...yesNo },
];

export const departmentFields: readonly Field[] = [
  { column: "avg_score", label: "平均分", format: "average", shown: "printf('%.2f', x)" },
  { column: "rank", label: "名次", ...integer },
  { column: "order_no", label: "序号", ...integer },
  { column: "eligible", label: "可否评选", ...yesNo },
  { column: "is_award_winner", label: "文明服务窗口", ...yesNo },
];

const shownAs = (field: Pick<Field, "shown">, value: string): string =>
  `coalesce(${field.shown.replaceAll(/\bx\b/g, value)}, '—')`;

const kept = (side: Side, name: keyof typeof keptRelations) => `${comparisonCatalog}.${side}_${name}`;

/** The two sides of a kept relation, row by row on its key. */
const bothSides = (name: keyof typeof keptRelations, key: string): string =>
  `${kept("before", name)} as before_side full join ${kept("after", name)} as after_side using (${key})`;

/** Keeps the side's results of `months`, after its recomputation has rebuilt the layers. */
export async function keepSide(db: Db, side: Side, months: readonly string[]): Promise<void> {
  const list = months.map(quoteLiteral).join(", ");
  for (const [name, relation] of Object.entries(keptRelations)) {
    await db.run(
      `create or replace table ${kept(side, name as keyof typeof keptRelations)} as
       select * from ${relation} where month in (${list})`,
    );
  }
  await db.run(
    `create or replace table ${comparisonCatalog}.${side}_configuration as select * from ${settingsRelation}`,
  );
}

/** `a.score as score_before, b.score as score_after, a.score is distinct from b.score as score_changed, …` */
const comparedColumns = (fields: readonly Field[]): string =>
  fields
    .map(
      ({ column }) =>
        `before_side.${column} as ${column}_before, after_side.${column} as ${column}_after,
         before_side.${column} is distinct from after_side.${column} as ${column}_changed`,
    )
    .join(",\n");

const anyChanged = (fields: readonly Field[]): string =>
  fields.map(({ column }) => `${column}_changed`).join(" or ");

/** Each changed field as `得分 104.0 → 103.0`, in the fields' order. */
const changeTexts = (fields: readonly Field[]): string =>
  `list_filter([${fields
    .map(
      (field) =>
        `case when ${field.column}_changed then ${quoteLiteral(`${field.label} `)} || ${shownAs(field, `${field.column}_before`)} || ' → ' || ${shownAs(field, `${field.column}_after`)} end`,
    )
    .join(", ")}], part -> part is not null)`;

/** Builds the comparison tables from the two sides kept. */
export async function compareSides(db: Db): Promise<void> {
  const w = comparisonCatalog;
  await db.run(`
    create or replace table ${w}.rule_comparison as
    select
      month, staff_id, rule_code,
      coalesce(rule_codes.short_name, after_side.rule_name, before_side.rule_name) as rule_name,
      coalesce(before_side.points, 0) as points_before,
      coalesce(after_side.points, 0) as points_after,
      coalesce(before_side.points, 0) <> coalesce(after_side.points, 0) as points_changed
    from ${bothSides("score_rule_month", "month, staff_id, rule_code")}
    left join seeds.rule_codes using (rule_code)
  `);
  await db.run(`
    create or replace table ${w}.staff_comparison as
    with joined as (
      select
        month, staff_id,
        coalesce(after_side.staff_name, before_side.staff_name) as staff_name,
        coalesce(after_side.department, before_side.department) as department,
        ${comparedColumns(staffFields)}
      from ${bothSides("staff_month", "month, staff_id")}
    ),
    rule_changes as (
      select month, staff_id,
        list(rule_name || ' ' || printf('%+.1f', points_before) || ' → ' || printf('%+.1f', points_after)
          order by rule_code) as rule_texts
      from ${w}.rule_comparison
      where points_changed
      group by month, staff_id
    )
    select
      joined.*,
      ${changeTexts(staffFields)} || coalesce(rule_changes.rule_texts, []) as changes,
      len(changes) > 0 as is_changed
    from joined
    left join rule_changes using (month, staff_id)
  `);
  await db.run(`
    create or replace table ${w}.department_comparison as
    select
      month, department,
      ${comparedColumns(departmentFields)},
      ${anyChanged(departmentFields)} as is_changed
    from ${bothSides("department_month", "month, department")}
  `);
  await db.run(`
    create or replace table ${w}.award_comparison as
    with sides as (
      select
        month, award,
        case when before_side.winner_id = before_side.winner_name then before_side.winner_name
          else before_side.winner_name || '（' || before_side.winner_id || '）' end as winner_before,
        case when after_side.winner_id = after_side.winner_name then after_side.winner_name
          else after_side.winner_name || '（' || after_side.winner_id || '）' end as winner_after
      from ${bothSides("awards", "month, award")}
    )
    select *, winner_before is distinct from winner_after as is_changed from sides
  `);
  await db.run(`
    create or replace table ${w}.configuration_changes as
    select
      coalesce(after_side.position, before_side.position) as position,
      coalesce(after_side.key, before_side.key) as key,
      coalesce(after_side.valid_from, before_side.valid_from) as valid_from,
      coalesce(after_side.label, before_side.label) as label,
      before_side.display as value_before, after_side.display as value_after
    from ${w}.before_configuration as before_side
    full join ${w}.after_configuration as after_side
      on after_side.key = before_side.key and after_side.valid_from is not distinct from before_side.valid_from
    where before_side.display is distinct from after_side.display
  `);
}

/** The printed report: the settings changed, then per month the awards, people and departments that moved. */
export async function changeLines(db: Db): Promise<string[]> {
  const w = comparisonCatalog;
  const settings = await db.all<{ line: string }>(`
    select label || '（' || key || coalesce('，' || strftime(valid_from, '%Y-%m-%d') || ' 起', '') || '）：'
      || coalesce(value_before, '无') || ' → ' || coalesce(value_after, '无') as line
    from ${w}.configuration_changes order by position, valid_from
  `);
  const lines =
    settings.length === 0
      ? ["配置改动：无（与上次运行使用的配置相同）"]
      : ["配置改动：", ...settings.map((row) => `  ${row.line}`)];
  const months = await db.all<{ month: string; status: string }>(
    `select month, status from ${w}.after_months order by month`,
  );
  for (const { month, status } of months) {
    const counts = await db.one<{ staff: number; movers: number; departments: number; awards: number }>(
      `select
         (select count(*) from ${w}.staff_comparison where month = $month and is_changed)::integer as staff,
         (select count(*) from ${w}.staff_comparison where month = $month and (rank_changed or order_no_changed))::integer as movers,
         (select count(*) from ${w}.department_comparison where month = $month and is_changed)::integer as departments,
         (select count(*) from ${w}.award_comparison where month = $month and is_changed)::integer as awards`,
      { month },
    );
    const detail = await db.all<{ line: string }>(
      `select line from (
         select 1 as part, award as sort_text, 0 as sort_number,
           '  ' || award || '：' || coalesce(winner_before, '无') || ' → ' || coalesce(winner_after, '无') as line
         from ${w}.award_comparison where month = $month and is_changed
         union all
         select 2, staff_id, coalesce(order_no_after, order_no_before),
           '  ' || staff_id || ' ' || staff_name || '（' || department || '）：' || array_to_string(changes, '，')
         from ${w}.staff_comparison where month = $month and is_changed
         union all
         select 3, department, coalesce(order_no_after, order_no_before),
           '  部门 ' || department || '：' || array_to_string(${changeTexts(departmentFields)}, '，')
         from ${w}.department_comparison where month = $month and is_changed
       ) order by part, sort_number, sort_text`,
      { month },
    );
    lines.push(
      detail.length === 0
        ? `${month}（${status}）：没有变化`
        : `${month}（${status}）：${counts?.staff ?? 0} 人的结果变化，其中 ${counts?.movers ?? 0} 人名次或序号变化；${counts?.departments ?? 0} 个部门的结果变化；${counts?.awards ? "评选结果变化" : "评选结果不变"}`,
      ...detail.map((row) => row.line),
    );
  }
  return lines;
}
