/*
grain: one row per staff member, account and stretch of days on which the roster gives the person's account to another roster row as well, and the other holds it
unique: [account_kind, account, staff_id, start_date]
not_null: [account_kind, account, staff_id, holder_staff_id, start_date]
accepted_values:
  account_kind: [attendance, queue, platform]
*/
-- Two roster rows claiming one account (考勤号码, 叫号账号, 审批账号) on the same days is a roster
-- error, typically a number handed to a newcomer while the old holder has no 离岗日期. The records
-- of those days cannot be told apart: int_staff_accounts gives them to one holder (the later
-- starter), and this lists what each other claimant loses and to whom (marts.roster_findings).
-- Losing the attendance number leaves a person without attendance data on those days
-- (int_staff_days_without_attendance_no). end_date null: open-ended.
with lost_segments as (
  select
    account_kind,
    account,
    unnest(claimant_staff_ids) as staff_id,
    staff_id as holder_staff_id,
    start_date,
    end_date
  from intermediate.int_staff_accounts
  where len(claimant_staff_ids) > 1
),

-- consecutive segments with the same claimant and holder are one stretch
stretch_starts as (
  select
    *,
    coalesce(
      lag(end_date) over (partition by account_kind, account, staff_id, holder_staff_id order by start_date) + 1
        <> start_date,
      true
    ) as starts_stretch
  from lost_segments
  where staff_id <> holder_staff_id
),

stretches as (
  select
    *,
    sum(starts_stretch::integer) over (
      partition by account_kind, account, staff_id, holder_staff_id order by start_date
    ) as stretch_no
  from stretch_starts
)

select
  account_kind,
  account,
  staff_id,
  holder_staff_id,
  min(start_date) as start_date,
  case when bool_or(end_date is null) then null else max(end_date) end as end_date
from stretches
group by account_kind, account, staff_id, holder_staff_id, stretch_no
