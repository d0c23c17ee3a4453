/*
grain: one row per score event of an open month, from every rule, with its appeal outcome
unique: [event_id]
not_null: [event_id, month, staff_id, rule_code, points, event_date, source, source_ref, void]
*/
-- rules.md §9: an event belongs to the month of its date; only days within the person's roster
-- dates are scored (§1). rules.md §14: an upheld appeal (撤销) voids the event, which stays listed;
-- where several appeals name one event, an upheld one wins over a pending one over a rejected one.
with all_events as (
  select event_id, staff_id, rule_code, points, event_date, session, source, source_ref, detail, trigger_code
  from intermediate.int_attendance_events
  union all by name select * from intermediate.int_away_events
  union all by name select * from intermediate.int_patrol_events
  union all by name select * from intermediate.int_case_events
  union all by name select * from intermediate.int_complaint_events
  union all by name select * from intermediate.int_commendation_events
),

in_scope as (
  select all_events.*, strftime(all_events.event_date, '%Y-%m') as month
  from all_events
  inner join intermediate.int_staff
    on int_staff.staff_id = all_events.staff_id
    and within_period(all_events.event_date, int_staff.start_date, int_staff.end_date)
  where strftime(all_events.event_date, '%Y-%m') in (select month from intermediate.int_months where is_open)
),

appeal_matches as (
  select
    in_scope.event_id,
    int_appeals.appeal_id,
    int_appeals.appeal_status,
    int_appeals.appeal_precedence
  from in_scope
  inner join intermediate.int_appeals
    on int_appeals.target_id = in_scope.event_id
    or (
      int_appeals.target_id is null
      and int_appeals.staff_id = in_scope.staff_id
      and int_appeals.rule_code = in_scope.rule_code
      and int_appeals.target_date = in_scope.event_date
    )
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
