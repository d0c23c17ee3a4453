/*
grain: one row per staff member and open month in which the member had at least one scheduled working day
comment: 人员月度得分：加分、扣分与得分
unique: [month, staff_id]
not_null: [month, staff_id, scheduled_days, deduction_points, addition_points, deduction_events, addition_events, score]
range:
  scheduled_days: [1, null]
  deduction_points: [0, null]
  addition_points: [0, null]
  deduction_events: [0, null]
  addition_events: [0, null]
columns:
  month: 考核月份（YYYY-MM）
  staff_id: 工号
  scheduled_days: 应在岗工作日数（在名册日期内的工作日）
  deduction_points: 扣分合计（正数）
  addition_points: 加分合计（计入的部分）
  deduction_events: 扣分事件数
  addition_events: 加分事件数
  score: 月度得分 = 100 + 加分 − 扣分（不含申诉撤销的事件）
*/
-- rules.md §9: score = 100 + additions − deductions over the month's non-void events, with the
-- optional cap on additions and floor under the score. Everyone with a scheduled working day in a
-- month that has attendance data is scored, and ranked (int_staff_order).
with scheduled as (
  select month, staff_id, count(distinct calendar_date) as scheduled_days
  from intermediate.int_staff_sessions
  group by month, staff_id
),

points as (
  select
    month,
    staff_id,
    coalesce(sum(points) filter (where points < 0), 0) as deductions,
    coalesce(sum(points) filter (where points > 0), 0) as additions,
    count(*) filter (where points < 0) as deduction_events,
    count(*) filter (where points > 0) as addition_events
  from intermediate.int_score_events
  where not void
  group by month, staff_id
),

counted as (
  select
    scheduled.month,
    scheduled.staff_id,
    scheduled.scheduled_days,
    -coalesce(points.deductions, 0) as deduction_points,
    case
      when getvariable('score_addition_cap') is null then coalesce(points.additions, 0)
      else least(coalesce(points.additions, 0), getvariable('score_addition_cap'))
    end as addition_points,
    coalesce(points.deduction_events, 0) as deduction_events,
    coalesce(points.addition_events, 0) as addition_events
  from scheduled
  semi join intermediate.int_staff using (staff_id)
  semi join intermediate.int_months using (month)
  semi join intermediate.int_open_days using (month)
  left join points using (month, staff_id)
)

select
  month,
  staff_id,
  scheduled_days::integer as scheduled_days,
  deduction_points::decimal(6, 1) as deduction_points,
  addition_points::decimal(6, 1) as addition_points,
  deduction_events::integer as deduction_events,
  addition_events::integer as addition_events,
  (
    case
      when getvariable('score_floor') is null then getvariable('score_base') + addition_points - deduction_points
      else greatest(getvariable('score_floor'), getvariable('score_base') + addition_points - deduction_points)
    end
  )::decimal(6, 1) as score
from counted
