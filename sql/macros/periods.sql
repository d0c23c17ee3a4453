-- A day within a roster period whose end may be open (null). Written as two plain comparisons,
-- never `end_date is null or …`: a join on account or 工号 then stays a hash join, also as a left join.
create or replace macro within_period(day, start_date, end_date) as
  day >= start_date and day <= coalesce(end_date, date '9999-12-31');
