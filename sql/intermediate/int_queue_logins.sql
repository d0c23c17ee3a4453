/*
grain: one row per login of a staff member at a window (登录 until 退出, the next login at that window, or the day's end)
unique: [window_no, login_at]
not_null: [window_no, staff_id, login_at, logout_at]
*/
-- rules.md §13: a record that names a window goes first to whoever was logged in there at that time.
-- A login lasts until the same person logs out, someone else logs in at that window, or the day ends.
with window_sessions as (
  select
    window_no,
    staff_id,
    window_event,
    event_at,
    lead(event_at) over (partition by window_no, event_date order by event_at) as next_event_at,
    lead(window_event) over (partition by window_no, event_date order by event_at) as next_event,
    event_date
  from intermediate.int_queue_events
  where window_event in ('登录', '退出')
)

select
  window_no,
  staff_id,
  event_at as login_at,
  coalesce(next_event_at, event_date + interval 1 day) as logout_at
from window_sessions
where window_event = '登录'
  and staff_id is not null
