/*
grain: one row per staff member and month in which the member had at least one scheduled working day
comment: 人员月度考核：得分、名次、三工等级与文明服务标兵评选资格
unique: [month, staff_id]
not_null: [month, staff_id, staff_name, department, score, rank, order_no, grade, status, eligible]
accepted_values:
  grade: [优秀, 合格, 末位]
  status: [公示, 确认]
range:
  deduction_points: [0, null]
  addition_points: [0, null]
  deduction_events: [0, null]
  addition_events: [0, null]
  rank: [1, null]
  order_no: [1, null]
  good_rate: [0, 1]
  evaluations: [0, null]
  served_tickets: [0, null]
  scheduled_days: [0, null]
  duty_days: [0, null]
  duty_required_days: [0, null]
columns:
  month: 考核月份（YYYY-MM）
  staff_id: 工号
  staff_name: 姓名
  department: 部门（窗口单位）
  window_no: 窗口号（A岗）
  score: 月度得分 = 100 + 加分 − 扣分（不含申诉撤销的事件）
  deduction_points: 扣分合计（正数）
  addition_points: 加分合计（计入的部分）
  deduction_events: 扣分事件数
  addition_events: 加分事件数
  rank: 名次（按得分并列排名：1、2、2、4）
  order_no: 严格排序序号（得分、好评率、办件量、扣分事件数、工号）
  tie_break: 与同分者之间由哪一项决定先后（好评率/办件量/扣分事件数/工号）；得分不并列时为空
  grade: 月度三工等级：优秀/合格/末位
  good_rate: 好评率（好评 ÷ 全部评价）；无评价为空
  evaluations: 评价数
  served_tickets: 办件量（已办理的叫号数）
  scheduled_days: 应在岗工作日数（在名册日期内的工作日）
  duty_days: 在岗天数（有打卡且未请假的工作日）
  duty_required_days: 评优所需在岗天数（当月有考勤数据的工作日的一半；本人无考勤号码的日子不计）
  sanction_tier: 当月最重的责任追究处理（影响评优者）
  eligible: 是否具备文明服务标兵评选资格
  ineligible_reason: 不具备资格的原因
  is_award_winner: 是否当月文明服务标兵
  status: 结果状态：公示（申诉期内）/确认
*/
-- rules.md §9: score = 100 + additions − deductions over the month's non-void events (optional cap on
-- additions and floor under the score); competition rank on score; strict order by score, 好评率
-- (none sorts last), served tickets, fewer deduction events, 工号; grades 优秀 for the first
-- round(n × 18 %), 末位 for the last round(n × 2 %) (round half up), where a sanctioned person cannot be
-- 优秀 (the slot passes on) and only a score below 100 can be 末位.
-- rules.md §11: eligible for 文明服务标兵 = no blocking sanction and on duty on at least half of the
-- month's working days with attendance data (approved leave is not duty).
with ranked_staff as (
  select month, staff_id, count(distinct calendar_date) as scheduled_days
  from intermediate.int_staff_sessions
  group by month, staff_id
),

points as (
  select
    month,
    staff_id,
    coalesce(sum(points) filter (where points < 0), 0) as deductions,
    coalesce(sum(points) filter (where points > 0), 0) as additions,
    count(*) filter (where points < 0) as deduction_events,
    count(*) filter (where points > 0) as addition_events
  from intermediate.int_score_events
  where not void
  group by month, staff_id
),

duty as (
  select month, staff_id, count(distinct calendar_date) filter (where is_present) as duty_days
  from intermediate.int_attendance_sessions
  group by month, staff_id
),

data_days as (
  select month, count(*) filter (where data_state = '有数据') as data_days
  from intermediate.int_open_days
  group by month
),

-- like a day whose export is missing, a day on which the person holds no attendance number is not
-- held against them (int_staff_days_without_attendance_no)
days_without_attendance_no as (
  select month, staff_id, count(*) as days
  from intermediate.int_staff_days_without_attendance_no
  group by month, staff_id
),

sanctions as (
  select month, staff_id, max(final_tier_rank) as sanction_rank
  from intermediate.int_investigation_cases
  where blocks_eligibility
  group by month, staff_id
),

scored as (
  select
    ranked_staff.month,
    ranked_staff.staff_id,
    int_staff.staff_name,
    int_staff.department,
    int_staff.window_no,
    ranked_staff.scheduled_days,
    -coalesce(points.deductions, 0) as deduction_points,
    case
      when getvariable('score_addition_cap') is null then coalesce(points.additions, 0)
      else least(coalesce(points.additions, 0), getvariable('score_addition_cap'))
    end as addition_points,
    coalesce(points.deduction_events, 0) as deduction_events,
    coalesce(points.addition_events, 0) as addition_events,
    evaluation_month.good_rate,
    coalesce(evaluation_month.evaluations, 0) as evaluations,
    coalesce(served.served_tickets, 0) as served_tickets,
    coalesce(duty.duty_days, 0) as duty_days,
    (data_days.data_days - coalesce(days_without_attendance_no.days, 0)) * getvariable('awards_min_duty_share')
      as duty_required_days,
    sanctions.sanction_rank
  from ranked_staff
  inner join intermediate.int_staff using (staff_id)
  inner join data_days using (month)
  left join points using (month, staff_id)
  left join duty using (month, staff_id)
  left join days_without_attendance_no using (month, staff_id)
  left join sanctions using (month, staff_id)
  left join marts.evaluation_month using (month, staff_id)
  left join (
    select month, staff_id, sum(served) as served_tickets from marts.queue_daily group by month, staff_id
  ) as served using (month, staff_id)
),

