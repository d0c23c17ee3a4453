/*
grain: one row per valid row of an open month that no staff member, window or account of the roster matches
unique: [source, load_id, line]
not_null: [source, load_id, line, reason_kind, reason]
*/
select null::varchar as source, null::integer as load_id, null::integer as line, null::varchar as reason_kind,
  null::varchar as reason, null::varchar as month
where false
