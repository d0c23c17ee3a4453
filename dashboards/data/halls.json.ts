// 大厅对比: each hall's month figures and award winners as marts.hall_month publishes them (rules.md §15).
import { writeJson } from "./warehouse.ts";

await writeJson(
  import.meta.url,
  {
    figures: `select hall.hall_code, hall.hall_name, hall.month, months.status, months.staff_ranked,
        hall.avg_score::double as avg_score, hall.evaluations, hall.good_rate, hall.served, hall.avg_wait_s,
        hall.within_target_rate, hall.empty_post_sessions, hall.verified_complaints,
        hall.verified_complaints_per_10k_served, hall.cases, hall.overdue_cases, hall.overdue_cases_per_1k,
        hall.standout_staff_id, hall.standout_staff_name, hall.standout_window
      from marts.hall_month as hall
      join marts.months as months using (hall_code, month)
      where month in (select distinct month from marts.months order by month desc limit 12)
      order by month, hall_code`,
  },
  { acrossHalls: true },
);
