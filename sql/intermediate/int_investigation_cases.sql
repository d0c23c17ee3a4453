/*
grain: one row per responsibility case (proposed by events, or entered in the register) of an open month
unique: [case_id]
not_null: [case_id, month, staff_id, trigger, occurred_on, base_tier_rank, final_tier_rank, status, void, blocks_eligibility]
accepted_values:
  status: [建议, 已认定, 不予追究, 合并]
*/
-- rules.md §10:
-- * each triggering event proposes a case; events of one person, trigger and day are one case;
-- * the register acts on a proposed case by its id, or by 工号 + trigger + date, or enters a new case;
-- * tier: 较轻 unless the register says otherwise; +1 when the person already has a confirmed
--   (已认定) case within the 365 days before this one (rev 2: a proposal nobody has confirmed never
--   makes a later case heavier), or the register flags an aggravating circumstance; −1 for a
--   mitigating flag; both together cancel; capped at the top, below 告诫 is 免于处理;
-- * 取消评优评先资格 or heavier blocks eligibility in the case's month (a proposed case too).
-- rules.md §14: an upheld appeal against the case, or against all of the events behind it, voids it.
with triggering_events as (
  select event_id, staff_id, trigger_code, event_date, void
  from intermediate.int_score_events
  where trigger_code is not null
  union all
  select triggers.event_id, triggers.staff_id, triggers.trigger_code, triggers.event_date, false
  from intermediate.int_case_triggers as triggers
  inner join intermediate.int_staff on int_staff.staff_id = triggers.staff_id
  where strftime(triggers.event_date, '%Y-%m') in (select month from intermediate.int_months where is_open)
),

proposed as (
  select
    'INV:' || trigger_code || ':' || staff_id || ':' || strftime(event_date, '%Y-%m-%d') as case_id,
    staff_id,
    trigger_code as trigger,
    event_date as occurred_on,
    list(event_id order by event_id) as event_ids,
    bool_and(void) as events_void
  from triggering_events
  group by staff_id, trigger_code, event_date
),

register_matches as (
  -- a register row names a proposed case by id, else by person, trigger and date
  select
    proposed.case_id,
    register.*
  from proposed
  inner join intermediate.int_investigation_register as register
    on register.register_case_id = proposed.case_id
    or (
      register.staff_id = proposed.staff_id
      and register.trigger = proposed.trigger
      and register.occurred_on = proposed.occurred_on
    )
  qualify row_number() over (
    partition by proposed.case_id order by (register.register_case_id = proposed.case_id) desc, register.load_id desc, register.line desc
  ) = 1
),

-- a register row that names a proposed case by its id (INV:<trigger>:<工号>:<date>) when no event
-- proposes it any more (its event was corrected away, or turned into another rule, as a late case
-- entry turns CASE_NOT_ENTERED into CASE_LATE_ENTRY, §5) stays the register's own case, under the
-- trigger and date its id names
register_cases as (
  select
    register.*,
    nullif(regexp_extract(register.register_case_id, '^INV:(R[0-9]{2}):[^:]+:[0-9-]{10}$', 1), '') as id_trigger,
    try_cast(nullif(regexp_extract(register.register_case_id, '^INV:R[0-9]{2}:[^:]+:([0-9-]{10})$', 1), '') as date)
      as id_date
  from intermediate.int_investigation_register as register
  where register.register_key not in (select register_key from register_matches)
),

manual as (
  select
    coalesce(register_case_id, register_key) as case_id,
    staff_id,
    coalesce(trigger, id_trigger, 'R13') as trigger,
    coalesce(occurred_on, id_date, decided_on) as occurred_on,
    []::varchar[] as event_ids,
    false as events_void
  from register_cases
  where coalesce(occurred_on, id_date, decided_on) is not null
    and staff_id in (select staff_id from intermediate.int_staff)
),

cases as (
  select proposed.*, 'event' as origin from proposed
  union all
  select manual.*, 'register' from manual
),

