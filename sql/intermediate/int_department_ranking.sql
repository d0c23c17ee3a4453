/*
grain: one row per department and open month with staff scored (int_staff_scores)
comment: 部门月度排名与文明服务窗口评选资格：平均分、好评率、查实投诉、AB岗空岗
unique: [month, department]
not_null: [month, department, staff_count, avg_score, evaluations, verified_complaints, empty_post_sessions, posts_without_backup, removed_staff, rank, order_no, eligible]
range:
  staff_count: [1, null]
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
*/
-- rules.md §11: 文明服务窗口 goes to the department with the highest average score over its ranked
-- staff; eligible when none of its staff got 通报批评并调离岗位 that month and no AB post of it was
-- left empty (§12). Ties: higher 好评率, then fewer verified complaints, then department name.
-- §12 (rev 2): posts without a valid B holder are counted here and block only when the
-- configuration says so (awards.post_without_backup_blocks).
with staff as (
  select scores.month, int_staff.department, count(*) as staff_count, avg(scores.score) as avg_score
  from intermediate.int_staff_scores as scores
  inner join intermediate.int_staff using (staff_id)
  group by scores.month, int_staff.department
),

evaluations as (
  select month, department, evaluations, good_rate
  from intermediate.int_department_evaluation_rates
),

complaints as (
  select events.month, int_staff.department, count(*) as verified_complaints
  from intermediate.int_score_events as events
  inner join intermediate.int_complaint_events using (event_id)
  inner join intermediate.int_staff on int_staff.staff_id = events.staff_id
  where not events.void
  group by events.month, int_staff.department
),

empty_posts as (
  select month, department, count(*) filter (where is_empty) as empty_post_sessions
  from intermediate.int_post_coverage
  group by month, department
),

unbacked_posts as (
  select month, department, count(distinct window_no) as posts_without_backup
  from intermediate.int_post_backups
  group by month, department
),

removed as (
  select cases.month, int_staff.department, count(distinct cases.staff_id) as removed_staff
  from intermediate.int_investigation_cases as cases
  inner join intermediate.int_staff using (staff_id)
  where cases.blocks_eligibility and cases.final_tier_rank = 3
  group by cases.month, int_staff.department
),

combined as (
  select
    staff.month,
    staff.department,
    staff.staff_count,
    staff.avg_score,
    evaluations.good_rate,
    coalesce(evaluations.evaluations, 0) as evaluations,
    coalesce(complaints.verified_complaints, 0) as verified_complaints,
    coalesce(empty_posts.empty_post_sessions, 0) as empty_post_sessions,
    coalesce(unbacked_posts.posts_without_backup, 0) as posts_without_backup,
    coalesce(removed.removed_staff, 0) as removed_staff
  from staff
  left join evaluations using (month, department)
  left join complaints using (month, department)
  left join empty_posts using (month, department)
  left join unbacked_posts using (month, department)
  left join removed using (month, department)
),

ordered as (
  select
    *,
    removed_staff = 0 and empty_post_sessions = 0
      and (posts_without_backup = 0 or not getvariable('awards_post_without_backup_blocks')) as eligible,
    rank() over (partition by month order by round(avg_score, 2) desc) as rank,
    row_number() over (
      partition by month order by round(avg_score, 2) desc, good_rate desc nulls last, verified_complaints asc, department asc
    ) as order_no
  from combined
)

select
  month,
  department,
  staff_count::integer as staff_count,
  round(avg_score, 2)::decimal(6, 2) as avg_score,
  good_rate,
  evaluations::integer as evaluations,
  verified_complaints::integer as verified_complaints,
  empty_post_sessions::integer as empty_post_sessions,
  posts_without_backup::integer as posts_without_backup,
  removed_staff::integer as removed_staff,
  rank::integer as rank,
  order_no::integer as order_no,
  eligible,
  nullif(
    concat_ws(
      '；',
      case when removed_staff > 0 then removed_staff || ' 人受到通报批评并调离岗位处理' end,
      case when empty_post_sessions > 0 then 'AB岗空岗 ' || empty_post_sessions || ' 个时段' end,
      case when posts_without_backup > 0 and getvariable('awards_post_without_backup_blocks')
        then '无有效B岗的窗口 ' || posts_without_backup || ' 个' end
    ),
    ''
  ) as ineligible_reason
from ordered
