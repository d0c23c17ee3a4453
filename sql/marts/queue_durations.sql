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
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as month,
  null::varchar as department,
  null::varchar as measure,
  null::integer as bucket_minutes,
  null::integer as tickets
where false
