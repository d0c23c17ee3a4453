/**
 * `对比.xlsx`: one row per person and month, and one per department and month, each compared value
 * as a pair of columns (当前配置 / 假设配置) with the cells that differ highlighted. Every value and
 * every highlight comes from the comparison tables (comparison.ts).
 */
import { type Db, quoteLiteral } from "../db.ts";
import { type Column, highlightLegend, type SheetDefinition } from "../publish/workbook/sheets.ts";
import type { SheetContext } from "../publish/workbook/write-sheet.ts";
import { writeWorkbook } from "../publish/workbook/write-workbook.ts";
import { monthLabel } from "../publish/workbook.ts";
import { comparisonCatalog, departmentFields, type Field, staffFields } from "./comparison.ts";

export const comparisonFileName = "对比.xlsx";

const w = comparisonCatalog;

/** A field's two columns: the value under the current configuration and under the what-if's. */
const pairColumns = (label: string, key: string, format: Column["format"]): Column[] => [
  { header: `${label}（当前）`, key: `${key}_before`, format, changedKey: `${key}_changed` },
  { header: `${label}（假设）`, key: `${key}_after`, format, changedKey: `${key}_changed` },
];

/** Select items for a field's pair: text fields as shown (是/否), numbers as they are. */
const pairSelect = (field: Field): string =>
  (["before", "after"] as const)
    .map((side) => {
      const value = `${field.column}_${side}`;
      return `${field.format === "text" ? field.shown.replaceAll(/\bx\b/g, value) : value} as ${value}`;
    })
    .concat(`${field.column}_changed`)
    .join(", ");

/** Rules whose points changed for anyone: only those get columns (the cap, say, changes none). */
async function changedRules(db: Db): Promise<{ rule_code: string; rule_name: string }[]> {
  return db.all(
    `select rule_code, any_value(rule_name) as rule_name from ${w}.rule_comparison
     where points_changed group by rule_code order by rule_code`,
  );
}

export async function writeComparisonWorkbook(
  db: Db,
  path: string,
  context: { hallName: string; months: readonly string[]; configName: string; asOf: string; created: Date },
): Promise<number> {
  const rules = await changedRules(db);
  const ruleColumns = rules.flatMap((rule, index) => pairColumns(rule.rule_name, `rule${index}`, "points"));
  const ruleSelects = rules.map((rule, index) => {
    const code = quoteLiteral(rule.rule_code);
    return `max(points_before) filter (where rule_code = ${code}) as rule${index}_before,
       max(points_after) filter (where rule_code = ${code}) as rule${index}_after,
       bool_or(points_changed) filter (where rule_code = ${code}) as rule${index}_changed`;
  });
  const legend = `当前：按上次运行的配置重算；假设：按 ${context.configName} 的配置重算；数据截至 ${context.asOf}。${highlightLegend.changed}。不是正式结果，未发布。`;
  // one block per sheet, every row listed: the highlights show what differs
  const sheet = (name: string, title: string, columns: Column[], query: string): SheetDefinition => ({
    name,
    title,
    legend,
    blocks: [{ columns, query, perMonth: false }],
  });
  const ruleValues = rules.map(
    (_rule, index) =>
      `, coalesce(rule${index}_before, 0) as rule${index}_before, coalesce(rule${index}_after, 0) as rule${index}_after, coalesce(rule${index}_changed, false) as rule${index}_changed`,
  );
  const definitions = [
    sheet(
      "人员对比",
      "人员考核结果对比",
      [
        { header: "月份", key: "month", format: "text" },
        { header: "工号", key: "staff_id", format: "text" },
        { header: "姓名", key: "staff_name", format: "text" },
        { header: "部门", key: "department", format: "text" },
        ...staffFields.flatMap((field) => pairColumns(field.label, field.column, field.format)),
        ...ruleColumns,
      ],
      `with rule_points as (
         select month, staff_id ${ruleSelects.map((select) => `, ${select}`).join("")}
         from ${w}.rule_comparison group by month, staff_id
       )
       select staff.month, staff.staff_id, staff.staff_name, staff.department,
         ${staffFields.map(pairSelect).join(",\n")} ${ruleValues.join("")}
       from ${w}.staff_comparison as staff
       left join rule_points using (month, staff_id)
       order by staff.month, coalesce(staff.order_no_after, staff.order_no_before), staff.staff_id`,
    ),
    sheet(
      "部门对比",
      "窗口单位结果对比",
      [
        { header: "月份", key: "month", format: "text" },
        { header: "部门", key: "department", format: "text" },
        ...departmentFields.flatMap((field) => pairColumns(field.label, field.column, field.format)),
      ],
      `select month, department, ${departmentFields.map(pairSelect).join(",\n")}
       from ${w}.department_comparison
       order by month, coalesce(order_no_after, order_no_before), department`,
    ),
  ];
  const sheetContext: SheetContext = {
    db,
    month: context.months.join("、"),
    titlePrefix: `${context.hallName} ${context.months.map(monthLabel).join("、")}`,
    status: "假设测试",
    defaultLegend: legend,
  };
  return writeWorkbook(
    path,
    {
      author: context.hallName,
      title: `${context.hallName} 假设测试对比`,
      subject: `按 ${context.configName} 的配置重算 ${context.months.join("、")} 的结果（未发布）`,
      created: context.created,
    },
    sheetContext,
    definitions,
  );
}
