/*
grain: one row per case of the approval platform (审批平台办件)
comment: 审批平台办件：期限（按工作日计算）、是否逾期、提前办结与延期录入
unique: [case_id]
not_null: [case_id, month, staff_id, case_kind, promised_days, accepted_at, case_status, deadline_date, is_overdue, is_early, is_late_entry, source_ref]
accepted_values:
  case_kind: [即办件, 承诺件]
  case_status: [在办, 办结, 退件]
columns:
  case_id: 办件编号
  month: 所属月份（按受理日期）
  staff_id: 受理人工号
  staff_name: 姓名
  department: 部门
  item: 事项名称
  case_kind: 办件类型：即办件/承诺件
  promised_days: 承诺时限（工作日）
  accepted_at: 受理时间
  entered_at: 录入时间
  completed_at: 办结时间
  case_status: 办件状态
  deadline_date: 办结期限（受理日后第 N 个工作日；即办件为受理当日）
  is_overdue: 是否逾期（晚于期限办结，或超过期限仍在办）
  is_early: 是否提前办结（承诺件在期限日之前办结）
  is_late_entry: 是否延期录入（受理当日之后才录入）
  ticket_no: 关联的叫号流水号
  source_ref: 证据：文件与行号
*/
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as case_id,
  null::varchar as month,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::varchar as department,
  null::varchar as item,
  null::varchar as case_kind,
  null::integer as promised_days,
  null::timestamp as accepted_at,
  null::timestamp as entered_at,
  null::timestamp as completed_at,
  null::varchar as case_status,
  null::date as deadline_date,
  null::boolean as is_overdue,
  null::boolean as is_early,
  null::boolean as is_late_entry,
  null::varchar as ticket_no,
  null::varchar as source_ref
where false
