-- The rows of a month-grained marts model for every month with results: the months this run
-- computed (`current`, the model itself) and the frozen months kept in `history` (`frozen`), as the
-- published warehouse shows them (publish/warehouse.ts). A reopened month is computed again, so its
-- frozen copy is left out. Both arguments are relation names: `all_months('marts.staff_month',
-- 'history.staff_month')`; prepareHistory (transform/history.ts) creates an empty `frozen` table
-- until the first month freezes.
create or replace macro all_months(current, frozen) as table
  select * from query_table(current)
  union all by name
  select * from query_table(frozen)
  where month not in (select month from intermediate.int_months where is_open);
