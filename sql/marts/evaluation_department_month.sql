/*
grain: one row per department and month with at least one evaluation of its staff
comment: 窗口单位评价月汇总：好评、中评、差评与好评率
unique: [month, department]
not_null: [month, department, evaluations, good, neutral, bad, good_rate]
range:
  evaluations: [0, null]
  good: [0, null]
  neutral: [0, null]
  bad: [0, null]
  good_rate: [0, 1]
columns:
  month: 月份
  department: 部门（窗口单位）
  evaluations: 评价数
  good: 好评（满意、非常满意）
  neutral: 中评（基本满意）
  bad: 差评（不满意、非常不满意）
  good_rate: 好评率 = 好评 ÷ 全部评价（本部门人员的全部评价）
*/
-- rules.md §8: the counts and 好评率 are decided in intermediate.int_department_evaluation_rates.
select month, department, evaluations, good, neutral, bad, good_rate
from intermediate.int_department_evaluation_rates
