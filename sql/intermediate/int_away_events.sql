/*
grain: one row per away-from-post score event (one per incident that scores, with the code int_away_incidents gave it)
unique: [event_id]
not_null: [event_id, staff_id, rule_code, points, event_date, session, source, source_ref, detail]
accepted_values:
  rule_code: [AWAY_30, AWAY_HALF]
*/
-- rules.md §3: one incident gives one event, the higher code (decided in int_away_incidents). The
-- length shown is the on-post minutes; an incident across lunch says that the break is left out.
select
  incidents.event_id,
  incidents.staff_id,
  incidents.rule_code,
  rule_points.points,
  incidents.calendar_date as event_date,
  incidents.session,
  array_to_string(incidents.origins, '、') as source,
  incidents.source_refs as source_ref,
  '离岗 ' || strftime(incidents.starts_at, '%H:%M') || '–' || strftime(incidents.ends_at, '%H:%M') || '，共 '
    || floor(incidents.away_minutes)::integer || ' 分钟'
    || case when incidents.away_minutes > floor(incidents.away_minutes)
      then ' ' || round((incidents.away_minutes - floor(incidents.away_minutes)) * 60)::integer || ' 秒' else '' end
    || case when incidents.spans_lunch then '（在岗时间，不含午休）' else '' end
    || '（' || incidents.what || '）' as detail,
  event_triggers.trigger as trigger_code
from intermediate.int_away_incidents as incidents
inner join params.rule_points on rule_points.rule_code = incidents.rule_code
left join seeds.event_triggers on event_triggers.rule_code = incidents.rule_code
where incidents.rule_code is not null
