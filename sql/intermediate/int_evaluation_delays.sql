/*
grain: one row per staff member and month with at least one rated ticket that was finished
comment: 评价距办结的间隔：本人中位间隔、前后 N 秒内的评价占比与全中心同月的占比，是否疑似机器般固定
unique: [staff_id, month]
not_null: [staff_id, month, evaluations, median_delay_s, close_evaluations, close_share, hall_close_share, is_machine_like]
range:
  close_share: [0, 1]
  hall_close_share: [0, 1]
columns:
  staff_id: 工号
  month: 月份
  evaluations: 有办结时间的评价条数
  median_delay_s: 评价距办结的中位秒数
  close_evaluations: 在中位间隔前后 N 秒内的评价条数
  close_share: 在中位间隔前后 N 秒内的评价占比
  close_evaluation_ids: 在中位间隔前后 N 秒内的评价编号
  min_close_delay_s: 这些评价距办结的最短秒数
  max_close_delay_s: 这些评价距办结的最长秒数
  hall_close_share: 全中心同月评价在全中心中位间隔前后 N 秒内的占比
  is_machine_like: 是否疑似机器般固定（条数与占比达到配置，而全中心的间隔是分散的）
*/
-- Issue 17: citizens rate a while after 办结, each at their own pace; a person whose ratings follow
-- 办结 by an almost constant delay is likely pressing the evaluator himself. Compared with the
-- hall, so that an evaluator system that stamps every rating at a fixed delay flags nobody.
with rated_finishes as (
  select evaluation_id, evaluated_at, staff_id, month, delay_s
  from intermediate.int_evaluation_tickets
  where delay_s is not null and staff_id is not null
),

person_medians as (
  select staff_id, month, count(*) as evaluations, median(delay_s) as median_delay_s
  from rated_finishes
  group by staff_id, month
),

hall_medians as (
  select month, median(delay_s) as median_delay_s from rated_finishes group by month
),

hall_spread as (
  select
    rated_finishes.month,
    avg(
      (abs(rated_finishes.delay_s - hall_medians.median_delay_s) <= getvariable('evaluation_flags_delay_spread_seconds'))::integer
    ) as hall_close_share
  from rated_finishes
  inner join hall_medians using (month)
  group by rated_finishes.month
),

person_spread as (
  select
    rated_finishes.staff_id,
    rated_finishes.month,
    count(*) as close_evaluations,
    string_agg(rated_finishes.evaluation_id, '、' order by rated_finishes.evaluated_at, rated_finishes.evaluation_id)
      as close_evaluation_ids,
    min(rated_finishes.delay_s) as min_close_delay_s,
    max(rated_finishes.delay_s) as max_close_delay_s
  from rated_finishes
  inner join person_medians using (staff_id, month)
  where abs(rated_finishes.delay_s - person_medians.median_delay_s) <= getvariable('evaluation_flags_delay_spread_seconds')
  group by rated_finishes.staff_id, rated_finishes.month
)

select
  person_medians.staff_id,
  person_medians.month,
  person_medians.evaluations::integer as evaluations,
  person_medians.median_delay_s,
  coalesce(person_spread.close_evaluations, 0)::integer as close_evaluations,
  coalesce(person_spread.close_evaluations, 0) / person_medians.evaluations as close_share,
  person_spread.close_evaluation_ids,
  person_spread.min_close_delay_s,
  person_spread.max_close_delay_s,
  hall_spread.hall_close_share,
  person_medians.evaluations >= getvariable('evaluation_flags_delay_min_evaluations')
    and coalesce(person_spread.close_evaluations, 0) / person_medians.evaluations >= getvariable('evaluation_flags_delay_share')
    and hall_spread.hall_close_share < getvariable('evaluation_flags_delay_share')
    as is_machine_like
from person_medians
inner join hall_spread using (month)
left join person_spread using (staff_id, month)
