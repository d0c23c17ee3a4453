/*
grain: one row per staff member, working day of an open month within the staff member's roster dates, and session
unique: [staff_id, calendar_date, session]
not_null: [staff_id, calendar_date, month, session, department, starts_at, ends_at, data_state]
accepted_values:
  session: [AM, PM]
*/
-- rules.md §1: a staff member counts from the roster's start date to its end date (inclusive);
-- days outside are never scored.
with days as (
  select
    int_staff.staff_id,
    int_staff.department,
    int_staff.window_no,
    int_open_days.*
  from intermediate.int_staff
  inner join intermediate.int_open_days
    on int_open_days.is_workday
    and within_period(int_open_days.calendar_date, int_staff.start_date, int_staff.end_date)
)

select staff_id, department, window_no, calendar_date, month, data_state, 'AM' as session,
  am_start_at as starts_at, am_end_at as ends_at
from days
union all
select staff_id, department, window_no, calendar_date, month, data_state, 'PM' as session,
  pm_start_at as starts_at, pm_end_at as ends_at
from days
