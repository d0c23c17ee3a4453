/*
grain: one row per loaded row of the window event logs (窗口状态日志)
comment: 窗口登录/暂停/恢复/退出日志（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.queue_events_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    clean_identifier(window_no) as window_no,
    clean_identifier(queue_login) as queue_login,
    normalize_enumerated(event) as window_event,
    parse_local_timestamp("at") as event_at,
    clean(reason) as pause_reason,
    clean(source_rows."at") as event_at_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when window_no is null then '缺少必填项：窗口号'
      when queue_login is null then '缺少必填项：工作人员账号'
      when window_event is null then '缺少必填项：事件'
      when event_at_text is null then '缺少必填项：时间'
      when has_lost_digits(window_no) then '科学计数法，位数已丢失：窗口号 ' || window_no
      when has_lost_digits(queue_login) then '科学计数法，位数已丢失：工作人员账号 ' || queue_login
      when event_at is null then '时间无法识别：时间 ' || event_at_text
      when window_event not in ('登录', '暂停', '恢复', '退出')
        then '取值不在列表中：事件 ' || window_event || '（应为 登录/暂停/恢复/退出）'
    end as rejection
  from typed
)

select * exclude (event_at_text), event_at::date as event_date
from checked
