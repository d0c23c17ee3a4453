/**
 * The 说明 sheet: what the workbook is, its status, the rule parameters in force (from the
 * configuration) and how to appeal. Rule names come from the reference list sql/seeds/rule_codes.csv,
 * which the published warehouse does not carry.
 */
import { fileURLToPath } from "node:url";
import type { Config } from "../../config.ts";
import { type Db, quoteLiteral } from "../../db.ts";
import type { SheetDefinition } from "./sheets.ts";

const ruleCodesFile = fileURLToPath(new URL("../../../sql/seeds/rule_codes.csv", import.meta.url));

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
  hallName: string;
  monthLabel: string;
  asOf: string;
  config: Config;
  month: MonthFacts;
  /** Staff per grade in staff_month, e.g. { 优秀: 3, 合格: 14, 末位: 0 }. */
  grades: Record<string, number>;
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

export async function explanationSheet(input: ExplanationInput): Promise<SheetDefinition> {
  const { config, month } = input;
  const appealEnd = isoDate(month.appeal_window_end);
  const statusText =
    month.status === "公示"
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
      `工作日 ${month.working_days} 天，有考勤数据 ${month.data_days ?? "—"} 天，数据缺失 ${month.missing_data_days} 天，尚无数据 ${month.pending_days ?? 0} 天`,
    ],
    ["参加排名人数", String(month.staff_ranked ?? "—")],
    ...(month.calendar_note ? ([["日历说明", month.calendar_note]] as [string, string][]) : []),
    [
      "作息时间",
      config.hours
        .map(
          (h) => `自 ${h.effective_from} 起 上午 ${h.am_start}–${h.am_end}，下午 ${h.pm_start}–${h.pm_end}`,
        )
        .join("；"),
    ],
    ["考勤宽限", `上班、下班打卡各有 ${config.attendance.grace_minutes} 分钟宽限`],
    [
      "得分计算",
      `基础分 ${config.score.base} 分，加上加分、减去扣分（申诉撤销的事件不计）；加分上限：${config.score.addition_cap ?? "无"}；得分下限：${config.score.floor ?? "无"}`,
    ],
    [
      "等级比例",
      `优秀为严格排序前 ${percent(config.grades.excellent_share)}，末位为后 ${percent(config.grades.last_share)}（四舍五入；仅得分低于 ${config.score.base} 分者可为末位，受取消评优评先资格及以上处理者不能为优秀）；本月 ${
        Object.entries(input.grades)
          .map(([grade, count]) => `${grade} ${count} 人`)
          .join("、") || "无人参加排名"
      }`,
    ],
    [
      "文明服务标兵",
      `严格排序中第一位具备资格者；资格：当月无取消评优评先资格及以上的处理，在岗天数不少于有考勤数据工作日的 ${percent(config.awards.min_duty_share)}`,
    ],
    [
      "文明服务窗口",
      `平均分最高且具备资格的部门；资格：当月无人被通报批评并调离岗位，且无 AB 岗空岗${
        config.awards.post_without_backup_blocks
          ? "，且每个窗口都有有效的 B 岗"
          : "（无有效 B 岗的窗口列入“数据质量”，不影响资格）"
      }`,
    ],
    [
      "申诉办法",
      `对本月结果有异议的，请于月末后 ${config.appeals.window_working_days} 个工作日内（截至 ${appealEnd}），注明事件编号（见“加扣分明细”）或案件编号（见“责任追究台账”），经中心办公室提出申诉。`,
    ],
  ];
  const rules = await input.db.all<{
    rule_code: string;
    rule_name: string;
    section: string;
    category: string;
  }>(
    `select rule_code, rule_name, section, category from read_csv(${quoteLiteral(ruleCodesFile)}, all_varchar = true)`,
  );
  const points = config.points as Record<string, number>;
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
      {
        heading: "加扣分标准（本月适用）",
        columns: [
          { header: "规则代码", key: "rule_code", format: "text" },
          { header: "规则名称", key: "rule_name", format: "text" },
          { header: "条款", key: "section", format: "text" },
          { header: "类别", key: "category", format: "text" },
          { header: "分值", key: "points", format: "points" },
        ],
        rows: rules
          .filter((rule) => rule.rule_code in points)
          .map((rule) => ({ ...rule, points: points[rule.rule_code] ?? null })),
      },
    ],
  };
}
