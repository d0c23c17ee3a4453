/*
grain: one row per queue ticket, evaluation and patrol finding (its latest valid version, from int_latest_*) with the staff member it is attributed to
unique: [source, record_id]
not_null: [source, record_id, load_id, line, record_at]
accepted_values:
  source: [queue, evaluations, patrol]
  attributed_by: [记录人员, 叫号账号, 流水号, 叫号登录, A岗, B岗]
*/
-- rules.md §13: a record that names its person (工号, or an account the roster maps) is theirs; an
-- evaluation naming only a ticket follows the ticket; a record that names only a window goes to the
-- person logged in there at the time, else the A holder if present in that session, else the B
-- holder if present. What still has no person is quarantined (int_unattributed_rows).
with records as (
  select 'queue' as source, ticket_no as record_id, load_id, line, window_no, queue_login, null as staff_id,
    null as ticket_no, coalesce(started_at, called_at, issued_at) as record_at, true as needs_person
  from intermediate.int_latest_queue
  union all
  select 'evaluations', evaluation_id, load_id, line, window_no, queue_login, staff_id, ticket_no, evaluated_at, true
  from intermediate.int_latest_evaluations
  union all
  -- a 正常 patrol row counts toward coverage even when nobody can be named for it
  select 'patrol', patrol_id, load_id, line, window_no, null, staff_id, null, patrolled_at, finding_code <> 'NORMAL'
  from intermediate.int_latest_patrol
),

-- a named 工号 or queue account has at most one holder on a day (int_staff, int_staff_accounts):
-- plain left joins against the roster, never a ranking over the records
direct as (
  select
    records.*,
    coalesce(named_staff.staff_id, account_holder.staff_id) as direct_staff_id,
    case when named_staff.staff_id is not null then '记录人员' when account_holder.staff_id is not null then '叫号账号' end
      as direct_basis
  from records
  left join intermediate.int_staff as named_staff
    on named_staff.staff_id = records.staff_id
    and within_period(records.record_at::date, named_staff.start_date, named_staff.end_date)
  left join intermediate.int_staff_accounts as account_holder
    on account_holder.account_kind = 'queue'
    and account_holder.account = records.queue_login
    and within_period(records.record_at::date, account_holder.start_date, account_holder.end_date)
),

-- only records that name no person or account are attributed by window (most tickets name one)
unnamed as (
  select * from direct where staff_id is null and queue_login is null
),

by_login as (
  select unnamed.source, unnamed.record_id, int_queue_logins.staff_id
  from unnamed
  inner join intermediate.int_queue_logins
    on int_queue_logins.window_no = unnamed.window_no
    and unnamed.record_at >= int_queue_logins.login_at
    and unnamed.record_at < int_queue_logins.logout_at
  qualify row_number() over (partition by unnamed.source, unnamed.record_id order by int_queue_logins.login_at desc) = 1
),

by_post as (
  select unnamed.source, unnamed.record_id, int_post_sessions.a_present_staff_id, int_post_sessions.b_present_staff_id
  from unnamed
  inner join intermediate.int_calendar_days on int_calendar_days.calendar_date = unnamed.record_at::date
  inner join intermediate.int_post_sessions
    on int_post_sessions.window_no = unnamed.window_no
    and int_post_sessions.calendar_date = unnamed.record_at::date
    and int_post_sessions.session = case when unnamed.record_at < int_calendar_days.lunch_midpoint_at then 'AM' else 'PM' end
),

by_window as (
  select
    unnamed.source,
    unnamed.record_id,
    coalesce(by_login.staff_id, by_post.a_present_staff_id, by_post.b_present_staff_id) as staff_id,
    case
      when by_login.staff_id is not null then '叫号登录'
      when by_post.a_present_staff_id is not null then 'A岗'
      when by_post.b_present_staff_id is not null then 'B岗'
    end as basis
  from unnamed
  left join by_login using (source, record_id)
  left join by_post using (source, record_id)
),

-- an evaluation that names only its ticket belongs to whoever served the ticket
served_tickets as (
  select source, record_id, direct_staff_id
  from direct
  where source = 'queue'
    and record_id in (select ticket_no from unnamed where source = 'evaluations' and ticket_no is not null)
),

ticket_staff as (
  select served_tickets.record_id as ticket_no, coalesce(served_tickets.direct_staff_id, by_window.staff_id) as staff_id
  from served_tickets
  left join by_window using (source, record_id)
),

-- the window's person is looked up for the unnamed records alone: joining it back to every record
-- by key would build a hash table of all of them
attributed as (
  select *, null as window_staff_id, null as window_basis
  from direct
  where staff_id is not null or queue_login is not null
  union all
  select unnamed.*, by_window.staff_id, by_window.basis
  from unnamed
  left join by_window using (source, record_id)
)

select
  attributed.source,
  attributed.record_id,
  attributed.load_id,
  attributed.line,
  attributed.window_no,
  attributed.record_at,
  attributed.needs_person,
  -- a named person or account the roster does not know is quarantined, not guessed from the window
  coalesce(attributed.direct_staff_id, ticket_staff.staff_id, attributed.window_staff_id) as staff_id,
  case
    when attributed.direct_staff_id is not null then attributed.direct_basis
    when ticket_staff.staff_id is not null then '流水号'
    else attributed.window_basis
  end as attributed_by,
  -- what was named but not known, for the quarantine's reason
  attributed.staff_id as named_staff_id,
  attributed.queue_login as named_queue_login
from attributed
-- only evaluations carry a ticket number in records: an equality join, never a nested loop
left join ticket_staff on ticket_staff.ticket_no = attributed.ticket_no
