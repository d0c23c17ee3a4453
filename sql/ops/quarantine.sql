/*
grain: one row per rejected file or row, with the file, the line and the reason
comment: 隔离的行：无法使用的文件与数据行，注明文件、行号与原因（不含投诉人信息）
not_null: [path, source, reason_kind, reason, load_id]
columns:
  hall_code: 大厅编码（数据行所属的大厅；不属于任何已登记大厅的行与文件为空：收件箱根目录文件中大厅编码缺失或未登记的行、根目录文件整文件拒收、大厅名册的行）
  hall_name: 大厅名称
  path: 文件路径（相对收件箱）
  line: 行号（整文件拒收时为空）
  source: 数据来源（收件箱中的文件夹名）
  reason_kind: 原因类别
  reason: 原因（含出错的列与取值；投诉登记只写出错的列）
  raw: 原始行内容（按中文列名；保密字段已去除；投诉登记只保留投诉编号）
  month: 所属月份（按人员、窗口对应失败或时间晚于基准日期的行才有）
  load_id: 读取批次号
*/
-- Nothing is dropped silently: a file that cannot be used, a row ingest could not read (the wrong
-- number of cells, an unclosed quote, a formula without a result …; its kind leads its reason),
-- a row whose values fail staging, a row dated after the as-of date, and a row whose person,
-- window or account the roster does not know (or that no one can be attributed to) all land here
-- with their reason.
-- Many halls (rules.md §15): a hall's rows are quarantined by its own run of the rules; rows and
-- files that reach no hall are decided here, once: a root-level row whose 大厅编码 is missing or
-- not in the register, a hall folder's file while the register does not list its hall (it is
-- used as soon as the register does), and the register's own unusable rows.
with halls as (
  select hall_code, hall_name from params.halls
),

unknown_hall_files as (
  select load_id, path, source, hall_code
  from ingest.files
  where status = 'loaded' and hall_code is not null and hall_code not in (select hall_code from halls)
),

rejected_files as (
  select hall_code, path, null::integer as line, source, '文件无法使用' as reason_kind, reason, null as raw, null as month, load_id
  from ingest.files
  where status = 'rejected'
  union all
  select null, path, null::integer, source, '大厅不在大厅名册中',
    '大厅不在大厅名册中：文件夹 ' || hall_code || ' 不是大厅名册（halls/）登记的大厅编码，该文件暂不使用；大厅名册登记该大厅后自动使用',
    null, null, load_id
  from unknown_hall_files
),

-- rows of root-level files (no hall of their own) and of the register, as staged
root_rows as (
  select 'calendar' as source, hall_code, load_id, line, rejection from staging.stg_calendar
  union all select 'roster', hall_code, load_id, line, rejection from staging.stg_roster
  union all select 'attendance', hall_code, load_id, line, rejection from staging.stg_attendance
  union all select 'leave', hall_code, load_id, line, rejection from staging.stg_leave
  union all select 'queue', hall_code, load_id, line, rejection from staging.stg_queue
  union all select 'queue-events', hall_code, load_id, line, rejection from staging.stg_queue_events
  union all select 'evaluations', hall_code, load_id, line, rejection from staging.stg_evaluations
  union all select 'cases', hall_code, load_id, line, rejection from staging.stg_cases
  union all select 'patrol', hall_code, load_id, line, rejection from staging.stg_patrol
  union all select 'complaints', hall_code, load_id, line, rejection from staging.stg_complaints
  union all select 'commendations', hall_code, load_id, line, rejection from staging.stg_commendations
  union all select 'investigations', hall_code, load_id, line, rejection from staging.stg_investigations
  union all select 'appeals', hall_code, load_id, line, rejection from staging.stg_appeals
  union all select 'halls', hall_code, load_id, line, rejection from staging.stg_halls
),

unrouted_keys as (
  select
    root_rows.source,
    root_rows.load_id,
    root_rows.line,
    -- no hall receives these rows: a code the register does not list is named in the reason
    null as hall_code,
    case
      when root_rows.rejection is not null then root_rows.rejection
      when root_rows.source <> 'halls'
        then '大厅编码不在大厅名册中：大厅编码 ' || root_rows.hall_code || ' 不是大厅名册（halls/）登记的大厅'
    end as reason
  from root_rows
  semi join ingest.files on files.load_id = root_rows.load_id and files.hall_code is null
  where root_rows.source = 'halls' and root_rows.rejection is not null
    or root_rows.source <> 'halls' and (root_rows.hall_code is null or root_rows.hall_code not in (select hall_code from halls))
),

unrouted_rows as (
  select unrouted_keys.hall_code, files.path, unrouted_keys.line, unrouted_keys.source,
    split_part(unrouted_keys.reason, '：', 1) as reason_kind, unrouted_keys.reason,
    case
      when unrouted_keys.source = 'complaints' then json_object('投诉编号', row_texts.raw_text::json ->> '投诉编号')::varchar
      else row_texts.raw_text
    end as raw,
    null as month, unrouted_keys.load_id
  from unrouted_keys
  inner join ingest.files on files.load_id = unrouted_keys.load_id
  inner join raw.row_texts_of('unrouted_keys') as row_texts
    on row_texts.source = unrouted_keys.source and row_texts.load_id = unrouted_keys.load_id
    and row_texts.line = unrouted_keys.line
),

malformed_rows as (
  select files.hall_code, files.path, row_rejects.line, files.source, split_part(row_rejects.reason, '：', 1) as reason_kind, row_rejects.reason, row_rejects.raw,
    null as month, row_rejects.load_id
  from ingest.row_rejects
  inner join ingest.files on files.load_id = row_rejects.load_id
),

-- Rows as they arrived, under their Chinese headers. Any cell of a complaint may hold what a
-- complainant said (a name or phone in the wrong column, a row shifted by an unquoted comma):
-- a complaint is quoted by its key alone.
quoted_rows as (
  select
    hall_code,
    source,
    load_id,
    line,
    rejection,
    case
      when source = 'complaints' then json_object('投诉编号', raw_text::json ->> '投诉编号')::varchar
      else raw_text
    end as raw
  from intermediate.int_staged_rows
),

invalid_rows as (
  select quoted_rows.hall_code, files.path, quoted_rows.line, quoted_rows.source, split_part(quoted_rows.rejection, '：', 1) as reason_kind,
    quoted_rows.rejection as reason, quoted_rows.raw, null as month, quoted_rows.load_id
  from quoted_rows
  inner join ingest.files on files.load_id = quoted_rows.load_id
  where quoted_rows.rejection is not null
),

unattributed_rows as (
  select int_unattributed_rows.hall_code, files.path, int_unattributed_rows.line, int_unattributed_rows.source, int_unattributed_rows.reason_kind,
    int_unattributed_rows.reason, quoted_rows.raw, int_unattributed_rows.month, int_unattributed_rows.load_id
  from intermediate.int_unattributed_rows
  inner join ingest.files on files.load_id = int_unattributed_rows.load_id
  left join quoted_rows
    on quoted_rows.hall_code = int_unattributed_rows.hall_code
    and quoted_rows.source = int_unattributed_rows.source
    and quoted_rows.load_id = int_unattributed_rows.load_id
    and quoted_rows.line = int_unattributed_rows.line
),

quarantined as (
  select * from rejected_files
  union all select * from malformed_rows
  union all select * from invalid_rows
  union all select * from unattributed_rows
  union all select * from unrouted_rows
)

select quarantined.hall_code, halls.hall_name, quarantined.* exclude (hall_code)
from quarantined
left join halls on halls.hall_code = quarantined.hall_code
