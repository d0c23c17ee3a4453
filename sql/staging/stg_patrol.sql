/*
grain: one row per loaded row of the patrol and inspection register (巡查/督查记录)
comment: 巡查/督查记录（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.patrol_rows
),

-- A finding is written as its code or its Chinese name (full or short); 正常 is a patrol with no
-- finding. rules.md §4 (rev 2): matched after normalization (a name copied with ASCII commas, typed
-- with full-width letters or with spaces is the same name) and regardless of case.
finding_spellings as (
  select finding_code, finding_code as spelling from seeds.patrol_findings
  union all
  select patrol_findings.finding_code, spelling
  from seeds.patrol_findings
  inner join seeds.rule_codes on rule_codes.rule_code = patrol_findings.finding_code
  -- a short name equal to the full name (酒后上岗) is one spelling, not two matches of one row
  cross join unnest(list_distinct([rule_codes.rule_name, rule_codes.short_name])) as spellings(spelling)
  union all
  select 'NORMAL', spelling from unnest(['正常', '无问题', '未发现问题']) as spellings(spelling)
),

finding_keys as (
  select distinct finding_code, upper(normalize_enumerated(spelling)) as finding_key from finding_spellings
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    source_rows.load_id,
    source_rows.line,
    source_rows.source_ref,
    clean_identifier(source_rows.id) as patrol_id,
    parse_local_timestamp(source_rows."at") as patrolled_at,
    clean(source_rows.patroller) as patroller,
    clean_identifier(source_rows.window_no) as window_no,
    clean_identifier(source_rows.staff_id) as staff_id,
    finding_keys.finding_code,
    parse_whole_number(source_rows.away_minutes) as away_minutes,
    clean_identifier(source_rows.case_id) as case_id,
    clean(source_rows.evidence) as evidence,
    mask_phone_numbers(clean(source_rows.note)) as note,
    clean(source_rows.finding) as finding_text,
    clean(source_rows."at") as patrolled_at_text,
    clean(source_rows.away_minutes) as away_minutes_text
  from source_rows
  left join finding_keys on finding_keys.finding_key = upper(normalize_enumerated(source_rows.finding))
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when patrol_id is null then '缺少必填项：巡查编号'
      when patrolled_at_text is null then '缺少必填项：巡查时间'
      when patroller is null then '缺少必填项：巡查人'
      when finding_text is null then '缺少必填项：问题类型'
      when has_lost_digits(patrol_id) then '科学计数法，位数已丢失：巡查编号 ' || patrol_id
      when has_lost_digits(window_no) then '科学计数法，位数已丢失：窗口号 ' || window_no
      when has_lost_digits(staff_id) then '科学计数法，位数已丢失：工号 ' || staff_id
      when has_lost_digits(case_id) then '科学计数法，位数已丢失：关联办件编号 ' || case_id
      when patrolled_at is null then '时间无法识别：巡查时间 ' || patrolled_at_text
      when finding_code is null then '取值不在列表中：问题类型 ' || finding_text || '（应为《规则说明》§4 的代码或名称，或“正常”）'
      when away_minutes_text is not null and away_minutes is null
        then '取值不在列表中：离岗时长(分钟) ' || away_minutes_text || '（应为整数分钟）'
      when finding_code <> 'NORMAL' and window_no is null and staff_id is null then '缺少必填项：窗口号或工号至少填写一项'
    end as rejection
  from typed
)

select * exclude (finding_text, patrolled_at_text, away_minutes_text), patrolled_at::date as event_date
from checked
