/*
grain: one row per away-from-post score event (one per incident, the higher code)
unique: [event_id]
not_null: [event_id, staff_id, rule_code, points, event_date, source, source_ref, detail]
accepted_values:
  rule_code: [AWAY_30, AWAY_HALF]
*/
-- rules.md §3: longer than 30 minutes → AWAY_30; longer than half of the day's scheduled minutes →
-- AWAY_HALF; one incident gives one event, the higher one. A patrol finding coded AWAY_30/AWAY_HALF
-- is itself evidence of at least that code.
with patrol_codes as (
  -- the patrol findings inside each incident, by an equality join on the finding's id
  select incident_patrols.staff_id, incident_patrols.starts_at, list(int_patrol_findings.finding_code) as codes
  from (
    select staff_id, starts_at, unnest(patrol_ids) as patrol_id from intermediate.int_away_incidents
  ) as incident_patrols
  inner join intermediate.int_patrol_findings on int_patrol_findings.patrol_id = incident_patrols.patrol_id
  group by incident_patrols.staff_id, incident_patrols.starts_at
),

coded as (
  select
    incidents.*,
    int_calendar_days.scheduled_minutes,
    case
      when incidents.away_minutes > int_calendar_days.scheduled_minutes / 2 then 'AWAY_HALF'
      when list_contains(patrol_codes.codes, 'AWAY_HALF') then 'AWAY_HALF'
      when incidents.away_minutes > getvariable('away_over_minutes') then 'AWAY_30'
      when list_contains(patrol_codes.codes, 'AWAY_30') then 'AWAY_30'
    end as rule_code
  from intermediate.int_away_incidents as incidents
  inner join intermediate.int_calendar_days on int_calendar_days.calendar_date = incidents.calendar_date
  left join patrol_codes on patrol_codes.staff_id = incidents.staff_id and patrol_codes.starts_at = incidents.starts_at
)

select
  coded.rule_code || ':' || coded.staff_id || ':' || strftime(coded.calendar_date, '%Y-%m-%d') || ':' || coded.qualifier
    as event_id,
  coded.staff_id,
  coded.rule_code,
  rule_points.points,
  coded.calendar_date as event_date,
  case when coded.starts_at < int_calendar_days.lunch_midpoint_at then 'AM' else 'PM' end as session,
  array_to_string(coded.origins, '、') as source,
  coded.source_refs as source_ref,
  '离岗 ' || strftime(coded.starts_at, '%H:%M') || '–' || strftime(coded.ends_at, '%H:%M') || '，共 '
    || floor(coded.away_minutes)::integer || ' 分钟'
    || case when coded.away_minutes > floor(coded.away_minutes)
      then ' ' || round((coded.away_minutes - floor(coded.away_minutes)) * 60)::integer || ' 秒' else '' end
    || '（' || coded.what || '）' as detail,
  event_triggers.trigger as trigger_code
from coded
inner join params.rule_points on rule_points.rule_code = coded.rule_code
inner join intermediate.int_calendar_days on int_calendar_days.calendar_date = coded.calendar_date
left join seeds.event_triggers on event_triggers.rule_code = coded.rule_code
where coded.rule_code is not null
