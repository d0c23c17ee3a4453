/*
grain: one row per queue ticket (latest valid version per 流水号) with its staff member, department and durations
comment: 叫号流水（每个流水号取最新版本），含当班人员、部门、等候与办理时长
unique: [ticket_no]
not_null: [ticket_no, work_date, month, issued_at, window_no, outcome, department, is_called, is_served, is_no_show, source_ref]
columns:
  ticket_no: 流水号
  work_date: 取号日期
  month: 月份
  issued_at: 取号时间
  called_at: 叫号时间
  started_at: 开始办理时间
  finished_at: 办结时间
  window_no: 窗口号
  staff_id: 当班人员工号（按 rules.md §13 认定；无法认定为空）
  attributed_by: 认定依据
  department: 部门（当班人员的部门，无人员时为该窗口 A 岗所在部门）
  outcome: 办理结果
  is_called: 是否已叫号
  is_served: 是否已办理（已叫号且非过号）
  is_no_show: 是否过号
  wait_s: 等候时长（秒，取号至叫号）
  service_s: 办理时长（秒，开始办理至办结）
  is_within_target: 是否在目标等候时长内叫号
  source_ref: 证据：文件与行号
*/
with open_months as (
  select min(month_start) as first_day from intermediate.int_months where is_open
),

-- only the months this run recomputes: the cost follows the new data, not the history
latest_tickets as (
  select * from intermediate.int_latest_queue
  where event_date >= (select first_day from open_months)
),

window_departments as (
  -- the department whose staff holds the window's A post (the latest roster row wins)
  select window_no, arg_max(department, start_date) as department
  from intermediate.int_staff
  group by window_no
)

select
  latest_tickets.ticket_no,
  latest_tickets.issued_at::date as work_date,
  strftime(latest_tickets.issued_at, '%Y-%m') as month,
  latest_tickets.issued_at,
  latest_tickets.called_at,
  latest_tickets.started_at,
  latest_tickets.finished_at,
  latest_tickets.window_no,
  attributed.staff_id,
  attributed.attributed_by,
  coalesce(int_staff.department, window_departments.department, '（未知部门）') as department,
  latest_tickets.outcome,
  latest_tickets.called_at is not null as is_called,
  latest_tickets.called_at is not null and latest_tickets.outcome <> '过号' as is_served,
  latest_tickets.outcome = '过号' as is_no_show,
  epoch(latest_tickets.called_at - latest_tickets.issued_at) as wait_s,
  epoch(latest_tickets.finished_at - latest_tickets.started_at) as service_s,
  epoch(latest_tickets.called_at - latest_tickets.issued_at) <= getvariable('queue_target_wait_minutes') * 60
    as is_within_target,
  latest_tickets.source_ref
from latest_tickets
left join intermediate.int_attributed_records as attributed
  on attributed.source = 'queue' and attributed.record_id = latest_tickets.ticket_no
left join intermediate.int_staff on int_staff.staff_id = attributed.staff_id
left join window_departments on window_departments.window_no = latest_tickets.window_no
