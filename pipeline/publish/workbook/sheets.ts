/**
 * The HR workbook's sheets: Chinese names, headers and formats, and the query against the published
 * marts that fills each block. Queries only select, order and label (是/否, ★, 上午/下午); every number
 * comes from a mart as it is.
 */
import type { Row } from "../../db.ts";
import type { Format, Highlight } from "./formats.ts";

export interface Column {
  header: string;
  /** Column of the block's query. */
  key: string;
  format: Format;
  /** Column of the block's query: when true, this cell is highlighted as changed (a what-if's comparison). */
  changedKey?: string;
}

/**
 * One table of a sheet: an optional heading line, a header row and its rows, either from a query
 * (streamed) or given. A column `highlight` ('last' | 'ineligible') colours the row.
 */
export type Block = { heading?: string; columns: Column[] } & (
  | {
      /** Selects the columns (by key) in display order; `$month` is bound when `perMonth`. */
      query: string;
      perMonth: boolean;
    }
  | { rows: Row[] }
);

export interface SheetDefinition {
  name: string;
  /** The part of the title after hall and month, before the status. */
  title: string;
  legend?: string;
  blocks: Block[];
  /**
   * Whether printed pages repeat the first block's header; off where later blocks are long and have
   * other headers, which the repeated one would mislabel.
   */
  repeatHeader?: boolean;
}

export const highlightLegend: Record<Highlight, string> = {
  last: "浅红底色：末位",
  ineligible: "浅黄底色：不具备评选资格",
  changed: "橙色底色：两种配置下结果不同的单元格",
};

/** Largest number of quarantined rows listed one by one; the grouped counts cover them all. */
export const quarantineDetailLimit = 2000;

const yesNo = (column: string): string => `case when ${column} then '是' else '否' end`;

