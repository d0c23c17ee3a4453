/*
grain: one row per inbox file the pipeline has seen (a file skipped as a duplicate included)
comment: 已读取的收件箱文件：路径、内容哈希、来源，以及数据行的去向（采用、被替换、隔离、重复文件）
unique: [path, sha256]
not_null: [month, path, sha256, source, loaded_at, status, rows, used, superseded, quarantined, duplicate]
accepted_values:
  status: [已加载, 内容重复, 拒收]
columns:
  hall_code: 大厅编码（文件所在大厅文件夹；收件箱根目录的跨大厅文件与大厅名册为空）
  hall_name: 大厅名称
  month: 读取月份（读取时间所在的月份）
  path: 文件路径（相对收件箱）
  sha256: 文件内容的 SHA-256 哈希；内容相同的文件只加载一次
  source: 数据来源（收件箱中的文件夹名）
  loaded_at: 读取时间
  status: 处理结果：已加载 / 内容重复（已跳过）/ 拒收（整文件无法使用）
  reason: 拒收原因，或与之重复的已加载文件
  encoding: 识别出的文件编码（utf-8 / gb18030 / xlsx）
  rows: 数据行数（表头以外的每一行，含列数不符的行；内容重复的文件为与之相同的文件的行数；拒收的文件为 0）
  used: 采用的行数：有效、未隔离，且是其键（如流水号）目前的最新版本
  superseded: 被替换的行数：有效、未隔离，但之后读入了同一键的有效行（更正或重新导出），以后者为准
  quarantined: 隔离的行数（见 ops.quarantine：原因与行号）
  duplicate: 内容重复而未读取的行数（整个文件与已加载的文件相同）
*/
-- Row accounting (issue 11): every data row of every file is exactly one of used, superseded,
-- quarantined or in a duplicate file, so rows = used + superseded + quarantined + duplicate
-- (sql/tests/rows_accounted_once.sql holds the run to it).
-- Which valid row is its key's latest version is kept as rows arrive (staging.stg_latest_versions:
-- the keys by source, and what replaces what). Only a valid row replaces: a row quarantined for its
-- own values (staging's rejection) replaces nothing, while one quarantined because the roster does
-- not know its person does, as the rules read the latest valid version of every key. A row in the
-- quarantine counts there whatever else is true of it.
with staged_rows as not materialized (
  select load_id, line, rejection is null as is_valid from staging.stg_roster
  union all select load_id, line, rejection is null from staging.stg_calendar
  union all select load_id, line, rejection is null from staging.stg_attendance
  union all select load_id, line, rejection is null from staging.stg_leave
  union all select load_id, line, rejection is null from staging.stg_queue
  union all select load_id, line, rejection is null from staging.stg_queue_events
  union all select load_id, line, rejection is null from staging.stg_evaluations
  union all select load_id, line, rejection is null from staging.stg_cases
  union all select load_id, line, rejection is null from staging.stg_patrol
  union all select load_id, line, rejection is null from staging.stg_complaints
  union all select load_id, line, rejection is null from staging.stg_commendations
  union all select load_id, line, rejection is null from staging.stg_investigations
  union all select load_id, line, rejection is null from staging.stg_appeals
  union all select load_id, line, rejection is null from staging.stg_halls
),

quarantined_lines as (
  select load_id, line from ops.quarantine where line is not null
),

-- Counted, not matched row by row (a join of every staged row with its pointer cost more than the
-- rest of the table): a pointer names one valid staged row (a load is one file of one source), so a
-- load's used rows are its pointers, and its superseded rows are its other valid rows; the few
-- quarantined rows among either are taken out.
valid_rows as (
  select load_id, count(*) filter (where is_valid) as valid from staged_rows group by load_id
),

pointers as (
  select load_id, count(*) as pointers from staging.stg_latest_versions group by load_id
),

quarantined_valid_rows as (
  select
    quarantined_lines.load_id,
    count(*) filter (where staged_rows.is_valid) as valid,
    count(latest_versions.line) as pointers
  from quarantined_lines
  inner join staged_rows
    on staged_rows.load_id = quarantined_lines.load_id and staged_rows.line = quarantined_lines.line
  left join staging.stg_latest_versions as latest_versions
    on latest_versions.load_id = quarantined_lines.load_id and latest_versions.line = quarantined_lines.line
  group by quarantined_lines.load_id
),

unquarantined as (
  select
    valid_rows.load_id,
    coalesce(pointers.pointers, 0) - coalesce(quarantined_valid_rows.pointers, 0) as used,
    valid_rows.valid - coalesce(quarantined_valid_rows.valid, 0) as valid
  from valid_rows
  left join pointers on pointers.load_id = valid_rows.load_id
  left join quarantined_valid_rows on quarantined_valid_rows.load_id = valid_rows.load_id
),

staged_outcomes as (
  select load_id, used, valid - used as superseded from unquarantined
),

quarantined as (
  select load_id, count(*) as quarantined from quarantined_lines group by load_id
),

malformed as (
  select load_id, count(*) as malformed from ingest.row_rejects group by load_id
),

-- a file's data rows: those read into the raw layer and those rejected for their number of cells
file_rows as (
  select
    files.load_id,
    files.sha256,
    files.status,
    case when files.status = 'loaded' then files.rows + coalesce(malformed.malformed, 0) else 0 end as data_rows
  from ingest.files
  left join malformed on malformed.load_id = files.load_id
),

-- a duplicate file holds the rows of the file whose content it repeats
duplicated_rows as (
  select sha256, max(data_rows) as data_rows from file_rows where status = 'loaded' group by sha256
),

-- a hall folder's file while the register does not list its hall: held back whole (used once it does)
unknown_hall_files as (
  select load_id from ingest.files
  where status = 'loaded' and hall_code is not null and hall_code not in (select hall_code from params.halls)
),

outcomes as (
  select
    files.load_id,
    files.hall_code,
    files.path,
    files.sha256,
    files.source,
    files.loaded_at,
    case
      when files.status = 'loaded' and files.load_id in (select load_id from unknown_hall_files) then '拒收'
      when files.status = 'loaded' then '已加载'
      when files.status = 'duplicate' then '内容重复'
      else '拒收'
    end as status,
    case
      when files.load_id in (select load_id from unknown_hall_files)
        then '大厅不在大厅名册中：文件夹 ' || files.hall_code || ' 不是大厅名册（halls/）登记的大厅编码，该文件暂不使用；大厅名册登记该大厅后自动使用'
      else files.reason
    end as reason,
    files.encoding,
    (case when files.status = 'duplicate' then coalesce(duplicated_rows.data_rows, 0) else file_rows.data_rows end)::integer
      as rows,
    coalesce(staged_outcomes.used, 0)::integer as used,
    coalesce(staged_outcomes.superseded, 0)::integer as superseded,
    coalesce(quarantined.quarantined, 0)::integer as quarantined,
    (case when files.status = 'duplicate' then coalesce(duplicated_rows.data_rows, 0) else 0 end)::integer as duplicate
  from ingest.files
  inner join file_rows on file_rows.load_id = files.load_id
  -- read for a duplicate file only (above); a condition on the file's status here made the join compare
  -- every file with every other
  left join duplicated_rows on duplicated_rows.sha256 = files.sha256
  left join staged_outcomes on staged_outcomes.load_id = files.load_id
  left join quarantined on quarantined.load_id = files.load_id
)

select
  outcomes.hall_code,
  halls.hall_name,
  strftime(outcomes.loaded_at, '%Y-%m') as month,
  outcomes.* exclude (load_id, hall_code, used, superseded, quarantined),
  -- a held-back file's rows all wait for the register: none used, all counted as quarantined
  case when outcomes.status = '拒收' then 0 else outcomes.used end as used,
  case when outcomes.status = '拒收' then 0 else outcomes.superseded end as superseded,
  case when outcomes.status = '拒收' then outcomes.rows - outcomes.duplicate else outcomes.quarantined end as quarantined
from outcomes
left join params.halls on halls.hall_code = outcomes.hall_code
order by outcomes.load_id
