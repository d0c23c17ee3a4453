/*
grain: one row per score event of the approval platform rules (rules.md §5)
comment: 办件加扣分事件：受理未录入、延期录入、承诺件提前办结
unique: [event_id]
not_null: [event_id, staff_id, rule_code, points, event_date, source, source_ref, detail]
accepted_values:
  rule_code: [CASE_NOT_ENTERED, CASE_LATE_ENTRY, EARLY_COMPLETION]
columns:
  event_id: 事件编号
  staff_id: 工号
  rule_code: 规则代码
  points: 分值
  event_date: 事件日期
  session: 时段（办件事件为空）
  source: 数据来源
  source_ref: 证据：文件与行号或办件编号
  detail: 情况说明
  trigger_code: 引发的责任追究条款
*/
-- rules.md §5. CASE_NOT_ENTERED: a queue ticket with outcome 受理 that no case references by the
-- end of the next working day after the ticket's day; decided only once that day has passed (as_of).
-- CASE_LATE_ENTRY: a case entered after the end of its acceptance day. EARLY_COMPLETION: per staff
-- and month of completion, completed 承诺件 finished on a working day before their deadline day ÷
-- all completed 承诺件, floored to full steps (10 %), only from the configured minimum of cases.
-- the open months' tickets, deduplicated and attributed once in int_queue_tickets
with accepted_tickets as (
  select ticket_no, issued_at, source_ref, window_no, staff_id
  from intermediate.int_queue_tickets
  where outcome = '受理' and staff_id is not null
),

entry_windows as (
  -- the end of the next working day after the ticket's day
  select
    accepted_tickets.ticket_no,
    accepted_tickets.issued_at,
    accepted_tickets.source_ref,
    accepted_tickets.window_no,
    accepted_tickets.staff_id,
    next_day.calendar_date as entry_due_date,
    next_day.calendar_date + interval 1 day as entry_due_at
  from accepted_tickets
  inner join intermediate.int_calendar_days as ticket_day on ticket_day.calendar_date = accepted_tickets.issued_at::date
  inner join intermediate.int_calendar_days as next_day
    on next_day.is_workday and next_day.workday_seq = ticket_day.workday_seq + 1
),

referencing_cases as (
  -- a case counts from when it was entered (or accepted, when the platform gives no entry time)
  select ticket_no, min(coalesce(entered_at, accepted_at)) as first_entered_at
  from intermediate.int_cases
  where ticket_no is not null
  group by ticket_no
),

not_entered as (
  select
    'CASE_NOT_ENTERED:' || entry_windows.staff_id || ':' || strftime(entry_windows.issued_at, '%Y-%m-%d') || ':'
      || entry_windows.ticket_no as event_id,
    entry_windows.staff_id,
    'CASE_NOT_ENTERED' as rule_code,
    entry_windows.issued_at::date as event_date,
    '叫号系统' as source,
    entry_windows.source_ref,
    '流水号 ' || entry_windows.ticket_no || '（窗口 ' || entry_windows.window_no || '）办理结果为受理，截至 '
      || strftime(entry_windows.entry_due_date, '%Y-%m-%d') || ' 下班仍未'
      || case when referencing_cases.ticket_no is null then '在审批平台录入办件' else '录入（办件录入于 '
        || strftime(referencing_cases.first_entered_at, '%Y-%m-%d %H:%M:%S') || '）' end as detail
  from entry_windows
  left join referencing_cases using (ticket_no)
  where getvariable('as_of') > entry_windows.entry_due_date
    and (referencing_cases.ticket_no is null or referencing_cases.first_entered_at >= entry_windows.entry_due_at)
),

late_entries as (
  select
    'CASE_LATE_ENTRY:' || staff_id || ':' || strftime(accepted_on, '%Y-%m-%d') || ':' || case_id as event_id,
    staff_id,
    'CASE_LATE_ENTRY' as rule_code,
    accepted_on as event_date,
    '审批平台' as source,
    source_ref,
    '办件 ' || case_id || ' 受理于 ' || strftime(accepted_at, '%Y-%m-%d %H:%M:%S') || '，录入于 '
      || strftime(entered_at, '%Y-%m-%d %H:%M:%S') || '，晚于受理当日' as detail
  from intermediate.int_cases
  where is_late_entry
),

completed_promised as (
  select
    staff_id,
    strftime(completed_at, '%Y-%m') as month,
    last_day(completed_at::date) as month_end,
    count(*) as completed,
    count(*) filter (where is_early) as early,
    -- sorted after collecting: an ordered aggregate keeps every group's values in memory to sort them
    array_to_string(list_sort(list(case_id) filter (where is_early)), '、') as early_case_ids
  from intermediate.int_cases
  where case_kind = '承诺件' and case_status = '办结' and completed_at is not null
  group by staff_id, strftime(completed_at, '%Y-%m'), last_day(completed_at::date)
),

early_steps as (
  select
    *,
    -- integer arithmetic: 69.9 % is 6 full steps of 10 %, never 7 through rounding
    (early * 100) // (completed * getvariable('cases_early_completion_step_percent')) as steps
  from completed_promised
  where completed >= getvariable('cases_early_completion_min_cases')
),

early_completion as (
  select
    'EARLY_COMPLETION:' || staff_id || ':' || month as event_id,
    staff_id,
    'EARLY_COMPLETION' as rule_code,
    month_end as event_date,
    '审批平台' as source,
    '办件 ' || early_case_ids as source_ref,
    '承诺件 ' || completed || ' 件中提前办结 ' || early || ' 件（' || round(early * 100.0 / completed, 1)::varchar
      || '%），每满 ' || getvariable('cases_early_completion_step_percent') || '% 计一次' as detail,
    steps
  from early_steps
  where steps > 0
),

all_events as (
  select * from not_entered
  union all by name select * from late_entries
  union all by name select * from early_completion
)

select
  all_events.event_id,
  all_events.staff_id,
  all_events.rule_code,
  (rule_points.points * coalesce(all_events.steps, 1))::decimal(6, 1) as points,
  all_events.event_date,
  null::varchar as session,
  all_events.source,
  all_events.source_ref,
  all_events.detail,
  event_triggers.trigger as trigger_code
from all_events
inner join params.rule_points using (rule_code)
left join seeds.event_triggers using (rule_code)
