// 年度: each year's staff and departments (marts.staff_year, department_year), the departments'
// points per rule, and the departments' monthly averages of the year for the chart.
import { writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  years: `select year, period_label, scope, is_complete, months_scored, months_final, months_public, as_of
    from marts.years order by year`,
  staff: `select year, staff_id, staff_name, department, months_scored, months_final,
      total_score::double as total_score, avg_score::double as avg_score, best_score::double as best_score,
      worst_score::double as worst_score, excellent_months, qualified_months, last_months,
      deduction_points::double as deduction_points, addition_points::double as addition_points, awards, award_months,
      cases, exempted_cases, warning_cases, disqualified_cases, removed_cases
    from marts.staff_year order by year, avg_score desc, total_score desc, staff_id`,
  departments: `select year, department, months_scored, months_final, staff, staff_months,
      total_score::double as total_score, avg_score::double as avg_score, best_rank, excellent_staff_months,
      last_staff_months, awards, award_months, staff_awards, deduction_points::double as deduction_points,
      addition_points::double as addition_points, cases, exempted_cases, warning_cases, disqualified_cases, removed_cases
    from marts.department_year order by year, avg_score desc, department`,
  rules: `select year, department, rule_code, rule_name, staff, events, points::double as points
    from marts.department_year_rules order by year, department, points, rule_code`,
  months: `select left(month, 4)::integer as year, month, department, avg_score::double as avg_score, rank, status
    from marts.department_month
    where left(month, 4)::integer in (select year from marts.years)
    order by month, department`,
});
