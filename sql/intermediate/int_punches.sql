/*
grain: one row per counted punch of a staff member on a working day of an open month
unique: [staff_id, punched_at]
not_null: [staff_id, punched_at, calendar_date, session, source_ref]
accepted_values:
  session: [AM, PM]
*/
-- rules.md §2: punches resolve to 工号 through the roster's 考勤号码, honouring its start and end
-- dates (a number may pass from a leaver to a newcomer). Punches on non-working days are ignored;
-- repeated punches within the configured seconds count once; a punch before the lunch break's
-- midpoint belongs to the AM session, else PM.
with punches as (
  select
    attendance_no,
    punched_at,
    -- the same number and time in several exports is one punch; cite the latest export
    arg_max(source_ref, load_id::bigint * 1000000000 + line) as source_ref
  from staging.stg_attendance
  where rejection is null and not is_after_as_of(event_date)
    and event_date in (select calendar_date from intermediate.int_open_days where is_workday)
  group by attendance_no, punched_at
),

identified as (
  select
    accounts.staff_id,
    punches.punched_at,
    punches.source_ref
  from punches
  -- two roster rows claiming one number on one day: the later starter holds it (int_staff_accounts)
  inner join intermediate.int_staff_accounts as accounts
    on accounts.account_kind = 'attendance'
    and accounts.account = punches.attendance_no
    and within_period(punches.punched_at::date, accounts.start_date, accounts.end_date)
),

collapsed as (
  select
    *,
    lag(punched_at) over (partition by staff_id order by punched_at) as previous_punch_at
  from identified
)

select
  collapsed.staff_id,
  collapsed.punched_at,
  int_calendar_days.calendar_date,
  case when collapsed.punched_at < int_calendar_days.lunch_midpoint_at then 'AM' else 'PM' end as session,
  collapsed.source_ref
from collapsed
inner join intermediate.int_calendar_days on int_calendar_days.calendar_date = collapsed.punched_at::date
where collapsed.previous_punch_at is null
  or epoch(collapsed.punched_at - collapsed.previous_punch_at) > getvariable('attendance_duplicate_punch_seconds')
