/*
grain: one row per score event of an open month, from every rule, with its appeal outcome
unique: [event_id]
not_null: [event_id, month, staff_id, rule_code, points, event_date, source, source_ref, void]
*/
-- rules.md §9: an event belongs to the month of its date; only days within the person's roster
-- dates are scored (§1). rules.md §14: an upheld appeal (撤销) voids the event, which stays listed;
-- where several appeals name one event, an upheld one wins over a pending one over a rejected one.
-- An appeal names an event by its id, or by 工号 + rule code + date; a late entry also answers to
-- the CASE_NOT_ENTERED it replaced (rules.md §5, int_case_events).
with all_events as (
  select event_id, staff_id, rule_code, points, event_date, session, source, source_ref, detail, trigger_code
  from intermediate.int_attendance_events
  union all by name select * from intermediate.int_away_events
  union all by name select * from intermediate.int_patrol_events
  union all by name select * from intermediate.int_case_events
  union all by name select * from intermediate.int_complaint_events
  union all by name select * from intermediate.int_commendation_events
  union all by name select * from intermediate.int_evaluation_events
),

in_scope as (
  select all_events.*, strftime(all_events.event_date, '%Y-%m') as month
  from all_events
  inner join intermediate.int_staff
    on int_staff.staff_id = all_events.staff_id
    and within_period(all_events.event_date, int_staff.start_date, int_staff.end_date)
  where strftime(all_events.event_date, '%Y-%m') in (select month from intermediate.int_months where is_open)
),

event_names as (
  select event_id, event_id as named_id, staff_id, rule_code, event_date from in_scope
  union all
  select event_id, replaces_event_id, staff_id, replaces_rule_code, replaces_event_date
  from in_scope
  where replaces_event_id is not null
),

-- two equality joins (by id, by 工号 + rule code + date) rather than one join on a disjunction
appeal_matches as (
  select event_names.event_id, int_appeals.appeal_id, int_appeals.appeal_status, int_appeals.appeal_precedence
  from event_names
  inner join intermediate.int_appeals on int_appeals.target_id = event_names.named_id
  union all
  select event_names.event_id, int_appeals.appeal_id, int_appeals.appeal_status, int_appeals.appeal_precedence
  from event_names
  inner join intermediate.int_appeals
    on int_appeals.target_id is null
    and int_appeals.staff_id = event_names.staff_id
    and int_appeals.rule_code = event_names.rule_code
    and int_appeals.target_date = event_names.event_date
),

appeal_outcomes as (
  select
    event_id,
    arg_min(appeal_id, appeal_precedence) as appeal_id,
    arg_min(appeal_status, appeal_precedence) as appeal_status
  from appeal_matches
  group by event_id
)

select
  in_scope.*,
  coalesce(appeal_outcomes.appeal_status = '撤销', false) as void,
  appeal_outcomes.appeal_id,
  appeal_outcomes.appeal_status
from in_scope
left join appeal_outcomes using (event_id)
