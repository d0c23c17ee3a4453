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
  replaces_event_id: 延期录入事件所取代的受理未录入事件编号（办件在录入期限之后才出现；针对原编号的申诉对本事件有效）
  replaces_rule_code: 所取代事件的规则代码
  replaces_event_date: 所取代事件的日期
*/
-- rules.md §5. CASE_NOT_ENTERED and CASE_LATE_ENTRY are alternatives for one ticket (rev 2):
-- * CASE_NOT_ENTERED: a queue ticket with outcome 受理 that no case references at all, once the
--   end of the N-th working day after the ticket's day (cases_entry_due_working_days, 1 = "the next
--   working day") has passed (as_of). It raises R06.
-- * CASE_LATE_ENTRY: a case entered after the end of its acceptance day (int_cases), also when it
--   appeared only after its ticket's entry deadline. Then it replaces the CASE_NOT_ENTERED that a
--   run of the 公示 period raised for that ticket: the replaced id is kept on the event, so that an
--   appeal filed against it (by id, or by 工号 + CASE_NOT_ENTERED + date) applies to this event
--   (rules.md §14), and the R06 case goes with the replaced event. A final month keeps what it froze.
-- * EARLY_COMPLETION: per staff and month of completion, completed 承诺件 finished on a working
--   day before their deadline day ÷ all completed 承诺件, floored to full steps (10 %), only from the
--   configured minimum of cases; dated on the person's last scheduled working day of the month.
-- the open months' tickets, deduplicated and attributed once in int_queue_tickets
with accepted_tickets as (
  select ticket_no, issued_at, source_ref, window_no, staff_id
  from intermediate.int_queue_tickets
  where outcome = '受理' and staff_id is not null
),

entry_deadlines as (
  select
    accepted_tickets.ticket_no,
    accepted_tickets.issued_at,
    accepted_tickets.source_ref,
    accepted_tickets.window_no,
    accepted_tickets.staff_id,
    due_day.calendar_date as entry_due_date,
    due_day.calendar_date + interval 1 day as entry_due_at,
    'CASE_NOT_ENTERED:' || accepted_tickets.staff_id || ':' || strftime(accepted_tickets.issued_at, '%Y-%m-%d') || ':'
      || accepted_tickets.ticket_no as not_entered_event_id
  from accepted_tickets
  inner join intermediate.int_calendar_days as ticket_day on ticket_day.calendar_date = accepted_tickets.issued_at::date
  inner join intermediate.int_calendar_days as due_day
    on due_day.is_workday
    and due_day.workday_seq = ticket_day.workday_seq + getvariable('cases_entry_due_working_days')
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
    entry_deadlines.not_entered_event_id as event_id,
    entry_deadlines.staff_id,
    'CASE_NOT_ENTERED' as rule_code,
    entry_deadlines.issued_at::date as event_date,
    '叫号系统' as source,
    entry_deadlines.source_ref,
    '流水号 ' || entry_deadlines.ticket_no || '（窗口 ' || entry_deadlines.window_no || '）办理结果为受理，截至 '
      || strftime(entry_deadlines.entry_due_date, '%Y-%m-%d') || ' 下班仍未在审批平台录入办件' as detail
  from entry_deadlines
  anti join referencing_cases using (ticket_no)
  where getvariable('as_of') > entry_deadlines.entry_due_date
),

