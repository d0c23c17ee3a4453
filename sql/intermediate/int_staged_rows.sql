/*
grain: one row per staged row that an ops table reports with its text (rejected, unattributed, or of a frozen month that received later rows)
unique: [source, load_id, line]
not_null: [source, load_id, line, source_ref]
*/
-- The quarantine and the late arrivals quote rows as they arrived. Only the rows they can report
-- are copied here: every staged row would be the whole inbox again, on every run.
-- Only the key columns are read to find the rows wanted; their text is then fetched by a semi
-- join, which DuckDB pushes into the scans: every staged row's text would be the inbox again.
with staged_keys as (
  select 'calendar' as source, load_id, line, rejection, event_date from staging.stg_calendar
  union all select 'roster', load_id, line, rejection, event_date from staging.stg_roster
  union all select 'attendance', load_id, line, rejection, event_date from staging.stg_attendance
  union all select 'leave', load_id, line, rejection, event_date from staging.stg_leave
  union all select 'queue', load_id, line, rejection, event_date from staging.stg_queue
  union all select 'queue-events', load_id, line, rejection, event_date from staging.stg_queue_events
  union all select 'evaluations', load_id, line, rejection, event_date from staging.stg_evaluations
  union all select 'cases', load_id, line, rejection, event_date from staging.stg_cases
  union all select 'patrol', load_id, line, rejection, event_date from staging.stg_patrol
  union all select 'complaints', load_id, line, rejection, event_date from staging.stg_complaints
  union all select 'commendations', load_id, line, rejection, event_date from staging.stg_commendations
  union all select 'investigations', load_id, line, rejection, event_date from staging.stg_investigations
  union all select 'appeals', load_id, line, rejection, event_date from staging.stg_appeals
),

frozen as (
  select month, frozen_through_load_id from intermediate.int_months where is_frozen
),

-- late_arrivals compares a frozen month's later rows with the rows it was frozen with
months_with_late_rows as (
  select distinct staged_keys.source, frozen.month
  from staged_keys
  inner join frozen on frozen.month = strftime(staged_keys.event_date, '%Y-%m')
  where staged_keys.load_id > frozen.frozen_through_load_id
),

wanted as (
  select source, load_id, line from staged_keys where rejection is not null
  union
  select source, load_id, line from intermediate.int_unattributed_rows
  union
  select staged_keys.source, staged_keys.load_id, staged_keys.line
  from staged_keys
  semi join months_with_late_rows
    on months_with_late_rows.source = staged_keys.source
    and months_with_late_rows.month = strftime(staged_keys.event_date, '%Y-%m')
),

staged_texts as (
  select 'calendar' as source, load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_calendar
  union all select 'roster', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_roster
  union all select 'attendance', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_attendance
  union all select 'leave', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_leave
  union all select 'queue', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_queue
  union all select 'queue-events', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_queue_events
  union all select 'evaluations', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_evaluations
  union all select 'cases', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_cases
  union all select 'patrol', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_patrol
  union all select 'complaints', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_complaints
  union all select 'commendations', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_commendations
  union all select 'investigations', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_investigations
  union all select 'appeals', load_id, line, source_ref, raw_text, rejection, event_date from staging.stg_appeals
)

select
  staged_texts.source,
  staged_texts.load_id,
  staged_texts.line,
  staged_texts.source_ref,
  staged_texts.raw_text,
  staged_texts.rejection,
  staged_texts.event_date,
  strftime(staged_texts.event_date, '%Y-%m') as month
from staged_texts
semi join wanted
  on wanted.source = staged_texts.source and wanted.load_id = staged_texts.load_id and wanted.line = staged_texts.line
