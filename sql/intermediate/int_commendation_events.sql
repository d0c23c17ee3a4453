/*
grain: one row per commendation verified by the hall (rules.md §7)
comment: 表扬加分事件：经中心核定的表扬、建议采纳与上级表扬，每件一个事件
unique: [event_id]
not_null: [event_id, staff_id, rule_code, points, event_date, source, source_ref, detail]
columns:
  event_id: 事件编号，如 PRAISE:S0001:2026-10-12:BY001
  staff_id: 工号
  rule_code: 规则代码
  points: 分值
  event_date: 事件日期（表扬日期）
  session: 时段（表扬事件为空）
  source: 数据来源
  source_ref: 证据：登记编号与文件行号
  detail: 情况说明
  trigger_code: 引发的责任追究条款（表扬无）
*/
select
  commendations.event_id,
  commendations.staff_id,
  commendations.rule_code,
  rule_points.points,
  commendations.commended_on as event_date,
  null::varchar as session,
  '表扬' as source,
  commendations.commendation_id || '（' || commendations.source_ref || '）' as source_ref,
  commendations.commendation_kind || '（经中心核定）' || coalesce('：' || commendations.note, '') as detail,
  event_triggers.trigger as trigger_code
from intermediate.int_commendations as commendations
inner join params.rule_points on rule_points.rule_code = commendations.rule_code
left join seeds.event_triggers on event_triggers.rule_code = commendations.rule_code
where commendations.event_id is not null
