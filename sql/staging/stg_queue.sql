/*
grain: one row per loaded ticket row of the queue system exports (叫号系统办件流水)
comment: 叫号流水（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.queue_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    clean_identifier(ticket_no) as ticket_no,
    parse_local_timestamp(issued_at) as issued_at,
    parse_local_timestamp(called_at) as called_at,
    parse_local_timestamp(started_at) as started_at,
    parse_local_timestamp(finished_at) as finished_at,
    clean_identifier(window_no) as window_no,
    clean_identifier(queue_login) as queue_login,
    clean(item) as item,
    normalize_enumerated(outcome) as outcome,
    source_rows.issued_at as issued_at_text,
    clean(source_rows.called_at) as called_at_text,
    clean(source_rows.started_at) as started_at_text,
    clean(source_rows.finished_at) as finished_at_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when ticket_no is null then '缺少必填项：流水号'
      when clean(issued_at_text) is null then '缺少必填项：取号时间'
      when window_no is null then '缺少必填项：窗口号'
      when outcome is null then '缺少必填项：办理结果'
      when has_lost_digits(ticket_no) then '科学计数法，位数已丢失：流水号 ' || ticket_no
      when has_lost_digits(window_no) then '科学计数法，位数已丢失：窗口号 ' || window_no
      when has_lost_digits(queue_login) then '科学计数法，位数已丢失：工作人员账号 ' || queue_login
      when issued_at is null then '时间无法识别：取号时间 ' || clean(issued_at_text)
      when called_at_text is not null and called_at is null then '时间无法识别：叫号时间 ' || called_at_text
      when started_at_text is not null and started_at is null then '时间无法识别：开始办理时间 ' || started_at_text
      when finished_at_text is not null and finished_at is null then '时间无法识别：办结时间 ' || finished_at_text
      when outcome not in ('受理', '咨询', '补正告知', '不予受理', '过号', '转窗')
        then '取值不在列表中：办理结果 ' || outcome || '（应为 受理/咨询/补正告知/不予受理/过号/转窗）'
      when called_at < issued_at then '结束早于开始：叫号时间早于取号时间'
      when finished_at < started_at then '结束早于开始：办结时间早于开始办理时间'
    end as rejection
  from typed
)

select * exclude (issued_at_text, called_at_text, started_at_text, finished_at_text), issued_at::date as event_date
from checked
