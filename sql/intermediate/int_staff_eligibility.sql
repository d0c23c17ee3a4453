/*
grain: one row per staff member and month scored (int_staff_scores)
comment: 人员月度文明服务标兵评选资格：在岗天数与责任追究处理
unique: [month, staff_id]
not_null: [month, staff_id, duty_days, duty_required_days, eligible]
range:
  duty_days: [0, null]
  duty_required_days: [0, null]
  sanction_rank: [0, 3]
columns:
  month: 考核月份（YYYY-MM）
  staff_id: 工号
  duty_days: 在岗天数（有打卡且未请假的工作日）
  duty_required_days: 评优所需在岗天数（当月有考勤数据的工作日的一半；本人无考勤号码的日子不计）
  sanction_rank: 当月最重的影响评优的责任追究处理的等级序号（无则为空）
  sanction_tier: 当月最重的责任追究处理（影响评优者）
  eligible: 是否具备文明服务标兵评选资格
  ineligible_reason: 不具备资格的原因
*/
-- rules.md §11: eligible for 文明服务标兵 = no blocking sanction and on duty on at least half of the
-- month's working days with attendance data (approved leave is not duty).
with duty as (
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

required as (
  select
    scores.month,
    scores.staff_id,
    coalesce(duty.duty_days, 0) as duty_days,
    (data_days.data_days - coalesce(days_without_attendance_no.days, 0)) * getvariable('awards_min_duty_share')
      as duty_required_days,
    sanctions.sanction_rank
  from intermediate.int_staff_scores as scores
  inner join data_days using (month)
  left join duty using (month, staff_id)
  left join days_without_attendance_no using (month, staff_id)
  left join sanctions using (month, staff_id)
)

select
  required.month,
  required.staff_id,
  required.duty_days::integer as duty_days,
  required.duty_required_days,
  required.sanction_rank,
  sanction_tiers.tier as sanction_tier,
  required.sanction_rank is null and required.duty_days >= required.duty_required_days as eligible,
  nullif(
    concat_ws(
      '；',
      case when required.sanction_rank is not null then '本月受到责任追究处理（' || sanction_tiers.tier || '）' end,
      case when required.duty_days < required.duty_required_days
        then '在岗 ' || required.duty_days || ' 天，不足当月有考勤数据工作日的一半（需 ' || required.duty_required_days || ' 天）' end
    ),
    ''
  ) as ineligible_reason
from required
left join seeds.tiers as sanction_tiers on sanction_tiers.tier_rank::integer = required.sanction_rank
