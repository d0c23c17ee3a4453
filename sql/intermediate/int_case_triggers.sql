/*
grain: one row per case fact that raises a §10 trigger without scoring (overdue case, 即办件 not done on the day)
comment: 办件引发的责任追究线索：逾期办件（R02）与即办件未当场办结（R04）
unique: [event_id]
not_null: [event_id, staff_id, trigger_code, event_date, source, source_ref, detail]
accepted_values:
  trigger_code: [R02, R04]
columns:
  event_id: 线索编号，如 CASE_OVERDUE:S0001:2026-10-12:BJ001
  staff_id: 工号
  trigger_code: 责任追究条款
  event_date: 发生日期（逾期：期限日后的第一个工作日；即办件：受理日）
  source: 数据来源
  source_ref: 证据：文件与行号
  detail: 情况说明
*/
-- rules.md §5 and §10: an overdue 承诺件 raises R02 on the first working day after its deadline day
-- (the day it first was overdue); a 即办件 not completed on its acceptance day raises R04 on that day,
-- and only R04 (rev 2: "A late 即办件 raises R04 only, not also R02"), although its deadline, the
-- acceptance day, has passed too. The trigger codes come from seeds.event_triggers.
with overdue as (
  select
    'CASE_OVERDUE:' || staff_id || ':' || strftime(overdue_on, '%Y-%m-%d') || ':' || case_id as event_id,
    staff_id,
    'CASE_OVERDUE' as rule_code,
    overdue_on as event_date,
    source_ref,
    case_kind || ' ' || case_id || ' 办结期限 ' || strftime(deadline_date, '%Y-%m-%d') || '，'
      || case when completed_at is null then '截至 ' || strftime(getvariable('as_of'), '%Y-%m-%d') || ' 仍未办结'
        else '办结于 ' || strftime(completed_at, '%Y-%m-%d %H:%M:%S') end as detail
  from intermediate.int_cases
  -- a late 即办件 is overdue as well, but raises R04 alone (same_day_missed below): one fact, one trigger
  where is_overdue and case_kind = '承诺件'
),

same_day_missed as (
  select
    'CASE_SAME_DAY_MISSED:' || staff_id || ':' || strftime(accepted_on, '%Y-%m-%d') || ':' || case_id as event_id,
    staff_id,
    'CASE_SAME_DAY_MISSED' as rule_code,
    accepted_on as event_date,
    source_ref,
    '即办件 ' || case_id || ' 受理于 ' || strftime(accepted_at, '%Y-%m-%d %H:%M:%S') || '，'
      || case when completed_at is null then '截至 ' || strftime(getvariable('as_of'), '%Y-%m-%d') || ' 仍未办结'
        else '办结于 ' || strftime(completed_at, '%Y-%m-%d %H:%M:%S') end || '，未当场办结' as detail
  from intermediate.int_cases
  where is_same_day_missed
),

facts as (
  select * from overdue
  union all select * from same_day_missed
)

select
  facts.event_id,
  facts.staff_id,
  event_triggers.trigger as trigger_code,
  facts.event_date,
  '审批平台' as source,
  facts.source_ref,
  facts.detail
from facts
inner join seeds.event_triggers using (rule_code)
