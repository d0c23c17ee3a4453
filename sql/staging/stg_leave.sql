/*
grain: one row per loaded row of the leave and official-business register (请假/公出登记)
comment: 请假/公出登记（已类型化，含校验结论）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
with source_rows as (
  select * from raw.leave_rows
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    load_id,
    line,
    source_ref,
    clean_identifier(id) as leave_id,
    clean_identifier(staff_id) as staff_id,
    clean(kind) as leave_kind,
    parse_local_timestamp(starts_at) as starts_at,
    parse_local_end_timestamp(ends_at) as ends_at,
    normalize_enumerated(approval) as approval,
    clean(approver) as approver,
    clean_identifier(cover_staff_id) as cover_staff_id,
    clean(source_rows.starts_at) as starts_at_text,
    clean(source_rows.ends_at) as ends_at_text
  from source_rows
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when leave_id is null then '缺少必填项：编号'
      when staff_id is null then '缺少必填项：工号'
      when leave_kind is null then '缺少必填项：类型'
      when starts_at_text is null then '缺少必填项：开始时间'
      when ends_at_text is null then '缺少必填项：结束时间'
      when approval is null then '缺少必填项：审批状态'
      when has_lost_digits(leave_id) then '科学计数法，位数已丢失：编号 ' || leave_id
      when has_lost_digits(staff_id) then '科学计数法，位数已丢失：工号 ' || staff_id
      when has_lost_digits(cover_staff_id) then '科学计数法，位数已丢失：顶岗人工号 ' || cover_staff_id
      when starts_at is null then '时间无法识别：开始时间 ' || starts_at_text
      when ends_at is null then '时间无法识别：结束时间 ' || ends_at_text
      when approval not in ('已批准', '未批准', '待审批')
        then '取值不在列表中：审批状态 ' || approval || '（应为 已批准/未批准/待审批）'
      when ends_at <= starts_at then '结束早于开始：结束时间 ' || ends_at_text || ' 不晚于开始时间 ' || starts_at_text
    end as rejection
  from typed
)

select * exclude (starts_at_text, ends_at_text), approval = '已批准' as is_approved, starts_at::date as event_date
from checked
