/*
grain: one row per patrol record (巡查编号), the latest valid version, of an open month
unique: [patrol_id]
not_null: [patrol_id, patrolled_at, month, finding_code, source_ref]
*/
-- rules.md §4: each finding is one event for the named person, or for whoever was on duty at the
-- named window at that time (§13). 正常 rows score nothing but count toward patrol coverage.
select
  latest_patrol.patrol_id,
  latest_patrol.patrolled_at,
  strftime(latest_patrol.patrolled_at, '%Y-%m') as month,
  latest_patrol.patroller,
  latest_patrol.window_no,
  attributed.staff_id,
  attributed.attributed_by,
  latest_patrol.finding_code,
  latest_patrol.away_minutes,
  latest_patrol.case_id,
  latest_patrol.evidence,
  latest_patrol.note,
  latest_patrol.load_id,
  latest_patrol.line,
  latest_patrol.source_ref
from intermediate.int_latest_patrol as latest_patrol
inner join intermediate.int_attributed_records as attributed
  on attributed.source = 'patrol' and attributed.record_id = latest_patrol.patrol_id
where (attributed.staff_id is not null or not attributed.needs_person)
  and strftime(latest_patrol.patrolled_at, '%Y-%m') in (select month from intermediate.int_months where is_open)
