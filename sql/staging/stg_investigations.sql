/*
grain: one row per loaded row of the responsibility-investigation register (责任追究登记)
comment: 责任追究登记（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.investigations_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    clean_identifier(case_id) as register_case_id,
    clean_identifier(staff_id) as staff_id,
    upper(normalize_enumerated(trigger)) as trigger,
    parse_local_date(occurred_on) as occurred_on,
    normalize_enumerated(severity) as severity,
    -- Several circumstances may be listed in one cell: 打击报复、干扰调查 (normalized, 、 and ， are ,)
    list_filter(regexp_split_to_array(coalesce(normalize_enumerated(aggravating), ''), '[,;/]+'), x -> x <> '') as aggravating,
    list_filter(regexp_split_to_array(coalesce(normalize_enumerated(mitigating), ''), '[,;/]+'), x -> x <> '') as mitigating,
    normalize_enumerated(decision) as decision,
    clean_identifier(merged_into) as merged_into,
    parse_local_date(decided_on) as decided_on,
    clean(source_rows.occurred_on) as occurred_on_text,
    clean(source_rows.decided_on) as decided_on_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when staff_id is null then '缺少必填项：工号'
      when decision is null then '缺少必填项：认定结果'
      when has_lost_digits(register_case_id) then '科学计数法，位数已丢失：案件编号 ' || register_case_id
      when has_lost_digits(staff_id) then '科学计数法，位数已丢失：工号 ' || staff_id
      when has_lost_digits(merged_into) then '科学计数法，位数已丢失：合并至 ' || merged_into
      when register_case_id is null and (trigger is null or occurred_on_text is null)
        then '缺少必填项：案件编号，或 触发条款 与 发生日期'
      when occurred_on_text is not null and occurred_on is null then '日期无法识别：发生日期 ' || occurred_on_text
      when decided_on_text is not null and decided_on is null then '日期无法识别：认定日期 ' || decided_on_text
      when trigger is not null and trigger not in (select triggers.trigger from seeds.triggers)
        then '取值不在列表中：触发条款 ' || trigger || '（应为 R01…R13）'
      when severity is not null and severity not in ('较轻', '较重', '严重')
        then '取值不在列表中：情节 ' || severity || '（应为 较轻/较重/严重）'
      when decision not in ('已认定', '不予追究', '合并')
        then '取值不在列表中：认定结果 ' || decision || '（应为 已认定/不予追究/合并）'
      when decision = '合并' and merged_into is null then '缺少必填项：认定结果为合并时须填写合并至'
      when len(list_filter(aggravating, x -> x not in ('打击报复', '干扰调查', '不执行决定'))) > 0
        then '取值不在列表中：从重情形 ' || array_to_string(aggravating, '、') || '（应为 打击报复/干扰调查/不执行决定）'
      when len(list_filter(mitigating, x -> x not in ('道歉谅解', '阻止后果', '挽回损失'))) > 0
        then '取值不在列表中：从轻情形 ' || array_to_string(mitigating, '、') || '（应为 道歉谅解/阻止后果/挽回损失）'
    end as rejection
  from typed
)

select * exclude (occurred_on_text, decided_on_text), coalesce(decided_on, occurred_on) as event_date
from checked
