/*
grain: one row per month with results (the hall's month, with the roll-up figures of 《规则说明》§15 and the 总览 page's key figures)
comment: 大厅月度指标：平均分、三工等级人数、好评率、排队等候、考勤异常、投诉、办件与 AB岗空岗
unique: [month]
not_null: [month, excellent_staff, qualified_staff, last_staff, evaluations, good, neutral, bad, tickets, called, served, no_shows, attendance_anomalies, attendance_anomaly_staff, attendance_staff, verified_complaints, overdue_complaints, cases, overdue_cases, empty_post_sessions]
range:
  excellent_staff: [0, null]
  qualified_staff: [0, null]
  last_staff: [0, null]
  evaluations: [0, null]
  good: [0, null]
  neutral: [0, null]
  bad: [0, null]
  good_rate: [0, 1]
  tickets: [0, null]
  called: [0, null]
  served: [0, null]
  no_shows: [0, null]
  within_target_rate: [0, 1]
  no_show_rate: [0, 1]
  avg_wait_s: [0, null]
  p90_wait_s: [0, null]
  avg_service_s: [0, null]
  attendance_anomalies: [0, null]
  attendance_anomaly_staff: [0, null]
  attendance_staff: [0, null]
  verified_complaints: [0, null]
  verified_complaints_per_10k_served: [0, null]
  overdue_complaints: [0, null]
  cases: [0, null]
  overdue_cases: [0, null]
  overdue_cases_per_1k: [0, null]
  empty_post_sessions: [0, null]
columns:
  month: 月份
  avg_score: 平均得分（参加排名人员的月度得分的平均，保留两位小数）；无人参加排名为空
  excellent_staff: 三工等级为优秀的人数
  qualified_staff: 三工等级为合格的人数
  last_staff: 三工等级为末位的人数
  evaluations: 评价数
  good: 好评数
  neutral: 中评数
  bad: 差评数
  good_rate: 好评率 = 好评 ÷ 全部评价；无评价为空
  tickets: 取号数
  called: 已叫号数（含过号）
  served: 已办理数（已叫号且非过号）
  no_shows: 过号数
  within_target_rate: 目标时长内叫号占比 = 在目标等候时长内叫号数 ÷ 已叫号数（含过号）；无叫号为空
  no_show_rate: 过号率 = 过号数 ÷ 取号数；无取号为空
  avg_wait_s: 平均等候时长（秒，取号至叫号，已叫号的全部叫号含过号）
  p90_wait_s: 等候时长第 90 百分位（秒）：九成群众的等候不超过此值
  avg_service_s: 平均办理时长（秒，开始办理至办结）
  attendance_anomalies: 考勤异常的半天数（迟到、早退、缺卡、旷工）
  attendance_anomaly_staff: 有考勤异常的人数
  attendance_staff: 有考勤记录的人数
  verified_complaints: 查实投诉数（过错方为窗口工作人员，未被申诉撤销；按处理决定日期计入月份）
  verified_complaints_per_10k_served: 每万件已办理叫号的查实投诉数 = 查实投诉数 × 10000 ÷ 已办理数；无已办理为空
  overdue_complaints: 超出办理时限的投诉数（按受理时间计入月份）
  cases: 审批平台受理的办件数（按受理日期计入月份）
  overdue_cases: 其中逾期的办件数
  overdue_cases_per_1k: 每千件办件的逾期件数 = 逾期件数 × 1000 ÷ 办件数；无办件为空
  empty_post_sessions: AB岗空岗的半天数（A、B 岗均不在岗）
  standout_staff_id: 本大厅当月文明服务标兵的工号（无具备资格者为空）
  standout_staff_name: 本大厅当月文明服务标兵的姓名
  standout_window: 本大厅当月文明服务窗口（窗口单位；无具备资格者为空）
*/
-- rules.md §15: per hall and month, the average score, 好评率, average wait and the share within the
-- target wait, empty-post sessions, verified complaints per 10,000 served tickets and overdue cases per
-- 1,000 cases, and the hall's award winners; with the 总览 page's other key figures. Each is rolled up
-- from the mart that decides it. The rules run hall by hall (pipeline/transform/halls.ts), so these
-- marts hold one hall's rows here, and every row of this table is one hall's month.
with staff as (
  select
    month,
    round(avg(score), 2)::decimal(6, 2) as avg_score,
    count(*) filter (where grade = '优秀') as excellent_staff,
    count(*) filter (where grade = '合格') as qualified_staff,
    count(*) filter (where grade = '末位') as last_staff
  from marts.staff_month
  group by month
),

