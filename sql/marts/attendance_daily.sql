/*
grain: one row per working day and attendance anomaly (迟到, 早退, 缺卡, 旷工 and their combinations) that happened that day
comment: 每日考勤异常：每个工作日各类异常的半天数
unique: [work_date, outcome]
not_null: [month, work_date, outcome, sessions]
range:
  sessions: [0, null]
columns:
  month: 月份
  work_date: 工作日
  outcome: 异常结论：迟到/早退/迟到早退/缺卡/缺卡迟到/缺卡早退/旷工
  sessions: 半天数
*/
-- The 考勤 page's daily chart.
select
  month,
  work_date,
  outcome,
  count(*)::integer as sessions
from marts.attendance_sessions
where is_anomaly
group by month, work_date, outcome
