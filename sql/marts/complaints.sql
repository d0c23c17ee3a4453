/*
grain: one row per complaint (投诉), without the complainant's name, phone or words
comment: 投诉办理时限：每件投诉的调查结论、过错方、处理与反馈时限（不含投诉人信息）
unique: [complaint_id]
not_null: [complaint_id, month, received_at, staff_id, staff_name, category, complexity, is_verified, decision_deadline, is_overdue, source_ref]
accepted_values:
  complexity: [简单, 复杂]
  finding: [查实, 部分属实, 不属实]
  at_fault: [窗口工作人员, 其他]
columns:
  complaint_id: 投诉编号
  month: 所属月份（按受理时间）
  received_at: 受理时间
  channel: 投诉渠道（登记的渠道不在渠道列表中时为“其他”）
  staff_id: 被投诉人工号
  staff_name: 被投诉的窗口工作人员姓名（投诉人姓名、电话不进入数据仓库）
  department: 部门
  category: 投诉类别（登记的类别不在类别列表中时为“其他”）
  complexity: 复杂程度：简单（当场答复）/复杂（3 个工作日内提出协调意见）
  finding: 调查结论：查实/部分属实/不属实
  at_fault: 过错方
  is_verified: 是否查实且过错在窗口工作人员（计扣分）
  decided_at: 处理决定时间
  decision_deadline: 处理决定期限（简单：受理当日；复杂：受理日后第 N 个工作日，默认 3）
  feedback_at: 反馈时间
  feedback_deadline: 反馈期限（处理决定后第 N 个工作日，默认 1）
  is_overdue: 是否超出时限
  overdue_reason: 超时说明
  event_id: 对应的扣分事件编号
  source_ref: 证据：文件与行号
*/
-- rules.md §6 time limits: a simple complaint is answered (decided) on the day it was received; a
-- complex one gets its coordination opinion within N working days; the complainant hears the result
-- within N working days of the decision. A limit not yet met is judged against as_of.
-- data-contract §3: only validated values are published (stg_complaints), and only complaints about
-- a person on the roster; the others are in the quarantine (人员不在名册).
with deadlines as (
  select
    complaints.*,
    case
      when complaints.complexity = '复杂' then complex_deadline.calendar_date
      else complaints.received_at::date
    end as decision_deadline,
    feedback_deadline_day.calendar_date as feedback_deadline
  from intermediate.int_complaints as complaints
  inner join intermediate.int_calendar_days as received_day on received_day.calendar_date = complaints.received_at::date
  left join intermediate.int_calendar_days as complex_deadline
    on complex_deadline.is_workday
    and complex_deadline.workday_seq = received_day.workday_seq + getvariable('complaints_complex_working_days')
  left join intermediate.int_calendar_days as decided_day on decided_day.calendar_date = complaints.decided_at::date
  left join intermediate.int_calendar_days as feedback_deadline_day
    on feedback_deadline_day.is_workday
    and feedback_deadline_day.workday_seq = decided_day.workday_seq + getvariable('complaints_feedback_working_days')
),

overdue_reasons as (
  select
    deadlines.*,
    concat_ws(
      '；',
      case
        when decided_at is null and getvariable('as_of') > decision_deadline
          then '超过处理期限 ' || strftime(decision_deadline, '%Y-%m-%d') || ' 仍未作出处理决定'
        when decided_at::date > decision_deadline
          then '处理决定晚于期限 ' || strftime(decision_deadline, '%Y-%m-%d')
      end,
      case
        when decided_at is not null and feedback_at is null and getvariable('as_of') > feedback_deadline
          then '超过反馈期限 ' || strftime(feedback_deadline, '%Y-%m-%d') || ' 仍未反馈'
        when feedback_at::date > feedback_deadline
          then '反馈晚于期限 ' || strftime(feedback_deadline, '%Y-%m-%d')
      end
    ) as reasons
  from deadlines
)

select
  overdue_reasons.complaint_id,
  strftime(overdue_reasons.received_at, '%Y-%m') as month,
  overdue_reasons.received_at,
  overdue_reasons.channel,
  overdue_reasons.staff_id,
  int_staff.staff_name,
  int_staff.department,
  overdue_reasons.category,
  overdue_reasons.complexity,
  overdue_reasons.finding,
  overdue_reasons.at_fault,
  overdue_reasons.is_verified,
  overdue_reasons.decided_at,
  overdue_reasons.decision_deadline,
  overdue_reasons.feedback_at,
  overdue_reasons.feedback_deadline,
  overdue_reasons.reasons <> '' as is_overdue,
  nullif(overdue_reasons.reasons, '') as overdue_reason,
  overdue_reasons.event_id,
  overdue_reasons.source_ref
from overdue_reasons
inner join intermediate.int_staff using (staff_id)
inner join intermediate.int_months
  on int_months.month = strftime(overdue_reasons.received_at, '%Y-%m') and int_months.is_open