registered as (
  select
    cases.*,
    strftime(cases.occurred_on, '%Y-%m') as month,
    coalesce(register_matches.decision, manual_register.decision, '建议') as status,
    coalesce(register_matches.severity, manual_register.severity, '较轻') as severity,
    coalesce(register_matches.aggravating, manual_register.aggravating, []) as register_aggravating,
    coalesce(register_matches.mitigating, manual_register.mitigating, []) as register_mitigating,
    coalesce(register_matches.merged_into, manual_register.merged_into) as merged_into,
    coalesce(register_matches.decided_on, manual_register.decided_on) as decided_on,
    coalesce(register_matches.source_ref, manual_register.source_ref) as register_ref
  from cases
  left join register_matches on cases.origin = 'event' and register_matches.case_id = cases.case_id
  left join intermediate.int_investigation_register as manual_register
    on cases.origin = 'register' and coalesce(manual_register.register_case_id, manual_register.register_key) = cases.case_id
  where strftime(cases.occurred_on, '%Y-%m') in (select month from intermediate.int_months where is_open)
),

appealed as (
  select
    registered.case_id,
    arg_min(int_appeals.appeal_id, int_appeals.appeal_precedence) as appeal_id,
    bool_or(int_appeals.appeal_status = '撤销') as upheld
  from registered
  inner join intermediate.int_appeals
    on int_appeals.target_id = registered.case_id
    or (
      int_appeals.target_id is null
      and int_appeals.staff_id = registered.staff_id
      and int_appeals.rule_code = registered.trigger
      and int_appeals.target_date = registered.occurred_on
    )
  group by registered.case_id
),

judged as (
  select
    registered.*,
    coalesce(appealed.upheld, false) or (registered.origin = 'event' and registered.events_void) as void,
    appealed.appeal_id
  from registered
  left join appealed using (case_id)
),

-- cases that count for the repeat rule: confirmed and not void (frozen months too)
counting as (
  select case_id, staff_id, occurred_on
  from judged
  where status = '已认定' and not void
  union all
  select case_id, staff_id, occurred_on
  from history.investigations
  where status = '已认定' and not void
    and month not in (select month from intermediate.int_months where is_open)
  union all
  -- cases the register confirmed in months this installation never scored (before it ran, say)
  select coalesce(register_case_id, register_key), staff_id, coalesce(occurred_on, decided_on)
  from intermediate.int_investigation_register
  where decision = '已认定'
    and strftime(coalesce(occurred_on, decided_on), '%Y-%m') not in (select month from intermediate.int_months)
    and coalesce(register_case_id, register_key) not in (select case_id from history.investigations)
),

repeats as (
  select
    judged.case_id,
    count(counting.case_id) as earlier_cases
  from judged
  inner join counting
    on counting.staff_id = judged.staff_id
    and counting.case_id <> judged.case_id
    and counting.occurred_on >= judged.occurred_on - to_days(getvariable('investigations_aggravation_window_days')::integer)
    and (counting.occurred_on < judged.occurred_on or (counting.occurred_on = judged.occurred_on and counting.case_id < judged.case_id))
  group by judged.case_id
),

tiered as (
  select
    judged.*,
    base.tier_rank::integer as base_tier_rank,
    base.tier as base_tier,
    coalesce(repeats.earlier_cases, 0) as earlier_cases,
    list_concat(
      case
        when coalesce(repeats.earlier_cases, 0) > 0 and judged.status in ('建议', '已认定') and not judged.void
          then ['一年内再次发生（此前已认定 ' || repeats.earlier_cases || ' 起）']
        else []
      end,
      judged.register_aggravating
    ) as aggravating_list
  from judged
  inner join seeds.tiers as base on base.severity = judged.severity
  left join repeats using (case_id)
),

tier_bounds as (
  -- the top tier, and the lightest that blocks eligibility (rules.md §10: 取消评优评先资格 or heavier)
  select
    max(tier_rank::integer) as top_rank,
    min(tier_rank::integer) filter (where tier = '取消评优评先资格') as blocking_rank
  from seeds.tiers
),

final_tiers as (
  select
    tiered.* exclude (register_aggravating, aggravating_list),
    array_to_string(tiered.aggravating_list, '、') as aggravating,
    array_to_string(tiered.register_mitigating, '、') as mitigating,
    least(
      tier_bounds.top_rank,
      greatest(0, tiered.base_tier_rank + (len(tiered.aggravating_list) > 0)::integer - (len(tiered.register_mitigating) > 0)::integer)
    ) as final_tier_rank,
    tier_bounds.blocking_rank
  from tiered
  cross join tier_bounds
)

select
  final_tiers.* exclude (blocking_rank),
  not final_tiers.void
    and final_tiers.status in ('建议', '已认定')
    and final_tiers.final_tier_rank >= final_tiers.blocking_rank as blocks_eligibility
from final_tiers
