/*
grain: one row per away-from-post incident of a staff member (overlapping or nearby intervals merged), with the code it scores
unique: [staff_id, starts_at]
not_null: [staff_id, calendar_date, session, sessions, starts_at, ends_at, away_minutes, spans_lunch, origins, qualifier, source_refs, what]
accepted_values:
  rule_code: [AWAY_30, AWAY_HALF]
  session: [AM, PM]
*/
-- rules.md §3: intervals of one person that overlap or are less than 5 minutes apart are one
-- incident; a patrol finding inside a queue-derived incident is that incident, not a second one.
-- rev 2: the lunch break is not a gap. Gaps and lengths are measured on the person's on-post clock
-- (the lunch break between their morning and afternoon on post taken out), so an absence that runs
-- to the morning's end and goes on from the afternoon's start is one incident, as long as the
-- on-post minutes it covers.
-- Code: longer than 30 minutes → AWAY_30; longer than half of the day's scheduled minutes (the share
-- is configuration) → AWAY_HALF; one incident scores once, the higher code; a patrol finding coded
-- AWAY_30/AWAY_HALF inside it is the inspector's judgement of the length: the least it scores.
-- Name: the time (HHMM) the person was first seen away by the queue or a cover's absence, else the
-- patrol record whose finding ends in it, else its start (HHMM). Incidents are at least the merge
-- gap (≥ 1 minute) apart, so no two of one person and day share a minute, and each finding names
-- one incident at most; an incident across lunch keeps its morning start.
with clocked as (
  select
    *,
    starts_at - to_seconds(lunch_break_seconds) as on_post_start,
    ends_at - to_seconds(lunch_break_seconds) as on_post_end
  from intermediate.int_away_intervals
),

ordered as (
  select
    *,
    max(on_post_end) over (
      partition by staff_id, calendar_date order by on_post_start, on_post_end
      rows between unbounded preceding and 1 preceding
    ) as previous_end
  from clocked
),

numbered as (
  select
    *,
    sum(
      case
        when previous_end is null then 1
        when on_post_start - previous_end < to_minutes(getvariable('away_merge_gap_minutes')::bigint) then 0
        else 1
      end
    ) over (partition by staff_id, calendar_date order by on_post_start, on_post_end) as incident_no
  from ordered
),

described as (
  select
    *,
    -- an absence cut by lunch or leave into several intervals is told once per incident
    row_number() over (partition by staff_id, calendar_date, incident_no, origin, origin_id order by starts_at) = 1
      as tells_what,
    -- a finding cut by leave belongs, with its code and name, to the incident of its last piece (the
    -- one that ends at the patrol time when that is on post), so it is never counted twice
    row_number() over (partition by staff_id, calendar_date, origin, origin_id order by starts_at desc) = 1
      as is_last_piece
  from numbered
),

incidents as (
  select
    staff_id,
    calendar_date,
    min(starts_at) as starts_at,
    max(ends_at) as ends_at,
    epoch(max(on_post_end) - min(on_post_start)) / 60 as away_minutes,
    list(distinct session order by session) as sessions,
    count(distinct session) > 1 as spans_lunch,
    list(distinct origin order by origin) as origins,
    coalesce(
      strftime(min(starts_at) filter (where origin <> '巡查'), '%H%M'),
      min(origin_id) filter (where origin = '巡查' and is_last_piece),
      strftime(min(starts_at), '%H%M')
    ) as qualifier,
    list(distinct origin_id order by origin_id) filter (where origin = '巡查' and is_last_piece) as patrol_ids,
    -- a late cover's interval cites its leave, departure and arrival rows
    array_to_string(list_sort(list_distinct(flatten(list(string_split(source_ref, '；'))))), '；') as source_refs,
    string_agg(what, '；' order by starts_at, what) filter (where tells_what) as what
  from described
  group by staff_id, calendar_date, incident_no
),

patrol_codes as (
  -- the patrol findings inside each incident, by an equality join on the finding's id
  select incident_patrols.staff_id, incident_patrols.starts_at, list(findings.finding_code) as codes
  from (select staff_id, starts_at, unnest(patrol_ids) as patrol_id from incidents) as incident_patrols
  inner join intermediate.int_patrol_findings as findings on findings.patrol_id = incident_patrols.patrol_id
  group by incident_patrols.staff_id, incident_patrols.starts_at
),

coded as (
  select
    incidents.*,
    incidents.sessions[1] as session,
    case
      when incidents.away_minutes > days.scheduled_minutes * getvariable('away_half_day_share') then 'AWAY_HALF'
      when list_contains(patrol_codes.codes, 'AWAY_HALF') then 'AWAY_HALF'
      when incidents.away_minutes > getvariable('away_over_minutes') then 'AWAY_30'
      when list_contains(patrol_codes.codes, 'AWAY_30') then 'AWAY_30'
    end as rule_code
  from incidents
  inner join intermediate.int_calendar_days as days on days.calendar_date = incidents.calendar_date
  left join patrol_codes using (staff_id, starts_at)
)

select
  coded.*,
  coded.rule_code || ':' || coded.staff_id || ':' || strftime(coded.calendar_date, '%Y-%m-%d') || ':' || coded.qualifier
    as event_id
from coded
