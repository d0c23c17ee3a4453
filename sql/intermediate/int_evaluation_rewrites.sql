/*
grain: one row per evaluation whose 差评 a later export turned into 好评/中评 or left out of a re-export
comment: 差评被改写：同一评价编号的差评版本后来被改为好评或中评，或在重新导出的文件中不再出现
unique: [evaluation_id]
not_null: [evaluation_id, month, bad_level, bad_source_ref, rewrite, later_source_ref]
accepted_values:
  rewrite: [改为好评, 改为中评, 重新导出时删除]
columns:
  evaluation_id: 评价编号
  month: 月份
  bad_level: 差评版本的评价等级（1…2）
  bad_source_ref: 差评版本的文件与行号
  rewrite: 改写方式
  later_level: 后来版本的评价等级（删除时为空）
  later_source_ref: 后来的版本（文件与行号），或不再含这条评价的重新导出文件
*/
-- Issue 17: staging keeps every loaded version of every 评价编号. A 差评 whose later version is no
-- longer a 差评 was rewritten; one that a later file re-exporting most of its file's ids leaves out
-- was removed (a later file lacking a row never removes it from the results, so this shows it).
with open_months as (
  select min(month_start) as first_day from intermediate.int_months where is_open
),

valid_versions as (
  select
    evaluation_id,
    load_id,
    row_version(load_id, line) as version,
    level,
    rating,
    strftime(evaluated_at, '%Y-%m') as month,
    source_ref
  from staging.stg_evaluations
  where rejection is null and not is_after_as_of(event_date) and event_date >= (select first_day from open_months)
),

-- the last 差评 version of each key, and the key's latest version (only keys that were ever 差评)
last_bad_versions as (
  select evaluation_id, arg_max(valid_versions, version) as bad
  from valid_versions
  where rating = '差评'
  group by evaluation_id
),

latest_versions as (
  select evaluation_id, arg_max(valid_versions, version) as latest
  from valid_versions
  semi join last_bad_versions using (evaluation_id)
  group by evaluation_id
),

rewritten as (
  select
    last_bad_versions.evaluation_id,
    last_bad_versions.bad,
    '改为' || latest_versions.latest.rating as rewrite,
    latest_versions.latest.level as later_level,
    latest_versions.latest.source_ref as later_source_ref
  from last_bad_versions
  inner join latest_versions using (evaluation_id)
  where latest_versions.latest.rating <> '差评'
),

file_ids as (
  select load_id, count(distinct evaluation_id) as ids from valid_versions group by load_id
),

-- a later file re-exports an earlier one when it repeats at least the configured share of its ids
reexports as (
  select earlier.load_id as earlier_load_id, later.load_id as later_load_id
  from valid_versions as earlier
  inner join valid_versions as later on later.evaluation_id = earlier.evaluation_id and later.load_id > earlier.load_id
  inner join file_ids on file_ids.load_id = earlier.load_id
  where earlier.load_id in (select last_bad_versions.bad.load_id from last_bad_versions)
  group by earlier.load_id, later.load_id, file_ids.ids
  having count(distinct earlier.evaluation_id) >= getvariable('evaluation_flags_reexport_share') * file_ids.ids
),

removed as (
  select
    last_bad_versions.evaluation_id,
    last_bad_versions.bad,
    '重新导出时删除' as rewrite,
    null::integer as later_level,
    min(files.path) as later_source_ref
  from last_bad_versions
  inner join latest_versions using (evaluation_id)
  inner join reexports on reexports.earlier_load_id = last_bad_versions.bad.load_id
  inner join ingest.files on files.load_id = reexports.later_load_id
  where latest_versions.latest.rating = '差评'
    and not exists (
      select 1 from valid_versions
      where valid_versions.evaluation_id = last_bad_versions.evaluation_id
        and valid_versions.load_id >= reexports.later_load_id
    )
  group by all
)

select
  evaluation_id,
  bad.month as month,
  bad.level as bad_level,
  bad.source_ref as bad_source_ref,
  rewrite,
  later_level,
  later_source_ref
from (select * from rewritten union all select * from removed)
