/*
grain: one row per frozen month, source and file with rows that arrived after the month was confirmed
comment: 迟到数据按文件汇总：月份确认冻结后才到达、未计入该月结果的行数
unique: [hall_code, month, source, path]
not_null: [hall_code, hall_name, month, source, path, rows, first_line, loaded_at, is_new]
range:
  rows: [0, null]
  first_line: [1, null]
columns:
  hall_code: 大厅编码
  hall_name: 大厅名称
  month: 所属月份（已确认冻结）
  source: 数据来源（收件箱中的文件夹名）
  path: 文件路径（相对收件箱）
  rows: 迟到的行数
  first_line: 第一行迟到数据的行号
  loaded_at: 到达（读取）时间
  is_new: 是否为本次运行新到
*/
-- The 数据质量 page's list of late data, one line per file.
select
  hall_code,
  hall_name,
  month,
  source,
  path,
  count(*)::integer as rows,
  min(line)::integer as first_line,
  max(loaded_at) as loaded_at,
  bool_or(is_new) as is_new
from ops.late_arrivals
group by hall_code, hall_name, month, source, path
