// 责任追究与投诉: cases by tier and status, complaints against their time limits.
import { recentMonths, writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months: `select month, status from marts.months where month in ${recentMonths()} order by month`,
  tiers: `select month, final_tier, status, cases from marts.investigation_month where month in ${recentMonths()}
    order by month, final_tier, status`,
  cases: `select case_id, month, staff_id, staff_name, department, trigger, trigger_name, occurred_on, event_id,
      base_tier, aggravating, mitigating, final_tier, status, merged_into, decided_on, register_ref,
      blocks_eligibility, void, appeal_id
    from marts.investigations where month in ${recentMonths()} order by occurred_on, case_id`,
  complaints: `select complaint_id, month, received_at, channel, staff_id, staff_name, department, category,
      complexity, finding, at_fault, is_verified, decided_at, decision_deadline, feedback_at, feedback_deadline,
      is_overdue, overdue_reason, event_id
    from marts.complaints where month in ${recentMonths()} order by is_overdue desc, received_at`,
});
