/*
grain: one row per patrol finding that scores (not 正常 and not away, which joins the §3 incidents)
unique: [event_id]
not_null: [event_id, staff_id, rule_code, points, event_date, source, source_ref, detail]
*/
-- rules.md §4: each finding is one event of its code, named by the patrol record.
select
  findings.finding_code || ':' || findings.staff_id || ':' || strftime(findings.patrolled_at, '%Y-%m-%d') || ':'
    || findings.patrol_id as event_id,
  findings.staff_id,
  findings.finding_code as rule_code,
  rule_points.points,
  findings.patrolled_at::date as event_date,
  null::varchar as session,
  '巡查' as source,
  findings.patrol_id || '（' || findings.source_ref || '）' as source_ref,
  '巡查 ' || strftime(findings.patrolled_at, '%H:%M') || coalesce('，巡查人 ' || findings.patroller, '')
    || coalesce('，窗口 ' || findings.window_no, '') || coalesce('（按' || findings.attributed_by || '认定当班人员）', '')
    || coalesce('；' || findings.note, '') || coalesce('；证据 ' || findings.evidence, '') as detail,
  event_triggers.trigger as trigger_code
from intermediate.int_patrol_findings as findings
inner join params.rule_points on rule_points.rule_code = findings.finding_code
left join seeds.event_triggers on event_triggers.rule_code = findings.finding_code
where findings.staff_id is not null
  and findings.finding_code not in ('NORMAL', 'AWAY_30', 'AWAY_HALF')
