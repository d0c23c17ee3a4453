-- 每人月度得分应等于基础分加当月未撤销事件分值之和（考虑加分上限与保底分）
with sums as (
  select month, staff_id,
    coalesce(sum(points) filter (where points > 0 and not void), 0) as additions,
    coalesce(sum(points) filter (where points < 0 and not void), 0) as deductions
  from marts.score_events
  group by month, staff_id
)

select staff_month.month, staff_month.staff_id
from marts.staff_month
left join sums using (month, staff_id)
where staff_month.score <> (
  case
    when getvariable('score_floor') is null then getvariable('score_base')
      + case when getvariable('score_addition_cap') is null then coalesce(sums.additions, 0)
        else least(coalesce(sums.additions, 0), getvariable('score_addition_cap')) end
      + coalesce(sums.deductions, 0)
    else greatest(getvariable('score_floor'), getvariable('score_base')
      + case when getvariable('score_addition_cap') is null then coalesce(sums.additions, 0)
        else least(coalesce(sums.additions, 0), getvariable('score_addition_cap')) end
      + coalesce(sums.deductions, 0))
  end
)
