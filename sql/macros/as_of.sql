-- A row of an event source dated after the run's as-of date cannot have happened yet (a device
-- clock set wrong, a typo): the intermediate layer leaves it out of this run and the quarantine
-- lists it (时间晚于基准日期). Staging never calls this: it is incremental and knows no as-of date,
-- so the row becomes usable on the first run whose as-of date reaches it.
create or replace macro is_after_as_of(event_date) as event_date > getvariable('as_of');
