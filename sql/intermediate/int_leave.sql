/*
grain: one row per leave or official-business record (编号), the latest valid row, of a staff member the roster knows
unique: [leave_id]
not_null: [leave_id, staff_id, leave_kind, starts_at, ends_at, approval, is_approved, source_ref]
*/
-- rules.md §2: leave and official business (公出、开会…) only count when approved; an unapproved
-- slip is void. Rows naming a person the roster does not know go to the quarantine
-- (int_unattributed_rows) instead.
select stg_leave.*
from staging.stg_leave
where stg_leave.rejection is null
  and stg_leave.staff_id in (select staff_id from intermediate.int_staff)
qualify row_number() over (partition by stg_leave.leave_id order by stg_leave.load_id desc, stg_leave.line desc) = 1
