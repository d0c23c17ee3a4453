// 窗口单位: department ranking and eligibility, AB-post coverage per window and day, complaints.
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status from marts.months where month in ${recentMonths()} order by month`,
  // the winner as marts.awards names it, the one place winners are decided
  departments: `select departments.month, departments.department, departments.staff_count,
      departments.avg_score::double as avg_score, departments.good_rate, departments.evaluations,
      departments.verified_complaints, departments.empty_post_sessions, departments.removed_staff, departments.rank,
      departments.order_no, departments.eligible, departments.ineligible_reason,
      awards.winner_id is not null as is_award_winner, departments.status
    from marts.department_month as departments
    left join marts.awards
      on awards.month = departments.month and awards.award = '文明服务窗口' and awards.winner_id = departments.department
    where departments.month in ${recentMonths()} order by departments.month, departments.order_no`,
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
