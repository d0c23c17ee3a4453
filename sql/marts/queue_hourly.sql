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
-- Tickets by day, hour of issue and window, for the weekday × hour heat map.
select
  tickets.month,
  tickets.work_date,
  isodow(tickets.work_date)::integer as weekday,
  hour(tickets.issued_at)::integer as hour,
  any_value(tickets.department) as department,
  tickets.window_no,
  count(*)::integer as tickets,
  count(*) filter (where tickets.is_called)::integer as called,
  avg(tickets.wait_s) as avg_wait_s,
  count(*) filter (where tickets.is_within_target)::integer as within_target
from intermediate.int_queue_tickets as tickets
inner join intermediate.int_months on int_months.month = tickets.month and int_months.is_open
group by tickets.month, tickets.work_date, hour(tickets.issued_at), tickets.window_no
