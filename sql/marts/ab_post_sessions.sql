/*
grain: one row per window post, working day with attendance data and session
comment: AB岗在岗：每个窗口每个半天 A岗、B岗、顶岗人员是否在岗，空岗标注
unique: [work_date, session, window_no]
not_null: [month, work_date, session, department, window_no, a_present, b_present, cover_present, is_empty]
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
  covers: A岗人员请假所指定的顶岗人员（工号）
  away_half_holders: 本时段擅自离岗超过半天、不计为在岗的人员（工号）
  a_present: A岗是否在岗（有打卡、未全时段请假、本时段无擅自离岗超过半天）
  b_present: B岗是否在岗（同上）
  cover_present: 顶岗人员是否在岗
  is_empty: 是否空岗（A岗、B岗、顶岗人员均不在岗）
*/
-- rules.md §12: a post is covered in a session when its A or B holder, or the cover named on the A
-- holder's approved leave, is present; a holder away more than half a day is not; otherwise it is
-- an empty post (空岗). Decided in int_post_coverage.
select
  month,
  calendar_date as work_date,
  session,
  department,
  window_no,
  array_to_string(a_holders, '、') as a_holders,
  array_to_string(b_holders, '、') as b_holders,
  array_to_string(covers, '、') as covers,
  array_to_string(away_half_holders, '、') as away_half_holders,
  a_present,
  b_present,
  cover_present,
  is_empty
from intermediate.int_post_coverage
