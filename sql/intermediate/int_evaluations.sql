/*
grain: one row per evaluation (latest valid version per 评价编号) with the staff member it is attributed to
comment: 评价记录（每个评价编号取最新版本），含被评价人员（工号、账号、流水号或窗口当班人员）与差评整改期限
unique: [evaluation_id]
not_null: [evaluation_id, evaluated_at, month, level, rating, source_ref]
accepted_values:
  rating: [好评, 中评, 差评]
columns:
  evaluation_id: 评价编号
  evaluated_at: 评价时间
  month: 月份
  level: 评价等级（5…1）
  rating: 好评（4–5）/中评（3）/差评（1–2）
  channel: 评价渠道
  window_no: 窗口号
  staff_id: 被评价人员工号（rules.md §13 认定；无法认定为空）
  attributed_by: 认定依据
  ticket_no: 流水号
  comment: 评价内容（手机号已脱敏）
  rectified_at: 整改完成时间
  rectify_deadline: 差评整改期限（评价日后第 N 个工作日）
  source_ref: 证据：文件与行号
*/
-- rules.md §8: 好评 = 4–5, 中评 = 3, 差评 = 1–2 (seeds.evaluation_levels); an evaluation is
-- attributed by 工号, else account, else its ticket's staff, else the person on duty at the window
-- (int_attributed_records, rules.md §13). Every 差评 is to be put right within N working days.
with open_months as (
  select min(month_start) as first_day from intermediate.int_months where is_open
),

-- only the months this run recomputes: the cost follows the new data, not the history
latest_evaluations as (
  select * from intermediate.int_latest_evaluations
  where event_date >= (select first_day from open_months)
)

select
  latest_evaluations.evaluation_id,
  latest_evaluations.evaluated_at,
  strftime(latest_evaluations.evaluated_at, '%Y-%m') as month,
  latest_evaluations.level,
  latest_evaluations.rating,
  latest_evaluations.channel,
  latest_evaluations.window_no,
  attributed.staff_id,
  attributed.attributed_by,
  latest_evaluations.ticket_no,
  latest_evaluations.comment,
  latest_evaluations.rectified_at,
  case when latest_evaluations.rating = '差评' then deadline_day.calendar_date end as rectify_deadline,
  latest_evaluations.source_ref
from latest_evaluations
left join intermediate.int_attributed_records as attributed
  on attributed.source = 'evaluations' and attributed.record_id = latest_evaluations.evaluation_id
inner join intermediate.int_calendar_days as evaluation_day
  on evaluation_day.calendar_date = latest_evaluations.evaluated_at::date
left join intermediate.int_calendar_days as deadline_day
  on deadline_day.is_workday
  and deadline_day.workday_seq = evaluation_day.workday_seq + getvariable('evaluations_bad_rectify_working_days')
