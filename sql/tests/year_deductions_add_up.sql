-- 每人年度扣分合计应等于其年度按规则汇总中扣分规则分值之和（两者来自不同的月度汇总）
with rule_deductions as (
  select year, staff_id, -coalesce(sum(points) filter (where points < 0), 0) as deductions
  from marts.staff_year_rules
  group by year, staff_id
)

select staff_year.year, staff_year.staff_id
from marts.staff_year
left join rule_deductions using (year, staff_id)
where staff_year.deduction_points <> coalesce(rule_deductions.deductions, 0)
