// 总览: the month's awards, ranking, score distribution and key figures per month.
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status, appeal_window_end, working_days, data_days, missing_data_days, pending_days,
      staff_ranked, calendar_note
    from marts.months where month in ${recentMonths()} order by month`,
  awards: `select month, award, winner_id, winner_name, department, score::double as score, good_rate,
      runner_up_name, runner_up_score::double as runner_up_score, decided_by, reason, status
    from marts.awards where month in ${recentMonths()} order by month, award desc`,
  ranking: `select month, staff_id, staff_name, department, score::double as score, rank, order_no, grade, tie_break,
      eligible, ineligible_reason
    from marts.staff_month where month in ${recentMonths()} order by month, order_no`,
  scores: `select month, score_from, score_to, bucket_label, staff, staff_names
    from marts.score_distribution where month in ${recentMonths()} order by month, score_from`,
  figures: `select month, avg_score::double as avg_score, evaluations, good_rate, bad, tickets,
      avg_wait_s, p90_wait_s, within_target_rate, attendance_anomalies, verified_complaints, overdue_complaints, cases,
      overdue_cases, empty_post_sessions
    from marts.hall_month where month in ${recentMonths()} order by month`,
});
