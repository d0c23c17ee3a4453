/*
grain: one row per case of the approval platform (latest valid version per 办件编号) whose account the roster knows on its acceptance day
comment: 审批平台办件（每个办件编号取最新版本），含受理人工号、办结期限、逾期、提前办结与延期录入判定
unique: [case_id]
not_null: [case_id, staff_id, case_kind, promised_days, accepted_at, accepted_on, entry_due_on, case_status, deadline_date, deadline_at, is_overdue, is_early, is_late_entry, is_same_day_missed, source_ref]
columns:
  case_id: 办件编号
  staff_id: 受理人工号（审批账号按名册在岗日期对应）
  item: 事项名称
  case_kind: 办件类型：即办件/承诺件
  promised_days: 承诺时限（工作日）
  accepted_at: 受理时间
  accepted_on: 受理日期
  entered_at: 录入时间
  entry_due_on: 应录入日：受理当日（所引用的受理叫号票取号更早时，为取号当日）
  completed_at: 办结时间
  case_status: 办件状态：在办/办结/退件
  deadline_date: 办结期限日（受理日后第 N 个工作日；即办件为受理当日）
  deadline_at: 办结期限（期限日结束）
  overdue_on: 开始逾期的日期（期限日之后的第一个工作日）
  is_overdue: 是否逾期（晚于期限办结，或截至计算基准日超过期限仍在办）
  is_early: 是否提前办结（承诺件在期限日之前的工作日办结）
  is_late_entry: 是否延期录入（应录入日结束之后才录入）
  is_same_day_missed: 即办件是否未在受理当日办结
  ticket_no: 关联的叫号流水号
  source_ref: 证据：文件与行号
*/
-- rules.md §5: the deadline is the end of the N-th working day after the acceptance date (0 → the
-- acceptance day itself). workday_seq counts working days up to and including a date, so the N-th
-- working day after d is the first working day whose seq is seq(d) + N; holidays and make-up days
-- (调休) therefore count as the calendar says.
-- CASE_LATE_ENTRY is "a case entered after the end of its acceptance day". The acceptance is the
-- 受理 at the window: when the case references a 受理 ticket of an earlier day, that day is its
-- acceptance day for entry, so that an acceptance time typed in at entry does not hide a late entry
-- (rev 2: "a ticket whose case appears late is CASE_LATE_ENTRY only"). int_queue_tickets holds the
-- open months' tickets: a case whose ticket lies in a frozen month is judged by its own acceptance day.
-- The latest valid version of each 办件编号 dated up to the as-of date (intermediate.int_latest_lines).
with latest_cases as (
  select stg_cases.*
  from staging.stg_cases
  semi join intermediate.int_latest_lines as latest_lines
    on latest_lines.source = 'cases' and latest_lines.load_id = stg_cases.load_id and latest_lines.line = stg_cases.line
),

cases_with_staff as (
  select latest_cases.*, accounts.staff_id
  from latest_cases
  inner join intermediate.int_staff_accounts as accounts
    on accounts.account_kind = 'platform'
    and accounts.account = latest_cases.platform_account
    and within_period(latest_cases.accepted_at::date, accounts.start_date, accounts.end_date)
),

accepted_tickets as (
  select ticket_no, work_date from intermediate.int_queue_tickets where outcome = '受理'
),

deadlines as (
  -- 0 promised days → the acceptance day itself, even when that day is not a working day
  select
    cases_with_staff.*,
    cases_with_staff.accepted_at::date as accepted_on,
    least(cases_with_staff.accepted_at::date, accepted_tickets.work_date) as entry_due_on,
    case when cases_with_staff.promised_days = 0 then cases_with_staff.accepted_at::date else deadline_day.calendar_date end
      as deadline_date
  from cases_with_staff
  inner join intermediate.int_calendar_days as accepted_day on accepted_day.calendar_date = cases_with_staff.accepted_at::date
  left join intermediate.int_calendar_days as deadline_day
    on deadline_day.is_workday and deadline_day.workday_seq = accepted_day.workday_seq + cases_with_staff.promised_days
  left join accepted_tickets on accepted_tickets.ticket_no = cases_with_staff.ticket_no
),

completion_days as (
  select
    deadlines.*,
    deadlines.deadline_date + interval 1 day as deadline_at,
    completion_day.is_workday as completed_on_workday,
    -- a case becomes overdue on the first working day after its deadline day
    overdue_day.calendar_date as overdue_on
  from deadlines
  inner join intermediate.int_calendar_days as deadline_day on deadline_day.calendar_date = deadlines.deadline_date
  left join intermediate.int_calendar_days as overdue_day
    on overdue_day.is_workday and overdue_day.workday_seq = deadline_day.workday_seq + 1
  left join intermediate.int_calendar_days as completion_day on completion_day.calendar_date = deadlines.completed_at::date
),

final as (
  select
    case_id,
    staff_id,
    item,
    case_kind,
    promised_days,
    accepted_at,
    accepted_on,
    entry_due_on,
    entered_at,
    completed_at,
    case_status,
    deadline_date,
    deadline_at,
    overdue_on,
    case
      when completed_at is not null then completed_at >= deadline_at
      when case_status = '在办' then getvariable('as_of') > deadline_date
      else false
    end as is_overdue,
    case_kind = '承诺件'
      and case_status = '办结'
      and completed_at is not null
      and completed_at::date < deadline_date
      and coalesce(completed_on_workday, false) as is_early,
    coalesce(entered_at >= entry_due_on + interval 1 day, false) as is_late_entry,
    case_kind = '即办件'
      and case
        when completed_at is not null then completed_at::date > accepted_on
        when case_status = '在办' then getvariable('as_of') > accepted_on
        else false
      end as is_same_day_missed,
    ticket_no,
    source_ref
  from completion_days
)

select * from final
