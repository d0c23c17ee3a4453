/*
grain: one row per staff member and month in which the member had at least one scheduled working day
comment: 人员月度考核：得分、名次、三工等级与文明服务标兵评选资格
unique: [month, staff_id]
not_null: [month, staff_id, staff_name, department, score, rank, order_no, grade, status, eligible]
accepted_values:
  grade: [优秀, 合格, 末位]
  status: [公示, 确认]
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
  duty_required_days: 评优所需在岗天数（当月有考勤数据的工作日的一半）
  sanction_tier: 当月最重的责任追究处理（影响评优者）
  eligible: 是否具备文明服务标兵评选资格
  ineligible_reason: 不具备资格的原因
  is_award_winner: 是否当月文明服务标兵
  status: 结果状态：公示（申诉期内）/确认
*/
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as month,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::varchar as department,
  null::varchar as window_no,
  null::decimal(6,1) as score,
  null::decimal(6,1) as deduction_points,
  null::decimal(6,1) as addition_points,
  null::integer as deduction_events,
  null::integer as addition_events,
  null::integer as rank,
  null::integer as order_no,
  null::varchar as tie_break,
  null::varchar as grade,
  null::double as good_rate,
  null::integer as evaluations,
  null::integer as served_tickets,
  null::integer as scheduled_days,
  null::integer as duty_days,
  null::integer as duty_required_days,
  null::varchar as sanction_tier,
  null::boolean as eligible,
  null::varchar as ineligible_reason,
  null::boolean as is_award_winner,
  null::varchar as status
where false
