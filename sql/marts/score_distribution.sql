/*
grain: one row per month and one-point score bucket with at least one ranked staff member
comment: 得分分布：每个 1 分区间的参加排名人数
unique: [month, score_from]
not_null: [month, score_from, score_to, bucket_label, staff, staff_names]
range:
  staff: [0, null]
columns:
  month: 月份
  score_from: 区间下限（含），也是排序键
  score_to: 区间上限（不含）
  bucket_label: 区间名称，如“99 分”（得分为整数时）或“99–100 分”
  staff: 人数
  staff_names: 区间内的人员（按严格排序）
*/
-- The 总览 page's histogram of the month's scores, one bucket per point.
select
  month,
  floor(score) as score_from,
  floor(score) + 1 as score_to,
  case
    when bool_and(score = floor(score)) then floor(score)::integer || ' 分'
    else floor(score)::integer || '–' || (floor(score) + 1)::integer || ' 分'
  end as bucket_label,
  count(*)::integer as staff,
  string_agg(staff_name, '、' order by order_no) as staff_names
from marts.staff_month
group by month, floor(score)
