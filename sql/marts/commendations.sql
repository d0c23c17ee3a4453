/*
grain: one row per commendation or adopted suggestion (表扬与建议)
comment: 表扬与建议：已核定的计加分，未核定的列为待核定
unique: [commendation_id]
not_null: [commendation_id, month, commended_on, staff_id, commendation_kind, is_verified, source_ref]
columns:
  commendation_id: 编号
  month: 月份
  commended_on: 日期
  staff_id: 工号
  staff_name: 姓名
  department: 部门
  commendation_kind: 类型
  is_verified: 是否经中心核定
  event_id: 对应的加分事件编号（已核定才有）
  note: 说明
  source_ref: 证据：文件与行号
*/
-- rules.md §7: verified commendations score (event_id set); unverified ones are listed as pending.
select
  commendations.commendation_id,
  strftime(commendations.commended_on, '%Y-%m') as month,
  commendations.commended_on,
  commendations.staff_id,
  int_staff.staff_name,
  int_staff.department,
  commendations.commendation_kind,
  commendations.is_verified,
  commendations.event_id,
  commendations.note,
  commendations.source_ref
from intermediate.int_commendations as commendations
left join intermediate.int_staff using (staff_id)
inner join intermediate.int_months
  on int_months.month = strftime(commendations.commended_on, '%Y-%m') and int_months.is_open
