// 总览: the month's awards, ranking and key figures per month.
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
  figures: `
    with months as (select month from marts.months where month in ${recentMonths()}),
    attendance as (
      select month, count(*) filter (where outcome not in ('正常', '请假')) as attendance_anomalies
      from marts.attendance_sessions group by month),
    complaints as (
      select month, count(*) filter (where is_verified) as verified_complaints,
        count(*) filter (where is_overdue) as overdue_complaints
      from marts.complaints group by month),
    evaluations as (
      select month, sum(evaluations) as evaluations, sum(good) / nullif(sum(evaluations), 0) as good_rate,
        sum(bad) as bad_evaluations
      from marts.evaluation_month group by month),
    waits as (
      select month, sum(avg_wait_s * (tickets - no_shows)) / nullif(sum(tickets - no_shows), 0) as avg_wait_s,
        sum(tickets) as tickets
      from marts.queue_daily group by month),
    wait_buckets as (
      select month, bucket_minutes, sum(tickets) as tickets from marts.queue_durations where measure = '等候'
      group by month, bucket_minutes),
    wait_p90 as (
      select month, min(bucket_minutes) filter (where cumulative >= 0.9 * total) as p90_wait_bucket
      from (select *, sum(tickets) over (partition by month order by bucket_minutes) as cumulative,
        sum(tickets) over (partition by month) as total from wait_buckets)
      group by month),
    cases as (
      select month, count(*) as cases, count(*) filter (where is_overdue) as overdue_cases
      from marts.cases group by month),
    posts as (
      select month, count(*) filter (where is_empty) as empty_post_sessions from marts.ab_post_sessions group by month),
    scores as (
      select month, avg(score)::double as avg_score from marts.staff_month group by month)
    select months.month, coalesce(attendance_anomalies, 0) as attendance_anomalies,
      coalesce(verified_complaints, 0) as verified_complaints, coalesce(overdue_complaints, 0) as overdue_complaints,
      evaluations, good_rate, coalesce(bad_evaluations, 0) as bad_evaluations, avg_wait_s, tickets, p90_wait_bucket,
      coalesce(cases, 0) as cases, coalesce(overdue_cases, 0) as overdue_cases,
      coalesce(empty_post_sessions, 0) as empty_post_sessions, avg_score
    from months
    left join attendance using (month) left join complaints using (month) left join evaluations using (month)
    left join waits using (month) left join wait_p90 using (month) left join cases using (month)
    left join posts using (month) left join scores using (month)
    order by month`,
});
