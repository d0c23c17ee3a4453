/*
grain: one row per window post, working day with attendance data and session
comment: AB岗在岗：每个窗口每个半天 A岗、B岗是否在岗，空岗标注
unique: [work_date, session, window_no]
not_null: [month, work_date, session, department, window_no, is_empty]
accepted_values:
  session: [AM, PM]
columns:
  month: 月份
  work_date: 工作日
  session: 时段：AM/PM
  department: 部门
  window_no: 窗口号
  a_holders: A岗人员（工号）
  b_holders: B岗人员（工号）
  a_present: A岗是否在岗
  b_present: B岗是否在岗
  is_empty: 是否空岗（A、B 均不在岗）
*/
-- rules.md §12: a post is covered in a session when its A or B holder is present; otherwise it is
-- an empty post (空岗).
select
  month,
  calendar_date as work_date,
  session,
  department,
  window_no,
  array_to_string(a_holders, '、') as a_holders,
  array_to_string(b_holders, '、') as b_holders,
  a_present,
  b_present,
  not a_present and not b_present as is_empty
from intermediate.int_post_sessions
