/*
grain: one row per evaluation (latest version) that names a ticket the queue system knows
comment: 评价与其叫号票的对应：叫号、办结时间，同一窗口下一张票的叫号时间，评价距办结的秒数
unique: [evaluation_id]
not_null: [evaluation_id, evaluated_at, month, ticket_no, window_no, outcome]
columns:
  evaluation_id: 评价编号
  evaluated_at: 评价时间
  month: 月份
  rating: 好评/中评/差评
  staff_id: 被评价人员工号
  ticket_no: 流水号
  window_no: 窗口号（叫号流水中的窗口）
  outcome: 办理结果
  called_at: 叫号时间
  started_at: 开始办理时间
  finished_at: 办结时间
  next_ticket_no: 同一窗口当天叫的下一张票的流水号
  next_called_at: 同一窗口当天下一张票的叫号时间
  delay_s: 评价距办结的秒数（未办结为空）
  source_ref: 证据：文件与行号
*/
-- Issue 17: an evaluation is tied to its service through its 流水号; what the window did next
-- tells whether the rating could still be about that service.
with window_calls as (
  select
    ticket_no,
    lead(ticket_no) over (partition by window_no, work_date order by called_at, ticket_no) as next_ticket_no,
    lead(called_at) over (partition by window_no, work_date order by called_at, ticket_no) as next_called_at
  from intermediate.int_queue_tickets
  where called_at is not null
)

select
  evaluations.evaluation_id,
  evaluations.evaluated_at,
  evaluations.month,
  evaluations.rating,
  evaluations.staff_id,
  evaluations.ticket_no,
  tickets.window_no,
  tickets.outcome,
  tickets.called_at,
  tickets.started_at,
  tickets.finished_at,
  window_calls.next_ticket_no,
  window_calls.next_called_at,
  epoch(evaluations.evaluated_at - tickets.finished_at) as delay_s,
  evaluations.source_ref
from intermediate.int_evaluations as evaluations
inner join intermediate.int_queue_tickets as tickets using (ticket_no)
left join window_calls using (ticket_no)
