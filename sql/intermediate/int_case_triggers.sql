/*
grain: one row per case fact that raises a §10 trigger without scoring (filled by the §5 models)
unique: [event_id]
*/
-- SCHEMA ONLY until the §5 models land.
select null::varchar as event_id, null::varchar as staff_id, null::varchar as trigger_code, null::date as event_date,
  null::varchar as source, null::varchar as source_ref, null::varchar as detail
where false
