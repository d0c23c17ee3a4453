/*
grain: "one row per record of the sources the rules read as of a date (all but roster, calendar, leave, attendance and halls) that can change a result of this run: the staged row of its latest valid version dated up to the as-of date"
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
-- The hall's pointers are scanned again where they are used (not materialized): a copy of every one
-- cost more than the scans.
with latest_versions as not materialized (
  select source, record_key, load_id, line, event_date, settled_on
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
    arg_max({'load_id': load_id, 'line': line, 'event_date': event_date}, row_version(load_id, line)) as version
  from staged_versions
  semi join keys_dated_after_as_of
    on keys_dated_after_as_of.source = staged_versions.source
    and keys_dated_after_as_of.record_key = staged_versions.record_key
  where staged_versions.rejection is null and not is_after_as_of(staged_versions.event_date)
  group by staged_versions.source, staged_versions.record_key
),

-- a fallback version is never left out below (settled_on: null)
chosen_versions as not materialized (
  select * from latest_versions where not is_after_as_of(event_date)
  union all
  select source, record_key, version.load_id, version.line, version.event_date, null
  from versions_up_to_as_of
),

first_open_day as (
  select coalesce(min(month_start) filter (where is_open), date '9999-12-31') as first_day from intermediate.int_months
),

-- a frozen month that received a row since it froze is read as before: this run decides that row
-- as it can, with the month's other records (int_unattributed_records)
months_read_again as (
  select distinct int_months.month
  from chosen_versions
  inner join intermediate.int_months
    on (int_months.month || '-01')::date = date_trunc('month', chosen_versions.event_date)
    and chosen_versions.load_id > int_months.frozen_through_load_id
  where int_months.is_frozen
    and chosen_versions.load_id > (select min(frozen_through_load_id) from intermediate.int_months)
),

-- rules.md §14: a frozen month is read as it was frozen (history), and the rules decide these
-- sources' records day by day or month by month, so a frozen month's versions that settled before
-- the first open month change no result of this run. Registers (complaints, commendations,
-- investigations, appeals) are few and read whole.
months_left_out as (
  select (month || '-01')::date as first_day
  from intermediate.int_months
  where is_frozen and month_end < (select first_day from first_open_day)
    and month not in (select month from months_read_again)
),

versions as (
  select
    *,
    -- a case still open has no settled_on: it is read
    coalesce(
      source in ('queue', 'queue-events', 'evaluations', 'patrol', 'cases')
        and settled_on < (select first_day from first_open_day)
        and date_trunc('month', event_date) in (select first_day from months_left_out),
      false
    ) as is_settled
  from chosen_versions
),

-- what a record that is read names is read too: the ticket an evaluation follows (rules.md §13),
-- and a case that names a ticket read (CASE_NOT_ENTERED looks for it)
tickets_read as (
  select record_key as ticket_no from versions where source = 'queue' and not is_settled
  union
  select stg_evaluations.ticket_no
  from staging.stg_evaluations
  semi join versions
    on versions.source = 'evaluations' and not versions.is_settled
    and versions.load_id = stg_evaluations.load_id and versions.line = stg_evaluations.line
  where stg_evaluations.ticket_no is not null
),

cases_naming_tickets_read as (
  select load_id, line from staging.stg_cases where ticket_no in (select ticket_no from tickets_read)
)

select source, record_key, load_id, line
from versions
where not is_settled or (source = 'queue' and record_key in (select ticket_no from tickets_read))
union all
select versions.source, versions.record_key, versions.load_id, versions.line
from versions
semi join cases_naming_tickets_read
  on cases_naming_tickets_read.load_id = versions.load_id and cases_naming_tickets_read.line = versions.line
where versions.source = 'cases' and versions.is_settled
