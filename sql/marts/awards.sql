/*
grain: one row per award and month (文明服务标兵, 文明服务窗口); a month without an eligible candidate has no row for that award
comment: 月度评选结果：文明服务标兵与文明服务窗口，及决定胜出的排序项
unique: [month, award]
not_null: [month, award, winner_id, winner_name, decided_by, reason, status]
accepted_values:
  award: [文明服务标兵, 文明服务窗口]
  status: [公示, 确认]
range:
  good_rate: [0, 1]
columns:
  month: 月份
  award: 奖项：文明服务标兵/文明服务窗口
  winner_id: 获奖者：工号或部门名称
  winner_name: 获奖者姓名或部门名称
  department: 获奖者所在部门
  score: 得分（窗口为平均分）
  good_rate: 好评率
  runner_up_id: 排在其后的下一位具备资格者
  runner_up_name: 下一位具备资格者姓名或部门
  runner_up_score: 下一位的得分
  decided_by: 决定胜出的排序项：得分/平均分/好评率/办件量/扣分事件数/工号/查实投诉数/部门名称；无其他候选者时为“唯一具备资格者”
  reason: 获奖理由（中文说明）
  status: 结果状态：公示/确认
*/
-- rules.md §11: the first eligible staff member in strict order (文明服务标兵) and the first eligible
-- department (文明服务窗口); decided_by names the order key that put the winner ahead of the next
-- eligible candidate. The one place winners are decided: marts.staff_month and
-- marts.department_month, the workbook, the site and explain read them from here.
with staff_candidates as (
  select
    staff_order.month,
    staff_order.staff_id,
    int_staff.staff_name,
    int_staff.department,
    scores.score,
    staff_order.good_rate,
    staff_order.served_tickets,
    scores.deduction_events,
    staff_order.rank,
    staff_order.order_no,
    eligibility.duty_days,
    int_months.status,
    row_number() over (partition by staff_order.month order by staff_order.order_no) as candidate_no
  from intermediate.int_staff_order as staff_order
  inner join intermediate.int_staff_scores as scores using (month, staff_id)
  inner join intermediate.int_staff_eligibility as eligibility using (month, staff_id)
  inner join intermediate.int_staff using (staff_id)
  inner join intermediate.int_months using (month)
  where eligibility.eligible
),

staff_award as (
  select
    winner.month,
    '文明服务标兵' as award,
    winner.staff_id as winner_id,
    winner.staff_name as winner_name,
    winner.department,
    winner.score::decimal(6, 2) as score,
    winner.good_rate,
    runner_up.staff_id as runner_up_id,
    runner_up.staff_name as runner_up_name,
    runner_up.score::decimal(6, 2) as runner_up_score,
    case
      when runner_up.staff_id is null then '唯一具备资格者'
      when winner.score <> runner_up.score then '得分'
      when winner.good_rate is distinct from runner_up.good_rate then '好评率'
      when winner.served_tickets <> runner_up.served_tickets then '办件量'
      when winner.deduction_events <> runner_up.deduction_events then '扣分事件数'
      else '工号'
    end as decided_by,
    '得分 ' || winner.score || ' 分，名次第 ' || winner.rank || ' 名'
      || coalesce('，好评率 ' || round(winner.good_rate * 100, 1) || '%', '')
      || '，在岗 ' || winner.duty_days || ' 天，无取消评优资格的责任追究'
      || case when winner.order_no > 1 then '；排在其前的 ' || (winner.order_no - 1) || ' 人不具备评选资格' else '' end
      as reason,
    winner.status
  from staff_candidates as winner
  left join staff_candidates as runner_up on runner_up.month = winner.month and runner_up.candidate_no = 2
  where winner.candidate_no = 1
),

department_candidates as (
  select
    ranking.*,
    int_months.status,
    row_number() over (partition by ranking.month order by ranking.order_no) as candidate_no
  from intermediate.int_department_ranking as ranking
  inner join intermediate.int_months using (month)
  where ranking.eligible
),

department_award as (
  select
    winner.month,
    '文明服务窗口' as award,
    winner.department as winner_id,
    winner.department as winner_name,
    winner.department,
    winner.avg_score as score,
    winner.good_rate,
    runner_up.department as runner_up_id,
    runner_up.department as runner_up_name,
    runner_up.avg_score as runner_up_score,
    case
      when runner_up.department is null then '唯一具备资格者'
      when winner.avg_score <> runner_up.avg_score then '平均分'
      when winner.good_rate is distinct from runner_up.good_rate then '好评率'
      when winner.verified_complaints <> runner_up.verified_complaints then '查实投诉数'
      else '部门名称'
    end as decided_by,
    '平均分 ' || winner.avg_score || ' 分（' || winner.staff_count || ' 人）'
      || coalesce('，好评率 ' || round(winner.good_rate * 100, 1) || '%', '')
      || '，无人受到通报批评，AB岗无空岗'
      || case when winner.order_no > 1 then '；排在其前的 ' || (winner.order_no - 1) || ' 个部门不具备评选资格' else '' end
      as reason,
    winner.status
  from department_candidates as winner
  left join department_candidates as runner_up on runner_up.month = winner.month and runner_up.candidate_no = 2
  where winner.candidate_no = 1
)

select * from staff_award
union all
select * from department_award
