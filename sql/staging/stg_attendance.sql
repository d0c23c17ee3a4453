/*
grain: one row per loaded punch of the attendance exports and device logs (考勤机记录)
comment: 考勤打卡记录（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.attendance_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    normalize_attendance_no(attendance_no) as attendance_no,
    parse_local_timestamp(punched_at) as punched_at,
    clean(device) as device,
    clean(source_rows.punched_at) as punched_at_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when attendance_no is null then '缺少必填项：考勤号码'
      when punched_at_text is null then '缺少必填项：日期时间'
      when has_lost_digits(attendance_no) then '科学计数法，位数已丢失：考勤号码 ' || attendance_no
      when punched_at is null then '时间无法识别：日期时间 ' || punched_at_text
    end as rejection
  from typed
)

select * exclude (punched_at_text), punched_at::date as event_date
from checked
