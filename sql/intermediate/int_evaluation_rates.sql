/*
grain: one row per rostered staff member and open month with at least one evaluation attributed to the member
comment: 人员月度评价计数与好评率（排序与评价汇总共用）
unique: [month, staff_id]
not_null: [month, staff_id, department, evaluations, good, neutral, bad, good_rate]
range:
  evaluations: [1, null]
  good_rate: [0, 1]
columns:
  month: 月份
  staff_id: 工号
  department: 部门（名册）
  evaluations: 评价数
  good: 好评数
  neutral: 中评数
  bad: 差评数
  good_rate: 好评率 = 好评 ÷ 全部评价
*/
-- rules.md §8: 好评率 = 好评 ÷ all evaluations of the staff member in the month.
select
  evaluations.month,
  evaluations.staff_id,
  int_staff.department,
  count(*)::integer as evaluations,
  count(*) filter (where evaluations.rating = '好评')::integer as good,
  count(*) filter (where evaluations.rating = '中评')::integer as neutral,
  count(*) filter (where evaluations.rating = '差评')::integer as bad,
  count(*) filter (where evaluations.rating = '好评') / count(*) as good_rate
from intermediate.int_evaluations as evaluations
inner join intermediate.int_staff using (staff_id)
inner join intermediate.int_months on int_months.month = evaluations.month and int_months.is_open
group by evaluations.month, evaluations.staff_id, int_staff.department
