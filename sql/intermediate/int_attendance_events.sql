/*
grain: one row per attendance score event (迟到, 早退, 未签到, 旷工半天) of a staff member, day and session
unique: [event_id]
not_null: [event_id, staff_id, rule_code, points, event_date, session, source, source_ref, detail]
accepted_values:
  rule_code: [ATT_LATE, ATT_EARLY, ATT_MISS, ABSENT_HALF]
*/
-- rules.md §2. ATT_MISS is −2 per missing punch; a session with no punch at all is 旷工 instead.
with day_files as (
  -- evidence for a punch that is not there: the exports of that day that were read
  select calendar_date, string_agg(distinct split_part(source_ref, ':', 1), '、' order by split_part(source_ref, ':', 1)) as files
  from intermediate.int_punches
  group by calendar_date
),

session_names as (
  select 'AM' as session, '上午' as session_name
  union all select 'PM', '下午'
),

findings as (
  select s.*, 'ATT_LATE' as rule_code, 1 as times, s.in_ref as evidence,
    '签到 ' || strftime(s.in_at, '%H:%M:%S') || '，应到 ' || strftime(s.expected_start, '%H:%M')
      || '（宽限 ' || getvariable('attendance_grace_minutes') || ' 分钟）' as finding
  from intermediate.int_attendance_sessions as s
  where s.is_late
  union all
  select s.*, 'ATT_EARLY', 1, s.out_ref,
    '签退 ' || strftime(s.out_at, '%H:%M:%S') || '，应退 ' || strftime(s.expected_end, '%H:%M')
  from intermediate.int_attendance_sessions as s
  where s.is_early
  union all
  select s.*, 'ATT_MISS', s.missing_punches, coalesce(s.in_ref, s.out_ref),
    case when s.in_at is null then '无签到记录' else '无签退记录' end
      || case when s.missing_punches = 2 then '（签到、签退均缺）' else '' end
  from intermediate.int_attendance_sessions as s
  where s.missing_punches > 0
  union all
  select s.*, 'ABSENT_HALF', 1, handovers.evidence,
    case
      when handovers.leave_id is null then '本时段无任何打卡记录'
      else '顶岗人 ' || handovers.cover_staff_id || ' 本时段未到岗（' || strftime(handovers.departure_at, '%H:%M')
        || ' 离开窗口），视为旷工'
    end
  from intermediate.int_attendance_sessions as s
  -- rules.md §3 (rev 2): a cover who never came makes the session 旷工 although it has punches
  left join intermediate.int_cover_handovers as handovers on handovers.leave_id = s.uncovered_leave_id
  where s.is_absent
)

select
  findings.rule_code || ':' || findings.staff_id || ':' || strftime(findings.calendar_date, '%Y-%m-%d') || ':' || findings.session
    as event_id,
  findings.staff_id,
  findings.rule_code,
  rule_points.points * findings.times as points,
  findings.calendar_date as event_date,
  findings.session,
  '考勤' as source,
  coalesce(findings.evidence, day_files.files || '（当日考勤记录中无本人' || session_names.session_name || '打卡）', '考勤记录')
    as source_ref,
  session_names.session_name || '：' || findings.finding
    || case when findings.leave_ids is not null then '；请假 ' || array_to_string(findings.leave_ids, '、') else '' end
    as detail,
  event_triggers.trigger as trigger_code
from findings
inner join params.rule_points on rule_points.rule_code = findings.rule_code
inner join session_names on session_names.session = findings.session
left join day_files on day_files.calendar_date = findings.calendar_date
left join seeds.event_triggers on event_triggers.rule_code = findings.rule_code
