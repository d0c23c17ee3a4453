/*
grain: one row per staged row of a hall that an ops table reports with its text (rejected, unattributed, or of a frozen month that received later rows)
runs: across_halls
unique: [source, load_id, line]
not_null: [hall_code, hall_name, source, load_id, line, source_ref]
*/
-- The quarantine and the late arrivals quote rows as they arrived. Only the rows they can report
-- are copied here (every row's text would be the whole inbox again, on every run): the key columns
-- find them, then their text is read from the raw rows (raw.row_texts_of turns only these into text).
-- Only the ops models read it, so it runs once over every hall's rows: run per hall, its join read
-- every hall's raw rows once for each hall.
with halls as (
  select hall_code, hall_name from params.halls
),

-- read again where it is used (hall_keys): scanning the staged columns costs less than keeping a copy
-- of every row
staged_keys as not materialized (
  select 'calendar' as source, hall_code, load_id, line, rejection, event_date from staging.stg_calendar
  union all select 'roster', hall_code, load_id, line, rejection, event_date from staging.stg_roster
  union all select 'attendance', hall_code, load_id, line, rejection, event_date from staging.stg_attendance
  union all select 'leave', hall_code, load_id, line, rejection, event_date from staging.stg_leave
  union all select 'queue', hall_code, load_id, line, rejection, event_date from staging.stg_queue
  union all select 'queue-events', hall_code, load_id, line, rejection, event_date from staging.stg_queue_events
  union all select 'evaluations', hall_code, load_id, line, rejection, event_date from staging.stg_evaluations
  union all select 'cases', hall_code, load_id, line, rejection, event_date from staging.stg_cases
  union all select 'patrol', hall_code, load_id, line, rejection, event_date from staging.stg_patrol
  union all select 'complaints', hall_code, load_id, line, rejection, event_date from staging.stg_complaints
  union all select 'commendations', hall_code, load_id, line, rejection, event_date from staging.stg_commendations
  union all select 'investigations', hall_code, load_id, line, rejection, event_date from staging.stg_investigations
  union all select 'appeals', hall_code, load_id, line, rejection, event_date from staging.stg_appeals
),

-- the rows a hall receives: a root-level row that no registered hall receives is quoted by ops.quarantine
hall_keys as not materialized (
  select staged_keys.* from staged_keys semi join halls on halls.hall_code = staged_keys.hall_code
),

frozen as (
  select hall_code, month, (month || '-01')::date as first_day, frozen_through_load_id
  from intermediate.int_months
  where is_frozen
),

-- late_arrivals compares a frozen month's later rows with the rows it was frozen with
months_with_late_rows as (
  select distinct hall_keys.hall_code, hall_keys.source, frozen.month
  from hall_keys
  inner join frozen
    on frozen.hall_code = hall_keys.hall_code and frozen.first_day = date_trunc('month', hall_keys.event_date)
  where hall_keys.load_id > frozen.frozen_through_load_id
),

wanted as (
  select source, load_id, line from hall_keys where rejection is not null
  union
  select source, load_id, line from intermediate.int_unattributed_rows
  union
  select hall_keys.source, hall_keys.load_id, hall_keys.line
  from hall_keys
  semi join months_with_late_rows
    on months_with_late_rows.hall_code = hall_keys.hall_code
    and months_with_late_rows.source = hall_keys.source
    and months_with_late_rows.month = strftime(hall_keys.event_date, '%Y-%m')
),

wanted_rows as (
  select hall_keys.*
  from hall_keys
  semi join wanted
    on wanted.source = hall_keys.source and wanted.load_id = hall_keys.load_id and wanted.line = hall_keys.line
)

select
  wanted_rows.hall_code,
  halls.hall_name,
  wanted_rows.source,
  wanted_rows.load_id,
  wanted_rows.line,
  raw_texts.source_ref,
  raw_texts.raw_text,
  wanted_rows.rejection,
  wanted_rows.event_date,
  strftime(wanted_rows.event_date, '%Y-%m') as month
from wanted_rows
inner join halls on halls.hall_code = wanted_rows.hall_code
-- staging keeps no row text: the quoted rows' text is read back from the raw rows
inner join raw.row_texts_of('wanted_rows') as raw_texts
  on raw_texts.source = wanted_rows.source and raw_texts.load_id = wanted_rows.load_id and raw_texts.line = wanted_rows.line
