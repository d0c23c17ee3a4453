/*
grain: one row per evaluation (评价编号), its latest valid version dated up to the as-of date
comment: 评价记录的最新版本（每个评价编号取最后读入的有效行）
unique: [evaluation_id]
not_null: [evaluation_id, load_id, line, source_ref, evaluated_at, level, rating, event_date]
columns:
  evaluation_id: 评价编号
  load_id: 加载批次
  line: 行号
  source_ref: 证据：文件与行号
  evaluated_at: 评价时间
  level: 评价等级（5…1）
  rating: 好评/中评/差评
  channel: 评价渠道
  window_no: 窗口号
  queue_login: 工作人员账号
  staff_id: 登记的被评价人员工号
  ticket_no: 流水号
  comment: 评价内容（手机号已脱敏）
  rectified_at: 整改完成时间
  event_date: 评价日期
*/
-- A re-exported evaluation replaces the earlier rows of its 评价编号 (the last row read wins); a row
-- quarantined for its own values replaces nothing.
-- The version of each key that the rules read is chosen once, for every source (intermediate.int_latest_lines).
select
  stg_evaluations.evaluation_id,
  stg_evaluations.load_id,
  stg_evaluations.line,
  stg_evaluations.source_ref,
  stg_evaluations.evaluated_at,
  stg_evaluations.level,
  stg_evaluations.rating,
  stg_evaluations.channel,
  stg_evaluations.window_no,
  stg_evaluations.queue_login,
  stg_evaluations.staff_id,
  stg_evaluations.ticket_no,
  stg_evaluations.comment,
  stg_evaluations.rectified_at,
  stg_evaluations.event_date
from staging.stg_evaluations
semi join intermediate.int_latest_lines as latest_lines
  on latest_lines.source = 'evaluations' and latest_lines.load_id = stg_evaluations.load_id and latest_lines.line = stg_evaluations.line
