// 规则说明: the rules in force as the warehouse publishes them — every rule code (marts.rule_codes)
// and every setting of each month (marts.rule_parameters).
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status from marts.months where month in ${recentMonths()} order by month`,
  codes: `select rule_code, rule_name, section, category, points::double as points, raised_when, trigger, trigger_name
    from marts.rule_codes order by position`,
  parameters: `select month, key, label, display, number, section, applies
    from marts.rule_parameters where month in ${recentMonths()}
    order by month, try_cast(substr(section, 2) as integer), position, valid_from`,
});
