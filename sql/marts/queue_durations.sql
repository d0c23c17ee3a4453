/*
grain: one row per month, group (the whole hall or a department), measure (等候 or 办理) and 5-minute bucket with at least one ticket
comment: 等候与办理时长分布（5 分钟一组，全大厅与各窗口单位）
unique: [month, level, department, measure, bucket_minutes]
not_null: [month, level, measure, bucket_minutes, bucket_label, tickets]
accepted_values:
  level: [全大厅, 窗口单位]
  measure: [等候, 办理]
range:
  bucket_minutes: [0, null]
  tickets: [0, null]
columns:
  month: 月份
  level: 汇总层级：全大厅/窗口单位
  department: 部门（全大厅为空）
  measure: 度量：等候（取号至叫号，含过号）/办理（开始办理至办结）
  bucket_minutes: 分组下限（分钟，5 分钟一组，60 及以上归入 60），也是分组的排序键
  bucket_label: 分组名称，如“0–5 分钟”“60 分钟以上”
  tickets: 数量
*/
-- Distribution of waits (issued → called) and services (started → finished) in 5-minute buckets,
-- the last one open-ended; each bucket carries its label so that no page names it.
with bucketing as (
  select 5 as width_minutes, 60 as last_bucket_minutes
),

durations as (
  select month, department, '等候' as measure, wait_s as seconds
  from intermediate.int_queue_tickets
  where wait_s is not null
  union all
  select month, department, '办理', service_s
  from intermediate.int_queue_tickets
  where service_s is not null
),

bucketed as (
  select
    durations.month,
    durations.department,
    durations.measure,
    least(
      floor(durations.seconds / 60 / bucketing.width_minutes) * bucketing.width_minutes,
      bucketing.last_bucket_minutes
    )::integer as bucket_minutes
  from durations
  cross join bucketing
  inner join intermediate.int_months on int_months.month = durations.month and int_months.is_open
)

select
  bucketed.month,
  case when grouping(bucketed.department) = 1 then '全大厅' else '窗口单位' end as level,
  bucketed.department,
  bucketed.measure,
  bucketed.bucket_minutes,
  any_value(
    case
      when bucketed.bucket_minutes >= bucketing.last_bucket_minutes then bucketed.bucket_minutes || ' 分钟以上'
      else bucketed.bucket_minutes || '–' || (bucketed.bucket_minutes + bucketing.width_minutes) || ' 分钟'
    end
  ) as bucket_label,
  count(*)::integer as tickets
from bucketed
cross join bucketing
group by grouping sets (
  (bucketed.month, bucketed.measure, bucketed.bucket_minutes),
  (bucketed.month, bucketed.department, bucketed.measure, bucketed.bucket_minutes)
)
