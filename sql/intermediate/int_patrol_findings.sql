/*
grain: one row per patrol record (巡查编号), the latest valid version, of an open month
unique: [patrol_id]
not_null: [patrol_id, patrolled_at, month, finding_code, source_ref]
*/
-- rules.md §4: each finding is one event for the named person, or for whoever was on duty at the
-- named window at that time (§13). 正常 rows score nothing but count toward patrol coverage.
select
  stg_patrol.patrol_id,
  stg_patrol.patrolled_at,
  strftime(stg_patrol.patrolled_at, '%Y-%m') as month,
  stg_patrol.patroller,
  stg_patrol.window_no,
  attributed.staff_id,
  attributed.attributed_by,
  stg_patrol.finding_code,
  stg_patrol.away_minutes,
  stg_patrol.case_id,
  stg_patrol.evidence,
  stg_patrol.note,
  stg_patrol.load_id,
  stg_patrol.line,
  stg_patrol.source_ref
from staging.stg_patrol
inner join intermediate.int_attributed_records as attributed
  on attributed.source = 'patrol'
  and attributed.record_id = stg_patrol.patrol_id
  and attributed.load_id = stg_patrol.load_id
  and attributed.line = stg_patrol.line
where stg_patrol.rejection is null and not is_after_as_of(stg_patrol.event_date)
  and (attributed.staff_id is not null or not attributed.needs_person)
  and strftime(stg_patrol.patrolled_at, '%Y-%m') in (select month from intermediate.int_months where is_open)
