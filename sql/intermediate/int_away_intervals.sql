/*
grain: one row per away interval of a staff member within one on-post stretch (a cover's late arrival within its session)
unique: [staff_id, starts_at, origin, origin_id]
not_null: [staff_id, calendar_date, session, starts_at, ends_at, lunch_break_seconds, origin, origin_id, source_ref, what]
accepted_values:
  origin: [叫号系统, 巡查, 顶岗]
  session: [AM, PM]
*/
-- rules.md §3: away intervals come from
--   the queue system: an absence from the window as int_queue_event_pairs reads it (the departure
--     that finds the person at the window until the first return after it, or the day's end); the
--     absence is excused when the 暂停 that began it gives an excused reason;
--   patrol findings of being away (rev 2): [t − m, t] with 离岗时长 m > 0, the moment t with m blank
--     or 0 (a zero-length interval); a finding inside approved leave is not an incident;
--   a late cover (rev 2): the leave-taker's departure to the cover's arrival, when longer than the
--     暂时离岗 allowance (int_cover_handovers); the approved leave does not excuse it.
-- Each is clipped to the stretches on post (int_on_post_periods; a moment counts when a stretch holds
-- it, its ends included); a late cover's gap to its session from the in punch. One absence, finding
-- or leave gives at most one interval per stretch, and stretches are disjoint, so the grain is unique
-- by construction.
-- rev 2, the lunch break is not a gap: lunch_break_seconds (on afternoon intervals; 0 in the morning
-- or without a morning that counts) is the time from the last moment the person's morning counts
-- (the end of their last stretch on post, or of a late cover's gap) to the start of their first
-- afternoon stretch. int_away_incidents measures on that on-post clock.
with queue_absences as (
  select
    staff_id,
    read_at as starts_at,
    coalesce(returned_at, event_date + interval 1 day) as ends_at,
    '叫号系统' as origin,
    strftime(read_at, '%H:%M:%S') as origin_id,
    source_ref,
    window_event || coalesce('（' || pause_reason || '）', '') as what
  from intermediate.int_queue_event_pairs
  where opens_absence
    and not coalesce(
      len(list_filter(getvariable('away_excused_reasons'), excused -> contains(pause_reason, excused))) > 0,
      false
    )
),

patrol_observations as (
  select
    findings.staff_id,
    findings.patrolled_at - to_minutes(coalesce(findings.away_minutes, 0)::bigint) as starts_at,
    findings.patrolled_at as ends_at,
    '巡查' as origin,
    findings.patrol_id as origin_id,
    findings.patrol_id as source_ref,
    '巡查发现离岗' || case when findings.away_minutes > 0 then ' ' || findings.away_minutes || ' 分钟' else '' end as what
  from intermediate.int_patrol_findings as findings
  where findings.finding_code in ('AWAY_30', 'AWAY_HALF')
    and findings.staff_id is not null
    and not exists (
      select 1
      from intermediate.int_leave_periods as leave
      where leave.staff_id = findings.staff_id
        and findings.patrolled_at >= leave.starts_at
        and findings.patrolled_at < leave.ends_at
    )
),

observed as (
  select * from queue_absences
  union all
  select * from patrol_observations
),

on_post as (
  select
    observed.staff_id,
    stretches.calendar_date,
    stretches.session,
    greatest(observed.starts_at, stretches.starts_at) as starts_at,
    least(observed.ends_at, stretches.ends_at) as ends_at,
    observed.origin,
    observed.origin_id,
    observed.source_ref,
    observed.what
  from observed
  inner join intermediate.int_on_post_periods as stretches
    on stretches.staff_id = observed.staff_id
    and case
      when observed.starts_at = observed.ends_at
        then stretches.starts_at <= observed.starts_at and observed.starts_at <= stretches.ends_at
      else stretches.starts_at < observed.ends_at and observed.starts_at < stretches.ends_at
    end
),

cover_gaps as (
  select
    handovers.staff_id,
    handovers.calendar_date,
    handovers.session,
    greatest(handovers.departure_at, sessions.starts_at, coalesce(sessions.in_at, sessions.starts_at)) as starts_at,
    handovers.arrival_at as ends_at,
    '顶岗' as origin,
    handovers.leave_id as origin_id,
    handovers.evidence as source_ref,
    '请假 ' || handovers.leave_id || '：' || strftime(handovers.departure_at, '%H:%M') || ' 离开窗口，顶岗人 '
      || handovers.cover_staff_id || ' ' || strftime(handovers.arrival_at, '%H:%M') || ' 到岗' as what
  from intermediate.int_cover_handovers as handovers
  inner join intermediate.int_attendance_sessions as sessions using (staff_id, calendar_date, session)
  where handovers.is_gap_away
    and not sessions.is_absent
    and not sessions.is_exempt
),

intervals as (
  select * from on_post
  union all
  -- a gap that ends before the in punch has no time that counts
  select * from cover_gaps where ends_at > starts_at
),

lunch_breaks as (
  select
    staff_id,
    calendar_date,
    epoch(min(starts_at) filter (where session = 'PM') - max(ends_at) filter (where session = 'AM')) as seconds
  from (
    select staff_id, calendar_date, session, starts_at, ends_at from intermediate.int_on_post_periods
    union all
    select staff_id, calendar_date, session, null, ends_at from intervals where origin = '顶岗'
  ) as counted
  group by staff_id, calendar_date
)

select
  intervals.staff_id,
  intervals.calendar_date,
  intervals.session,
  intervals.starts_at,
  intervals.ends_at,
  case when intervals.session = 'PM' then coalesce(lunch_breaks.seconds, 0) else 0 end as lunch_break_seconds,
  intervals.origin,
  intervals.origin_id,
  intervals.source_ref,
  intervals.what
from intervals
left join lunch_breaks using (staff_id, calendar_date)
