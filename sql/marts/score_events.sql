/*
grain: one row per score event (加扣分事件)
comment: 加扣分明细：每一个加分或扣分事件及其证据；申诉撤销的事件保留并标注
unique: [event_id]
not_null: [event_id, month, staff_id, rule_code, rule_name, points, event_date, source, source_ref, void]
columns:
  event_id: 事件编号（稳定可读，申诉时引用），如 ATT_LATE:S0123:2026-10-09:AM
  month: 所属月份（按事件日期）
  staff_id: 工号
  staff_name: 姓名
  department: 部门
  rule_code: 规则代码（见《规则说明》及 marts.rule_codes）
  rule_name: 规则中文名称
  points: 分值（加分为正，扣分为负）
  event_date: 事件日期
  session: 时段（上午 AM/下午 PM），考勤类事件才有
  source: 数据来源：考勤/叫号系统/巡查/审批平台/投诉/表扬
  source_ref: 证据：文件与行号（如 attendance/2026-10.csv:123）或登记编号
  detail: 情况说明
  void: 是否已被申诉撤销
  appeal_id: 撤销或正在处理该事件的申诉编号
  appeal_status: 申诉状态：申诉中/撤销/维持；无申诉为空
*/
-- rules.md §9 and §14: every point with its evidence; voided events stay listed with the appeal.
select
  events.event_id,
  events.month,
  events.staff_id,
  int_staff.staff_name,
  int_staff.department,
  events.rule_code,
  rule_codes.rule_name,
  events.points::decimal(6, 1) as points,
  events.event_date,
  events.session,
  events.source,
  events.source_ref,
  events.detail,
  events.void,
  events.appeal_id,
  events.appeal_status
from intermediate.int_score_events as events
inner join intermediate.int_staff using (staff_id)
inner join seeds.rule_codes using (rule_code)
