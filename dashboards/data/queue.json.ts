// 排队与效率: wait and service-time distributions, the weekday × hour waiting heatmap, and the share
// called within the target wait per window and per staff member.
import { recentMonths, writeJson } from "./warehouse.ts";

const perGroup = (keys: string) => `
  select month, ${keys}, sum(tickets) as tickets, sum(served) as served, sum(no_shows) as no_shows,
    sum(within_target) as within_target, sum(within_target) / nullif(sum(tickets - no_shows), 0) as within_target_rate,
    sum(avg_wait_s * (tickets - no_shows)) / nullif(sum(tickets - no_shows), 0) as avg_wait_s,
    max(p90_wait_s) as max_p90_wait_s,
    sum(avg_service_s * served) / nullif(sum(served), 0) as avg_service_s
  from marts.queue_daily where month in ${recentMonths()} group by all order by month, ${keys}`;

await writeJson(import.meta.url, {
  months: `select month, status, target_wait_minutes from marts.months where month in ${recentMonths()} order by month`,
  durations: `select month, department, measure, bucket_minutes, tickets
    from marts.queue_durations where month in ${recentMonths()} order by month, department, measure, bucket_minutes`,
  hourly: `select month, weekday, hour, sum(tickets) as tickets, count(distinct work_date) as days,
      sum(avg_wait_s * called) / nullif(sum(called), 0) as avg_wait_s
    from marts.queue_hourly where month in ${recentMonths()} group by all order by month, weekday, hour`,
  windows: perGroup("department, window_no"),
  staff: perGroup("department, staff_id, staff_name"),
});
