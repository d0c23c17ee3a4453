/*
grain: one row per appeal (申诉编号), the latest valid version
unique: [appeal_id]
not_null: [appeal_id, staff_id, submitted_on, appeal_status, appeal_precedence, source_ref]
accepted_values:
  appeal_status: [申诉中, 撤销, 维持]
*/
-- rules.md §14: an appeal names an event or case by id, or by person, rule code (or trigger) and
-- date, then covering every match. 撤销 voids; 维持 changes nothing; no result yet is 申诉中.
-- The version of each key that the rules read is chosen once, for every source (intermediate.int_latest_lines).
select
  appeal_id,
  staff_id,
  target_id,
  rule_code,
  target_date,
  submitted_on,
  resolved_on,
  coalesce(result, '申诉中') as appeal_status,
  -- where several appeals name one event or case: upheld wins over pending over rejected
  case coalesce(result, '申诉中') when '撤销' then 1 when '申诉中' then 2 else 3 end as appeal_precedence,
  note,
  source_ref
from staging.stg_appeals
semi join intermediate.int_latest_lines as latest_lines
  on latest_lines.source = 'appeals'
  and latest_lines.load_id = stg_appeals.load_id and latest_lines.line = stg_appeals.line
