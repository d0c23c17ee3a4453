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
with latest_commendations as (
  select *
  from staging.stg_commendations
  where rejection is null and not is_after_as_of(event_date)
  qualify row_number() over (partition by commendation_id order by load_id desc, line desc) = 1
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
