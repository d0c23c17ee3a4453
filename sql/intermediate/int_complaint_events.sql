/*
grain: one row per verified complaint with the fault on the window staff member and a decision date (rules.md §6)
comment: 投诉扣分事件：查实（含部分属实）且过错方为窗口工作人员的投诉，每件一个事件，记在处理决定日
unique: [event_id]
not_null: [event_id, staff_id, rule_code, points, event_date, source, source_ref, detail]
columns:
  event_id: 事件编号，如 COMPLAINT_VERIFIED:S0001:2026-10-12:TS001
  staff_id: 工号
  rule_code: 规则代码
  points: 分值
  event_date: 事件日期（处理决定日）
  session: 时段（投诉事件为空）
  source: 数据来源
  source_ref: 证据：投诉编号与文件行号
  detail: 情况说明（不含投诉人信息）
  trigger_code: 引发的责任追究条款
*/
select
  complaints.event_id,
  complaints.staff_id,
  complaints.rule_code,
  rule_points.points,
  complaints.decided_at::date as event_date,
  null::varchar as session,
  '投诉' as source,
  complaints.complaint_id || '（' || complaints.source_ref || '）' as source_ref,
  '投诉 ' || complaints.complaint_id || '（' || complaints.category || '）调查结论' || complaints.finding
    || '，过错方为窗口工作人员' as detail,
  complaints.trigger_code
from intermediate.int_complaints as complaints
inner join params.rule_points on rule_points.rule_code = complaints.rule_code
where complaints.event_id is not null
