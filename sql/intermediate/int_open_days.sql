/*
grain: one row per calendar day of a month this run computes (open months)
unique: [calendar_date]
not_null: [calendar_date, month, is_workday, data_state]
accepted_values:
  data_state: [有数据, 缺数据, 尚无数据, 非工作日]
*/
-- rules.md §1 data coverage: a working day on which the whole hall has no punch at all is a day
-- whose attendance export is missing (缺数据), not a day everyone was absent; nobody is scored for
-- it by any rule that reads attendance. Working days after the latest punch of the inbox have
-- simply not been exported yet (尚无数据) and are not scored either.
with punch_days as (
  select distinct event_date as calendar_date
  from staging.stg_attendance
  where rejection is null and not is_after_as_of(event_date)
),

latest_punch as (
  select max(calendar_date) as calendar_date from punch_days
)

select
  int_calendar_days.*,
  case
    when not int_calendar_days.is_workday then '非工作日'
    when punch_days.calendar_date is not null then '有数据'
    when int_calendar_days.calendar_date < (select calendar_date from latest_punch) then '缺数据'
    else '尚无数据'
  end as data_state
from intermediate.int_calendar_days
inner join intermediate.int_months on int_months.month = int_calendar_days.month and int_months.is_open
left join punch_days on punch_days.calendar_date = int_calendar_days.calendar_date
