/*
grain: one row per 差评 attributed to a staff member, when the hall gives 差评 points (rules.md §8)
comment: 差评扣分事件（可选规则 BAD_EVALUATION）：分值为 0（默认）时不产生事件
unique: [event_id]
not_null: [event_id, staff_id, rule_code, points, event_date, source, source_ref, detail]
accepted_values:
  rule_code: [BAD_EVALUATION]
columns:
  event_id: 事件编号，如 BAD_EVALUATION:S0001:2026-10-12:PJ001
  staff_id: 工号（按 rules.md §13 认定的被评价人员）
  rule_code: 规则代码
  points: 分值
  event_date: 事件日期（评价日）
  session: 时段（评价事件为空）
  source: 数据来源
  source_ref: 证据：评价编号与文件行号
  detail: 情况说明（不含评价内容）
  trigger_code: 引发的责任追究条款（差评无）
*/
-- rules.md §8 (rev 2): a hall may give points per 差评 attributed to the person; an appeal voids one
-- like any event (int_score_events). The default is 0 points, and 0 points writes no event at all,
-- so a hall that has not chosen to score evaluations sees nothing of this rule.
select
  'BAD_EVALUATION:' || evaluations.staff_id || ':' || strftime(evaluations.evaluated_at, '%Y-%m-%d') || ':'
    || evaluations.evaluation_id as event_id,
  evaluations.staff_id,
  'BAD_EVALUATION' as rule_code,
  rule_points.points,
  evaluations.evaluated_at::date as event_date,
  null::varchar as session,
  '评价' as source,
  evaluations.evaluation_id || '（' || evaluations.source_ref || '）' as source_ref,
  '差评：评价等级 ' || evaluations.level || coalesce('，渠道 ' || evaluations.channel, '')
    || coalesce('，窗口 ' || evaluations.window_no, '') || coalesce('，流水号 ' || evaluations.ticket_no, '')
    || coalesce('（按' || evaluations.attributed_by || '认定被评价人员）', '') as detail,
  event_triggers.trigger as trigger_code
from intermediate.int_evaluations as evaluations
inner join params.rule_points on rule_points.rule_code = 'BAD_EVALUATION'
left join seeds.event_triggers on event_triggers.rule_code = 'BAD_EVALUATION'
where evaluations.rating = '差评'
  and evaluations.staff_id is not null
  and rule_points.points <> 0
