/*
grain: one row per loaded row of the hall's calendar overrides (工作日调整)
comment: 工作日调整登记（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.calendar_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    parse_local_date(date) as calendar_date,
    parse_yes_no(is_workday) as is_workday,
    clean(note) as note,
    clean(source_rows.date) as date_text,
    clean(source_rows.is_workday) as is_workday_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when date_text is null then '缺少必填项：日期'
      when calendar_date is null then '日期无法识别：日期 ' || date_text
      when is_workday_text is null then '缺少必填项：是否工作日'
      when is_workday is null then '取值不在列表中：是否工作日 ' || is_workday_text || '（应为 是/否）'
    end as rejection
  from typed
)

select * exclude (date_text, is_workday_text), calendar_date as event_date
from checked
