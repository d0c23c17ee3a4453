/*
grain: one row per month, department, measure (等候 or 办理) and 5-minute bucket
comment: 等候与办理时长分布（5 分钟分组）
unique: [month, department, measure, bucket_minutes]
not_null: [month, department, measure, bucket_minutes, tickets]
accepted_values:
  measure: [等候, 办理]
columns:
  month: 月份
  department: 部门
  measure: 度量：等候（取号至叫号）/办理（开始至办结）
  bucket_minutes: 分组下限（分钟，5 分钟一组，60 及以上归入 60）
  tickets: 数量
*/
-- Distribution of waits (issued → called) and services (started → finished) in 5-minute buckets.
with durations as (
  select month, department, '等候' as measure, wait_s as seconds from intermediate.int_queue_tickets where wait_s is not null
  union all
  select month, department, '办理', service_s from intermediate.int_queue_tickets where service_s is not null
)

select
  durations.month,
  durations.department,
  durations.measure,
  least(floor(durations.seconds / 300) * 5, 60)::integer as bucket_minutes,
  count(*)::integer as tickets
from durations
inner join intermediate.int_months on int_months.month = durations.month and int_months.is_open
group by all
