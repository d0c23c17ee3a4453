/*
grain: one row per staff member and month scored (int_staff_scores)
comment: 人员月度三工等级：优秀/合格/末位
unique: [month, staff_id]
not_null: [month, staff_id, grade]
accepted_values:
  grade: [优秀, 合格, 末位]
columns:
  month: 考核月份（YYYY-MM）
  staff_id: 工号
  grade: 月度三工等级：优秀/合格/末位
*/
-- rules.md §9: 优秀 for the first round(n × 18 %) in strict order, 末位 for the last round(n × 2 %)
-- (round half up), where a sanctioned person cannot be 优秀 (the slot passes on) and only a score
-- below 100 can be 末位.
with positioned as (
  select
    staff_order.month,
    staff_order.staff_id,
    staff_order.order_no,
    scores.score,
    -- position among those who may be 优秀 (a sanctioned person's slot passes to the next in order)
    case when eligibility.sanction_rank is null
      then row_number() over (partition by staff_order.month, eligibility.sanction_rank is null order by staff_order.order_no)
    end as excellent_position,
    count(*) over (partition by staff_order.month) as ranked_count
  from intermediate.int_staff_order as staff_order
  inner join intermediate.int_staff_scores as scores using (month, staff_id)
  inner join intermediate.int_staff_eligibility as eligibility using (month, staff_id)
)

select
  month,
  staff_id,
  case
    when excellent_position <= floor(ranked_count * getvariable('grades_excellent_share') + 0.5) then '优秀'
    when order_no > ranked_count - floor(ranked_count * getvariable('grades_last_share') + 0.5)
      and score < getvariable('score_base') then '末位'
    else '合格'
  end as grade
from positioned
