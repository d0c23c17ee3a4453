/*
grain: one row per staff member (工号), from the latest valid roster row
unique: [staff_id]
not_null: [staff_id, staff_name, department, window_no, start_date, source_ref]
*/
select
  staff_id,
  staff_name,
  department,
  window_no,
  backup_window_no,
  attendance_no,
  queue_login,
  platform_account,
  start_date,
  end_date,
  source_ref
from staging.stg_roster
where rejection is null
qualify row_number() over (partition by staff_id order by load_id desc, line desc) = 1
