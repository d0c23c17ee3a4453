/*
grain: one row per loaded row of the appeal register (申诉登记)
comment: 申诉登记（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.appeals_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    clean_identifier(id) as appeal_id,
    clean_identifier(staff_id) as staff_id,
    clean_identifier(target_id) as target_id,
    upper(normalize_enumerated(rule_code)) as rule_code,
    parse_local_date(event_date) as target_date,
    parse_local_date(submitted_on) as submitted_on,
    normalize_enumerated(result) as result,
    parse_local_date(resolved_on) as resolved_on,
    mask_phone_numbers(clean(note)) as note,
    clean(source_rows.event_date) as target_date_text,
    clean(source_rows.submitted_on) as submitted_on_text,
    clean(source_rows.resolved_on) as resolved_on_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when appeal_id is null then '缺少必填项：申诉编号'
      when staff_id is null then '缺少必填项：工号'
      when submitted_on_text is null then '缺少必填项：提交日期'
      when target_id is null and (rule_code is null or target_date_text is null)
        then '缺少必填项：申诉对象编号，或 规则代码 与 发生日期'
      when has_lost_digits(appeal_id) then '科学计数法，位数已丢失：申诉编号 ' || appeal_id
      when has_lost_digits(staff_id) then '科学计数法，位数已丢失：工号 ' || staff_id
      when has_lost_digits(target_id) then '科学计数法，位数已丢失：申诉对象编号 ' || target_id
      when submitted_on is null then '日期无法识别：提交日期 ' || submitted_on_text
      when target_date_text is not null and target_date is null then '日期无法识别：发生日期 ' || target_date_text
      when resolved_on_text is not null and resolved_on is null then '日期无法识别：处理日期 ' || resolved_on_text
      when result is not null and result not in ('撤销', '维持') then '取值不在列表中：处理结果 ' || result || '（应为 撤销/维持）'
      when resolved_on < submitted_on then '结束早于开始：处理日期早于提交日期'
    end as rejection
  from typed
)

select * exclude (target_date_text, submitted_on_text, resolved_on_text), submitted_on as event_date
from checked
