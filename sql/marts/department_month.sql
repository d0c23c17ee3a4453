/*
grain: one row per department and month
comment: 窗口单位月度排名：平均分、好评率、查实投诉、AB岗空岗与文明服务窗口评选资格
unique: [month, department]
not_null: [month, department, staff_count, avg_score, rank, eligible, status]
accepted_values:
  status: [公示, 确认]
columns:
  month: 考核月份
  department: 部门（窗口单位）
  staff_count: 参加排名的人数
  avg_score: 平均得分
  good_rate: 好评率
  evaluations: 评价数
  verified_complaints: 查实投诉数（过错方为窗口工作人员）
  empty_post_sessions: AB岗空岗的半天数
  removed_staff: 被通报批评并调离岗位的人数
  rank: 名次（按平均分并列排名）
  order_no: 严格排序序号（平均分、好评率、查实投诉数、部门名称）
  eligible: 是否具备文明服务窗口评选资格
  ineligible_reason: 不具备资格的原因
  is_award_winner: 是否当月文明服务窗口
  status: 结果状态：公示/确认
*/
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as month,
  null::varchar as department,
  null::integer as staff_count,
  null::decimal(6,2) as avg_score,
  null::double as good_rate,
  null::integer as evaluations,
  null::integer as verified_complaints,
  null::integer as empty_post_sessions,
  null::integer as removed_staff,
  null::integer as rank,
  null::integer as order_no,
  null::boolean as eligible,
  null::varchar as ineligible_reason,
  null::boolean as is_award_winner,
  null::varchar as status
where false
