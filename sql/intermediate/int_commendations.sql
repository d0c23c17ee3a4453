/*
grain: one row per commendation (latest valid version per 编号)
comment: 表扬与建议登记（每个编号取最新版本），已核定的带加分事件编号
unique: [commendation_id]
not_null: [commendation_id, commended_on, staff_id, commendation_kind, rule_code, is_verified, source_ref]
columns:
  commendation_id: 编号
  commended_on: 日期
  staff_id: 工号
  commendation_kind: 类型
  rule_code: 规则代码
  is_verified: 是否经中心核定
  note: 说明（手机号已脱敏）
  event_id: 已核定时对应的加分事件编号
  source_ref: 证据：文件与行号
*/
-- rules.md §7: only commendations verified by the hall count; unverified ones are listed as pending.
-- The version of each key that the rules read is chosen once, for every source (intermediate.int_latest_lines).
with latest_commendations as (
  select *
  from staging.stg_commendations
  semi join intermediate.int_latest_lines as latest_lines
    on latest_lines.source = 'commendations'
    and latest_lines.load_id = stg_commendations.load_id and latest_lines.line = stg_commendations.line
)

select
  commendation_id,
  commended_on,
  staff_id,
  commendation_kind,
  rule_code,
  is_verified,
  note,
  case when is_verified
    then rule_code || ':' || staff_id || ':' || strftime(commended_on, '%Y-%m-%d') || ':' || commendation_id
  end as event_id,
  source_ref
from latest_commendations
