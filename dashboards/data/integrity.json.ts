// 疑似异常评价: the inspectors' leads on the evaluations and the share of evaluations they name.
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status from marts.months where month in ${recentMonths()} order by month`,
  summary: `select month, evaluations, flags, flagged_evaluations, flagged_share
    from marts.evaluation_flag_month where month in ${recentMonths()} order by month`,
  flags: `select flag_id, month, pattern, staff_id, staff_name, department, window_no, window_from, window_to,
      evaluations, evidence, rule, evaluation_ids, source_ref
    from marts.evaluation_flags where month in ${recentMonths()} order by pattern, window_from, flag_id`,
});
