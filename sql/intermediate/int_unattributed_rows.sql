/*
grain: one row per valid row that the rules cannot use (dated after the as-of date, or matching no staff member, window or account of the roster)
unique: [source, load_id, line]
not_null: [source, load_id, line, reason_kind, reason]
*/
-- data-contract §1 and rules.md §13: a row naming a person, window or account the roster does not
-- know, or a window record whose person on duty cannot be determined, is quarantined with its
-- reason, never dropped silently. So is a row of an event source dated after the as-of date (a
-- wrong device clock, a typo): the models that read staging leave it out of this run
-- (is_after_as_of), and it becomes usable once a run's as-of date reaches it. Leave and calendar
-- rows plan ahead and are never too late; roster rows are periods.
with future_rows as (
  select 'attendance' as source, load_id, line, '日期时间' as label, event_date
  from staging.stg_attendance where rejection is null and is_after_as_of(event_date)
  union all select 'queue', load_id, line, '取号时间', event_date
  from staging.stg_queue where rejection is null and is_after_as_of(event_date)
  union all select 'queue-events', load_id, line, '时间', event_date
  from staging.stg_queue_events where rejection is null and is_after_as_of(event_date)
  union all select 'evaluations', load_id, line, '评价时间', event_date
  from staging.stg_evaluations where rejection is null and is_after_as_of(event_date)
  union all select 'cases', load_id, line, '受理时间', event_date
  from staging.stg_cases where rejection is null and is_after_as_of(event_date)
  union all select 'patrol', load_id, line, '巡查时间', event_date
  from staging.stg_patrol where rejection is null and is_after_as_of(event_date)
  union all select 'complaints', load_id, line, '受理时间', event_date
  from staging.stg_complaints where rejection is null and is_after_as_of(event_date)
  union all select 'commendations', load_id, line, '日期', event_date
  from staging.stg_commendations where rejection is null and is_after_as_of(event_date)
  union all select 'investigations', load_id, line, case when decided_on is null then '发生日期' else '认定日期' end, event_date
  from staging.stg_investigations where rejection is null and is_after_as_of(event_date)
  union all select 'appeals', load_id, line, '提交日期', event_date
  from staging.stg_appeals where rejection is null and is_after_as_of(event_date)
),

dated_after_as_of as (
  select source, load_id, line, '时间晚于基准日期' as reason_kind,
    '时间晚于基准日期：' || label || ' ' || strftime(event_date, '%Y-%m-%d') || ' 晚于基准日期 '
      || strftime(getvariable('as_of'), '%Y-%m-%d') as reason,
    event_date
  from future_rows
),

known_staff as (
  select staff_id, start_date, end_date from intermediate.int_staff
),

account_rows as (
  select 'attendance' as source, load_id, line, 'attendance' as account_kind, '考勤号码' as account_label,
    attendance_no as account, event_date
  from staging.stg_attendance where rejection is null
  union all
  select 'queue-events', load_id, line, 'queue', '叫号账号', queue_login, event_date
  from staging.stg_queue_events where rejection is null
  union all
  select 'cases', load_id, line, 'platform', '审批账号', platform_account, event_date
  from staging.stg_cases where rejection is null
),

unknown_accounts as (
  select rows.source, rows.load_id, rows.line, '人员不在名册' as reason_kind,
    '人员不在名册：' || rows.account_label || ' ' || rows.account || ' 在 ' || strftime(rows.event_date, '%Y-%m-%d')
      || ' 无对应人员' as reason,
    rows.event_date
  from account_rows as rows
  where not exists (
    select 1 from intermediate.int_staff_accounts as accounts
    where accounts.account_kind = rows.account_kind and accounts.account = rows.account
      and within_period(rows.event_date, accounts.start_date, accounts.end_date)
  )
),

unknown_register_staff as (
  select 'leave' as source, load_id, line, staff_id, event_date from staging.stg_leave where rejection is null
  union all
  select 'complaints', load_id, line, staff_id, event_date from staging.stg_complaints where rejection is null
  union all
  select 'commendations', load_id, line, staff_id, event_date from staging.stg_commendations where rejection is null
  union all
  select 'investigations', load_id, line, staff_id, event_date from staging.stg_investigations where rejection is null
  union all
  select 'appeals', load_id, line, staff_id, event_date from staging.stg_appeals where rejection is null
),

-- a complaint's 工号 cell may hold what a complainant said (stg_complaints): the reason names the column only
unknown_staff as (
  select source, load_id, line, '人员不在名册',
    case when source = 'complaints' then '人员不在名册：被投诉人工号' else '人员不在名册：工号 ' || staff_id end,
    event_date
  from unknown_register_staff
  where staff_id not in (select staff_id from known_staff)
),

all_rows as (
  select * from dated_after_as_of
  union all select * from unknown_accounts
  -- records of the queue, evaluations and patrol that no person can be attributed to
  union all select source, load_id, line, reason_kind, reason, event_date from intermediate.int_unattributed_records
  union all select * from unknown_staff
)

select
  source,
  load_id::integer as load_id,
  line::integer as line,
  reason_kind,
  reason,
  strftime(event_date, '%Y-%m') as month
from all_rows
-- a row too late for this run is that, whatever else it matches
qualify row_number() over (partition by source, load_id, line order by reason_kind = '时间晚于基准日期' desc, reason) = 1
