/*
grain: one row per staged row of every dated source (evidence, validity and month, nothing else)
materialized: view
unique: [source, load_id, line]
not_null: [source, load_id, line, source_ref]
*/
-- A thin index over the staging tables, for the quarantine, the late arrivals and data quality.
with all_rows as (
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
  source,
  load_id,
  line,
  source_ref,
  raw_text,
  rejection,
  event_date,
  strftime(event_date, '%Y-%m') as month
from all_rows
