// 人员: each staff member's months, every score event with its evidence and appeal, attendance
// anomalies, evaluations, cases and responsibility cases. Six months: the per-event detail is the
// largest data of the site and a hall of 60 would pass 2 MB with twelve.
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status, staff_ranked from marts.months where month in ${recentMonths(6)} order by month`,
  // the winner as marts.awards names it, the one place winners are decided
  staff: `select staff.month, staff.staff_id, staff.staff_name, staff.department, staff.window_no,
      staff.score::double as score, staff.deduction_points::double as deduction_points,
      staff.addition_points::double as addition_points, staff.deduction_events, staff.addition_events, staff.rank,
      staff.order_no, staff.tie_break, staff.grade, staff.good_rate, staff.evaluations, staff.served_tickets,
      staff.scheduled_days, staff.duty_days, staff.duty_required_days, staff.sanction_tier, staff.eligible,
      staff.ineligible_reason, awards.winner_id is not null as is_award_winner, staff.status
    from marts.staff_month as staff
    left join marts.awards
      on awards.month = staff.month and awards.award = '文明服务标兵' and awards.winner_id = staff.staff_id
    where staff.month in ${recentMonths(6)} order by staff.month, staff.order_no`,
  events: `select event_id, month, staff_id, rule_code, rule_name, points::double as points, event_date, session,
      source, source_ref, detail, void, appeal_id, appeal_status
    from marts.score_events where month in ${recentMonths(6)} order by event_date, event_id`,
  workdays: `select month, work_date, false as missing from marts.attendance_sessions where month in ${recentMonths(6)}
    group by all
    union all select month, work_date, true from marts.attendance_missing_days where month in ${recentMonths(6)}
    order by work_date`,
  attendance: `select staff_id, work_date, session, outcome, strftime(in_at, '%H:%M') as in_time,
      strftime(out_at, '%H:%M') as out_time, leave_id
    from marts.attendance_sessions where month in ${recentMonths(6)} and outcome <> '正常'
    order by work_date, session`,
  evaluations: `select month, staff_id, evaluations, good, neutral, bad, good_rate
    from marts.evaluation_month where month in ${recentMonths(6)} order by month, staff_id`,
  rules: `select month, staff_id, rule_name, events, points::double as points
    from marts.score_rule_month where month in ${recentMonths(6)} order by month, staff_id, points`,
  cases: `select month, staff_id, cases, promised, overdue, early, late_entry
    from marts.case_staff_month where month in ${recentMonths(6)} order by month, staff_id`,
  caseIssues: `select case_id, month, staff_id, item, case_kind, promised_days, accepted_at, completed_at, case_status,
      deadline_date, is_overdue, is_late_entry, source_ref
    from marts.cases where month in ${recentMonths(6)} and (is_overdue or is_late_entry) order by accepted_at`,
  investigations: `select case_id, month, staff_id, trigger, trigger_name, occurred_on, event_id, base_tier,
      aggravating, mitigating, final_tier, status, merged_into, decided_on, blocks_eligibility, void, appeal_id
    from marts.investigations where month in ${recentMonths(6)} order by occurred_on`,
});
