/*
grain: one row per investigation register entry (案件编号, or 工号 + 触发条款 + 发生日期), the latest valid version
unique: [register_key]
not_null: [register_key, staff_id, decision, source_ref]
*/
-- The version of each key that the rules read is chosen once, for every source (intermediate.int_latest_lines).
select
  investigation_key(register_case_id, trigger, staff_id, occurred_on) as register_key,
  *
from staging.stg_investigations
semi join intermediate.int_latest_lines as latest_lines
  on latest_lines.source = 'investigations'
  and latest_lines.load_id = stg_investigations.load_id and latest_lines.line = stg_investigations.line
