/*
grain: one row per year and department with staff ranked in at least one of the year's months, frozen and 公示 months included (a year with 公示 months, months_final < months_scored, is year to date and may still change)
comment: 窗口单位年度考核：月平均分合计与月均分、三工等级人次、文明服务窗口与标兵次数、加扣分与责任追究
unique: [year, department]
not_null: [year, department, months_scored, months_final, staff, staff_months, total_score, avg_score, excellent_staff_months, last_staff_months, awards, staff_awards, deduction_points, addition_points, cases, exempted_cases, warning_cases, disqualified_cases, removed_cases, is_complete]
range:
  year: [2000, 2100]
  months_scored: [1, 12]
  months_final: [0, 12]
  staff: [1, null]
  staff_months: [1, null]
  best_rank: [1, null]
  excellent_staff_months: [0, null]
  last_staff_months: [0, null]
  awards: [0, 12]
  staff_awards: [0, 12]
  deduction_points: [0, null]
  addition_points: [0, null]
  cases: [0, null]
  exempted_cases: [0, null]
  warning_cases: [0, null]
  disqualified_cases: [0, null]
  removed_cases: [0, null]
columns:
  month: 发布月份（基准日期所在的月份）：本表是截至基准日期的结果，不按月份划分；供按月份分区的导出使用
  year: 年度
  department: 部门（窗口单位）
  months_scored: 本年有人参加月度排名的月份数
  months_final: 其中结果已确认的月份数；少于 months_scored 时含公示月份，结果可能变化
  staff: 本年参加过月度排名的人数
  staff_months: 参加月度排名的人次（人数按月相加）
  total_score: 各月平均分相加
  avg_score: 月均分（各月平均分的平均 = 各月平均分相加 ÷ 月份数，保留两位小数）
  best_rank: 最好的月度名次
  excellent_staff_months: 月度三工等级为优秀的人次
  last_staff_months: 月度三工等级为末位的人次
  awards: 获文明服务窗口的次数
  award_months: 获文明服务窗口的月份，如“2026-03、2026-07”；未获得为空
  staff_awards: 本部门人员获文明服务标兵的次数
  deduction_points: 本部门人员本年扣分合计（正数）
  addition_points: 本部门人员本年计入的加分合计
  cases: 本部门人员的责任追究案件数（建议与已认定，不含不予追究、合并与申诉撤销的）
  exempted_cases: 其中最终处理为免于处理的件数
  warning_cases: 其中最终处理为告诫的件数
  disqualified_cases: 其中最终处理为取消评优评先资格的件数
  removed_cases: 其中最终处理为通报批评并调离岗位的件数
  is_complete: 全年结果是否已确认（见 marts.years）；否则为年初至今的累计
*/
-- [001] 年度考核 for departments: the year adds up the published months (frozen ones included,
-- all_months). A department's 月均分 averages its monthly average scores (§11), each month
-- weighing the same; the staff figures count person-months in the department the person belonged
-- to that month. Winners come from marts.awards only; cases as in marts.staff_year.
with department_months as (
  select left(month, 4)::integer as year, *
  from all_months('marts.department_month', 'history.department_month')
),

scores as (
  select
    year,
    department,
    count(*) as months_scored,
    count(*) filter (where status = '确认') as months_final,
    sum(avg_score) as total_score,
    round(avg(avg_score), 2) as avg_score,
    min(rank) as best_rank
  from department_months
  group by year, department
),

staff_months as (
  select left(month, 4)::integer as year, month, staff_id, department, grade, deduction_points, addition_points
  from all_months('marts.staff_month', 'history.staff_month')
),

staff as (
  select
    year,
    department,
    count(distinct staff_id) as staff,
    count(*) as staff_months,
    count(*) filter (where grade = '优秀') as excellent_staff_months,
    count(*) filter (where grade = '末位') as last_staff_months,
    sum(deduction_points) as deduction_points,
    sum(addition_points) as addition_points
  from staff_months
  group by year, department
),

winners as (
  select left(month, 4)::integer as year, month, award, winner_id, department
  from all_months('marts.awards', 'history.awards')
),

awards as (
  select
    year,
    department,
    count(*) filter (where award = '文明服务窗口') as awards,
    string_agg(month, '、' order by month) filter (where award = '文明服务窗口') as award_months,
    count(*) filter (where award = '文明服务标兵') as staff_awards
  from winners
  group by year, department
),

-- a case belongs to the department its person was ranked in that month
cases as (
  select
    staff_months.year,
    staff_months.department,
    count(*) as cases,
    count(*) filter (where investigations.final_tier = '免于处理') as exempted_cases,
    count(*) filter (where investigations.final_tier = '告诫') as warning_cases,
    count(*) filter (where investigations.final_tier = '取消评优评先资格') as disqualified_cases,
    count(*) filter (where investigations.final_tier = '通报批评并调离岗位') as removed_cases
  from all_months('marts.investigations', 'history.investigations') as investigations
  inner join staff_months using (month, staff_id)
  where not investigations.void and investigations.status in ('建议', '已认定')
  group by all
)

select
  scores.year::integer as year,
  scores.department,
  scores.months_scored::integer as months_scored,
  scores.months_final::integer as months_final,
  staff.staff::integer as staff,
  staff.staff_months::integer as staff_months,
  scores.total_score::decimal(8, 2) as total_score,
  scores.avg_score::decimal(6, 2) as avg_score,
  scores.best_rank::integer as best_rank,
  staff.excellent_staff_months::integer as excellent_staff_months,
  staff.last_staff_months::integer as last_staff_months,
  coalesce(awards.awards, 0)::integer as awards,
  awards.award_months,
  coalesce(awards.staff_awards, 0)::integer as staff_awards,
  staff.deduction_points::decimal(8, 1) as deduction_points,
  staff.addition_points::decimal(8, 1) as addition_points,
  coalesce(cases.cases, 0)::integer as cases,
  coalesce(cases.exempted_cases, 0)::integer as exempted_cases,
  coalesce(cases.warning_cases, 0)::integer as warning_cases,
  coalesce(cases.disqualified_cases, 0)::integer as disqualified_cases,
  coalesce(cases.removed_cases, 0)::integer as removed_cases,
  years.is_complete,
  strftime(getvariable('as_of'), '%Y-%m') as month
from scores
inner join staff using (year, department)
inner join marts.years using (year)
left join awards using (year, department)
left join cases using (year, department)
