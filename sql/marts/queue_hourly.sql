/*
grain: one row per month, weekday and hour of issue with at least one ticket, for the whole hall
comment: 叫号星期 × 小时汇总：用于星期 × 小时等候热力图
unique: [month, weekday, hour]
not_null: [month, weekday, hour, tickets, days, called, within_target]
range:
  weekday: [1, 7]
  hour: [0, 23]
  tickets: [0, null]
  days: [0, null]
  called: [0, null]
  within_target: [0, null]
  within_target_rate: [0, 1]
  avg_wait_s: [0, null]
columns:
  month: 月份
  weekday: 星期（1 = 周一 … 7 = 周日）
  hour: 取号的小时（0–23）
  tickets: 取号数
  days: 该星期几中该小时有取号的天数
  called: 已叫号数（含过号）
  within_target: 在目标等候时长内叫号的数量（含过号）
  within_target_rate: 目标时长内叫号占比 = 在目标等候时长内叫号数 ÷ 已叫号数；无叫号为空
  avg_wait_s: 平均等候时长（秒，取号至叫号，已叫号的全部叫号含过号）
*/
-- Tickets by weekday and hour of issue over the month, for the weekday × hour heat map; waits as in
-- queue_month (every called ticket, 过号 included).
select
  tickets.month,
  isodow(tickets.work_date)::integer as weekday,
  hour(tickets.issued_at)::integer as hour,
  count(*)::integer as tickets,
  count(distinct tickets.work_date)::integer as days,
  count(*) filter (where tickets.is_called)::integer as called,
  count(*) filter (where tickets.is_within_target)::integer as within_target,
  count(*) filter (where tickets.is_within_target) / nullif(count(*) filter (where tickets.is_called), 0)
    as within_target_rate,
  avg(tickets.wait_s) as avg_wait_s
from intermediate.int_queue_tickets as tickets
inner join intermediate.int_months on int_months.month = tickets.month and int_months.is_open
group by tickets.month, isodow(tickets.work_date), hour(tickets.issued_at)
