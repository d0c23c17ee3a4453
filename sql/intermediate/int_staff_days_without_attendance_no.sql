/*
grain: one row per staff member and working day with attendance data (open months, within the person's roster dates) on which the person holds no attendance number
unique: [staff_id, calendar_date]
not_null: [staff_id, calendar_date, month]
*/
-- A person without an attendance number has missing attendance data, not absences. rules.md §1
-- says of a day whose export is missing: "It is reported as missing data and nobody is scored for
-- it, by any rule that reads attendance (AB posts included)". We read a person-day without a
-- 考勤号码 the same way, whether the roster gives the person none or gives the number to another
-- roster row that holds it that day (int_account_disputes), since then the punches cannot be told
-- apart. On these days:
-- - no rule that reads attendance scores the person: no session is judged (int_attendance_sessions),
--   so no ATT_*, no ABSENT_HALF, and no AWAY_* from the queue system, which counts only time on post
--   between a session's punches;
-- - the person is not absent from an AB post: a post that no other holder is seen at is not judged
--   (int_post_sessions);
-- - §11 duty: like a day whose export is missing, the day is not held against the person: it is
--   left out of the working days with attendance data whose half the person must be on duty
--   (marts.staff_month). A person without a number all month needs no duty days.
-- The roster problem itself is a data-quality finding (marts.roster_findings).
with data_days as (
  select distinct int_staff_sessions.staff_id, int_staff_sessions.calendar_date, int_staff_sessions.month
  from intermediate.int_staff_sessions
  where int_staff_sessions.data_state = '有数据'
)

select
  data_days.staff_id,
  data_days.calendar_date,
  data_days.month,
  int_staff.attendance_no,
  -- the other roster row holding the person's number that day; null when the roster gives none
  disputes.holder_staff_id
from data_days
inner join intermediate.int_staff on int_staff.staff_id = data_days.staff_id
anti join intermediate.int_staff_accounts as accounts
  on accounts.account_kind = 'attendance'
  and accounts.staff_id = data_days.staff_id
  and within_period(data_days.calendar_date, accounts.start_date, accounts.end_date)
left join intermediate.int_account_disputes as disputes
  on disputes.account_kind = 'attendance'
  and disputes.staff_id = data_days.staff_id
  and within_period(data_days.calendar_date, disputes.start_date, disputes.end_date)
