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
-- rules.md §1: a working day on which the whole hall has no punch is missing data, not absence.
select
  month,
  calendar_date as work_date,
  '全中心当日无任何打卡记录（考勤导出缺失），当日不计考勤、离岗、AB岗' as reason
from intermediate.int_open_days
where data_state = '缺数据'
