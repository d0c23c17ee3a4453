/*
grain: one row per staff member and month with at least one evaluation
comment: 评价月汇总：好评、中评、差评与好评率
unique: [month, staff_id]
not_null: [month, staff_id, evaluations, good, neutral, bad]
range:
  evaluations: [0, null]
  good: [0, null]
  neutral: [0, null]
  bad: [0, null]
  good_rate: [0, 1]
columns:
  month: 月份
  staff_id: 工号
  staff_name: 姓名
  department: 部门
  evaluations: 评价数
  good: 好评（满意、非常满意）
  neutral: 中评（基本满意）
  bad: 差评（不满意、非常不满意）
  good_rate: 好评率 = 好评 ÷ 全部评价
*/
-- rules.md §8: the counts and 好评率 are decided in intermediate.int_evaluation_rates.
select
  rates.month,
  rates.staff_id,
  int_staff.staff_name,
  rates.department,
  rates.evaluations,
  rates.good,
  rates.neutral,
  rates.bad,
  rates.good_rate
from intermediate.int_evaluation_rates as rates
inner join intermediate.int_staff using (staff_id)
