/*
grain: one row per window event (窗口号 + 时间 + 事件) that pairs with nothing
comment: 无法配对的窗口事件：没有可恢复暂停的“恢复”、已在岗时的重复“登录”、当天再无后续记录的“暂停”（考虑时钟偏差之后）
unique: [window_no, event_at, window_event]
not_null: [month, work_date, window_no, staff_id, window_event, event_at, reason, source_ref]
accepted_values:
  window_event: [登录, 暂停, 恢复]
columns:
  month: 月份
  work_date: 日期
  window_no: 窗口号
  staff_id: 工号
  staff_name: 姓名
  department: 部门
  queue_login: 叫号账号
  window_event: 事件
  event_at: 记录时间
  reason: 无法配对的原因
  source_ref: 来源文件与行号
*/
-- Window events are paired per person and day with a tolerance for clock skew
-- (int_queue_event_pairs); what still pairs with nothing is listed here for the data-quality page.
select
  strftime(pairs.event_date, '%Y-%m') as month,
  pairs.event_date as work_date,
  pairs.window_no,
  pairs.staff_id,
  int_staff.staff_name,
  int_staff.department,
  pairs.queue_login,
  pairs.window_event,
  pairs.event_at,
  pairs.orphan_reason as reason,
  pairs.source_ref
from intermediate.int_queue_event_pairs as pairs
inner join intermediate.int_staff using (staff_id)
inner join intermediate.int_months on int_months.month = strftime(pairs.event_date, '%Y-%m') and int_months.is_open
where pairs.orphan_reason is not null
