// 好差评: 好评率 per month and department, and the 差评 list that leaders follow up (no evaluator data).
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status from marts.months where month in ${recentMonths()} order by month`,
  trend: `select month, evaluations, good_rate, bad from marts.hall_month where month in ${recentMonths()}
    order by month`,
  departments: `select month, department, evaluations, good, neutral, bad, good_rate
    from marts.evaluation_department_month where month in ${recentMonths()} order by month, department`,
  staff: `select month, staff_id, staff_name, department, evaluations, good, neutral, bad, good_rate
    from marts.evaluation_month where month in ${recentMonths()} order by month, good_rate, staff_id`,
  bad: `select evaluation_id, month, evaluated_at, staff_id, staff_name, department, window_no, level, level_name,
      channel, comment, ticket_no, rectified_at, rectify_deadline, is_overdue, source_ref
    from marts.bad_evaluations where month in ${recentMonths()} order by is_overdue desc, evaluated_at`,
});