late_entries as (
  select
    'CASE_LATE_ENTRY:' || late_cases.staff_id || ':' || strftime(late_cases.entry_due_on, '%Y-%m-%d') || ':'
      || late_cases.case_id as event_id,
    late_cases.staff_id,
    'CASE_LATE_ENTRY' as rule_code,
    late_cases.entry_due_on as event_date,
    '审批平台' as source,
    late_cases.source_ref,
    '办件 ' || late_cases.case_id || ' 受理于 ' || strftime(late_cases.accepted_at, '%Y-%m-%d %H:%M:%S')
      || case when late_cases.entry_due_on < late_cases.accepted_on
        then '（所引用的流水号 ' || late_cases.ticket_no || ' 于 ' || strftime(late_cases.entry_due_on, '%Y-%m-%d') || ' 受理）'
        else '' end
      || '，录入于 ' || strftime(late_cases.entered_at, '%Y-%m-%d %H:%M:%S') || '，晚于受理当日'
      || coalesce(
        '；流水号 ' || replaced.ticket_no || ' 的录入期限为 ' || strftime(replaced.entry_due_date, '%Y-%m-%d')
          || ' 下班，此前的受理未录入事件 ' || replaced.not_entered_event_id || ' 改计为本事件',
        ''
      ) as detail,
    replaced.not_entered_event_id as replaces_event_id,
    case when replaced.ticket_no is not null then 'CASE_NOT_ENTERED' end as replaces_rule_code,
    replaced.issued_at::date as replaces_event_date
  from intermediate.int_cases as late_cases
  left join referencing_cases on referencing_cases.ticket_no = late_cases.ticket_no
  left join entry_deadlines as replaced
    on replaced.ticket_no = late_cases.ticket_no
    and referencing_cases.first_entered_at >= replaced.entry_due_at
  where late_cases.is_late_entry
),

completed_promised as (
  select
    staff_id,
    strftime(completed_at, '%Y-%m') as month,
    count(*) as completed,
    count(*) filter (where is_early) as early,
    -- sorted after collecting: an ordered aggregate keeps every group's values in memory to sort them
    array_to_string(list_sort(list(case_id) filter (where is_early)), '、') as early_case_ids
  from intermediate.int_cases
  where case_kind = '承诺件' and case_status = '办结' and completed_at is not null
  group by staff_id, strftime(completed_at, '%Y-%m')
),

early_steps as (
  select
    *,
    -- integer arithmetic: 69.9 % is 6 full steps of 10 %, never 7 through rounding
    (early * 100) // (completed * getvariable('cases_early_completion_step_percent')) as steps
  from completed_promised
  where completed >= getvariable('cases_early_completion_min_cases')
),

last_scheduled_days as (
  -- the month's last working day within the person's roster dates: a leaver's bonus falls on
  -- their last day and so stays in scope (a month with no scheduled day gets no bonus)
  select early_steps.staff_id, early_steps.month, max(calendar_days.calendar_date) as last_scheduled_day
  from early_steps
  inner join intermediate.int_staff on int_staff.staff_id = early_steps.staff_id
  inner join intermediate.int_calendar_days as calendar_days
    on calendar_days.month = early_steps.month
    and calendar_days.is_workday
    and within_period(calendar_days.calendar_date, int_staff.start_date, int_staff.end_date)
  where early_steps.steps > 0
  group by early_steps.staff_id, early_steps.month
),

early_completion as (
  select
    'EARLY_COMPLETION:' || early_steps.staff_id || ':' || early_steps.month as event_id,
    early_steps.staff_id,
    'EARLY_COMPLETION' as rule_code,
    last_scheduled_days.last_scheduled_day as event_date,
    '审批平台' as source,
    '办件 ' || early_steps.early_case_ids as source_ref,
    '承诺件 ' || early_steps.completed || ' 件中提前办结 ' || early_steps.early || ' 件（'
      || round(early_steps.early * 100.0 / early_steps.completed, 1)::varchar || '%），每满 '
      || getvariable('cases_early_completion_step_percent') || '% 计一次' as detail,
    early_steps.steps
  from early_steps
  inner join last_scheduled_days using (staff_id, month)
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
  event_triggers.trigger as trigger_code,
  all_events.replaces_event_id,
  all_events.replaces_rule_code,
  all_events.replaces_event_date
from all_events
inner join params.rule_points using (rule_code)
left join seeds.event_triggers using (rule_code)
