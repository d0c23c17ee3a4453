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
  rule_code: 规则代码（见 rules.md）
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
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as event_id,
  null::varchar as month,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::varchar as department,
  null::varchar as rule_code,
  null::varchar as rule_name,
  null::decimal(6,1) as points,
  null::date as event_date,
  null::varchar as session,
  null::varchar as source,
  null::varchar as source_ref,
  null::varchar as detail,
  null::boolean as void,
  null::varchar as appeal_id,
  null::varchar as appeal_status
where false
