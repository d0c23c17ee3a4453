/*
grain: one row per investigation register entry (案件编号, or 工号 + 触发条款 + 发生日期), the latest valid version
unique: [register_key]
not_null: [register_key, staff_id, decision, source_ref]
*/
select
  coalesce(register_case_id, 'INV:' || trigger || ':' || staff_id || ':' || strftime(occurred_on, '%Y-%m-%d')) as register_key,
  *
from staging.stg_investigations
where rejection is null and not is_after_as_of(event_date)
qualify row_number() over (
  partition by coalesce(register_case_id, 'INV:' || trigger || ':' || staff_id || ':' || strftime(occurred_on, '%Y-%m-%d'))
  order by load_id desc, line desc
) = 1
