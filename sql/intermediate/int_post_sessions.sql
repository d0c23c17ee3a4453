/*
grain: one row per window post, working day with attendance data and session of an open month
unique: [window_no, calendar_date, session]
not_null: [window_no, department, calendar_date, month, session, session_starts_at, session_ends_at, a_present, b_present]
accepted_values:
  session: [AM, PM]
*/
-- rules.md §12: every window post has A holders (whose home window it is) and B holders (the roster's
-- backups); it is covered in a session when one of them is present. Only days with attendance data
-- are judged (§1): a missing export is not an empty post. Presence here is by attendance alone, as
-- §13 reads it to attribute records; §12's coverage (covers, AWAY_HALF holders) is int_post_coverage.
with holders as (
  select window_no, staff_id, department, 'A' as post from intermediate.int_staff
  union all
  select backup_window_no, staff_id, department, 'B' from intermediate.int_staff where backup_window_no is not null
),

post_departments as (
  -- a window belongs to the department of its A holders
  select window_no, min(department) as department
  from holders
  where post = 'A'
  group by window_no
),

holder_sessions as (
  select
    holders.window_no,
    holders.post,
    int_attendance_sessions.staff_id,
    int_attendance_sessions.calendar_date,
    int_attendance_sessions.month,
    int_attendance_sessions.session,
    int_attendance_sessions.starts_at,
    int_attendance_sessions.ends_at,
    int_attendance_sessions.is_present
  from holders
  inner join intermediate.int_attendance_sessions on int_attendance_sessions.staff_id = holders.staff_id
),

-- a holder without an attendance number that day has no data, not an absence
-- (int_staff_days_without_attendance_no): a post that no other holder is seen at is not judged
posts_without_data as (
  select distinct holders.window_no, no_number.calendar_date
  from holders
  inner join intermediate.int_staff_days_without_attendance_no as no_number on no_number.staff_id = holders.staff_id
)

select
  holder_sessions.window_no,
  post_departments.department,
  holder_sessions.calendar_date,
  holder_sessions.month,
  holder_sessions.session,
  min(holder_sessions.starts_at) as session_starts_at,
  max(holder_sessions.ends_at) as session_ends_at,
  list(distinct holder_sessions.staff_id order by holder_sessions.staff_id) filter (where post = 'A') as a_holders,
  list(distinct holder_sessions.staff_id order by holder_sessions.staff_id) filter (where post = 'B') as b_holders,
  list(distinct holder_sessions.staff_id order by holder_sessions.staff_id) filter (where post = 'A' and is_present)
    as a_present_holders,
  list(distinct holder_sessions.staff_id order by holder_sessions.staff_id) filter (where post = 'B' and is_present)
    as b_present_holders,
  min(holder_sessions.staff_id) filter (where post = 'A' and is_present) as a_present_staff_id,
  min(holder_sessions.staff_id) filter (where post = 'B' and is_present) as b_present_staff_id,
  coalesce(bool_or(is_present) filter (where post = 'A'), false) as a_present,
  coalesce(bool_or(is_present) filter (where post = 'B'), false) as b_present
from holder_sessions
inner join post_departments on post_departments.window_no = holder_sessions.window_no
left join posts_without_data
  on posts_without_data.window_no = holder_sessions.window_no
  and posts_without_data.calendar_date = holder_sessions.calendar_date
group by all
having bool_or(holder_sessions.is_present) or bool_and(posts_without_data.window_no is null)
