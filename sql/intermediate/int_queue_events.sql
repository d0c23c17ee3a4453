/*
grain: one row per window event (窗口号 + 时间 + 事件), the latest valid version, with the staff member it belongs to
unique: [window_no, event_at, window_event]
not_null: [window_no, queue_login, window_event, event_at, event_date, source_ref]
accepted_values:
  window_event: [登录, 暂停, 恢复, 退出]
*/
-- The version of each key that the rules read is chosen once, for every source (intermediate.int_latest_lines).
with latest as (
  select *
  from staging.stg_queue_events
  semi join intermediate.int_latest_lines as latest_lines
    on latest_lines.source = 'queue-events'
    and latest_lines.load_id = stg_queue_events.load_id and latest_lines.line = stg_queue_events.line
)

select
  latest.window_no,
  latest.queue_login,
  accounts.staff_id,
  latest.window_event,
  latest.event_at,
  latest.event_date,
  latest.pause_reason,
  latest.load_id,
  latest.line,
  latest.source_ref
from latest
left join intermediate.int_staff_accounts as accounts
  on accounts.account_kind = 'queue'
  and accounts.account = latest.queue_login
  and within_period(latest.event_date, accounts.start_date, accounts.end_date)
