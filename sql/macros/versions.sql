-- A staged row's version as one number: a later load, then a later line, is a later version.
-- `arg_max(…, row_version(…))` per key finds the latest version of every record by an aggregate
-- (staging.stg_latest_versions); ranking whole rows (`row_number() over (partition by key …)`) sorts
-- all their columns, which at a province's 14 M tickets took twice as long.
create or replace macro row_version(load_id, line) as load_id::bigint * 4294967296 + line;
