/*
grain: one row per month and group of tickets — the whole hall (全大厅), each department (窗口单位), each window of a department (窗口) and each staff member of a department (工作人员; the tickets no one could be found for form one group with an empty 工号)
comment: 叫号月度指标：取号、叫号、办理、过号，目标时长内叫号占比，平均与 90% 等候、平均办理时长（全大厅、窗口单位、窗口、工作人员四级）
unique: [month, level, department, window_no, staff_id]
not_null: [month, level, tickets, called, served, no_shows, within_target]
accepted_values:
  level: [全大厅, 窗口单位, 窗口, 工作人员]
range:
  tickets: [0, null]
  called: [0, null]
  served: [0, null]
  no_shows: [0, null]
  within_target: [0, null]
  within_target_rate: [0, 1]
  no_show_rate: [0, 1]
  avg_wait_s: [0, null]
  p90_wait_s: [0, null]
  avg_service_s: [0, null]
columns:
  month: 月份
  level: 汇总层级：全大厅/窗口单位/窗口/工作人员
  department: 部门（全大厅为空）
  window_no: 窗口号（窗口层级才有）
  staff_id: 工号（工作人员层级才有；无法对应到人员的叫号为空）
  staff_name: 姓名
  tickets: 取号数
  called: 已叫号数（含过号）
  served: 已办理数（已叫号且非过号）
  no_shows: 过号数
  within_target: 在目标等候时长内叫号的数量（含过号）
  within_target_rate: 目标时长内叫号占比 = 在目标等候时长内叫号数 ÷ 已叫号数（含过号：等候止于叫号，过号的群众同样等到了叫号）；无叫号为空
  no_show_rate: 过号率 = 过号数 ÷ 取号数；无取号为空
  avg_wait_s: 平均等候时长（秒，取号至叫号，已叫号的全部叫号含过号）
  p90_wait_s: 等候时长第 90 百分位（秒，连续插值，同上范围）：九成群众的等候不超过此值
  avg_service_s: 平均办理时长（秒，开始办理至办结，有这两个时间的叫号）
*/
-- Waits end at the call (wait = called − issued, int_queue_tickets): every called ticket has one,
-- a 过号 included, so the share within the target and the average wait are both over called tickets.
-- Leaving 过号 out would drop the citizens who gave up after the longest waits.
select
  tickets.month,
  case
    when grouping(tickets.department) = 1 then '全大厅'
    when grouping(tickets.window_no) = 0 then '窗口'
    when grouping(tickets.staff_id) = 0 then '工作人员'
    else '窗口单位'
  end as level,
  tickets.department,
  tickets.window_no,
  tickets.staff_id,
  case when grouping(tickets.staff_id) = 0 then any_value(int_staff.staff_name) end as staff_name,
  count(*)::integer as tickets,
  count(*) filter (where tickets.is_called)::integer as called,
  count(*) filter (where tickets.is_served)::integer as served,
  count(*) filter (where tickets.is_no_show)::integer as no_shows,
  count(*) filter (where tickets.is_within_target)::integer as within_target,
  count(*) filter (where tickets.is_within_target) / nullif(count(*) filter (where tickets.is_called), 0)
    as within_target_rate,
  count(*) filter (where tickets.is_no_show) / count(*) as no_show_rate,
  avg(tickets.wait_s) as avg_wait_s,
  quantile_cont(tickets.wait_s, 0.9) as p90_wait_s,
  avg(tickets.service_s) as avg_service_s
from intermediate.int_queue_tickets as tickets
left join intermediate.int_staff using (staff_id)
inner join intermediate.int_months on int_months.month = tickets.month and int_months.is_open
group by grouping sets (
  (tickets.month),
  (tickets.month, tickets.department),
  (tickets.month, tickets.department, tickets.window_no),
  (tickets.month, tickets.department, tickets.staff_id)
)
