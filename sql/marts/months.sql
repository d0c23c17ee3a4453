/*
grain: one row per month with results
comment: 月份与公示状态：申诉截止日、工作日数、缺数据日数
unique: [month]
not_null: [month, status, as_of, appeal_window_end, working_days, missing_data_days, is_frozen]
accepted_values:
  status: [公示, 确认]
range:
  working_days: [0, null]
  data_days: [0, null]
  missing_data_days: [0, null]
  pending_days: [0, null]
  staff_ranked: [0, null]
  target_wait_minutes: [0, null]
columns:
  month: 月份
  status: 公示（申诉期内，结果可能变化）/确认（申诉期已过，结果冻结）
  as_of: 计算基准日期
  appeal_window_end: 申诉截止日（月末后第 5 个工作日）
  working_days: 工作日数
  data_days: 有考勤数据的工作日数
  missing_data_days: 考勤数据缺失的工作日数
  pending_days: 尚无数据（晚于最近一次考勤导出）的工作日数
  staff_ranked: 参加排名的人数
  calendar_note: 日历说明（官方日历未覆盖的年份等）
  target_wait_minutes: 排队等候目标时长（分钟，配置项），等候不超过此值计为达标
  is_frozen: 是否已冻结（确认后不再随新数据变化）
*/
-- rules.md §14: 公示 until the appeal window closes, then 确认; rules.md §1: data coverage and the
-- calendar the month was scored on.
with day_counts as (
  select
    month,
    count(*) filter (where is_workday) as working_days,
    count(*) filter (where data_state = '有数据') as data_days,
    count(*) filter (where data_state = '缺数据') as missing_data_days,
    count(*) filter (where data_state = '尚无数据') as pending_days,
    count(*) filter (where is_workday and calendar_basis = '周一至周五') as fallback_days
  from intermediate.int_open_days
  group by month
),

ranked as (
  select month, count(distinct staff_id) as staff_ranked
  from intermediate.int_staff_sessions
  group by month
)

select
  int_months.month,
  int_months.status,
  getvariable('as_of') as as_of,
  int_months.appeal_window_end,
  day_counts.working_days::integer as working_days,
  day_counts.data_days::integer as data_days,
  day_counts.missing_data_days::integer as missing_data_days,
  day_counts.pending_days::integer as pending_days,
  coalesce(ranked.staff_ranked, 0)::integer as staff_ranked,
  case
    when day_counts.fallback_days > 0
      then '官方日历尚未覆盖本月，按周一至周五及工作日调整登记计算（' || day_counts.fallback_days || ' 个工作日）'
    else '按国务院办公厅公布的节假日安排及工作日调整登记计算'
  end as calendar_note,
  getvariable('queue_target_wait_minutes')::integer as target_wait_minutes,
  -- a confirmed month is frozen at the end of the run that confirms it (rules.md §14)
  int_months.is_frozen or int_months.is_final as is_frozen
from intermediate.int_months
inner join day_counts using (month)
left join ranked using (month)
where int_months.is_open
