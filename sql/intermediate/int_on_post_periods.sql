/*
grain: one row per stretch of a session in which a staff member is expected at the window (hall hours minus approved leave)
unique: [staff_id, starts_at]
not_null: [staff_id, calendar_date, session, starts_at, ends_at]
*/
-- rules.md §3: away time counts only inside hall hours and not while approved leave covers it.
-- Decision: §3 is about leaving the post while on duty, so a session's stretch on post runs from
-- the in punch to the out punch (the session's bounds where a punch is missing). Time before a
-- late arrival or after an early departure is already scored by §2 (迟到, 早退), and a session with
-- no punch at all is 旷工 (§2): neither is also 擅自离岗. Days without attendance data are not
-- scored by rules that read attendance (§1).
with on_duty_sessions as (
  select
    staff_id,
    calendar_date,
    session,
    greatest(starts_at, coalesce(in_at, starts_at)) as starts_at,
    least(ends_at, coalesce(out_at, ends_at)) as ends_at
  from intermediate.int_attendance_sessions
  where not is_absent and not is_exempt
),

leave_in_sessions as (
  select
    sessions.staff_id,
    sessions.calendar_date,
    sessions.session,
    greatest(leave.starts_at, sessions.starts_at) as leave_starts_at,
    least(leave.ends_at, sessions.ends_at) as leave_ends_at
  from on_duty_sessions as sessions
  inner join intermediate.int_leave_periods as leave
    on leave.staff_id = sessions.staff_id
    and leave.starts_at < sessions.ends_at
    and leave.ends_at > sessions.starts_at
),

stretch_starts as (
  select staff_id, calendar_date, session, starts_at as stretch_start from on_duty_sessions
  union
  select staff_id, calendar_date, session, leave_ends_at from leave_in_sessions
),

stretches as (
  select
    stretch_starts.staff_id,
    stretch_starts.calendar_date,
    stretch_starts.session,
    stretch_starts.stretch_start as starts_at,
    least(
      sessions.ends_at,
      coalesce(
        (
          select min(leave_in_sessions.leave_starts_at)
          from leave_in_sessions
          where leave_in_sessions.staff_id = stretch_starts.staff_id
            and leave_in_sessions.calendar_date = stretch_starts.calendar_date
            and leave_in_sessions.session = stretch_starts.session
            and leave_in_sessions.leave_starts_at >= stretch_starts.stretch_start
        ),
        sessions.ends_at
      )
    ) as ends_at
  from stretch_starts
  inner join on_duty_sessions as sessions using (staff_id, calendar_date, session)
)

select *
from stretches
where ends_at > starts_at
  -- a stretch that begins where leave begins has no time on post
  and not exists (
    select 1
    from leave_in_sessions
    where leave_in_sessions.staff_id = stretches.staff_id
      and leave_in_sessions.leave_starts_at <= stretches.starts_at
      and leave_in_sessions.leave_ends_at > stretches.starts_at
  )