export function sheetDefinitions(catalog: string): SheetDefinition[] {
  const marts = `${catalog}.marts`;
  const ops = `${catalog}.ops`;
  return [
    {
      name: "个人排名",
      title: "窗口工作人员月度考核排名",
      legend: `${highlightLegend.last}；${highlightLegend.ineligible}（文明服务标兵）；★ 当月文明服务标兵`,
      blocks: [
        {
          columns: [
            { header: "序号", key: "order_no", format: "integer" },
            { header: "名次", key: "rank", format: "integer" },
            { header: "工号", key: "staff_id", format: "text" },
            { header: "姓名", key: "staff_name", format: "text" },
            { header: "部门", key: "department", format: "text" },
            { header: "窗口", key: "window_no", format: "text" },
            { header: "得分", key: "score", format: "score" },
            { header: "扣分", key: "deduction_points", format: "score" },
            { header: "加分", key: "addition_points", format: "score" },
            { header: "等级", key: "grade", format: "text" },
            { header: "好评率", key: "good_rate", format: "rate" },
            { header: "评价数", key: "evaluations", format: "integer" },
            { header: "办件量", key: "served_tickets", format: "integer" },
            { header: "在岗天数", key: "duty_days", format: "integer" },
            { header: "可否评优", key: "eligible", format: "text" },
            { header: "不能评优原因", key: "ineligible_reason", format: "text" },
            { header: "标兵", key: "award", format: "text" },
            { header: "同分排序依据", key: "tie_break", format: "text" },
          ],
          query: `
            select staff.order_no, staff.rank, staff.staff_id, staff.staff_name, staff.department,
              staff.window_no, staff.score, staff.deduction_points, staff.addition_points, staff.grade,
              staff.good_rate, staff.evaluations, staff.served_tickets, staff.duty_days,
              ${yesNo("staff.eligible")} as eligible, staff.ineligible_reason,
              case when awards.winner_id is not null then '★' end as award,
              staff.tie_break,
              case when staff.grade = '末位' then 'last' when not staff.eligible then 'ineligible' end as highlight
            from ${marts}.staff_month as staff
            left join ${marts}.awards as awards
              on awards.month = staff.month and awards.award = '文明服务标兵' and awards.winner_id = staff.staff_id
            where staff.month = $month
            order by staff.order_no`,
          perMonth: true,
        },
      ],
    },
    {
      name: "窗口单位排名",
      title: "窗口单位月度排名",
      legend: `${highlightLegend.ineligible}（文明服务窗口）；★ 当月文明服务窗口`,
      blocks: [
        {
          columns: [
            { header: "名次", key: "rank", format: "integer" },
            { header: "部门", key: "department", format: "text" },
            { header: "人数", key: "staff_count", format: "integer" },
            { header: "平均分", key: "avg_score", format: "average" },
            { header: "好评率", key: "good_rate", format: "rate" },
            { header: "查实投诉", key: "verified_complaints", format: "integer" },
            { header: "空岗次数", key: "empty_post_sessions", format: "integer" },
            { header: "可否评选", key: "eligible", format: "text" },
            { header: "原因", key: "ineligible_reason", format: "text" },
            { header: "文明服务窗口", key: "award", format: "text" },
          ],
          query: `
            select departments.rank, departments.department, departments.staff_count, departments.avg_score,
              departments.good_rate, departments.verified_complaints, departments.empty_post_sessions,
              ${yesNo("departments.eligible")} as eligible, departments.ineligible_reason,
              case when awards.winner_id is not null then '★' end as award,
              case when not departments.eligible then 'ineligible' end as highlight
            from ${marts}.department_month as departments
            left join ${marts}.awards as awards
              on awards.month = departments.month and awards.award = '文明服务窗口'
              and awards.winner_id = departments.department
            where departments.month = $month
            order by departments.order_no, departments.department`,
          perMonth: true,
        },
      ],
    },
    {
      name: "加扣分明细",
      title: "加扣分明细",
      legend: "分值：加分为正、扣分为负；已撤销的事件不计入得分。申诉时请引用事件编号。",
      blocks: [
        {
          columns: [
            { header: "事件编号", key: "event_id", format: "text" },
            { header: "日期", key: "event_date", format: "date" },
            { header: "工号", key: "staff_id", format: "text" },
            { header: "姓名", key: "staff_name", format: "text" },
            { header: "部门", key: "department", format: "text" },
            { header: "规则代码", key: "rule_code", format: "text" },
            { header: "规则名称", key: "rule_name", format: "text" },
            { header: "分值", key: "points", format: "points" },
            { header: "来源", key: "source", format: "text" },
            { header: "证据", key: "source_ref", format: "text" },
            { header: "说明", key: "detail", format: "text" },
            { header: "是否撤销", key: "void", format: "text" },
            { header: "申诉编号", key: "appeal_id", format: "text" },
            { header: "申诉状态", key: "appeal_status", format: "text" },
          ],
          query: `
            select event_id, event_date, staff_id, staff_name, department, rule_code, rule_name, points,
              source, source_ref, detail, ${yesNo("void")} as void, appeal_id, appeal_status
            from ${marts}.score_events
            where month = $month
            order by event_date, staff_id, event_id`,
          perMonth: true,
        },
      ],
    },
    {
      name: "责任追究台账",
      title: "责任追究台账",
      legend: "建议：由触发事件自动生成、尚待认定的案件。申诉时请引用案件编号。",
      blocks: [
        {
          columns: [
            { header: "案件编号", key: "case_id", format: "text" },
            { header: "工号", key: "staff_id", format: "text" },
            { header: "姓名", key: "staff_name", format: "text" },
            { header: "部门", key: "department", format: "text" },
            { header: "触发条款", key: "trigger", format: "text" },
            { header: "条款内容", key: "trigger_name", format: "text" },
            { header: "发生日期", key: "occurred_on", format: "date" },
            { header: "基础处理（按情节）", key: "base_tier", format: "text" },
            { header: "从重情形", key: "aggravating", format: "text" },
            { header: "从轻情形", key: "mitigating", format: "text" },
            { header: "处理结果", key: "final_tier", format: "text" },
            { header: "状态", key: "status", format: "text" },
            { header: "合并至", key: "merged_into", format: "text" },
            { header: "关联事件", key: "event_ids", format: "text" },
            { header: "是否撤销", key: "void", format: "text" },
            { header: "申诉编号", key: "appeal_id", format: "text" },
          ],
          query: `
            select case_id, staff_id, staff_name, department, trigger, trigger_name, occurred_on, base_tier,
              aggravating, mitigating, final_tier, status, merged_into,
              array_to_string(coalesce(event_ids, [event_id]), '、') as event_ids,
              ${yesNo("void")} as void, appeal_id
            from ${marts}.investigations
            where month = $month
            order by occurred_on, staff_id, case_id`,
          perMonth: true,
        },
      ],
    },
    {
      name: "考勤异常",
      title: "考勤异常",
      legend: "只列迟到、早退、缺卡、旷工的半天；应到、应退已按批准的请假调整。",
      blocks: [
        {
          columns: [
            { header: "日期", key: "work_date", format: "date" },
            { header: "时段", key: "session", format: "text" },
            { header: "工号", key: "staff_id", format: "text" },
            { header: "姓名", key: "staff_name", format: "text" },
            { header: "部门", key: "department", format: "text" },
            { header: "签到", key: "in_at", format: "datetime" },
            { header: "签退", key: "out_at", format: "datetime" },
            { header: "应到", key: "expected_start", format: "datetime" },
            { header: "应退", key: "expected_end", format: "datetime" },
            { header: "结果", key: "outcome", format: "text" },
          ],
          query: `
            select work_date, case session when 'AM' then '上午' when 'PM' then '下午' else session end as session,
              staff_id, staff_name, department, in_at, out_at, expected_start, expected_end, outcome
            from ${marts}.attendance_sessions
            where month = $month and is_anomaly
            order by work_date, staff_id, attendance_sessions.session`,
          perMonth: true,
        },
        {
          heading: "考勤数据缺失日（全大厅无任何打卡的工作日，不计考勤）",
          columns: [
            { header: "日期", key: "work_date", format: "date" },
            { header: "说明", key: "reason", format: "text" },
          ],
          query: `
            select work_date, reason
            from ${marts}.attendance_missing_days
            where month = $month
            order by work_date`,
          perMonth: true,
        },
      ],
    },
    {
      name: "疑似异常评价",
      title: "疑似异常评价（督查线索）",
      legend: "供督查核实的线索，不计分、不影响排名；每一条都只是“疑似”，核实后再按规定处理。",
      blocks: [
        {
          columns: [
            { header: "线索编号", key: "flag_id", format: "text" },
            { header: "类型", key: "pattern", format: "text" },
            { header: "工号", key: "staff_id", format: "text" },
            { header: "姓名", key: "staff_name", format: "text" },
            { header: "部门", key: "department", format: "text" },
            { header: "窗口", key: "window_no", format: "text" },
            { header: "时段开始", key: "window_from", format: "datetime" },
            { header: "时段结束", key: "window_to", format: "datetime" },
            { header: "评价条数", key: "evaluations", format: "integer" },
            { header: "证据", key: "evidence", format: "text" },
            { header: "触发规则", key: "rule", format: "text" },
            { header: "来源", key: "source_ref", format: "text" },
          ],
          query: `
            select flag_id, pattern, staff_id, staff_name, department, window_no, window_from, window_to,
              evaluations, evidence, rule, source_ref
            from ${marts}.evaluation_flags
            where month = $month
            order by pattern, window_from, flag_id`,
          perMonth: true,
        },
        {
          heading: "线索涉及的评价（每条评价一行）",
          columns: [
            { header: "线索编号", key: "flag_id", format: "text" },
            { header: "评价编号", key: "evaluation_id", format: "text" },
          ],
          query: `
            select flag_id, unnest(string_split(evaluation_ids, '、')) as evaluation_id
            from ${marts}.evaluation_flags
            where month = $month
            order by pattern, window_from, flag_id, evaluation_id`,
          perMonth: true,
        },
        {
          heading: "本月评价与线索",
          columns: [
            { header: "评价数", key: "evaluations", format: "integer" },
            { header: "线索数", key: "flags", format: "integer" },
            { header: "涉及线索的评价数", key: "flagged_evaluations", format: "integer" },
            { header: "占全部评价", key: "flagged_share", format: "rate" },
          ],
          query: `
            select evaluations, flags, flagged_evaluations, flagged_share
            from ${marts}.evaluation_flag_month
            where month = $month`,
          perMonth: true,
        },
      ],
    },
    {
      name: "数据质量",
      title: "数据质量",
      legend: "本次发布时收件箱中的全部文件；隔离行不含原始内容。",
      repeatHeader: false,
      blocks: [
        {
          heading: "读取的文件",
          columns: [
            { header: "文件", key: "path", format: "text" },
            { header: "来源", key: "source", format: "text" },
            { header: "处理结果", key: "status", format: "text" },
            { header: "原因", key: "reason", format: "text" },
            { header: "编码", key: "encoding", format: "text" },
            { header: "读取时间", key: "loaded_at", format: "datetime" },
            { header: "读入行数", key: "rows", format: "integer" },
            { header: "隔离行数", key: "quarantined", format: "integer" },
          ],
          query: `
            select path, source, status, reason, encoding, loaded_at, rows, quarantined
            from ${ops}.loads
            order by loaded_at, path`,
          perMonth: false,
        },
        {
          heading: "名册问题（账号冲突、无考勤号码）",
          columns: [
            { header: "问题", key: "finding", format: "text" },
            { header: "工号", key: "staff_id", format: "text" },
            { header: "姓名", key: "staff_name", format: "text" },
            { header: "部门", key: "department", format: "text" },
            { header: "账号类别", key: "account_kind", format: "text" },
            { header: "账号", key: "account", format: "text" },
            { header: "持有人", key: "holder_staff_id", format: "text" },
            { header: "起", key: "start_date", format: "date" },
            { header: "止", key: "end_date", format: "date" },
            { header: "不计考勤的工作日", key: "unscored_days", format: "integer" },
            { header: "说明", key: "detail", format: "text" },
          ],
          query: `
            select finding, staff_id, staff_name, department, account_kind, account, holder_staff_id, start_date,
              end_date, unscored_days, detail
            from ${marts}.roster_findings
            order by finding, staff_id, account_kind, start_date`,
          perMonth: false,
        },
        {
          heading: "隔离行按来源与原因类别汇总",
          columns: [
            { header: "来源", key: "source", format: "text" },
            { header: "原因类别", key: "reason_kind", format: "text" },
            { header: "行数", key: "rows", format: "integer" },
            { header: "涉及文件数", key: "files", format: "integer" },
          ],
          query: `
            select source, reason_kind, rows, files
            from ${ops}.quarantine_reasons
            order by source, rows desc, reason_kind`,
          perMonth: false,
        },
        {
          heading: "本月无有效B岗的窗口（按部门）",
          columns: [
            { header: "部门", key: "department", format: "text" },
            { header: "窗口", key: "window_no", format: "text" },
            { header: "A岗", key: "a_holders", format: "text" },
            { header: "名册所列B岗", key: "b_holders", format: "text" },
            { header: "问题", key: "problem", format: "text" },
            { header: "天数", key: "days", format: "integer" },
            { header: "首日", key: "first_day", format: "date" },
            { header: "末日", key: "last_day", format: "date" },
          ],
          query: `
            select department, window_no, a_holders, b_holders, problem, days, first_day, last_day
            from ${marts}.ab_posts_without_backup
            where month = $month
            order by department, window_no, problem`,
          perMonth: true,
        },
        {
          heading: `隔离行明细（最多列出 ${quarantineDetailLimit} 行）`,
          columns: [
            { header: "文件", key: "path", format: "text" },
            { header: "来源", key: "source", format: "text" },
            { header: "行号", key: "line", format: "integer" },
            { header: "原因", key: "reason", format: "text" },
          ],
          query: `
            select path, source, line, reason
            from ${ops}.quarantine
            order by path, line nulls first, reason
            limit ${quarantineDetailLimit}`,
          perMonth: false,
        },
      ],
    },
  ];
}
