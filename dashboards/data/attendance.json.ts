// 考勤: anomalies per day and per person, and the days whose attendance export is missing.
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status, working_days, data_days, missing_data_days from marts.months
    where month in ${recentMonths()} order by month`,
  figures: `select month, attendance_anomalies, attendance_anomaly_staff, attendance_staff from marts.hall_month
    where month in ${recentMonths()} order by month`,
  daily: `select month, work_date, outcome, sessions from marts.attendance_daily where month in ${recentMonths()}
    order by work_date, outcome`,
  people: `select month, staff_id, staff_name, department, late, early, missing_punches, absent, leave, anomalies
    from marts.attendance_staff_month where month in ${recentMonths()} order by month, anomalies desc, staff_id`,
  anomalies: `select month, work_date, session, staff_id, staff_name, department, outcome,
      strftime(in_at, '%H:%M:%S') as in_time, strftime(out_at, '%H:%M:%S') as out_time,
      strftime(expected_start, '%H:%M') as expected_start, strftime(expected_end, '%H:%M') as expected_end, leave_id
    from marts.attendance_sessions where month in ${recentMonths()} and is_anomaly order by work_date, session, staff_id`,
  workdays: `select month, work_date from marts.attendance_sessions where month in ${recentMonths()} group by all
    union select month, work_date from marts.attendance_missing_days where month in ${recentMonths()}
    order by work_date`,
  missing: `select month, work_date, reason from marts.attendance_missing_days where month in ${recentMonths()}
    order by work_date`,
});
