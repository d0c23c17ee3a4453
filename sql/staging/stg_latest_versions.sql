/*
grain: one row per record of a hall (its source, hall and key) with its latest valid version, the row every rule and the row accounting take for it
comment: 每条记录（来源、大厅、键）目前的最新有效版本
materialized: upsert
partitioned_by: hall_code
unique: [source, hall_code, record_key]
not_null: [source, hall_code, record_key, load_id, line]
*/
-- data-contract §1: every source is keyed, and a later-loaded row with the same key replaces the
-- earlier one (an identical row too: it changes nothing). "Later" is a later load, then a later line
-- (row_version). Only a valid row replaces: a row quarantined for its own values (a rejection)
-- replaces nothing. Kept as rows arrive: a night's loads come after every load staged before, so
-- the latest of each key among them replaces the stored one (an upsert by the key), and no run
-- groups every row ever staged again. A valid row always has its key (each is a required cell).
-- The keys, by source:
--   roster 工号 · calendar 日期 · attendance 考勤号码 + 日期时间 · leave 编号 · queue 流水号 ·
--   queue-events 窗口号 + 时间 + 事件 · evaluations 评价编号 · cases 办件编号 · patrol 巡查编号 ·
--   complaints 投诉编号 · commendations 编号 · investigations 案件编号, or 工号 + 触发条款 + 发生日期 ·
--   appeals 申诉编号 · halls 大厅编码
-- The date is the row's event date: a rule that reads a key's version dated up to the as-of date
-- looks further only for the keys whose latest version is dated after it. `settled_on` is the last
-- day the version can change a result: its event date, except for a case (null while it is not
-- completed): a frozen month's versions settled before the open months are not read again
-- (intermediate.int_latest_lines). Kept per hall (partitioned_by): each hall's run reads its own rows.
with batch_rows as (
  select 'roster' as source, hall_code, load_id, line, rejection, event_date, event_date as settled_on,
    staff_id as record_key
  from staging.stg_roster
  union all select 'calendar', hall_code, load_id, line, rejection, event_date, event_date, calendar_date::varchar
    from staging.stg_calendar
  union all select 'attendance', hall_code, load_id, line, rejection, event_date, event_date,
      attendance_no || '|' || punched_at::varchar
    from staging.stg_attendance
  union all select 'leave', hall_code, load_id, line, rejection, event_date, event_date, leave_id
    from staging.stg_leave
  union all select 'queue', hall_code, load_id, line, rejection, event_date, event_date, ticket_no
    from staging.stg_queue
  union all select 'queue-events', hall_code, load_id, line, rejection, event_date, event_date,
      queue_event_key(window_no, event_at, window_event)
    from staging.stg_queue_events
  union all select 'evaluations', hall_code, load_id, line, rejection, event_date, event_date, evaluation_id
    from staging.stg_evaluations
  -- a case changes results until it is completed (overdue, early completion: rules.md §5)
  union all select 'cases', hall_code, load_id, line, rejection, event_date,
      case when completed_at is not null then greatest(accepted_at, entered_at, completed_at)::date end, case_id
    from staging.stg_cases
  union all select 'patrol', hall_code, load_id, line, rejection, event_date, event_date, patrol_id
    from staging.stg_patrol
  union all select 'complaints', hall_code, load_id, line, rejection, event_date, event_date, complaint_id
    from staging.stg_complaints
  union all select 'commendations', hall_code, load_id, line, rejection, event_date, event_date, commendation_id
    from staging.stg_commendations
  union all select 'investigations', hall_code, load_id, line, rejection, event_date, event_date,
      investigation_key(register_case_id, trigger, staff_id, occurred_on)
    from staging.stg_investigations
  union all select 'appeals', hall_code, load_id, line, rejection, event_date, event_date, appeal_id
    from staging.stg_appeals
  union all select 'halls', hall_code, load_id, line, rejection, event_date, event_date, hall_code
    from staging.stg_halls
),

-- the rows of the loads being staged (all of them when staging is rebuilt)
valid_batch_rows as (
  select *
  from batch_rows
  semi join raw.batch_loads on batch_loads.load_id = batch_rows.load_id
  where rejection is null
),

latest_in_batch as (
  select
    source,
    hall_code,
    record_key,
    arg_max(
      {'load_id': load_id, 'line': line, 'event_date': event_date, 'settled_on': settled_on},
      row_version(load_id, line)
    ) as version
  from valid_batch_rows
  group by source, hall_code, record_key
)

select source, hall_code, record_key, version.load_id, version.line, version.event_date, version.settled_on
from latest_in_batch
