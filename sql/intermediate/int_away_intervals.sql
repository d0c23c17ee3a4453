/*
grain: one row per away interval of a staff member, clipped to one on-post stretch
unique: [staff_id, starts_at, origin, origin_id]
not_null: [staff_id, calendar_date, starts_at, ends_at, origin, origin_id, source_ref]
accepted_values:
  origin: [叫号系统, 巡查]
*/
-- rules.md §3: away intervals come from the queue system's window events (暂停 or 退出 until the same
-- person's next 恢复 or 登录 that day, or the day's end) and from patrol findings of being away
-- (the stated minutes up to the patrol time). A pause with an excused reason is not away.
with staff_events as (
  select
    *,
    -- the first return after it (a repeated 暂停 before the 恢复 does not end the absence)
    min(event_at) filter (where window_event in ('恢复', '登录')) over (
      partition by staff_id, event_date order by event_at, window_event rows between 1 following and unbounded following
    ) as returned_at
  from intermediate.int_queue_events
  where staff_id is not null
),

queue_intervals as (
  select
    staff_id,
    event_date as calendar_date,
    event_at as starts_at,
    -- the person's next 恢复 or 登录 that day ends it; with none, the day's end
    coalesce(returned_at, event_date + interval 1 day) as ends_at,
    '叫号系统' as origin,
    strftime(event_at, '%H%M') as origin_id,
    source_ref,
    window_event || coalesce('（' || pause_reason || '）', '') as what
  from staff_events
  where window_event in ('暂停', '退出')
    and not coalesce(
      len(list_filter(getvariable('away_excused_reasons'), excused -> contains(pause_reason, excused))) > 0,
      false
    )
),

patrol_intervals as (
  select
    int_patrol_findings.staff_id,
    int_patrol_findings.patrolled_at::date as calendar_date,
    int_patrol_findings.patrolled_at - to_minutes(coalesce(int_patrol_findings.away_minutes, 0)::bigint) as starts_at,
    int_patrol_findings.patrolled_at as ends_at,
    '巡查' as origin,
    int_patrol_findings.patrol_id as origin_id,
    int_patrol_findings.patrol_id as source_ref,
    '巡查发现离岗' || coalesce(' ' || int_patrol_findings.away_minutes || ' 分钟', '') as what
  from intermediate.int_patrol_findings
  where int_patrol_findings.finding_code in ('AWAY_30', 'AWAY_HALF')
    and int_patrol_findings.staff_id is not null
),

intervals as (
  select * from queue_intervals
  union all
  select * from patrol_intervals
)

select
  intervals.staff_id,
  intervals.calendar_date,
  greatest(intervals.starts_at, stretches.starts_at) as starts_at,
  least(intervals.ends_at, stretches.ends_at) as ends_at,
  intervals.origin,
  intervals.origin_id,
  intervals.source_ref,
  intervals.what
from intervals
inner join intermediate.int_on_post_periods as stretches
  on stretches.staff_id = intervals.staff_id
  and stretches.starts_at < intervals.ends_at
  and stretches.ends_at > intervals.starts_at
union all
-- a patrol finding without minutes is still an observed absence at that moment
select staff_id, calendar_date, starts_at, ends_at, origin, origin_id, source_ref, what
from intervals
where origin = '巡查' and starts_at = ends_at
