/*
grain: one row per staff member, month and rule code with at least one score event not voided by an appeal
comment: 人员月度按规则汇总的加扣分（不含申诉撤销的事件）
unique: [month, staff_id, rule_code]
not_null: [month, staff_id, rule_code, rule_name, events, points]
range:
  events: [0, null]
columns:
  month: 月份
  staff_id: 工号
  rule_code: 规则代码
  rule_name: 规则中文名称
  events: 事件数
  points: 分值合计（加分为正，扣分为负）
*/
-- rules.md §9: the month's points per rule, over the events an appeal has not voided.
select
  month,
  staff_id,
  rule_code,
  any_value(rule_name) as rule_name,
  count(*)::integer as events,
  sum(points) as points
from marts.score_events
where not void
group by month, staff_id, rule_code
