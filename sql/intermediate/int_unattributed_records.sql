/*
grain: one row per queue ticket, evaluation or patrol finding that needs a person and that no staff member can be attributed to
unique: [source, load_id, line]
not_null: [source, load_id, line, reason_kind, reason, event_date, month]
accepted_values:
  source: [queue, evaluations, patrol]
  reason_kind: [人员不在名册, 无法确定当班人员]
*/
-- rules.md §13 and §14: who was on duty at a window comes from the sessions of the months this run
-- computes (int_post_sessions reads open months only), so a frozen month's records are not
-- attributed again: the records its frozen results left without a person are the ones it was frozen
-- with (history, written by freezeFinalMonths). Rows that reached a frozen month later are decided
-- as this run can.
with frozen as (
  select month, frozen_through_load_id from intermediate.int_months where is_frozen
),

decided_now as (
  select records.*, strftime(records.record_at, '%Y-%m') as month
  from intermediate.int_attributed_records as records
  left join frozen on frozen.month = strftime(records.record_at, '%Y-%m')
  where records.staff_id is null and records.needs_person
    and (frozen.month is null or records.load_id > frozen.frozen_through_load_id)
),

decided_now_with_reasons as (
  select
    source,
    load_id,
    line,
    case when named_staff_id is not null or named_queue_login is not null then '人员不在名册' else '无法确定当班人员' end
      as reason_kind,
    case
      when named_staff_id is not null then '人员不在名册：工号 ' || named_staff_id
      when named_queue_login is not null then '人员不在名册：叫号账号 ' || named_queue_login
      when window_no is null then '无法确定当班人员：未注明人员或窗口'
      when window_no not in (select window_no from intermediate.int_staff union select backup_window_no from intermediate.int_staff where backup_window_no is not null)
        then '窗口不在名册：窗口号 ' || window_no
      else '无法确定当班人员：窗口 ' || window_no || ' 在 ' || strftime(record_at, '%Y-%m-%d %H:%M')
        || ' 无叫号登录，A岗、B岗人员均不在岗'
    end as reason,
    record_at::date as event_date,
    month
  from decided_now
),

decided_when_frozen as (
  select kept.source, kept.load_id, kept.line, kept.reason_kind, kept.reason, kept.event_date, kept.month
  from history.int_unattributed_records as kept
  inner join frozen on frozen.month = kept.month
  where kept.load_id <= frozen.frozen_through_load_id
)

select * from decided_now_with_reasons
union all
select * from decided_when_frozen
