/*
grain: one row per year that the official calendar does not cover and a computed month falls in
unique: [calendar_year]
not_null: [calendar_year, scored_workdays]
*/
-- rules.md §1: every run that scores such a day says so until the calendar is updated.
select
  year(int_calendar_days.calendar_date) as calendar_year,
  count(*) filter (where int_calendar_days.is_workday) as scored_workdays
from intermediate.int_calendar_days
inner join intermediate.int_months on int_months.month = int_calendar_days.month and int_months.is_open
where year(int_calendar_days.calendar_date) not in (select calendar_year from seeds.official_calendar_years)
group by all
