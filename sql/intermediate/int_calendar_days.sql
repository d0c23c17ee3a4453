/*
grain: one row per calendar date, from before the first dated row of the inbox to well after the last
unique: [calendar_date]
not_null: [calendar_date, month, is_workday, calendar_basis, workday_seq, am_start_at, am_end_at, pm_start_at, pm_end_at]
accepted_values:
  calendar_basis: [工作日调整登记, 官方日历, 周一至周五]
*/
-- rules.md §1: a working day is what China's official calendar says (make-up days included,
-- holidays excluded); the hall's override register wins; a year the official calendar does not
-- cover yet falls back to Monday–Friday plus the overrides. Hall hours come from the configuration
-- with effective-from dates.
with dated_rows as (
  select event_date from staging.stg_attendance where rejection is null
  union all select event_date from staging.stg_queue where rejection is null
  union all select event_date from staging.stg_cases where rejection is null
  union all select event_date from staging.stg_leave where rejection is null
  union all select event_date from staging.stg_patrol where rejection is null
  union all select event_date from staging.stg_complaints where rejection is null
  union all select getvariable('as_of')
),

bounds as (
  select min(event_date) - interval 60 day as first_date, max(event_date) + interval 400 day as last_date from dated_rows
),

dates as (
  select unnest(generate_series(first_date, last_date, interval 1 day))::date as calendar_date from bounds
),

overrides as (
  select calendar_date, is_workday, note
  from staging.stg_calendar
  where rejection is null
  qualify row_number() over (partition by calendar_date order by load_id desc, line desc) = 1
),

covered_years as (
  select calendar_year from seeds.official_calendar_years
),

days as (
  select
    dates.calendar_date,
    strftime(dates.calendar_date, '%Y-%m') as month,
    coalesce(overrides.is_workday, official_calendar.is_workday, isodow(dates.calendar_date) <= 5) as is_workday,
    case
      when overrides.is_workday is not null then '工作日调整登记'
      when year(dates.calendar_date) in (select calendar_year from covered_years) then '官方日历'
      else '周一至周五'
    end as calendar_basis,
    coalesce(overrides.note, official_calendar.holiday_name) as day_note,
    official_calendar.is_workday and isodow(dates.calendar_date) > 5 as is_makeup_workday
  from dates
  left join overrides on overrides.calendar_date = dates.calendar_date
  left join seeds.official_calendar on official_calendar.calendar_date = dates.calendar_date
),

hours as (
  select
    days.calendar_date,
    hours.am_start,
    hours.am_end,
    hours.pm_start,
    hours.pm_end
  from days
  asof join params.hours as hours on days.calendar_date >= hours.effective_from
),

session_times as (
  select
    days.*,
    coalesce(days.is_makeup_workday, false) as is_makeup,
    -- the working days up to and including this date: the N-th working day after d has seq(d) + N
    sum(days.is_workday::integer) over (order by days.calendar_date) as workday_seq,
    days.calendar_date + hours.am_start as am_start_at,
    days.calendar_date + hours.am_end as am_end_at,
    days.calendar_date + hours.pm_start as pm_start_at,
    days.calendar_date + hours.pm_end as pm_end_at
  from days
  inner join hours on hours.calendar_date = days.calendar_date
),

final as (
  select
    * exclude (is_makeup_workday),
    -- rules.md §2: a punch before the lunch break's midpoint is AM; a session's midpoint splits in from out
    am_start_at + (am_end_at - am_start_at) / 2 as am_midpoint_at,
    pm_start_at + (pm_end_at - pm_start_at) / 2 as pm_midpoint_at,
    am_end_at + (pm_start_at - am_end_at) / 2 as lunch_midpoint_at,
    (epoch(am_end_at - am_start_at) + epoch(pm_end_at - pm_start_at)) / 60 as scheduled_minutes
  from session_times
)

select * from final
