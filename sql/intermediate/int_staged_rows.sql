/*
grain: one row per staged row that an ops table reports with its text (rejected, unattributed, or of a frozen month that received later rows)
unique: [source, load_id, line]
not_null: [source, load_id, line, source_ref]
*/
-- The quarantine and the late arrivals quote rows as they arrived. Only the rows they can report
-- are copied here (every row's text would be the whole inbox again, on every run): the key columns
-- find them, then their text is read from the raw rows by a join DuckDB narrows to their loads.
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

wanted_rows as (
  select staged_keys.*
  from staged_keys
  semi join wanted
    on wanted.source = staged_keys.source and wanted.load_id = staged_keys.load_id and wanted.line = staged_keys.line
)

select
  wanted_rows.source,
  wanted_rows.load_id,
  wanted_rows.line,
  raw_texts.source_ref,
  raw_texts.raw_text,
  wanted_rows.rejection,
  wanted_rows.event_date,
  strftime(wanted_rows.event_date, '%Y-%m') as month
from wanted_rows
-- staging keeps no row text: the quoted rows' text is read back from the raw rows
inner join raw.row_texts as raw_texts
  on raw_texts.source = wanted_rows.source and raw_texts.load_id = wanted_rows.load_id and raw_texts.line = wanted_rows.line
