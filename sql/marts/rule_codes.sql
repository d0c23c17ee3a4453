/*
grain: one row per rule code of rules.md (加扣分规则)
comment: 加扣分规则代码表：代码、中文名称、所属章节、类别与本次运行使用的分值
unique: [rule_code]
not_null: [rule_code, rule_name, section, category, points]
columns:
  rule_code: 规则代码（如 ATT_LATE）
  rule_name: 规则中文名称
  short_name: 简称
  section: rules.md 章节
  category: 类别：考勤/离岗/巡查/办件/投诉/表扬
  points: 每次分值（配置项；正为加分，负为扣分；提前办结为每满 10% 的分值）
  trigger: 自动触发的责任追究条款（R01…R13），无则为空
*/
select
  rule_codes.rule_code,
  rule_codes.rule_name,
  rule_codes.short_name,
  rule_codes.section,
  rule_codes.category,
  rule_points.points,
  event_triggers.trigger
from seeds.rule_codes
inner join params.rule_points using (rule_code)
left join seeds.event_triggers using (rule_code)
