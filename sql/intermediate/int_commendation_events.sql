/*
grain: one row per score event of this source (filled by the §5–§7 models)
unique: [event_id]
*/
-- SCHEMA ONLY until the §5–§7 models land.
select null::varchar as event_id, null::varchar as staff_id, null::varchar as rule_code, null::decimal(6, 1) as points,
  null::date as event_date, null::varchar as session, null::varchar as source, null::varchar as source_ref,
  null::varchar as detail, null::varchar as trigger_code
where false
