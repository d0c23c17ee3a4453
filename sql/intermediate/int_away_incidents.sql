/*
grain: one row per away-from-post incident of a staff member (overlapping or nearby intervals merged)
unique: [staff_id, starts_at]
not_null: [staff_id, calendar_date, starts_at, ends_at, away_minutes, origins, source_refs]
*/
-- rules.md §3: intervals of one person that overlap or are less than 5 minutes apart are one
-- incident; a patrol finding inside a queue-derived incident is that incident, not a second one.
with ordered as (
  select
    *,
    max(ends_at) over (
      partition by staff_id, calendar_date order by starts_at, ends_at rows between unbounded preceding and 1 preceding
    ) as previous_ends_at
  from intermediate.int_away_intervals
),

numbered as (
  select
    *,
    sum(
      case
        when previous_ends_at is null then 1
        when starts_at - previous_ends_at < to_minutes(getvariable('away_merge_gap_minutes')::bigint) then 0
        else 1
      end
    ) over (partition by staff_id, calendar_date order by starts_at, ends_at) as incident_no
  from ordered
)

select
  staff_id,
  calendar_date,
  min(starts_at) as starts_at,
  max(ends_at) as ends_at,
  epoch(max(ends_at) - min(starts_at)) / 60 as away_minutes,
  list(distinct origin order by origin) as origins,
  -- the time the person was first away on post (HHMM) names a queue-derived incident: one pause that
  -- spans lunch gives two incidents, each named by its own start; a patrol-only one by its record
  coalesce(
    strftime(min(starts_at) filter (where origin = '叫号系统'), '%H%M'),
    min(origin_id) filter (where origin = '巡查')
  ) as qualifier,
  list(distinct origin_id order by origin_id) filter (where origin = '巡查') as patrol_ids,
  string_agg(distinct source_ref, '；' order by source_ref) as source_refs,
  string_agg(what, '；' order by starts_at) as what
from numbered
group by staff_id, calendar_date, incident_no