with_score as (
  select
    *,
    (
      case
        when getvariable('score_floor') is null then getvariable('score_base') + addition_points - deduction_points
        else greatest(getvariable('score_floor'), getvariable('score_base') + addition_points - deduction_points)
      end
    )::decimal(6, 1) as score
  from scored
),

ordered as (
  select
    *,
    rank() over (partition by month order by score desc) as rank,
    row_number() over (
      partition by month order by score desc, good_rate desc nulls last, served_tickets desc, deduction_events asc, staff_id asc
    ) as order_no,
    count(*) over (partition by month) as ranked_count
  from with_score
),

neighbours as (
  select
    *,
    lag(score) over w as prev_score,
    lag(good_rate) over w as prev_good_rate,
    lag(served_tickets) over w as prev_served,
    lag(deduction_events) over w as prev_deduction_events,
    lead(score) over w as next_score,
    lead(good_rate) over w as next_good_rate,
    lead(served_tickets) over w as next_served,
    lead(deduction_events) over w as next_deduction_events
  from ordered
  window w as (partition by month order by order_no)
),

-- which key of the strict order separates this person from the neighbour with the same score
tie_broken as (
  select
    *,
    case
      when prev_score = score then
        case
          when prev_good_rate is distinct from good_rate then '好评率'
          when prev_served <> served_tickets then '办件量'
          when prev_deduction_events <> deduction_events then '扣分事件数'
          else '工号'
        end
      when next_score = score then
        case
          when next_good_rate is distinct from good_rate then '好评率'
          when next_served <> served_tickets then '办件量'
          when next_deduction_events <> deduction_events then '扣分事件数'
          else '工号'
        end
    end as tie_break
  from neighbours
),

graded as (
  select
    *,
    sanction_rank is not null as is_sanctioned,
    -- position among those who may be 优秀 (a sanctioned person's slot passes to the next in order)
    case when sanction_rank is null then row_number() over (partition by month, sanction_rank is null order by order_no) end
      as excellent_position,
    floor(ranked_count * getvariable('grades_excellent_share') + 0.5) as excellent_slots,
    floor(ranked_count * getvariable('grades_last_share') + 0.5) as last_slots
  from tie_broken
),

eligibility as (
  select
    *,
    case
      when excellent_position <= excellent_slots then '优秀'
      when order_no > ranked_count - last_slots and score < getvariable('score_base') then '末位'
      else '合格'
    end as grade,
    sanction_rank is null and duty_days >= duty_required_days as eligible,
    nullif(
      concat_ws(
        '；',
        case when sanction_rank is not null then '本月受到责任追究处理（' || sanction_tiers.tier || '）' end,
        case when duty_days < duty_required_days
          then '在岗 ' || duty_days || ' 天，不足当月有考勤数据工作日的一半（需 ' || duty_required_days || ' 天）' end
      ),
      ''
    ) as ineligible_reason,
    sanction_tiers.tier as sanction_tier
  from graded
  left join seeds.tiers as sanction_tiers on sanction_tiers.tier_rank::integer = graded.sanction_rank
)

select
  eligibility.month,
  eligibility.staff_id,
  eligibility.staff_name,
  eligibility.department,
  eligibility.window_no,
  eligibility.score,
  eligibility.deduction_points::decimal(6, 1) as deduction_points,
  eligibility.addition_points::decimal(6, 1) as addition_points,
  eligibility.deduction_events::integer as deduction_events,
  eligibility.addition_events::integer as addition_events,
  eligibility.rank::integer as rank,
  eligibility.order_no::integer as order_no,
  eligibility.tie_break,
  eligibility.grade,
  eligibility.good_rate,
  eligibility.evaluations::integer as evaluations,
  eligibility.served_tickets::integer as served_tickets,
  eligibility.scheduled_days::integer as scheduled_days,
  eligibility.duty_days::integer as duty_days,
  eligibility.duty_required_days::decimal(5, 1) as duty_required_days,
  eligibility.sanction_tier,
  eligibility.eligible,
  eligibility.ineligible_reason,
  eligibility.eligible
    and eligibility.order_no = min(eligibility.order_no) filter (where eligibility.eligible) over (partition by eligibility.month)
    as is_award_winner,
  int_months.status
from eligibility
inner join intermediate.int_months using (month)
