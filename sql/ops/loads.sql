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
-- data-contract §1: every source is keyed, and a later-loaded row with the same key replaces the
-- earlier one (an identical row too: it changes nothing). "Later" is a later load, then a later line
-- (row_version). Only a valid row replaces: a row quarantined for its own values (staging's
-- rejection) replaces nothing, while one quarantined because the roster does not know its person
-- does, as the rules read the latest valid version of every key. A row in the quarantine counts
-- there whatever else is true of it. The keys, by source:
--   roster 工号 · calendar 日期 · attendance 考勤号码 + 日期时间 · leave 编号 · queue 流水号 ·
--   queue-events 窗口号 + 时间 + 事件 · evaluations 评价编号 · cases 办件编号 · patrol 巡查编号 ·
--   complaints 投诉编号 · commendations 编号 · investigations 案件编号, or 工号 + 触发条款 + 发生日期 ·
--   appeals 申诉编号 · halls 大厅编码
with staged_keys as (
  select 'roster' as source, hall_code, load_id, line, rejection is null as is_valid, staff_id as record_key from staging.stg_roster
  union all select 'calendar', hall_code, load_id, line, rejection is null, calendar_date::varchar from staging.stg_calendar
  union all select 'attendance', hall_code, load_id, line, rejection is null, attendance_no || '|' || punched_at::varchar
    from staging.stg_attendance
  union all select 'leave', hall_code, load_id, line, rejection is null, leave_id from staging.stg_leave
  union all select 'queue', hall_code, load_id, line, rejection is null, ticket_no from staging.stg_queue
  union all select 'queue-events', hall_code, load_id, line, rejection is null,
      window_no || '|' || event_at::varchar || '|' || window_event
    from staging.stg_queue_events
  union all select 'evaluations', hall_code, load_id, line, rejection is null, evaluation_id from staging.stg_evaluations
  union all select 'cases', hall_code, load_id, line, rejection is null, case_id from staging.stg_cases
  union all select 'patrol', hall_code, load_id, line, rejection is null, patrol_id from staging.stg_patrol
  union all select 'complaints', hall_code, load_id, line, rejection is null, complaint_id from staging.stg_complaints
  union all select 'commendations', hall_code, load_id, line, rejection is null, commendation_id from staging.stg_commendations
  union all select 'investigations', hall_code, load_id, line, rejection is null, coalesce(register_case_id,
      'INV:' || trigger || ':' || staff_id || ':' || strftime(occurred_on, '%Y-%m-%d'))
    from staging.stg_investigations
  union all select 'appeals', hall_code, load_id, line, rejection is null, appeal_id from staging.stg_appeals
  union all select 'halls', hall_code, load_id, line, rejection is null, hall_code from staging.stg_halls
),

latest_versions as (
  select source, hall_code, record_key, max(row_version(load_id, line)) as latest_version
  from staged_keys
  where is_valid and record_key is not null
  group by source, hall_code, record_key
),

quarantined_lines as (
  select load_id, line from ops.quarantine where line is not null
),

staged_outcomes as (
  select
    staged_keys.load_id,
    count(*) filter (where staged_keys.is_valid and (staged_keys.record_key is null
      or row_version(staged_keys.load_id, staged_keys.line) = latest_versions.latest_version)) as used,
    count(*) filter (where staged_keys.is_valid
      and row_version(staged_keys.load_id, staged_keys.line) < latest_versions.latest_version) as superseded
  from staged_keys
  -- an equi-join only (a condition on staged_keys alone here would make it a nested loop)
  left join latest_versions
    on latest_versions.source = staged_keys.source and latest_versions.hall_code = staged_keys.hall_code
    and latest_versions.record_key = staged_keys.record_key
  anti join quarantined_lines
    on quarantined_lines.load_id = staged_keys.load_id and quarantined_lines.line = staged_keys.line
  group by staged_keys.load_id
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
  left join duplicated_rows on duplicated_rows.sha256 = files.sha256 and files.status = 'duplicate'
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
