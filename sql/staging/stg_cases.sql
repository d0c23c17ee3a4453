/*
grain: one row per loaded row of the approval platform's case exports (审批平台办件)
comment: 审批平台办件（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.cases_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    clean_identifier(case_id) as case_id,
    clean(item) as item,
    normalize_enumerated(kind) as case_kind,
    parse_whole_number(promised_days) as promised_days,
    parse_local_timestamp(accepted_at) as accepted_at,
    parse_local_timestamp(entered_at) as entered_at,
    parse_local_timestamp(completed_at) as completed_at,
    normalize_enumerated(status) as case_status,
    clean_identifier(platform_account) as platform_account,
    clean_identifier(ticket_no) as ticket_no,
    clean(source_rows.promised_days) as promised_days_text,
    clean(source_rows.accepted_at) as accepted_at_text,
    clean(source_rows.entered_at) as entered_at_text,
    clean(source_rows.completed_at) as completed_at_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when case_id is null then '缺少必填项：办件编号'
      when item is null then '缺少必填项：事项名称'
      when case_kind is null then '缺少必填项：办件类型'
      when promised_days_text is null then '缺少必填项：承诺时限'
      when accepted_at_text is null then '缺少必填项：受理时间'
      when case_status is null then '缺少必填项：办件状态'
      when platform_account is null then '缺少必填项：受理人账号'
      when has_lost_digits(case_id) then '科学计数法，位数已丢失：办件编号 ' || case_id
      when has_lost_digits(platform_account) then '科学计数法，位数已丢失：受理人账号 ' || platform_account
      when has_lost_digits(ticket_no) then '科学计数法，位数已丢失：流水号 ' || ticket_no
      when accepted_at is null then '时间无法识别：受理时间 ' || accepted_at_text
      when entered_at_text is not null and entered_at is null then '时间无法识别：录入时间 ' || entered_at_text
      when completed_at_text is not null and completed_at is null then '时间无法识别：办结时间 ' || completed_at_text
      when case_kind not in ('即办件', '承诺件') then '取值不在列表中：办件类型 ' || case_kind || '（应为 即办件/承诺件）'
      when case_status not in ('在办', '办结', '退件')
        then '取值不在列表中：办件状态 ' || case_status || '（应为 在办/办结/退件）'
      when promised_days is null then '取值不在列表中：承诺时限 ' || promised_days_text || '（应为工作日天数）'
      when case_kind = '即办件' and promised_days <> 0 then '取值不在列表中：即办件的承诺时限应为 0，实为 ' || promised_days_text
      when completed_at < accepted_at then '结束早于开始：办结时间早于受理时间'
      when entered_at < accepted_at then '结束早于开始：录入时间早于受理时间'
    end as rejection
  from typed
)

select * exclude (promised_days_text, accepted_at_text, entered_at_text, completed_at_text), accepted_at::date as event_date
from checked
