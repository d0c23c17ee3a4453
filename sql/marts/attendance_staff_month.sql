/*
grain: one row per staff member and month with at least one judged attendance session
comment: 人员月度考勤汇总：迟到、早退、缺卡、旷工、请假与异常合计
unique: [month, staff_id]
not_null: [month, staff_id, sessions, late, early, missing_punches, absent, leave, anomalies]
range:
  sessions: [0, null]
  late: [0, null]
  early: [0, null]
  missing_punches: [0, null]
  absent: [0, null]
  leave: [0, null]
  anomalies: [0, null]
columns:
  month: 月份
  staff_id: 工号
  staff_name: 姓名
  department: 部门
  sessions: 考勤的半天数（有考勤数据的工作日）
  late: 迟到的半天数
  early: 早退的半天数
  missing_punches: 缺卡次数
  absent: 旷工的半天数
  leave: 请假（整段免考勤）的半天数
  anomalies: 考勤异常的半天数（迟到、早退、缺卡、旷工）
*/
-- The 考勤 page's list per person, counted from the judged sessions.
select
  month,
  staff_id,
  any_value(staff_name) as staff_name,
  any_value(department) as department,
  count(*)::integer as sessions,
  count(*) filter (where is_late)::integer as late,
  count(*) filter (where is_early)::integer as early,
  sum(missing_punches)::integer as missing_punches,
  count(*) filter (where is_absent)::integer as absent,
  count(*) filter (where outcome = '请假')::integer as leave,
  count(*) filter (where is_anomaly)::integer as anomalies
from marts.attendance_sessions
group by month, staff_id
