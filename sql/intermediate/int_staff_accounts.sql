/*
grain: one row per account (考勤号码, 叫号账号, 审批账号) and period in which one staff member holds it
unique: [account_kind, account, start_date]
not_null: [account_kind, account, staff_id, start_date, claimant_staff_ids]
accepted_values:
  account_kind: [attendance, queue, platform]
*/
-- rules.md §13 and data-contract §1: machine accounts resolve to 工号 through the roster, honouring
-- its start and end dates, so a number handed from a leaver to a newcomer points at the right person
-- on each day; where two roster rows claim one account on one day, the later starter holds it (and
-- claimant_staff_ids names them all: a roster conflict, int_account_disputes). The periods never
-- overlap, so a consumer's join on account and date finds at most one holder and needs no ranking
-- over millions of records.
with claims as (
  select 'attendance' as account_kind, attendance_no as account, staff_id, start_date, end_date
  from intermediate.int_staff
  where attendance_no is not null
  union all
  select 'queue', queue_login, staff_id, start_date, end_date
  from intermediate.int_staff
  where queue_login is not null
  union all
  select 'platform', platform_account, staff_id, start_date, end_date
  from intermediate.int_staff
  where platform_account is not null
),

-- the holder can change only where a claim starts or the day after one ends
boundaries as (
  select account_kind, account, start_date as boundary from claims
  union
  select account_kind, account, end_date + 1 from claims where end_date is not null
),

segments as (
  select
    account_kind,
    account,
    boundary as start_date,
    lead(boundary) over (partition by account_kind, account order by boundary) - 1 as end_date
  from boundaries
)

select
  segments.account_kind,
  segments.account,
  claims.staff_id,
  segments.start_date,
  segments.end_date,
  list_sort(list(claims.staff_id) over (partition by segments.account_kind, segments.account, segments.start_date))
    as claimant_staff_ids
from segments
inner join claims
  on claims.account_kind = segments.account_kind
  and claims.account = segments.account
  and within_period(segments.start_date, claims.start_date, claims.end_date)
qualify row_number() over (
  partition by segments.account_kind, segments.account, segments.start_date order by claims.start_date desc, claims.staff_id
) = 1
