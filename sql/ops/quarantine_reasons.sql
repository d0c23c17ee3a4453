/*
grain: one row per source and kind of reason with at least one quarantined row or rejected file
comment: 隔离行按来源与原因类别汇总：行数与涉及的文件数
unique: [hall_code, source, reason_kind]
not_null: [source, reason_kind, rows, files]
range:
  rows: [0, null]
  files: [0, null]
columns:
  month: 发布月份（基准日期所在的月份）：本表是截至基准日期的结果，不按月份划分；供按月份分区的导出使用
  hall_code: 大厅编码（不属于任何已登记大厅的行与文件为空）
  hall_name: 大厅名称
  source: 数据来源（收件箱中的文件夹名）
  reason_kind: 原因类别
  rows: 隔离的行数（整文件拒收计 1 行）
  files: 涉及的文件数
*/
-- The 数据质量 page's and sheet's summary of ops.quarantine.
select
  hall_code,
  hall_name,
  source,
  reason_kind,
  count(*)::integer as rows,
  count(distinct path)::integer as files,
  strftime(getvariable('as_of'), '%Y-%m') as month
from ops.quarantine
group by all
