/*
grain: one row per working day of a computed month on which the whole hall has no punch
comment: 考勤数据缺失日：全大厅无任何打卡的工作日，按缺数据处理、不计考勤
unique: [work_date]
not_null: [month, work_date, reason]
columns:
  month: 月份
  work_date: 工作日
  reason: 说明
*/
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as month,
  null::date as work_date,
  null::varchar as reason
where false
