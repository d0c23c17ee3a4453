/*
grain: one row per staged row that an ops table reports with its text (rejected, unattributed, or of a frozen month that received later rows)
unique: [source, load_id, line]
not_null: [source, load_id, line, source_ref]
*/
-- The quarantine and the late arrivals quote rows as they arrived. Only the rows they can report
-- are copied here: every staged row would be the whole inbox again, on every run.
with all_rows as not materialized (
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
),

frozen as (
  select month, frozen_through_load_id from intermediate.int_months where is_frozen
),

-- late_arrivals compares a frozen month's later rows with the rows it was frozen with
months_with_late_rows as (
  select distinct all_rows.source, frozen.month
  from all_rows
  inner join frozen on frozen.month = strftime(all_rows.event_date, '%Y-%m')
  where all_rows.load_id > frozen.frozen_through_load_id
),

with_month as (
  select *, strftime(event_date, '%Y-%m') as month from all_rows
),

-- three cheap reads instead of one filter over every row: the first is pushed into the scans
reported as (
  select * from with_month where rejection is not null
  union
  select with_month.* from with_month
  semi join intermediate.int_unattributed_rows as unattributed
    on unattributed.source = with_month.source and unattributed.load_id = with_month.load_id
    and unattributed.line = with_month.line
  union
  select with_month.* from with_month
  semi join months_with_late_rows as late on late.source = with_month.source and late.month = with_month.month
)

select source, load_id, line, source_ref, raw_text, rejection, event_date, month
from reported
