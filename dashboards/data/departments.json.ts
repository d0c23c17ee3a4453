// 窗口单位: department ranking and eligibility, AB-post coverage per window and day, complaints.
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status from marts.months where month in ${recentMonths()} order by month`,
  departments: `select month, department, staff_count, avg_score::double as avg_score, good_rate, evaluations,
      verified_complaints, empty_post_sessions, removed_staff, rank, order_no, eligible, ineligible_reason,
      is_award_winner, status
    from marts.department_month where month in ${recentMonths()} order by month, order_no`,
  // Only the days a post was not simply held by its A holder; every other window-day is covered.
  posts: `select month, work_date, department, window_no, state, empty_sessions, covered_by_b, empty_in
    from marts.ab_post_days where month in ${recentMonths()} and state <> 'A岗在岗'
    order by department, window_no, work_date`,
  windows: `select month, department, window_no, any_value(a_holders) as a_holders, any_value(b_holders) as b_holders
    from marts.ab_post_days where month in ${recentMonths()} group by all order by department, window_no`,
  days: `select distinct month, work_date from marts.ab_post_days where month in ${recentMonths()} order by work_date`,
  complaints: `select complaint_id, month, received_at, channel, staff_id, staff_name, department, category, complexity,
      finding, at_fault, is_verified, decided_at, decision_deadline, feedback_at, feedback_deadline, is_overdue,
      overdue_reason
    from marts.complaints where month in ${recentMonths()} order by received_at`,
});
