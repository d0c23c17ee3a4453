/*
grain: one row per year and staff member ranked in at least one of the year's months, frozen and 公示 months included (a year with 公示 months, months_final < months_scored, is year to date and may still change)
comment: 人员年度考核：月度得分合计与月均分、三工等级月数、文明服务标兵次数、加扣分与责任追究
unique: [year, staff_id]
not_null: [year, staff_id, staff_name, department, months_scored, months_final, total_score, avg_score, excellent_months, qualified_months, last_months, deduction_points, addition_points, awards, cases, exempted_cases, warning_cases, disqualified_cases, removed_cases, is_complete]
range:
  year: [2000, 2100]
  months_scored: [1, 12]
  months_final: [0, 12]
  excellent_months: [0, 12]
  qualified_months: [0, 12]
  last_months: [0, 12]
  deduction_points: [0, null]
  addition_points: [0, null]
  awards: [0, 12]
  cases: [0, null]
  exempted_cases: [0, null]
  warning_cases: [0, null]
  disqualified_cases: [0, null]
  removed_cases: [0, null]
columns:
  month: 发布月份（基准日期所在的月份）：本表是截至基准日期的结果，不按月份划分；供按月份分区的导出使用
  year: 年度
  staff_id: 工号
  staff_name: 姓名（取本年最后一个考核月份）
  department: 部门（取本年最后一个考核月份）
  months_scored: 本年参加月度排名的月份数
  months_final: 其中结果已确认的月份数；少于 months_scored 时含公示月份，结果可能变化
  total_score: 月度考核总分（各月得分相加）
  avg_score: 月均分（月度考核总分 ÷ 参加排名的月份数，保留两位小数）
  best_score: 最高月得分
  worst_score: 最低月得分
  excellent_months: 月度三工等级为优秀的月份数
  qualified_months: 月度三工等级为合格的月份数
  last_months: 月度三工等级为末位的月份数
  deduction_points: 本年扣分合计（正数，各月扣分相加）
  addition_points: 本年计入的加分合计（各月计入的加分相加）
  awards: 获文明服务标兵的次数
  award_months: 获文明服务标兵的月份，如“2026-03、2026-07”；未获得为空
  cases: 责任追究案件数（建议与已认定，不含不予追究、合并与申诉撤销的）
  exempted_cases: 其中最终处理为免于处理的件数
  warning_cases: 其中最终处理为告诫的件数
  disqualified_cases: 其中最终处理为取消评优评先资格的件数
  removed_cases: 其中最终处理为通报批评并调离岗位的件数
  is_complete: 全年结果是否已确认（见 marts.years）；否则为年初至今的累计
*/
-- [001] 三工: "月末相加汇总出月度考核总分和月均分". The year adds up the months as published (frozen
-- months included, all_months): every figure comes from a monthly mart, never recomputed here.
-- Winners come from marts.awards only; cases count those that stand (§10: not dismissed, merged or
-- voided by an appeal), by their final tier.
with months as (
  select left(month, 4)::integer as year, *
  from all_months('marts.staff_month', 'history.staff_month')
),

scores as (
  select
    year,
    staff_id,
    arg_max(staff_name, month) as staff_name,
    arg_max(department, month) as department,
    count(*) as months_scored,
    count(*) filter (where status = '确认') as months_final,
    sum(score) as total_score,
    round(avg(score), 2) as avg_score,
    max(score) as best_score,
    min(score) as worst_score,
    count(*) filter (where grade = '优秀') as excellent_months,
    count(*) filter (where grade = '合格') as qualified_months,
    count(*) filter (where grade = '末位') as last_months,
    sum(deduction_points) as deduction_points,
    sum(addition_points) as addition_points
  from months
  group by year, staff_id
),

awards as (
  select
    left(month, 4)::integer as year,
    winner_id as staff_id,
    count(*) as awards,
    string_agg(month, '、' order by month) as award_months
  from all_months('marts.awards', 'history.awards')
  where award = '文明服务标兵'
  group by all
),

cases as (
  select
    months.year,
    months.staff_id,
    count(*) as cases,
    count(*) filter (where investigations.final_tier = '免于处理') as exempted_cases,
    count(*) filter (where investigations.final_tier = '告诫') as warning_cases,
    count(*) filter (where investigations.final_tier = '取消评优评先资格') as disqualified_cases,
    count(*) filter (where investigations.final_tier = '通报批评并调离岗位') as removed_cases
  from all_months('marts.investigations', 'history.investigations') as investigations
  -- the months the person was ranked in, as for their scores
  inner join months using (month, staff_id)
  where not investigations.void and investigations.status in ('建议', '已认定')
  group by all
)

select
  scores.year::integer as year,
  scores.staff_id,
  scores.staff_name,
  scores.department,
  scores.months_scored::integer as months_scored,
  scores.months_final::integer as months_final,
  scores.total_score::decimal(8, 1) as total_score,
  scores.avg_score::decimal(6, 2) as avg_score,
  scores.best_score::decimal(6, 1) as best_score,
  scores.worst_score::decimal(6, 1) as worst_score,
  scores.excellent_months::integer as excellent_months,
  scores.qualified_months::integer as qualified_months,
  scores.last_months::integer as last_months,
  scores.deduction_points::decimal(8, 1) as deduction_points,
  scores.addition_points::decimal(8, 1) as addition_points,
  coalesce(awards.awards, 0)::integer as awards,
  awards.award_months,
  coalesce(cases.cases, 0)::integer as cases,
  coalesce(cases.exempted_cases, 0)::integer as exempted_cases,
  coalesce(cases.warning_cases, 0)::integer as warning_cases,
  coalesce(cases.disqualified_cases, 0)::integer as disqualified_cases,
  coalesce(cases.removed_cases, 0)::integer as removed_cases,
  years.is_complete,
  strftime(getvariable('as_of'), '%Y-%m') as month
from scores
inner join marts.years using (year)
left join awards using (year, staff_id)
left join cases using (year, staff_id)
