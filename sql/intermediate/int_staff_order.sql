/*
grain: one row per staff member and month scored (int_staff_scores)
comment: 人员月度名次与严格排序（得分、好评率、办件量、扣分事件数、工号）
unique: [month, staff_id]
not_null: [month, staff_id, evaluations, served_tickets, rank, order_no]
range:
  good_rate: [0, 1]
  evaluations: [0, null]
  served_tickets: [0, null]
  rank: [1, null]
  order_no: [1, null]
columns:
  month: 考核月份（YYYY-MM）
  staff_id: 工号
  good_rate: 好评率（好评 ÷ 全部评价）；无评价为空
  evaluations: 评价数
  served_tickets: 办件量（已办理的叫号数）
  rank: 名次（按得分并列排名：1、2、2、4）
  order_no: 严格排序序号（得分、好评率、办件量、扣分事件数、工号）
  tie_break: 与同分者之间由哪一项决定先后（好评率/办件量/扣分事件数/工号）；得分不并列时为空
*/
-- rules.md §9: competition rank on score; strict order by score, 好评率 (none sorts last), served
-- tickets, fewer deduction events, 工号.
with served as (
  select tickets.month, tickets.staff_id, count(*) filter (where tickets.is_served) as served_tickets
  from intermediate.int_queue_tickets as tickets
  inner join intermediate.int_months on int_months.month = tickets.month and int_months.is_open
  group by tickets.month, tickets.staff_id
),

keyed as (
  select
    scores.month,
    scores.staff_id,
    scores.score,
    scores.deduction_events,
    rates.good_rate,
    coalesce(rates.evaluations, 0) as evaluations,
    coalesce(served.served_tickets, 0) as served_tickets
  from intermediate.int_staff_scores as scores
  left join intermediate.int_evaluation_rates as rates using (month, staff_id)
  left join served using (month, staff_id)
),

ordered as (
  select
    *,
    rank() over (partition by month order by score desc) as rank,
    row_number() over (
      partition by month order by score desc, good_rate desc nulls last, served_tickets desc, deduction_events asc, staff_id asc
    ) as order_no,
    -- the keys after the score, compared with a neighbour of the same score
    {good_rate: good_rate, served_tickets: served_tickets, deduction_events: deduction_events} as tie_keys
  from keyed
),

-- the neighbour in strict order with the same score, if any (the one before, else the one after)
tied as (
  select
    *,
    case
      when lag(score) over w = score then lag(tie_keys) over w
      when lead(score) over w = score then lead(tie_keys) over w
    end as tied_with
  from ordered
  window w as (partition by month order by order_no)
)

-- which key of the strict order separates this person from the neighbour with the same score
select
  month,
  staff_id,
  good_rate,
  evaluations::integer as evaluations,
  served_tickets::integer as served_tickets,
  rank::integer as rank,
  order_no::integer as order_no,
  case
    when tied_with is null then null
    when tied_with.good_rate is distinct from good_rate then '好评率'
    when tied_with.served_tickets <> served_tickets then '办件量'
    when tied_with.deduction_events <> deduction_events then '扣分事件数'
    else '工号'
  end as tie_break
from tied
