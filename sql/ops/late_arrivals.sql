/*
grain: one row per row that arrived for a month after it was confirmed and frozen
comment: 迟到数据：月份确认冻结后才到达、未计入该月结果的数据行
unique: [hall_code, source, load_id, line]
not_null: [hall_code, hall_name, month, source, path, line, load_id, is_new]
columns:
  hall_code: 大厅编码
  hall_name: 大厅名称
  month: 所属月份（已确认冻结）
  source: 数据来源（收件箱中的文件夹名）
  path: 文件路径（相对收件箱）
  line: 行号
  loaded_at: 到达（读取）时间
  load_id: 读取批次号
  is_new: 是否为本次运行新到
*/
-- rules.md §14: data that arrives later for a final month is reported and left out, unless the
-- operator reopens the month. A register re-exported whole is not late where its rows are
-- unchanged: only new or changed rows are listed.
with frozen as (
  select hall_code, hall_name, month, frozen_through_load_id from intermediate.int_months where is_frozen
),

known_before as (
  select distinct int_staged_rows.hall_code, int_staged_rows.source, md5(int_staged_rows.raw_text) as row_hash,
    int_staged_rows.month
  from intermediate.int_staged_rows
  inner join frozen on frozen.hall_code = int_staged_rows.hall_code and frozen.month = int_staged_rows.month
  where int_staged_rows.load_id <= frozen.frozen_through_load_id
),

arrived_after as (
  select int_staged_rows.*, md5(int_staged_rows.raw_text) as row_hash
  from intermediate.int_staged_rows
  inner join frozen on frozen.hall_code = int_staged_rows.hall_code and frozen.month = int_staged_rows.month
  where int_staged_rows.load_id > frozen.frozen_through_load_id
    and int_staged_rows.rejection is null
)

select
  arrived_after.hall_code,
  arrived_after.hall_name,
  arrived_after.month,
  arrived_after.source,
  files.path,
  arrived_after.line,
  files.loaded_at,
  arrived_after.load_id,
  arrived_after.load_id >= getvariable('run_first_load_id') as is_new
from arrived_after
inner join ingest.files on files.load_id = arrived_after.load_id
anti join known_before
  on known_before.hall_code = arrived_after.hall_code
  and known_before.source = arrived_after.source
  and known_before.row_hash = arrived_after.row_hash
  and known_before.month = arrived_after.month
