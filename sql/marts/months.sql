/*
grain: one row per month with results
comment: 月份与公示状态：申诉截止日、工作日数、缺数据日数
unique: [month]
not_null: [month, status, as_of, appeal_window_end, working_days, missing_data_days, is_frozen]
accepted_values:
  status: [公示, 确认]
columns:
  month: 月份
  status: 公示（申诉期内，结果可能变化）/确认（申诉期已过，结果冻结）
  as_of: 计算基准日期
  appeal_window_end: 申诉截止日（月末后第 5 个工作日）
  working_days: 工作日数
  data_days: 有考勤数据的工作日数
  missing_data_days: 考勤数据缺失的工作日数
  pending_days: 尚无数据（晚于最近一次考勤导出）的工作日数
  staff_ranked: 参加排名的人数
  calendar_note: 日历说明（官方日历未覆盖的年份等）
  is_frozen: 是否已冻结（确认后不再随新数据变化）
*/
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as month,
  null::varchar as status,
  null::date as as_of,
  null::date as appeal_window_end,
  null::integer as working_days,
  null::integer as data_days,
  null::integer as missing_data_days,
  null::integer as pending_days,
  null::integer as staff_ranked,
  null::varchar as calendar_note,
  null::boolean as is_frozen
where false
