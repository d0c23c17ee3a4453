/*
grain: one row per account of a staff member (考勤号码, 叫号账号, 审批账号) with the roster dates it is valid
unique: [account_kind, account, staff_id]
not_null: [account_kind, account, staff_id, start_date]
accepted_values:
  account_kind: [attendance, queue, platform]
*/
-- rules.md §13 and data-contract §1: machine accounts resolve to 工号 through the roster, honouring
-- its start and end dates, so a number handed from a leaver to a newcomer points at the right person
-- on each day. Consumers join on account and date and, where two rows still claim one account on one
-- day, keep the later starter.
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
