/*
grain: one row per day, window and staff member of the queue system
comment: 叫号日汇总：每日每窗口每人的取号、办理、过号、等候与办理时长
unique: [work_date, window_no, staff_id]
not_null: [month, work_date, window_no, tickets, served, no_shows]
range:
  tickets: [0, null]
  served: [0, null]
  accepted: [0, null]
  no_shows: [0, null]
  within_target: [0, null]
  avg_wait_s: [0, null]
  p90_wait_s: [0, null]
  avg_service_s: [0, null]
columns:
  month: 月份
  work_date: 日期
  department: 部门
  window_no: 窗口号
  staff_id: 工号（无法对应到人时为空）
  staff_name: 姓名
  tickets: 取号数
  served: 已办理数（已叫号且非过号）
  accepted: 受理数（办理结果为受理）
  no_shows: 过号数
  avg_wait_s: 平均等候时长（秒，取号至叫号，已叫号的全部叫号含过号）
  p90_wait_s: 等候时长第 90 百分位（秒，连续插值）
  within_target: 在目标等候时长内叫号的数量（含过号）
  avg_service_s: 平均办理时长（秒，开始办理至办结）
*/
-- Queue figures per day, window and the staff member the ticket is attributed to (rules.md §13):
-- wait = called − issued, service = finished − started; served = called and not 过号.
select
  tickets.month,
  tickets.work_date,
  any_value(tickets.department) as department,
  tickets.window_no,
  tickets.staff_id,
  any_value(int_staff.staff_name) as staff_name,
  count(*)::integer as tickets,
  count(*) filter (where tickets.is_served)::integer as served,
  count(*) filter (where tickets.outcome = '受理')::integer as accepted,
  count(*) filter (where tickets.is_no_show)::integer as no_shows,
  avg(tickets.wait_s) as avg_wait_s,
  quantile_cont(tickets.wait_s, 0.9) as p90_wait_s,
  count(*) filter (where tickets.is_within_target)::integer as within_target,
  avg(tickets.service_s) as avg_service_s
from intermediate.int_queue_tickets as tickets
left join intermediate.int_staff using (staff_id)
inner join intermediate.int_months on int_months.month = tickets.month and int_months.is_open
group by tickets.month, tickets.work_date, tickets.window_no, tickets.staff_id
