-- A staged row's version as one number: a later load, then a later line, is a later version.
-- `arg_max(…, row_version(…))` per key finds the latest version of every record by an aggregate
-- (staging.stg_latest_versions); ranking whole rows (`row_number() over (partition by key …)`) sorts
-- all their columns, which at a province's 14 M tickets took twice as long.
create or replace macro row_version(load_id, line) as load_id::bigint * 4294967296 + line;
-- Keys of the sources whose record has no identifier of its own (data-contract §1): a window event is
-- its window, time and event; a register entry without 案件编号 is its person, clause and date.
create or replace macro queue_event_key(window_no, event_at, window_event) as
  window_no || '|' || event_at::varchar || '|' || window_event;
create or replace macro investigation_key(register_case_id, trigger, staff_id, occurred_on) as
  coalesce(register_case_id, 'INV:' || trigger || ':' || staff_id || ':' || strftime(occurred_on, '%Y-%m-%d'));
