/*
grain: one row per case of the approval platform (审批平台办件)
comment: 审批平台办件：期限（按工作日计算）、是否逾期、提前办结与延期录入
unique: [case_id]
not_null: [case_id, month, staff_id, case_kind, promised_days, accepted_at, case_status, deadline_date, is_overdue, is_early, is_late_entry, source_ref]
accepted_values:
  case_kind: [即办件, 承诺件]
  case_status: [在办, 办结, 退件]
range:
  promised_days: [0, null]
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
-- rules.md §5: cases of the months this run computes, by acceptance date.
select
  cases.case_id,
  strftime(cases.accepted_on, '%Y-%m') as month,
  cases.staff_id,
  int_staff.staff_name,
  int_staff.department,
  cases.item,
  cases.case_kind,
  cases.promised_days,
  cases.accepted_at,
  cases.entered_at,
  cases.completed_at,
  cases.case_status,
  cases.deadline_date,
  cases.is_overdue,
  cases.is_early,
  cases.is_late_entry,
  cases.ticket_no,
  cases.source_ref
from intermediate.int_cases as cases
inner join intermediate.int_staff using (staff_id)
inner join intermediate.int_months on int_months.month = strftime(cases.accepted_on, '%Y-%m') and int_months.is_open
