/*
grain: one row per staff member and continuous period of approved leave (overlapping or touching leave merged)
unique: [staff_id, starts_at]
not_null: [staff_id, starts_at, ends_at, leave_ids]
*/
-- Leave 08:00–09:00 followed by leave 09:00–10:00 moves the expected start to 10:00: approved
-- leave is merged into continuous periods before it is compared with the hall's hours.
with approved as (
  select staff_id, leave_id, starts_at, ends_at
  from intermediate.int_leave
  where is_approved
),

flagged as (
  select
    *,
    -- a new period starts where this leave begins after everything before it has ended
    case
      when starts_at > max(ends_at) over (
        partition by staff_id order by starts_at, ends_at rows between unbounded preceding and 1 preceding
      ) then 1
      when row_number() over (partition by staff_id order by starts_at, ends_at) = 1 then 1
      else 0
    end as starts_period
  from approved
),

numbered as (
  select *, sum(starts_period) over (partition by staff_id order by starts_at, ends_at) as period_no
  from flagged
)

select
  staff_id,
  min(starts_at) as starts_at,
  max(ends_at) as ends_at,
  list(leave_id order by starts_at, leave_id) as leave_ids
from numbered
group by staff_id, period_no
