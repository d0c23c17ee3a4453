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
-- rules.md §9 and §11, decided in the intermediate models: the score (int_staff_scores), the rank
-- and strict order (int_staff_order), the grade (int_staff_grades), the eligibility for 文明服务标兵
-- (int_staff_eligibility); the winner in marts.awards.
select
  scores.month,
  scores.staff_id,
  int_staff.staff_name,
  int_staff.department,
  int_staff.window_no,
  scores.score,
  scores.deduction_points,
  scores.addition_points,
  scores.deduction_events,
  scores.addition_events,
  staff_order.rank,
  staff_order.order_no,
  staff_order.tie_break,
  grades.grade,
  staff_order.good_rate,
  staff_order.evaluations,
  staff_order.served_tickets,
  scores.scheduled_days,
  eligibility.duty_days,
  eligibility.duty_required_days::decimal(5, 1) as duty_required_days,
  eligibility.sanction_tier,
  eligibility.eligible,
  eligibility.ineligible_reason,
  awards.winner_id is not null as is_award_winner,
  int_months.status
from intermediate.int_staff_scores as scores
inner join intermediate.int_staff using (staff_id)
inner join intermediate.int_staff_order as staff_order using (month, staff_id)
inner join intermediate.int_staff_grades as grades using (month, staff_id)
inner join intermediate.int_staff_eligibility as eligibility using (month, staff_id)
inner join intermediate.int_months using (month)
left join marts.awards
  on awards.month = scores.month and awards.award = '文明服务标兵' and awards.winner_id = scores.staff_id
