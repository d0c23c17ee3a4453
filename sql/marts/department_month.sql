/*
grain: one row per department and month
comment: 窗口单位月度排名：平均分、好评率、查实投诉、AB岗空岗与文明服务窗口评选资格
unique: [month, department]
not_null: [month, department, staff_count, avg_score, rank, eligible, status]
accepted_values:
  status: [公示, 确认]
range:
  staff_count: [0, null]
  good_rate: [0, 1]
  evaluations: [0, null]
  verified_complaints: [0, null]
  empty_post_sessions: [0, null]
  posts_without_backup: [0, null]
  removed_staff: [0, null]
  rank: [1, null]
  order_no: [1, null]
columns:
  month: 考核月份
  department: 部门（窗口单位）
  staff_count: 参加排名的人数
  avg_score: 平均得分
  good_rate: 好评率
  evaluations: 评价数
  verified_complaints: 查实投诉数（过错方为窗口工作人员）
  empty_post_sessions: AB岗空岗的半天数
  posts_without_backup: 无有效B岗的窗口数（按配置决定是否影响评选资格）
  removed_staff: 被通报批评并调离岗位的人数
  rank: 名次（按平均分并列排名）
  order_no: 严格排序序号（平均分、好评率、查实投诉数、部门名称）
  eligible: 是否具备文明服务窗口评选资格
  ineligible_reason: 不具备资格的原因
  is_award_winner: 是否当月文明服务窗口
  status: 结果状态：公示/确认
*/
-- rules.md §11: the ranking and eligibility are decided in intermediate.int_department_ranking, the
-- winner in marts.awards.
select
  ranking.month,
  ranking.department,
  ranking.staff_count,
  ranking.avg_score,
  ranking.good_rate,
  ranking.evaluations,
  ranking.verified_complaints,
  ranking.empty_post_sessions,
  ranking.posts_without_backup,
  ranking.removed_staff,
  ranking.rank,
  ranking.order_no,
  ranking.eligible,
  ranking.ineligible_reason,
  awards.winner_id is not null as is_award_winner,
  int_months.status
from intermediate.int_department_ranking as ranking
inner join intermediate.int_months using (month)
left join marts.awards
  on awards.month = ranking.month and awards.award = '文明服务窗口' and awards.winner_id = ranking.department
