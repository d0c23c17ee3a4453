/*
grain: one row per calendar year with at least one month with results
comment: 年度考核的年份：已考核的月份数、其中已确认与公示的月份数、全年是否已确认
unique: [year]
not_null: [year, as_of, first_month, last_month, months_scored, months_final, months_public, is_complete, scope, period_label]
range:
  year: [2000, 2100]
  months_scored: [1, 12]
  months_final: [0, 12]
  months_public: [0, 12]
columns:
  month: 发布月份（基准日期所在的月份）：本表是截至基准日期的结果，不按月份划分；供按月份分区的导出使用
  year: 年度
  as_of: 计算基准日期（数据截至）
  first_month: 本年第一个有考核结果的月份（YYYY-MM）
  last_month: 本年最后一个有考核结果的月份（YYYY-MM）
  months_scored: 本年有考核结果的月份数（冻结的与未冻结的都计入）
  months_final: 其中结果已确认的月份数
  months_public: 其中仍在公示（申诉期内，结果可能变化）的月份数
  is_complete: 全年结果是否已确认（本年 12 月已考核且已确认）；否则为年初至今的累计
  scope: 结果状态：全年已确认/年初至今，均已确认/年初至今，含 N 个公示月份
  period_label: 统计区间说明，如“2026年1月—12月（全年已确认）”或“2026年1月—11月（含 1 个公示月份）”
*/
-- [001] 年度考核: the year sums the months as they are published, the frozen ones included. A year
-- is complete once its December is final (确认): months become final in order, so every earlier
-- month is final too; until then the year's figures are year-to-date and may still change.
with months as (
  select month, status, as_of, left(month, 4)::integer as year
  from all_months('marts.months', 'history.months')
),

counted as (
  select
    year,
    min(month) as first_month,
    max(month) as last_month,
    -- a frozen month keeps the as-of date of the run that froze it: the latest is this run's
    max(as_of) as as_of,
    count(*) as months_scored,
    count(*) filter (where status = '确认') as months_final,
    count(*) filter (where status = '公示') as months_public,
    bool_or(month = year || '-12' and status = '确认') as is_complete
  from months
  group by year
),

scoped as (
  select
    *,
    case
      when is_complete then '全年已确认'
      when months_public = 0 then '年初至今，均已确认'
      else '年初至今，含 ' || months_public || ' 个公示月份'
    end as scope
  from counted
)

select
  year::integer as year,
  as_of,
  first_month,
  last_month,
  months_scored::integer as months_scored,
  months_final::integer as months_final,
  months_public::integer as months_public,
  is_complete,
  scope,
  year || '年' || right(first_month, 2)::integer || '月—' || right(last_month, 2)::integer || '月（' || scope || '）'
    as period_label,
  strftime(getvariable('as_of'), '%Y-%m') as month
from scoped
