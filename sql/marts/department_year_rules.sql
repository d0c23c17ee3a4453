/*
grain: one row per year, department and rule code with at least one event of its staff counted
comment: 窗口单位年度按规则汇总的加扣分（本部门人员，不含申诉撤销的事件）
unique: [year, department, rule_code]
not_null: [year, department, rule_code, rule_name, staff, events, points]
range:
  year: [2000, 2100]
  staff: [1, null]
  events: [1, null]
columns:
  month: 发布月份（基准日期所在的月份）：本表是截至基准日期的结果，不按月份划分；供按月份分区的导出使用
  year: 年度
  department: 部门（窗口单位）
  rule_code: 规则代码（见《规则说明》及 marts.rule_codes）
  rule_name: 规则中文名称
  staff: 有此规则事件的人数
  events: 事件数
  points: 分值合计（加分为正，扣分为负；加分封顶前）
*/
-- The year's points per rule of a department's staff, each month counted in the department the
-- person was ranked in that month (as marts.department_year counts them).
select
  left(rules.month, 4)::integer as year,
  months.department,
  rules.rule_code,
  arg_max(rules.rule_name, rules.month) as rule_name,
  count(distinct rules.staff_id)::integer as staff,
  sum(rules.events)::integer as events,
  sum(rules.points)::decimal(8, 1) as points,
  strftime(getvariable('as_of'), '%Y-%m') as month
from all_months('marts.score_rule_month', 'history.score_rule_month') as rules
inner join all_months('marts.staff_month', 'history.staff_month') as months using (month, staff_id)
group by all
