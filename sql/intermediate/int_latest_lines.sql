/*
grain: "one row per record of the sources the rules read as of a date (all but roster, calendar, leave, attendance and halls): the staged row of its latest valid version dated up to the as-of date"
comment: 规则采用的版本：每条记录（流水号、窗口事件、评价编号、巡查编号、办件编号、投诉编号、表扬编号、案件编号、申诉编号）截至基准日期的最新有效行
unique: [source, record_key]
not_null: [source, record_key, load_id, line]
accepted_values:
  source: [queue, queue-events, evaluations, patrol, cases, complaints, commendations, investigations, appeals]
*/
-- Staging keeps each key's latest valid version as rows arrive (staging.stg_latest_versions). A
-- version dated after the as-of date is not read (rules.md: such a row is quarantined), so a key
-- whose latest version is dated after it falls back to its latest version dated up to it: only those
-- keys' rows are grouped again (none on most nights, and then the staged rows are not read at all).
with latest_versions as (
  select source, record_key, load_id, line, event_date
  from staging.stg_latest_versions
  where source in (
    'queue', 'queue-events', 'evaluations', 'patrol', 'cases', 'complaints', 'commendations', 'investigations', 'appeals'
  )
),

keys_dated_after_as_of as (
  select source, record_key from latest_versions where is_after_as_of(event_date)
),

staged_versions as (
  select 'queue' as source, ticket_no as record_key, load_id, line, rejection, event_date from staging.stg_queue
  union all select 'evaluations', evaluation_id, load_id, line, rejection, event_date from staging.stg_evaluations
  union all select 'patrol', patrol_id, load_id, line, rejection, event_date from staging.stg_patrol
  union all select 'cases', case_id, load_id, line, rejection, event_date from staging.stg_cases
  union all select 'queue-events', queue_event_key(window_no, event_at, window_event), load_id, line, rejection,
      event_date
    from staging.stg_queue_events
  union all select 'complaints', complaint_id, load_id, line, rejection, event_date from staging.stg_complaints
  union all select 'commendations', commendation_id, load_id, line, rejection, event_date
    from staging.stg_commendations
  union all select 'investigations', investigation_key(register_case_id, trigger, staff_id, occurred_on), load_id,
      line, rejection, event_date
    from staging.stg_investigations
  union all select 'appeals', appeal_id, load_id, line, rejection, event_date from staging.stg_appeals
),

versions_up_to_as_of as (
  select
    staged_versions.source,
    staged_versions.record_key,
    arg_max({'load_id': load_id, 'line': line}, row_version(load_id, line)) as version
  from staged_versions
  semi join keys_dated_after_as_of
    on keys_dated_after_as_of.source = staged_versions.source
    and keys_dated_after_as_of.record_key = staged_versions.record_key
  where staged_versions.rejection is null and not is_after_as_of(staged_versions.event_date)
  group by staged_versions.source, staged_versions.record_key
)

select source, record_key, load_id, line
from latest_versions
where not is_after_as_of(event_date)
union all
select source, record_key, version.load_id, version.line
from versions_up_to_as_of
