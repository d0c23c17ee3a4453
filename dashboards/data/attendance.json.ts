// 考勤: anomalies per day and per person, and the days whose attendance export is missing.
import { recentMonths, writeJson } from "./warehouse.ts";

const anomaly = "outcome not in ('正常', '请假')";

await writeJson(import.meta.url, {
  months: `select month, status, working_days, data_days, missing_data_days from marts.months
    where month in ${recentMonths()} order by month`,
  daily: `select month, work_date, outcome, count(*) as sessions
    from marts.attendance_sessions where month in ${recentMonths()} and outcome <> '正常' group by all order by work_date`,
  people: `select month, staff_id, any_value(staff_name) as staff_name, any_value(department) as department,
      count(*) filter (where is_late) as late, count(*) filter (where is_early) as early,
      sum(missing_punches) as missing_punches, count(*) filter (where is_absent) as absent,
      count(*) filter (where outcome = '请假') as leave, count(*) filter (where ${anomaly}) as anomalies
    from marts.attendance_sessions where month in ${recentMonths()} group by month, staff_id
    order by month, anomalies desc, staff_id`,
  anomalies: `select month, work_date, session, staff_id, staff_name, department, outcome,
      strftime(in_at, '%H:%M:%S') as in_time, strftime(out_at, '%H:%M:%S') as out_time,
      strftime(expected_start, '%H:%M') as expected_start, strftime(expected_end, '%H:%M') as expected_end, leave_id
    from marts.attendance_sessions where month in ${recentMonths()} and ${anomaly} order by work_date, session, staff_id`,
  workdays: `select month, work_date from marts.attendance_sessions where month in ${recentMonths()} group by all
    union select month, work_date from marts.attendance_missing_days where month in ${recentMonths()}
    order by work_date`,
  missing: `select month, work_date, reason from marts.attendance_missing_days where month in ${recentMonths()}
    order by work_date`,
});
