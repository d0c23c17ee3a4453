/**
 * The 说明 sheet: what the workbook is, its status, how the month was scored and how to appeal, then
 * the rules in force that month — every setting (marts.rule_parameters) and every rule code with its
 * points, what raises it and the investigation trigger it raises (marts.rule_codes). Every number
 * comes from the published warehouse; none is restated here.
 */
import type { Db } from "../../db.ts";
import type { SheetDefinition } from "./sheets.ts";

export interface MonthFacts {
  status: string;
  appeal_window_end: Date;
  working_days: number;
  data_days: number | null;
  missing_data_days: number;
  pending_days: number | null;
  staff_ranked: number | null;
  calendar_note: string | null;
}

export interface ExplanationInput {
  db: Db;
  /** The published warehouse's `marts` schema, quoted (`"published".marts`). */
  marts: string;
  hallName: string;
  /** `YYYY-MM`. */
  month: string;
  monthLabel: string;
  asOf: string;
  facts: MonthFacts;
  /** Staff per grade in staff_month, e.g. { 优秀: 3, 合格: 14, 末位: 0 }. */
  grades: Record<string, number>;
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** The month's settings as a reader sees them (`10 分钟`, `18%`, `不设`), by configuration key. */
export async function settingsShown(
  input: Pick<ExplanationInput, "db" | "marts" | "month">,
): Promise<(key: string) => string> {
  const rows = await input.db.all<{ key: string; display: string }>(
    `select key, string_agg(display, '；' order by valid_from) as display
     from ${input.marts}.rule_parameters where month = $month group by key`,
    { month: input.month },
  );
  const shown = new Map(rows.map((row) => [row.key, row.display]));
  return (key) => {
    const display = shown.get(key);
    if (display === undefined)
      throw new Error(`仓库中缺少 ${input.month} 月的规则参数 ${key}（${input.marts}.rule_parameters）`);
    return display;
  };
}

export async function explanationSheet(input: ExplanationInput): Promise<SheetDefinition> {
  const { facts, marts } = input;
  const setting = await settingsShown(input);
  const appealEnd = isoDate(facts.appeal_window_end);
  const statusText =
    facts.status === "公示"
      ? `公示（申诉期内，结果可能随申诉与补充数据变化；${appealEnd} 后转为确认）`
      : `确认（申诉期已于 ${appealEnd} 结束，结果已冻结）`;
  const items: [string, string][] = [
    ["服务大厅", input.hallName],
    ["考核月份", input.monthLabel],
    ["计算基准日期", input.asOf],
    ["结果状态", statusText],
    ["申诉截止日", appealEnd],
    [
      "考勤数据",
      `工作日 ${facts.working_days} 天，有考勤数据 ${facts.data_days ?? "—"} 天，数据缺失 ${facts.missing_data_days} 天，尚无数据 ${facts.pending_days ?? 0} 天`,
    ],
    ["参加排名人数", String(facts.staff_ranked ?? "—")],
    ...(facts.calendar_note ? ([["日历说明", facts.calendar_note]] as [string, string][]) : []),
    [
      "得分计算",
      `基础分 ${setting("score.base")}，加上加分、减去扣分（申诉撤销的事件不计）；每月加分上限：${setting("score.addition_cap")}；得分下限：${setting("score.floor")}`,
    ],
    [
      "等级比例",
      `优秀为严格排序前 ${setting("grades.excellent_share")}，末位为后 ${setting("grades.last_share")}（人数四舍五入；得分低于基础分者才可为末位，受取消评优评先资格及以上处理者不能为优秀）；本月 ${
        Object.entries(input.grades)
          .map(([grade, count]) => `${grade} ${count} 人`)
          .join("、") || "无人参加排名"
      }`,
    ],
    [
      "文明服务标兵",
      `严格排序中第一位具备资格者；资格：当月无取消评优评先资格及以上的处理，在岗天数不少于有考勤数据工作日的 ${setting("awards.min_duty_share")}`,
    ],
    [
      "文明服务窗口",
      `平均分最高且具备资格的部门；资格：当月无人被通报批评并调离岗位，且无 AB 岗空岗${
        setting("awards.post_without_backup_blocks") === "是"
          ? "，且每个窗口都有有效的 B 岗"
          : "（无有效 B 岗的窗口列入“数据质量”，不影响资格）"
      }`,
    ],
    [
      "申诉办法",
      `对本月结果有异议的，请于月末后 ${setting("appeals.window_working_days")}内（截至 ${appealEnd}），注明事件编号（见“加扣分明细”）或案件编号（见“责任追究台账”），经中心办公室提出申诉；写法见《规则说明》§17。`,
    ],
    [
      "规则说明",
      "各条规则的含义与示例见《规则说明》，章节号即下表“条款”列；下表数字为本中心本月实际适用的配置",
    ],
  ];
  return {
    name: "说明",
    title: "绩效考核工作簿说明",
    legend: `数据截至 ${input.asOf}`,
    repeatHeader: false,
    blocks: [
      {
        columns: [
          { header: "项目", key: "item", format: "text" },
          { header: "内容", key: "value", format: "text" },
        ],
        rows: items.map(([item, value]) => ({ item, value })),
      },
      // the codes before the settings: the settings' last column (配置项) then runs on over empty
      // cells instead of widening the codes' 类别 column
      {
        heading: "加扣分标准（本月适用）",
        columns: [
          { header: "规则代码", key: "rule_code", format: "text" },
          { header: "规则名称", key: "rule_name", format: "text" },
          { header: "条款", key: "section", format: "text" },
          { header: "类别", key: "category", format: "text" },
          { header: "分值", key: "points", format: "points" },
          { header: "何时计分", key: "raised_when", format: "text" },
          { header: "触发条款", key: "trigger", format: "text" },
        ],
        query: `select rule_codes.rule_code, rule_codes.rule_name, rule_codes.section, rule_codes.category,
            parameters.number as points, rule_codes.raised_when,
            rule_codes.trigger
          from ${marts}.rule_codes
          inner join ${marts}.rule_parameters as parameters
            on parameters.month = $month and parameters.key = 'points.' || rule_codes.rule_code
          order by parameters.position`,
        perMonth: true,
      },
      {
        heading: "规则参数（本月适用）",
        columns: [
          { header: "条款", key: "section", format: "text" },
          { header: "参数", key: "label", format: "text" },
          { header: "取值", key: "display", format: "text" },
          { header: "配置项", key: "key", format: "text" },
        ],
        query: `select section, label, display || coalesce('（' || applies || '）', '') as display, key
          from ${marts}.rule_parameters
          where month = $month and not starts_with(key, 'points.')
          order by try_cast(substr(section, 2) as integer), position, valid_from`,
        perMonth: true,
      },
    ],
  };
}
