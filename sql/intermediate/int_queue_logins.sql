/*
grain: one row per login of a staff member at a window (登录 until that person's 退出 there, the next login at that window, or the day's end)
unique: [window_no, login_at]
not_null: [window_no, staff_id, login_at, logout_at, login_ref]
*/
-- rules.md §13: a record that names a window goes first to whoever was logged in there at that time.
-- A login lasts until the same person logs out of that window, someone else logs in at it, or the
-- day ends. Events are taken in the order the person's day is read (int_queue_event_pairs): a 登录
-- logged a few seconds before that person's 退出 by a skewed clock comes after it.
with window_events as (
  select
    window_no,
    staff_id,
    window_event,
    event_at,
    read_at,
    event_date,
    source_ref
  from intermediate.int_queue_event_pairs
  where window_event in ('登录', '退出')
  -- an account the roster does not know still takes the window over when it logs in
  union all
  select window_no, staff_id, window_event, event_at, event_at, event_date, source_ref
  from intermediate.int_queue_events
  where window_event = '登录' and staff_id is null
),

ends as (
  select
    *,
    min(read_at) filter (where window_event = '登录') over (
      partition by window_no, event_date order by read_at, window_event = '登录', event_at
      rows between 1 following and unbounded following
    ) as next_login_at,
    min(read_at) filter (where window_event = '退出') over (
      partition by window_no, staff_id, event_date order by read_at, window_event = '登录', event_at
      rows between 1 following and unbounded following
    ) as own_logout_at
  from window_events
)

select
  window_no,
  staff_id,
  event_at as login_at,
  least(
    coalesce(next_login_at, event_date + interval 1 day),
    coalesce(own_logout_at, event_date + interval 1 day)
  ) as logout_at,
  source_ref as login_ref
from ends
where window_event = '登录'
  and staff_id is not null
