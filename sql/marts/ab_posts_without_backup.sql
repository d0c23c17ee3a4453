/*
grain: one row per month, window post and problem
comment: 无有效B岗的窗口：名册中无人以其为B岗窗口、B岗即本窗口A岗、或B岗人员当日不在名册（按部门列出）
unique: [month, window_no, problem]
not_null: [month, department, window_no, a_holders, problem, days, first_day, last_day]
range:
  days: [1, null]
columns:
  month: 月份
  department: 部门
  window_no: 窗口号
  a_holders: A岗人员（工号）
  b_holders: 名册所列B岗人员（工号）
  problem: 问题
  days: 涉及的工作日数（有考勤数据的工作日）
  first_day: 首个涉及日
  last_day: 最后涉及日
*/
-- rules.md §12 (rev 2): posts without a valid B holder are listed per department; whether they block
-- 文明服务窗口 is the hall's configuration (marts.department_month).
-- a post whose A holders change within the month (a leaver and a newcomer) is one row: the holders
-- of all its listed days together
select
  month,
  min(department) as department,
  window_no,
  array_to_string(list_sort(list_distinct(flatten(list(a_holders)))), '、') as a_holders,
  nullif(array_to_string(list_sort(list_distinct(flatten(list(b_holders) filter (where b_holders is not null)))), '、'), '') as b_holders,
  problem,
  count(*)::integer as days,
  min(calendar_date) as first_day,
  max(calendar_date) as last_day
from intermediate.int_post_backups
group by month, window_no, problem
