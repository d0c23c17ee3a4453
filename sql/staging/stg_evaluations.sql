/*
grain: one row per loaded row of the evaluator exports (评价器/好差评)
comment: 评价记录（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.evaluations_rows
),

levels as (
  select normalize_enumerated(level_text) as level_key, level::integer as level, rating from seeds.evaluation_levels
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    source_rows.load_id,
    source_rows.line,
    source_rows.source_ref,
    clean_identifier(source_rows.id) as evaluation_id,
    parse_local_timestamp(source_rows."at") as evaluated_at,
    levels.level,
    levels.rating,
    clean(source_rows.channel) as channel,
    clean_identifier(source_rows.window_no) as window_no,
    clean_identifier(source_rows.queue_login) as queue_login,
    clean_identifier(source_rows.staff_id) as staff_id,
    clean_identifier(source_rows.ticket_no) as ticket_no,
    mask_phone_numbers(clean(source_rows.comment)) as comment,
    parse_local_timestamp(source_rows.rectified_at) as rectified_at,
    clean(source_rows.level) as level_text,
    clean(source_rows."at") as evaluated_at_text,
    clean(source_rows.rectified_at) as rectified_at_text
  from source_rows
  -- 5…1 may come from Excel as 5.0
  left join levels on levels.level_key = regexp_replace(normalize_enumerated(source_rows.level), '\.0+$', '')
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when evaluation_id is null then '缺少必填项：评价编号'
      when evaluated_at_text is null then '缺少必填项：评价时间'
      when level_text is null then '缺少必填项：评价等级'
      when has_lost_digits(evaluation_id) then '科学计数法，位数已丢失：评价编号 ' || evaluation_id
      when has_lost_digits(window_no) then '科学计数法，位数已丢失：窗口号 ' || window_no
      when has_lost_digits(queue_login) then '科学计数法，位数已丢失：工作人员账号 ' || queue_login
      when has_lost_digits(staff_id) then '科学计数法，位数已丢失：工号 ' || staff_id
      when has_lost_digits(ticket_no) then '科学计数法，位数已丢失：流水号 ' || ticket_no
      when evaluated_at is null then '时间无法识别：评价时间 ' || evaluated_at_text
      when rectified_at_text is not null and rectified_at is null then '时间无法识别：整改完成时间 ' || rectified_at_text
      when level is null
        then '取值不在列表中：评价等级 ' || level_text || '（应为 非常满意/满意/基本满意/不满意/非常不满意 或 5…1）'
      when window_no is null and queue_login is null and staff_id is null and ticket_no is null
        then '缺少必填项：窗口号、工作人员账号、工号或流水号至少填写一项'
    end as rejection
  from typed
)

select * exclude (level_text, evaluated_at_text, rectified_at_text), evaluated_at::date as event_date
from checked
