/*
grain: one row per window post and working day with attendance data of an open month on which no valid B holder backs the post
unique: [window_no, calendar_date]
not_null: [window_no, department, calendar_date, month, a_holders, problem]
*/
-- rules.md §12 (rev 2), `[004]` "确保每个工作岗位…有2名经办人员相互替补": a post (the home window of
-- an A holder on the roster that day) needs a B holder: someone else whose roster row names the
-- window as its B岗窗口 and who is on the roster that day. Otherwise the post is listed, with the
-- first of: no roster row names it; only its own A holder names it; no one naming it is on the
-- roster that day. It blocks 文明服务窗口 only when the configuration says so (marts.department_month).
with post_days as (
  select
    sessions.window_no,
    sessions.calendar_date,
    sessions.month,
    min(sessions.department) as department,
    list(distinct sessions.staff_id order by sessions.staff_id) as a_holders
  from intermediate.int_staff_sessions as sessions
  where sessions.data_state = '有数据'
  group by sessions.window_no, sessions.calendar_date, sessions.month
),

named as (
  -- every roster row that names a post as its B岗窗口, whatever its dates
  select backup_window_no as window_no, staff_id, window_no = backup_window_no as is_own_a_holder, start_date, end_date
  from intermediate.int_staff
  where backup_window_no is not null
),

judged as (
  select
    post_days.*,
    list(named.staff_id order by named.staff_id) filter (where named.staff_id is not null) as b_holders,
    list(named.staff_id order by named.staff_id) filter (where not named.is_own_a_holder) as other_b_holders,
    count(named.staff_id) as named_count,
    count(named.staff_id) filter (where not named.is_own_a_holder) as others_count,
    count(named.staff_id) filter (
      where not named.is_own_a_holder and within_period(post_days.calendar_date, named.start_date, named.end_date)
    ) as valid_count
  from post_days
  left join named using (window_no)
  group by post_days.window_no, post_days.calendar_date, post_days.month, post_days.department, post_days.a_holders
)

select
  window_no,
  department,
  calendar_date,
  month,
  a_holders,
  b_holders,
  case
    when named_count = 0 then '无B岗：名册中没有人员以本窗口为B岗窗口'
    when others_count = 0 then 'B岗即本窗口A岗：' || array_to_string(b_holders, '、')
    else 'B岗人员当日不在名册（未入岗或已离岗）：' || array_to_string(other_b_holders, '、')
  end as problem
from judged
where valid_count = 0
