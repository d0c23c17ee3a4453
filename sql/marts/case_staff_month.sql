/*
grain: one row per staff member and month with at least one case accepted on the approval platform
comment: 人员月度办件汇总：受理办件、承诺件、逾期、提前办结与延期录入的件数
unique: [month, staff_id]
not_null: [month, staff_id, cases, promised, overdue, early, late_entry]
range:
  cases: [0, null]
  promised: [0, null]
  overdue: [0, null]
  early: [0, null]
  late_entry: [0, null]
columns:
  month: 月份（按受理日期）
  staff_id: 受理人工号
  cases: 办件数
  promised: 其中承诺件数
  overdue: 逾期件数
  early: 提前办结件数
  late_entry: 延期录入件数
*/
-- rules.md §5: the cases a person accepted in the month, for the 人员 page.
select
  month,
  staff_id,
  count(*)::integer as cases,
  count(*) filter (where case_kind = '承诺件')::integer as promised,
  count(*) filter (where is_overdue)::integer as overdue,
  count(*) filter (where is_early)::integer as early,
  count(*) filter (where is_late_entry)::integer as late_entry
from marts.cases
group by month, staff_id
