/*
grain: one row per year, staff member and rule code with at least one event counted in a month the person was ranked in
comment: 人员年度按规则汇总的加扣分（不含申诉撤销的事件）
unique: [year, staff_id, rule_code]
not_null: [year, staff_id, staff_name, department, rule_code, rule_name, months, events, points]
range:
  year: [2000, 2100]
  months: [1, 12]
  events: [1, null]
columns:
  month: 发布月份（基准日期所在的月份）：本表是截至基准日期的结果，不按月份划分；供按月份分区的导出使用
  year: 年度
  staff_id: 工号
  staff_name: 姓名（取本年最后一个考核月份）
  department: 部门（取本年最后一个考核月份）
  rule_code: 规则代码（见《规则说明》及 marts.rule_codes）
  rule_name: 规则中文名称
  months: 有此规则事件的月份数
  events: 事件数
  points: 分值合计（加分为正，扣分为负；加分封顶前）
*/
-- The year's points per rule: the monthly sums of marts.score_rule_month (frozen months included,
-- all_months) over the months the person was ranked in, the same months marts.staff_year counts.
select
  staff_year.year,
  rules.staff_id,
  staff_year.staff_name,
  staff_year.department,
  rules.rule_code,
  arg_max(rules.rule_name, rules.month) as rule_name,
  count(*)::integer as months,
  sum(rules.events)::integer as events,
  sum(rules.points)::decimal(8, 1) as points,
  strftime(getvariable('as_of'), '%Y-%m') as month
from all_months('marts.score_rule_month', 'history.score_rule_month') as rules
inner join all_months('marts.staff_month', 'history.staff_month') as months using (month, staff_id)
inner join marts.staff_year on staff_year.year = left(rules.month, 4)::integer and staff_year.staff_id = rules.staff_id
group by all
