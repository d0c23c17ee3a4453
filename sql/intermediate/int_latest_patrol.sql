/*
grain: one row per patrol record (巡查编号), its latest valid version dated up to the as-of date
comment: 巡查记录的最新版本（每个巡查编号取最后读入的有效行）
unique: [patrol_id]
not_null: [patrol_id, load_id, line, source_ref, patrolled_at, finding_code, event_date]
columns:
  patrol_id: 巡查编号
  load_id: 加载批次
  line: 行号
  source_ref: 证据：文件与行号
  patrolled_at: 巡查时间
  patroller: 巡查人
  window_no: 窗口号
  staff_id: 登记的工号
  finding_code: 问题代码（NORMAL 为正常）
  away_minutes: 离岗时长（分钟）
  case_id: 关联办件编号
  evidence: 证据编号
  note: 备注（手机号已脱敏）
  event_date: 巡查日期
*/
-- A re-exported patrol record replaces the earlier rows of its 巡查编号 (the last row read wins); a
-- row quarantined for its own values replaces nothing.
-- The version of each key that the rules read is chosen once, for every source (intermediate.int_latest_lines).
select
  stg_patrol.patrol_id,
  stg_patrol.load_id,
  stg_patrol.line,
  stg_patrol.source_ref,
  stg_patrol.patrolled_at,
  stg_patrol.patroller,
  stg_patrol.window_no,
  stg_patrol.staff_id,
  stg_patrol.finding_code,
  stg_patrol.away_minutes,
  stg_patrol.case_id,
  stg_patrol.evidence,
  stg_patrol.note,
  stg_patrol.event_date
from staging.stg_patrol
semi join intermediate.int_latest_lines as latest_lines
  on latest_lines.source = 'patrol' and latest_lines.load_id = stg_patrol.load_id and latest_lines.line = stg_patrol.line
