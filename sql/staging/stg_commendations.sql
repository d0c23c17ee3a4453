/*
grain: one row per loaded row of the commendation register (表扬与建议)
comment: 表扬与建议登记（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.commendations_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    source_rows.load_id,
    source_rows.line,
    source_rows.source_ref,
    clean_identifier(source_rows.id) as commendation_id,
    parse_local_date(source_rows.date) as commended_on,
    clean_identifier(source_rows.staff_id) as staff_id,
    coalesce(commendation_kinds.kind, clean(source_rows.kind)) as commendation_kind,
    commendation_kinds.rule_code,
    parse_yes_no(source_rows.verified) as is_verified,
    mask_phone_numbers(clean(source_rows.note)) as note,
    clean(source_rows.date) as commended_on_text,
    clean(source_rows.verified) as verified_text
  from source_rows
  left join seeds.commendation_kinds
    on normalize_enumerated(commendation_kinds.kind) = normalize_enumerated(source_rows.kind)
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when commendation_id is null then '缺少必填项：编号'
      when commended_on_text is null then '缺少必填项：日期'
      when staff_id is null then '缺少必填项：工号'
      when commendation_kind is null then '缺少必填项：类型'
      when verified_text is null then '缺少必填项：是否核定'
      when has_lost_digits(commendation_id) then '科学计数法，位数已丢失：编号 ' || commendation_id
      when has_lost_digits(staff_id) then '科学计数法，位数已丢失：工号 ' || staff_id
      when commended_on is null then '日期无法识别：日期 ' || commended_on_text
      when rule_code is null
        then '取值不在列表中：类型 ' || commendation_kind || '（应为 表扬信/锦旗/镜框/口头表扬/建议采纳/市级表扬/省级表扬）'
      when is_verified is null then '取值不在列表中：是否核定 ' || verified_text || '（应为 是/否）'
    end as rejection
  from typed
)

select * exclude (commended_on_text, verified_text), commended_on as event_date
from checked
