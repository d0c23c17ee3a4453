/*
grain: one row per day, window and staff member of the queue system
comment: 叫号日汇总：每日每窗口每人的取号、办理、过号、等候与办理时长
unique: [work_date, window_no, staff_id]
not_null: [month, work_date, window_no, tickets, served, no_shows]
columns:
  month: 月份
  work_date: 日期
  department: 部门
  window_no: 窗口号
  staff_id: 工号（无法对应到人时为空）
  staff_name: 姓名
  tickets: 叫号数
  served: 已办理数（开始办理且非过号）
  accepted: 受理数（办理结果为受理）
  no_shows: 过号数
  avg_wait_s: 平均等候时长（秒，取号至叫号）
  p90_wait_s: 等候时长第 90 百分位（秒）
  within_target: 在目标等候时长内叫号的数量
  avg_service_s: 平均办理时长（秒，开始办理至办结）
*/
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as month,
  null::date as work_date,
  null::varchar as department,
  null::varchar as window_no,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::integer as tickets,
  null::integer as served,
  null::integer as accepted,
  null::integer as no_shows,
  null::double as avg_wait_s,
  null::double as p90_wait_s,
  null::integer as within_target,
  null::double as avg_service_s
where false
