/*
grain: one row per day, hour of issue and window
comment: 叫号小时汇总：用于星期 × 小时等候热力图
unique: [work_date, hour, window_no]
not_null: [month, work_date, weekday, hour, window_no, tickets]
columns:
  month: 月份
  work_date: 日期
  weekday: 星期（1 = 周一 … 7 = 周日）
  hour: 取号的小时（0–23）
  department: 部门
  window_no: 窗口号
  tickets: 取号数
  called: 已叫号数
  avg_wait_s: 平均等候时长（秒）
  within_target: 在目标等候时长内叫号的数量
*/
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as month,
  null::date as work_date,
  null::integer as weekday,
  null::integer as hour,
  null::varchar as department,
  null::varchar as window_no,
  null::integer as tickets,
  null::integer as called,
  null::double as avg_wait_s,
  null::integer as within_target
where false
