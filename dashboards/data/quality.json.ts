// 数据质量: what was loaded, what was quarantined and why, roster problems, and data that arrived after a month was final.
import { writeJson } from "./warehouse.ts";

await writeJson(import.meta.url, {
  months:
    "select month, status, as_of, data_days, missing_data_days, pending_days, calendar_note, is_frozen from marts.months order by month",
  rosterFindings: `select finding, staff_id, staff_name, department, account_kind, account, holder_staff_id, holder_name,
      start_date, end_date, unscored_days, detail, source_ref
    from marts.roster_findings order by finding, staff_id, account_kind, start_date`,
  loads:
    "select path, source, loaded_at, status, reason, encoding, rows, quarantined from ops.loads order by loaded_at desc limit 500",
  quarantineSummary: "select source, reason_kind, rows, files from ops.quarantine_reasons order by rows desc",
  quarantine: `select path, line, source, reason_kind, reason, month from ops.quarantine
    order by load_id desc, path, line limit 500`,
  late: `select month, source, path, rows, first_line, loaded_at, is_new from ops.late_arrival_files
    where month in (select month from marts.months where is_frozen) order by loaded_at desc`,
});
