/*
grain: one row per queue ticket (流水号), its latest valid version dated up to the as-of date
comment: 叫号流水的最新版本（每个流水号取最后读入的有效行）
unique: [ticket_no]
not_null: [ticket_no, load_id, line, source_ref, issued_at, window_no, outcome, event_date]
columns:
  ticket_no: 流水号
  load_id: 加载批次
  line: 行号
  source_ref: 证据：文件与行号
  issued_at: 取号时间
  called_at: 叫号时间
  started_at: 开始办理时间
  finished_at: 办结时间
  window_no: 窗口号
  queue_login: 工作人员账号
  item: 办理事项
  outcome: 办理结果
  event_date: 取号日期
*/
-- A re-exported ticket replaces the earlier rows of its 流水号 (the last row read wins); a row
-- quarantined for its own values replaces nothing.
-- The version of each key that the rules read is chosen once, for every source (intermediate.int_latest_lines).
select
  stg_queue.ticket_no,
  stg_queue.load_id,
  stg_queue.line,
  stg_queue.source_ref,
  stg_queue.issued_at,
  stg_queue.called_at,
  stg_queue.started_at,
  stg_queue.finished_at,
  stg_queue.window_no,
  stg_queue.queue_login,
  stg_queue.item,
  stg_queue.outcome,
  stg_queue.event_date
from staging.stg_queue
semi join intermediate.int_latest_lines as latest_lines
  on latest_lines.source = 'queue' and latest_lines.load_id = stg_queue.load_id and latest_lines.line = stg_queue.line
