/*
grain: one row per window event of a staff member the roster knows, in the order the person's day is read (skewed clocks corrected)
unique: [window_no, event_at, window_event]
not_null: [window_no, staff_id, window_event, event_at, read_at, event_date, read_seq, leaves_window, opens_absence, is_skewed, source_ref]
accepted_values:
  window_event: [登录, 暂停, 恢复, 退出]
*/
-- rules.md §3: a person leaves the window with 暂停 or 退出 and is back with 恢复 or 登录; an absence
-- runs from the departure that finds the person at the window to the first return after it (a
-- repeated 暂停 does not end it). Pairing is per person and day, whatever the window.
-- Clock skew: the queue system's terminals and server do not share a clock, so a 恢复 can be logged
-- seconds before the 暂停 it ends (a 5-minute break then reads as an absence until the next return).
-- A return that ends no absence, logged at most the configured tolerance before its counterpart
-- departure (恢复 before 暂停, 登录 before 退出), is read right after that departure, at its time,
-- unless that departure has its own counterpart return next (then that one ends it, and the early
-- return ends nothing). Events that still pair with nothing are listed (marts.queue_orphan_events).
with events as (
  select
    window_no,
    queue_login,
    staff_id,
    window_event,
    event_at,
    event_date,
    pause_reason,
    source_ref,
    window_event in ('暂停', '退出') as leaves_window,
    -- a departure before a return logged in the same second: the absence has zero length
    row_number() over (
      partition by staff_id, event_date order by event_at, window_event in ('暂停', '退出') desc, window_event, window_no
    ) as logged_seq
  from intermediate.int_queue_events
  where staff_id is not null
),

neighbours as (
  select
    *,
    lag(leaves_window) over person_day as previous_leaves,
    lead(window_event) over person_day as next_event,
    lead(event_at) over person_day as next_event_at,
    lead(window_event, 2) over person_day as event_after_next
  from events
  window person_day as (partition by staff_id, event_date order by logged_seq)
),

skew_read as (
  select
    *,
    not leaves_window
      -- ends no absence: the person is at the window (a first 登录 of the day opens it, a first 恢复 resumes nothing)
      and case when previous_leaves is null then window_event = '恢复' else not previous_leaves end
      and next_event is not distinct from case window_event when '恢复' then '暂停' else '退出' end
      and coalesce(epoch(next_event_at - event_at) <= getvariable('away_skew_tolerance_seconds'), false)
      and event_after_next is distinct from window_event as is_skewed
  from neighbours
),

read_order as (
  select
    *,
    case when is_skewed then next_event_at else event_at end as read_at,
    row_number() over (
      partition by staff_id, event_date order by logged_seq + case when is_skewed then 1.5 else 0 end
    ) as read_seq
  from skew_read
),

states as (
  select
    *,
    lag(leaves_window) over person_day as leaves_before,
    -- the first return read after this event (read_at never decreases along read_seq)
    min(read_at) filter (where not leaves_window) over (
      person_day rows between 1 following and unbounded following
    ) as next_return_at,
    count(*) over (person_day rows between 1 following and unbounded following) as events_after
  from read_order
  window person_day as (partition by staff_id, event_date order by read_seq)
)

select
  window_no,
  queue_login,
  staff_id,
  window_event,
  event_at,
  read_at,
  event_date,
  read_seq,
  pause_reason,
  source_ref,
  leaves_window,
  is_skewed,
  leaves_window and not coalesce(leaves_before, false) as opens_absence,
  case when leaves_window and not coalesce(leaves_before, false) then next_return_at end as returned_at,
  case
    when not leaves_window and case when leaves_before is null then window_event = '恢复' else not leaves_before end
      then case window_event when '恢复' then '恢复前没有未结束的暂停' else '重复登录：此前没有退出或暂停' end
    when window_event = '暂停' and events_after = 0 then '暂停后当天没有恢复、登录或退出'
  end as orphan_reason
from states
