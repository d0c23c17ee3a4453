/*
grain: one row per window post, working day with attendance data and session of an open month, with who covered it (rules.md §12)
unique: [window_no, calendar_date, session]
not_null: [window_no, department, calendar_date, month, session, a_present, b_present, cover_present, is_empty]
accepted_values:
  session: [AM, PM]
*/
-- rules.md §12: a post is covered in a session when its A or B holder is present (int_post_sessions:
-- a punch and no leave over the whole session). rev 2:
--   a holder with an AWAY_HALF incident in the session (one an appeal has not voided) does not count
--     as present in it ("长时间离岗未归按空岗处理"); an incident across lunch is in both sessions;
--   the cover (顶岗人) named on an A holder's approved leave over (part of) the session covers the
--     post while present: present in that session, with no AWAY_HALF in it, and not the cover who
--     never came to a mid-session handover (int_cover_handovers).
-- An open session that none of them covers is an empty post (空岗).
with away_half as (
  select distinct incidents.staff_id, incidents.calendar_date, unnest(incidents.sessions) as session
  from intermediate.int_away_incidents as incidents
  inner join intermediate.int_score_events as events on events.event_id = incidents.event_id
  where incidents.rule_code = 'AWAY_HALF'
    and not events.void
),

present_holders as (
  select window_no, calendar_date, session, 'A' as post, unnest(a_present_holders) as staff_id
  from intermediate.int_post_sessions
  union all
  select window_no, calendar_date, session, 'B', unnest(b_present_holders)
  from intermediate.int_post_sessions
),

counted_holders as (
  select window_no, calendar_date, session, post, staff_id
  from present_holders
  anti join away_half using (staff_id, calendar_date, session)
),

covers as (
  select
    posts.window_no,
    posts.calendar_date,
    posts.session,
    leave.cover_staff_id,
    cover_sessions.is_present
      and away_half.staff_id is null
      and handovers.leave_id is null as is_present
  from intermediate.int_post_sessions as posts
  inner join intermediate.int_staff as holders on holders.window_no = posts.window_no
  inner join intermediate.int_leave as leave
    on leave.staff_id = holders.staff_id
    and leave.starts_at < posts.session_ends_at
    and leave.ends_at > posts.session_starts_at
  left join intermediate.int_attendance_sessions as cover_sessions
    on cover_sessions.staff_id = leave.cover_staff_id
    and cover_sessions.calendar_date = posts.calendar_date
    and cover_sessions.session = posts.session
  left join away_half
    on away_half.staff_id = leave.cover_staff_id
    and away_half.calendar_date = posts.calendar_date
    and away_half.session = posts.session
  left join intermediate.int_cover_handovers as handovers
    on handovers.leave_id = leave.leave_id
    and handovers.calendar_date = posts.calendar_date
    and handovers.session = posts.session
    and handovers.outcome = '未到岗'
  where leave.is_approved
    and leave.cover_staff_id is not null
),

coverage as (
  select
    posts.window_no,
    posts.calendar_date,
    posts.session,
    coalesce(bool_or(counted_holders.post = 'A'), false) as a_present,
    coalesce(bool_or(counted_holders.post = 'B'), false) as b_present
  from intermediate.int_post_sessions as posts
  left join counted_holders using (window_no, calendar_date, session)
  group by posts.window_no, posts.calendar_date, posts.session
),

cover_summary as (
  select
    window_no,
    calendar_date,
    session,
    list(distinct cover_staff_id order by cover_staff_id) as covers,
    coalesce(bool_or(is_present), false) as cover_present
  from covers
  group by window_no, calendar_date, session
),

away_half_holders as (
  select window_no, calendar_date, session, list(distinct staff_id order by staff_id) as away_half_holders
  from present_holders
  semi join away_half using (staff_id, calendar_date, session)
  group by window_no, calendar_date, session
)

select
  posts.window_no,
  posts.department,
  posts.calendar_date,
  posts.month,
  posts.session,
  posts.a_holders,
  posts.b_holders,
  cover_summary.covers,
  away_half_holders.away_half_holders,
  coverage.a_present,
  coverage.b_present,
  coalesce(cover_summary.cover_present, false) as cover_present,
  not coverage.a_present and not coverage.b_present and not coalesce(cover_summary.cover_present, false) as is_empty
from intermediate.int_post_sessions as posts
inner join coverage using (window_no, calendar_date, session)
left join cover_summary using (window_no, calendar_date, session)
left join away_half_holders using (window_no, calendar_date, session)
