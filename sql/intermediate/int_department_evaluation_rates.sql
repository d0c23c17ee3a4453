/*
grain: one row per department and open month with at least one evaluation of its rostered staff
comment: 部门月度评价计数与好评率（排序与评价汇总共用）
unique: [month, department]
not_null: [month, department, evaluations, good, neutral, bad, good_rate]
range:
  evaluations: [1, null]
  good_rate: [0, 1]
columns:
  month: 月份
  department: 部门（窗口单位）
  evaluations: 评价数
  good: 好评数
  neutral: 中评数
  bad: 差评数
  good_rate: 好评率 = 好评 ÷ 本部门人员的全部评价
*/
-- rules.md §8: 好评率 = 好评 ÷ all evaluations, here of the department's staff.
select
  month,
  department,
  sum(evaluations)::integer as evaluations,
  sum(good)::integer as good,
  sum(neutral)::integer as neutral,
  sum(bad)::integer as bad,
  sum(good) / sum(evaluations) as good_rate
from intermediate.int_evaluation_rates
group by month, department
