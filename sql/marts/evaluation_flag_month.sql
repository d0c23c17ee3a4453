/*
grain: one row per month with evaluations
comment: 疑似异常评价月汇总：评价数、线索数、涉及线索的评价数及其占比
unique: [month]
not_null: [month, evaluations, flags, flagged_evaluations, flagged_share]
range:
  evaluations: [0, null]
  flags: [0, null]
  flagged_evaluations: [0, null]
  flagged_share: [0, 1]
columns:
  month: 月份
  evaluations: 评价数
  flags: 疑似异常评价线索数
  flagged_evaluations: 涉及线索的评价数（一条评价涉及多条线索只计一次）
  flagged_share: 涉及线索的评价占全部评价的比例
*/
-- Issue 17: the share of the month's evaluations that any lead names, for the run summary and the page.
with flagged_ids as (
  select distinct month, unnest(string_split(evaluation_ids, '、')) as evaluation_id
  from marts.evaluation_flags
),

month_evaluations as (
  select month, count(*) as evaluations from intermediate.int_evaluations group by month
),

month_flags as (
  select month, count(*) as flags from marts.evaluation_flags group by month
),

month_flagged as (
  select flagged_ids.month, count(distinct flagged_ids.evaluation_id) as flagged_evaluations
  from flagged_ids
  semi join intermediate.int_evaluations
    on int_evaluations.evaluation_id = flagged_ids.evaluation_id
  group by flagged_ids.month
)

select
  month_evaluations.month,
  month_evaluations.evaluations::integer as evaluations,
  coalesce(month_flags.flags, 0)::integer as flags,
  coalesce(month_flagged.flagged_evaluations, 0)::integer as flagged_evaluations,
  coalesce(month_flagged.flagged_evaluations, 0) / month_evaluations.evaluations as flagged_share
from month_evaluations
left join month_flags using (month)
left join month_flagged using (month)
