/*
grain: one row per inbox file the pipeline has seen (a file skipped as a duplicate included)
comment: 已读取的收件箱文件：路径、内容哈希、来源、读入行数与隔离行数
unique: [path, sha256]
not_null: [path, sha256, source, loaded_at, status, rows, quarantined]
accepted_values:
  status: [已加载, 内容重复, 拒收]
columns:
  path: 文件路径（相对收件箱）
  sha256: 文件内容的 SHA-256 哈希；内容相同的文件只加载一次
  source: 数据来源（收件箱中的文件夹名）
  loaded_at: 读取时间
  status: 处理结果：已加载 / 内容重复（已跳过）/ 拒收（整文件无法使用）
  reason: 拒收原因，或与之重复的已加载文件
  encoding: 识别出的文件编码（utf-8 / gb18030 / xlsx）
  rows: 读入行数
  quarantined: 其中被隔离的行数
*/
with quarantined as (
  select load_id, count(*) as quarantined from ops.quarantine group by load_id
)

select
  files.path,
  files.sha256,
  files.source,
  files.loaded_at,
  case files.status when 'loaded' then '已加载' when 'duplicate' then '内容重复' else '拒收' end as status,
  files.reason,
  files.encoding,
  files.rows,
  coalesce(quarantined.quarantined, 0)::integer as quarantined
from ingest.files as files
left join quarantined on quarantined.load_id = files.load_id
order by files.load_id
