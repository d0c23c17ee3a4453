/*
grain: one row per staff member, working day with attendance data, and session (AM/PM) of an open month
unique: [staff_id, calendar_date, session]
not_null: [staff_id, calendar_date, month, session, expected_start, expected_end, is_exempt, is_present, outcome]
accepted_values:
  session: [AM, PM]
  outcome: [正常, 请假, 旷工, 迟到, 早退, 迟到早退, 缺卡, 缺卡迟到, 缺卡早退]
*/
-- rules.md §2, per staff, working day and session, after approved leave:
--   leave covering the expected start waives the in punch and moves the start to the leave's end;
--   leave covering the expected end waives the out punch and moves the end to the leave's start;
--   leave covering the whole session exempts it.
-- The in punch is the earliest punch before the (leave-adjusted) session's midpoint, the out punch
-- the latest at or after it. Late: in > expected start + grace (08:40:00 is on time, 08:40:01 late).
-- Early: out < expected end. A session with no punch at all is 旷工 (never also 缺卡); otherwise each
-- required punch that is missing is one 缺卡. Days whose attendance export is missing are not scored.
-- §3 (rev 2) cover: a session in which the leave-taker left for approved leave and the named cover
-- never came to the window (int_cover_handovers) is 旷工 too (视为旷工), and then only that.
-- The split point of §2 (rev 2) is the midpoint of [expected start, expected end]: 10:15 and 15:45
-- without leave; leave over the start or the end moves it with them.
with sessions as (
  select *
  from intermediate.int_staff_sessions
  -- nor a day on which the person holds no attendance number (missing data, not absence)
  anti join intermediate.int_staff_days_without_attendance_no using (staff_id, calendar_date)
  where data_state = '有数据'
),

leave_overlaps as (
  select
    sessions.staff_id,
    sessions.calendar_date,
    sessions.session,
    int_leave_periods.starts_at as leave_starts_at,
    int_leave_periods.ends_at as leave_ends_at,
    int_leave_periods.leave_ids,
    int_leave_periods.starts_at <= sessions.starts_at and int_leave_periods.ends_at > sessions.starts_at as covers_start,
    int_leave_periods.starts_at < sessions.ends_at and int_leave_periods.ends_at >= sessions.ends_at as covers_end
  from sessions
  inner join intermediate.int_leave_periods
    on int_leave_periods.staff_id = sessions.staff_id
    and int_leave_periods.starts_at < sessions.ends_at
    and int_leave_periods.ends_at > sessions.starts_at
),

leave_effects as (
  select
    staff_id,
    calendar_date,
    session,
    bool_or(covers_start and covers_end) as is_exempt,
    bool_or(covers_start) as in_waived,
    bool_or(covers_end) as out_waived,
    max(leave_ends_at) filter (where covers_start) as start_moved_to,
    min(leave_starts_at) filter (where covers_end) as end_moved_to,
    list_sort(flatten(list(leave_ids))) as leave_ids
  from leave_overlaps
  group by staff_id, calendar_date, session
),

expected as (
  select
    sessions.*,
    coalesce(leave_effects.is_exempt, false) as is_exempt,
    coalesce(leave_effects.in_waived, false) as in_waived,
    coalesce(leave_effects.out_waived, false) as out_waived,
    coalesce(leave_effects.start_moved_to, sessions.starts_at) as expected_start,
    coalesce(leave_effects.end_moved_to, sessions.ends_at) as expected_end,
    leave_effects.leave_ids
  from sessions
  left join leave_effects using (staff_id, calendar_date, session)
),

punched as (
  select
    expected.staff_id,
    expected.calendar_date,
    expected.session,
    count(int_punches.punched_at) as punches,
    min(int_punches.punched_at) filter (
      where int_punches.punched_at < expected.expected_start + (expected.expected_end - expected.expected_start) / 2
    ) as in_at,
    max(int_punches.punched_at) filter (
      where int_punches.punched_at >= expected.expected_start + (expected.expected_end - expected.expected_start) / 2
    ) as out_at,
    arg_min(int_punches.source_ref, int_punches.punched_at) filter (
      where int_punches.punched_at < expected.expected_start + (expected.expected_end - expected.expected_start) / 2
    ) as in_ref,
    arg_max(int_punches.source_ref, int_punches.punched_at) filter (
      where int_punches.punched_at >= expected.expected_start + (expected.expected_end - expected.expected_start) / 2
    ) as out_ref
  from expected
  inner join intermediate.int_punches
    on int_punches.staff_id = expected.staff_id
    and int_punches.calendar_date = expected.calendar_date
    and int_punches.session = expected.session
  group by expected.staff_id, expected.calendar_date, expected.session
),

uncovered as (
  select staff_id, calendar_date, session, min(leave_id) as uncovered_leave_id
  from intermediate.int_cover_handovers
  where outcome = '未到岗'
  group by staff_id, calendar_date, session
),

judged as (
  select
    expected.*,
    coalesce(punched.punches, 0) as punches,
    punched.in_at,
    punched.out_at,
    punched.in_ref,
    punched.out_ref,
    uncovered.uncovered_leave_id,
    not expected.is_exempt and (coalesce(punched.punches, 0) = 0 or uncovered.uncovered_leave_id is not null)
      as is_absent
  from expected
  left join punched using (staff_id, calendar_date, session)
  left join uncovered using (staff_id, calendar_date, session)
),

scored as (
  select
    *,
    case
      when is_exempt or is_absent then 0
      else (not in_waived and in_at is null)::integer + (not out_waived and out_at is null)::integer
    end as missing_punches,
    not is_exempt and not is_absent
      and in_at > expected_start + to_minutes(getvariable('attendance_grace_minutes')::bigint) as is_late,
    not is_exempt and not is_absent and out_at < expected_end as is_early
  from judged
)

select
  staff_id,
  department,
  window_no,
  calendar_date,
  month,
  session,
  starts_at,
  ends_at,
  expected_start,
  expected_end,
  in_waived,
  out_waived,
  leave_ids,
  in_at,
  out_at,
  in_ref,
  out_ref,
  punches,
  uncovered_leave_id,
  is_exempt,
  is_absent,
  missing_punches,
  coalesce(is_late, false) as is_late,
  coalesce(is_early, false) as is_early,
  -- rules.md §12: present = at least one punch in the session and no leave covering all of it (a
  -- session that is 旷工 because the cover never came is not presence either)
  punches > 0 and not is_exempt and not is_absent as is_present,
  case
    when is_exempt then '请假'
    when is_absent then '旷工'
    when missing_punches > 0 and coalesce(is_late, false) then '缺卡迟到'
    when missing_punches > 0 and coalesce(is_early, false) then '缺卡早退'
    when missing_punches > 0 then '缺卡'
    when coalesce(is_late, false) and coalesce(is_early, false) then '迟到早退'
    when coalesce(is_late, false) then '迟到'
    when coalesce(is_early, false) then '早退'
    else '正常'
  end as outcome
from scored
