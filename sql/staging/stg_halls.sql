/*
grain: one row per loaded row of the halls register (大厅名册) of a many-hall inbox
comment: 大厅名册（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.halls_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    clean(hall_name) as hall_name,
    clean_identifier(parent_code) as parent_code,
    clean(region) as region,
    parse_local_date(start_date) as start_date,
    parse_local_date(end_date) as end_date,
    clean(source_rows.start_date) as start_date_text,
    clean(source_rows.end_date) as end_date_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when not regexp_full_match(hall_code, '[A-Za-z0-9-]+')
        then '大厅编码只能由字母、数字和 - 组成：大厅编码 ' || hall_code
      when hall_name is null then '缺少必填项：大厅名称'
      when start_date_text is not null and start_date is null then '日期无法识别：启用日期 ' || start_date_text
      when end_date_text is not null and end_date is null then '日期无法识别：停用日期 ' || end_date_text
      when end_date < start_date then '停用日期早于启用日期：' || start_date_text || ' 至 ' || end_date_text
    end as rejection
  from typed
)

select * exclude (start_date_text, end_date_text), null::date as event_date
from checked
