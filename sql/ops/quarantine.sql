/*
grain: one row per rejected file or row, with the file, the line and the reason
comment: 隔离的行：无法使用的文件与数据行，注明文件、行号与原因（不含投诉人信息）
not_null: [path, source, reason_kind, reason, load_id]
columns:
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
with rejected_files as (
  select path, null::integer as line, source, '文件无法使用' as reason_kind, reason, null as raw, null as month, load_id
  from ingest.files
  where status = 'rejected'
),

malformed_rows as (
  select files.path, row_rejects.line, files.source, split_part(row_rejects.reason, '：', 1) as reason_kind, row_rejects.reason, row_rejects.raw,
    null as month, row_rejects.load_id
  from ingest.row_rejects
  inner join ingest.files on files.load_id = row_rejects.load_id
),

-- Rows as they arrived, under their Chinese headers. Any cell of a complaint may hold what a
-- complainant said (a name or phone in the wrong column, a row shifted by an unquoted comma):
-- a complaint is quoted by its key alone.
quoted_rows as (
  select
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
  select files.path, quoted_rows.line, quoted_rows.source, split_part(quoted_rows.rejection, '：', 1) as reason_kind,
    quoted_rows.rejection as reason, quoted_rows.raw, null as month, quoted_rows.load_id
  from quoted_rows
  inner join ingest.files on files.load_id = quoted_rows.load_id
  where quoted_rows.rejection is not null
),

unattributed_rows as (
  select files.path, int_unattributed_rows.line, int_unattributed_rows.source, int_unattributed_rows.reason_kind,
    int_unattributed_rows.reason, quoted_rows.raw, int_unattributed_rows.month, int_unattributed_rows.load_id
  from intermediate.int_unattributed_rows
  inner join ingest.files on files.load_id = int_unattributed_rows.load_id
  left join quoted_rows
    on quoted_rows.source = int_unattributed_rows.source
    and quoted_rows.load_id = int_unattributed_rows.load_id
    and quoted_rows.line = int_unattributed_rows.line
)

select * from rejected_files
union all select * from malformed_rows
union all select * from invalid_rows
union all select * from unattributed_rows
