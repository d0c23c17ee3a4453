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
-- rules.md §8: 好评率 = 好评 ÷ all evaluations of the staff member in the month.
select
  evaluations.month,
  evaluations.staff_id,
  int_staff.staff_name,
  int_staff.department,
  count(*)::integer as evaluations,
  count(*) filter (where evaluations.rating = '好评')::integer as good,
  count(*) filter (where evaluations.rating = '中评')::integer as neutral,
  count(*) filter (where evaluations.rating = '差评')::integer as bad,
  count(*) filter (where evaluations.rating = '好评') / count(*) as good_rate
from intermediate.int_evaluations as evaluations
inner join intermediate.int_staff using (staff_id)
inner join intermediate.int_months on int_months.month = evaluations.month and int_months.is_open
group by evaluations.month, evaluations.staff_id, int_staff.staff_name, int_staff.department
