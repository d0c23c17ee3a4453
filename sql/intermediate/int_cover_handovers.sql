/*
grain: one row per approved leave that names a cover (顶岗人) and starts after its session's expected start, on a working day with attendance data
unique: [leave_id]
not_null: [leave_id, staff_id, cover_staff_id, calendar_date, session, window_no, departure_at, departure_basis, departure_ref, outcome, is_gap_away, evidence]
accepted_values:
  session: [AM, PM]
  departure_basis: [叫号系统, 请假开始]
  arrival_basis: [叫号系统, 考勤]
  outcome: [按时到岗, 到岗迟延, 未到岗]
*/
-- rules.md §3 (rev 2) cover, `[003]` 考勤 "顶岗人员未到之前不得擅离工作岗位,否则视为旷工": when
-- approved leave that begins mid-session names a cover, the leave-taker may leave only once the
-- cover is at the window (the leave-taker's own window, the post the cover stands in for, §12).
--   departure: the leave-taker's 退出 or 暂停 at that window that begins the absence under way at
--     the leave's start, or the first one after it (before the leave and the session end); the
--     leave's start when the queue shows none in that session;
--   arrival: the first moment from the departure on, before the session ends, at which the cover is
--     logged in at that window (int_queue_logins); when the queue shows no login of the cover at
--     that window in that session at all, the cover's first punch of the session (a cover already
--     in the hall arrives at the departure). No arrival in the session: the cover never came.
-- A gap longer than the 暂时离岗 allowance is an away interval of the leave-taker
-- (int_away_intervals); a cover who never came makes the session 旷工 (int_attendance_sessions).
with handovers as (
  select
    leave.leave_id,
    leave.staff_id,
    leave.cover_staff_id,
    leave.starts_at as leave_starts_at,
    leave.ends_at as leave_ends_at,
    leave.source_ref as leave_ref,
    sessions.calendar_date,
    sessions.session,
    sessions.window_no,
    sessions.starts_at as session_starts_at,
    sessions.ends_at as session_ends_at
  from intermediate.int_leave as leave
  -- the leave begins a period of approved leave: no earlier leave runs into it, so it starts after
  -- the session's expected start as leave leaves it (§2)
  inner join intermediate.int_leave_periods as periods
    on periods.staff_id = leave.staff_id
    and periods.starts_at = leave.starts_at
  inner join intermediate.int_staff_sessions as sessions
    on sessions.staff_id = leave.staff_id
    and leave.starts_at > sessions.starts_at
    and leave.starts_at < sessions.ends_at
  where leave.is_approved
    and leave.cover_staff_id is not null
    and sessions.data_state = '有数据'
),

departures as (
  select
    handovers.leave_id,
    min(pairs.read_at) as departure_at,
    arg_min(pairs.source_ref, pairs.read_at) as departure_ref
  from handovers
  inner join intermediate.int_queue_event_pairs as pairs
    on pairs.staff_id = handovers.staff_id
    and pairs.event_date = handovers.calendar_date
    and pairs.window_no = handovers.window_no
    and pairs.opens_absence
    and pairs.read_at >= handovers.session_starts_at
    and pairs.read_at < least(handovers.leave_ends_at, handovers.session_ends_at)
    and coalesce(pairs.returned_at, handovers.calendar_date + interval 1 day) > handovers.leave_starts_at
  group by handovers.leave_id
),

departed as (
  select
    handovers.*,
    coalesce(departures.departure_at, handovers.leave_starts_at) as departure_at,
    case when departures.departure_at is null then '请假开始' else '叫号系统' end as departure_basis,
    coalesce(departures.departure_ref, handovers.leave_ref) as departure_ref
  from handovers
  left join departures using (leave_id)
),

cover_logins as (
  select
    departed.leave_id,
    count(*) as logins,
    min(greatest(logins.login_at, departed.departure_at)) filter (where logins.logout_at > departed.departure_at)
      as arrival_at,
    arg_min(logins.login_ref, logins.login_at) filter (where logins.logout_at > departed.departure_at) as arrival_ref
  from departed
  inner join intermediate.int_queue_logins as logins
    on logins.staff_id = departed.cover_staff_id
    and logins.window_no = departed.window_no
    and logins.login_at < departed.session_ends_at
    and logins.logout_at > departed.session_starts_at
  group by departed.leave_id
),

cover_punches as (
  select
    departed.leave_id,
    min(punches.punched_at) as punched_at,
    arg_min(punches.source_ref, punches.punched_at) as punch_ref
  from departed
  inner join intermediate.int_punches as punches
    on punches.staff_id = departed.cover_staff_id
    and punches.calendar_date = departed.calendar_date
    and punches.session = departed.session
    and punches.punched_at < departed.session_ends_at
  group by departed.leave_id
),

arrivals as (
  select
    departed.*,
    case
      when cover_logins.logins > 0 then cover_logins.arrival_at
      -- greatest() skips nulls: no punch must stay no arrival
      when cover_punches.punched_at is not null then greatest(cover_punches.punched_at, departed.departure_at)
    end as arrival_at,
    case
      when cover_logins.logins > 0 then case when cover_logins.arrival_at is not null then '叫号系统' end
      when cover_punches.punched_at is not null then '考勤'
    end as arrival_basis,
    case when cover_logins.logins > 0 then cover_logins.arrival_ref else cover_punches.punch_ref end as arrival_ref
  from departed
  left join cover_logins using (leave_id)
  left join cover_punches using (leave_id)
)

select
  leave_id,
  staff_id,
  cover_staff_id,
  calendar_date,
  session,
  window_no,
  leave_starts_at,
  leave_ends_at,
  departure_at,
  departure_basis,
  departure_ref,
  arrival_at,
  arrival_basis,
  arrival_ref,
  epoch(arrival_at - departure_at) / 60 as gap_minutes,
  case
    when arrival_at is null then '未到岗'
    when arrival_at - departure_at > to_minutes(getvariable('away_temporary_leave_minutes')::bigint) then '到岗迟延'
    else '按时到岗'
  end as outcome,
  coalesce(arrival_at - departure_at > to_minutes(getvariable('away_temporary_leave_minutes')::bigint), false)
    as is_gap_away,
  concat_ws('；', leave_ref, nullif(departure_ref, leave_ref), arrival_ref) as evidence
from arrivals
