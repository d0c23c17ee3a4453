/*
grain: one row per staff member and month with at least one evaluation
comment: 评价月汇总：好评、中评、差评与好评率
unique: [month, staff_id]
not_null: [month, staff_id, evaluations, good, neutral, bad]
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
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as month,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::varchar as department,
  null::integer as evaluations,
  null::integer as good,
  null::integer as neutral,
  null::integer as bad,
  null::double as good_rate
where false
