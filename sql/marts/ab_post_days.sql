/*
grain: one row per window post and working day with attendance data
comment: AB岗每日在岗情况：每个窗口每天是 A岗在岗、B岗顶岗还是有空岗
unique: [work_date, window_no]
not_null: [month, work_date, department, window_no, state, sessions, empty_sessions, covered_by_b]
accepted_values:
  state: [A岗在岗, B岗顶岗, 空岗]
range:
  sessions: [0, 2]
  empty_sessions: [0, 2]
  covered_by_b: [0, 2]
columns:
  month: 月份
  work_date: 工作日
  department: 部门
  window_no: 窗口号
  a_holders: A岗人员（工号）
  b_holders: B岗人员（工号）
  state: 当天状态：空岗（有半天 A、B 均不在岗）/B岗顶岗（有半天 A岗不在、由 B岗顶岗）/A岗在岗
  sessions: 考勤的半天数
  empty_sessions: 空岗的半天数
  covered_by_b: A岗不在、由 B岗顶岗的半天数
  empty_in: 空岗的时段：上午/下午/上午、下午；无空岗为空
*/
-- rules.md §12 per window and day, from the sessions of ab_post_sessions: the AB-post grid of the
-- 窗口单位 page.
with days as (
  select
    month,
    work_date,
    department,
    window_no,
    any_value(a_holders) as a_holders,
    any_value(b_holders) as b_holders,
    count(*) as sessions,
    count(*) filter (where is_empty) as empty_sessions,
    count(*) filter (where not coalesce(a_present, false) and coalesce(b_present, false)) as covered_by_b,
    string_agg(case session when 'AM' then '上午' else '下午' end, '、' order by session)
      filter (where is_empty) as empty_in
  from marts.ab_post_sessions
  group by month, work_date, department, window_no
)

select
  month,
  work_date,
  department,
  window_no,
  a_holders,
  b_holders,
  case when empty_sessions > 0 then '空岗' when covered_by_b > 0 then 'B岗顶岗' else 'A岗在岗' end as state,
  sessions::integer as sessions,
  empty_sessions::integer as empty_sessions,
  covered_by_b::integer as covered_by_b,
  empty_in
from days
