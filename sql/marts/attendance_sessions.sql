/*
grain: one row per staff member, scheduled working day with attendance data, and session (AM, PM)
comment: 考勤半天记录：上下班打卡、应到应退时间（已按请假调整）与结论
unique: [staff_id, work_date, session]
not_null: [month, work_date, staff_id, session, expected_start, expected_end, outcome, is_anomaly]
accepted_values:
  session: [AM, PM]
  outcome: [正常, 请假, 旷工, 迟到, 早退, 迟到早退, 缺卡, 缺卡迟到, 缺卡早退]
range:
  missing_punches: [0, 2]
columns:
  month: 月份
  work_date: 工作日
  staff_id: 工号
  staff_name: 姓名
  department: 部门
  session: 时段：AM 上午 / PM 下午
  in_at: 上班打卡时间（该时段中点前最早一次）
  out_at: 下班打卡时间（该时段中点及以后最晚一次）
  expected_start: 应到时间（请假覆盖上班时刻时顺延至请假结束）
  expected_end: 应退时间（请假覆盖下班时刻时提前至请假开始）
  leave_id: 相关的已批准请假/公出编号
  is_late: 是否迟到（上班打卡晚于应到时间加宽限）
  is_early: 是否早退
  missing_punches: 缺少的必需打卡次数
  is_absent: 是否旷工（半天）
  is_exempt: 是否因请假整段免考勤
  outcome: 结论：正常/请假/旷工/迟到/早退/迟到早退/缺卡/缺卡迟到/缺卡早退
  is_anomaly: 是否考勤异常（迟到、早退、缺卡、旷工；正常与请假不是异常）
*/
-- rules.md §2: the judged sessions of days with attendance data (missing-data days are listed in
-- attendance_missing_days instead and never scored).
select
  sessions.month,
  sessions.calendar_date as work_date,
  sessions.staff_id,
  int_staff.staff_name,
  sessions.department,
  sessions.session,
  sessions.in_at,
  sessions.out_at,
  sessions.expected_start,
  sessions.expected_end,
  array_to_string(sessions.leave_ids, '、') as leave_id,
  sessions.is_late,
  sessions.is_early,
  sessions.missing_punches,
  sessions.is_absent,
  sessions.is_exempt,
  sessions.outcome,
  sessions.outcome not in ('正常', '请假') as is_anomaly
from intermediate.int_attendance_sessions as sessions
inner join intermediate.int_staff using (staff_id)
