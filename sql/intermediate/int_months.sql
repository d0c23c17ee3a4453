/*
grain: one row per month that has attendance on at least one of its working days
unique: [month]
not_null: [month, month_start, month_end, working_days, appeal_window_end, is_final, status, is_frozen, is_open]
accepted_values:
  status: [公示, 确认]
*/
-- rules.md §1: a month is scored once the inbox holds attendance for one of its working days.
-- rules.md §14: results are 公示 until the appeal window (5 working days after the month ends) has
-- passed, then 确认; a final month is frozen unless the operator reopens it.
with punch_days as (
  select distinct event_date as calendar_date
  from staging.stg_attendance
  where rejection is null and not is_after_as_of(event_date)
),

months_with_attendance as (
  select distinct int_calendar_days.month
  from punch_days
  inner join intermediate.int_calendar_days on int_calendar_days.calendar_date = punch_days.calendar_date
  where int_calendar_days.is_workday
),

month_days as (
  select
    month,
    min(calendar_date) as month_start,
    max(calendar_date) as month_end,
    count(*) filter (where is_workday) as working_days,
    max(workday_seq) as month_end_seq
  from intermediate.int_calendar_days
  where month in (select month from months_with_attendance)
  group by month
),

windows as (
  select
    month_days.*,
    (
      select min(calendar_date)
      from intermediate.int_calendar_days
      where is_workday and workday_seq = month_days.month_end_seq + getvariable('appeals_window_working_days')
    ) as appeal_window_end
  from month_days
),

final as (
  select
    windows.*,
    getvariable('as_of') > windows.appeal_window_end as is_final,
    case when getvariable('as_of') > windows.appeal_window_end then '确认' else '公示' end as status,
    frozen_months.month is not null and windows.month is distinct from getvariable('reopen_month') as is_frozen,
    frozen_months.through_load_id as frozen_through_load_id
  from windows
  left join history.frozen_months on frozen_months.month = windows.month
)

select * exclude (month_end_seq), not is_frozen as is_open from final
