// 排队与效率: the month's queue figures for the hall, each department, window and staff member, the
// wait and service-time distributions, and the weekday × hour waiting heatmap.
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status, target_wait_minutes from marts.months where month in ${recentMonths()} order by month`,
  groups: `select month, level, department, window_no, staff_id, staff_name, tickets, called, served, no_shows,
      within_target_rate, no_show_rate, avg_wait_s, p90_wait_s, avg_service_s
    from marts.queue_month where month in ${recentMonths()}
    order by month, level, department, window_no, staff_id`,
  durations: `select month, level, department, measure, bucket_minutes, bucket_label, tickets
    from marts.queue_durations where month in ${recentMonths()}
    order by month, level, department, measure, bucket_minutes`,
  hourly: `select month, weekday, hour, tickets, days, avg_wait_s, within_target_rate
    from marts.queue_hourly where month in ${recentMonths()} order by month, weekday, hour`,
});