evaluations as (
  select month, sum(evaluations) as evaluations, sum(good) as good, sum(neutral) as neutral, sum(bad) as bad
  from marts.evaluation_month
  group by month
),

queue as (
  select * exclude (level, department, window_no, staff_id, staff_name, within_target)
  from marts.queue_month
  where level = '全大厅'
),

attendance as (
  select
    month,
    sum(anomalies) as attendance_anomalies,
    count(*) filter (where anomalies > 0) as attendance_anomaly_staff,
    count(*) as attendance_staff
  from marts.attendance_staff_month
  group by month
),

verified_complaints as (
  select month, sum(verified_complaints) as verified_complaints
  from marts.department_month
  group by month
),

overdue_complaints as (
  select month, count(*) filter (where is_overdue) as overdue_complaints
  from marts.complaints
  group by month
),

cases as (
  select month, count(*) as cases, count(*) filter (where is_overdue) as overdue_cases
  from marts.cases
  group by month
),

posts as (
  select month, count(*) filter (where is_empty) as empty_post_sessions
  from marts.ab_post_sessions
  group by month
),

winners as (
  select
    month,
    any_value(winner_id) filter (where award = '文明服务标兵') as standout_staff_id,
    any_value(winner_name) filter (where award = '文明服务标兵') as standout_staff_name,
    any_value(winner_id) filter (where award = '文明服务窗口') as standout_window
  from marts.awards
  group by month
)

select
  months.month,
  staff.avg_score,
  coalesce(staff.excellent_staff, 0)::integer as excellent_staff,
  coalesce(staff.qualified_staff, 0)::integer as qualified_staff,
  coalesce(staff.last_staff, 0)::integer as last_staff,
  coalesce(evaluations.evaluations, 0)::integer as evaluations,
  coalesce(evaluations.good, 0)::integer as good,
  coalesce(evaluations.neutral, 0)::integer as neutral,
  coalesce(evaluations.bad, 0)::integer as bad,
  evaluations.good / nullif(evaluations.evaluations, 0) as good_rate,
  coalesce(queue.tickets, 0) as tickets,
  coalesce(queue.called, 0) as called,
  coalesce(queue.served, 0) as served,
  coalesce(queue.no_shows, 0) as no_shows,
  queue.within_target_rate,
  queue.no_show_rate,
  queue.avg_wait_s,
  queue.p90_wait_s,
  queue.avg_service_s,
  coalesce(attendance.attendance_anomalies, 0)::integer as attendance_anomalies,
  coalesce(attendance.attendance_anomaly_staff, 0)::integer as attendance_anomaly_staff,
  coalesce(attendance.attendance_staff, 0)::integer as attendance_staff,
  coalesce(verified_complaints.verified_complaints, 0)::integer as verified_complaints,
  coalesce(verified_complaints.verified_complaints, 0) * 10000 / nullif(queue.served, 0)
    as verified_complaints_per_10k_served,
  coalesce(overdue_complaints.overdue_complaints, 0)::integer as overdue_complaints,
  coalesce(cases.cases, 0)::integer as cases,
  coalesce(cases.overdue_cases, 0)::integer as overdue_cases,
  cases.overdue_cases * 1000 / nullif(cases.cases, 0) as overdue_cases_per_1k,
  coalesce(posts.empty_post_sessions, 0)::integer as empty_post_sessions,
  winners.standout_staff_id,
  winners.standout_staff_name,
  winners.standout_window
from marts.months
left join staff using (month)
left join evaluations using (month)
left join queue using (month)
left join attendance using (month)
left join verified_complaints using (month)
left join overdue_complaints using (month)
left join cases using (month)
left join posts using (month)
left join winners using (month)
