/*
grain: one row per loaded row of the staff roster (人员名册)
comment: 人员名册（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.roster_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    clean_identifier(staff_id) as staff_id,
    clean(name) as staff_name,
    clean(department) as department,
    clean_identifier(window_no) as window_no,
    clean_identifier(backup_window_no) as backup_window_no,
    normalize_attendance_no(attendance_no) as attendance_no,
    clean_identifier(queue_login) as queue_login,
    clean_identifier(platform_account) as platform_account,
    parse_local_date(start_date) as start_date,
    parse_local_date(end_date) as end_date,
    clean(source_rows.start_date) as start_date_text,
    clean(source_rows.end_date) as end_date_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when staff_id is null then '缺少必填项：工号'
      when staff_name is null then '缺少必填项：姓名'
      when department is null then '缺少必填项：部门'
      when window_no is null then '缺少必填项：窗口号'
      when start_date_text is null then '缺少必填项：入岗日期'
      when has_lost_digits(staff_id) then '科学计数法，位数已丢失：工号 ' || staff_id
      when has_lost_digits(window_no) then '科学计数法，位数已丢失：窗口号 ' || window_no
      when has_lost_digits(backup_window_no) then '科学计数法，位数已丢失：B岗窗口 ' || backup_window_no
      when has_lost_digits(attendance_no) then '科学计数法，位数已丢失：考勤号码 ' || attendance_no
      when has_lost_digits(queue_login) then '科学计数法，位数已丢失：叫号账号 ' || queue_login
      when has_lost_digits(platform_account) then '科学计数法，位数已丢失：审批账号 ' || platform_account
      when start_date is null then '日期无法识别：入岗日期 ' || start_date_text
      when end_date_text is not null and end_date is null then '日期无法识别：离岗日期 ' || end_date_text
      when end_date < start_date then '结束早于开始：离岗日期 ' || end_date_text || ' 早于入岗日期 ' || start_date_text
    end as rejection
  from typed
)

select * exclude (start_date_text, end_date_text), null::date as event_date
from checked
