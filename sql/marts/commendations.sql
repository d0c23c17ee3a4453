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
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as commendation_id,
  null::varchar as month,
  null::date as commended_on,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::varchar as department,
  null::varchar as commendation_kind,
  null::boolean as is_verified,
  null::varchar as event_id,
  null::varchar as note,
  null::varchar as source_ref
where false
