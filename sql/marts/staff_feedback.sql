/*
grain: one row per staff member and month of marts.staff_month (个人考核反馈单)
comment: 个人考核反馈单：得分、名次、等级、考勤异常、此前三个月得分、评优资格，以及由当月加扣分事件生成的肯定成绩与改进方向
unique: [month, staff_id]
not_null: [month, staff_id, staff_name, department, status, score, rank, grade, staff_ranked, eligible, appeal_window_end, events, late, early, missing_punches, absent, anomalies, strengths, improvements]
accepted_values:
  grade: [优秀, 合格, 末位]
  status: [公示, 确认]
  previous_1_grade: [优秀, 合格, 末位]
  previous_2_grade: [优秀, 合格, 末位]
  previous_3_grade: [优秀, 合格, 末位]
range:
  rank: [1, null]
  order_no: [1, null]
  staff_ranked: [1, null]
  deduction_points: [0, null]
  addition_points: [0, null]
  events: [0, null]
  late: [0, null]
  early: [0, null]
  missing_punches: [0, null]
  absent: [0, null]
  anomalies: [0, null]
  good_rate: [0, 1]
  evaluations: [0, null]
  served_tickets: [0, null]
  duty_days: [0, null]
columns:
  month: 考核月份（YYYY-MM）
  staff_id: 工号
  staff_name: 姓名
  department: 部门（窗口单位）
  window_no: 窗口号（A岗）
  status: 结果状态：公示/确认
  score: 月度得分
  rank: 名次（并列排名）
  order_no: 严格排序序号
  staff_ranked: 当月参加排名的人数
  grade: 月度等级：优秀/合格/末位
  deduction_points: 扣分合计（正数）
  addition_points: 加分合计（计入的部分）
  good_rate: 好评率；无评价为空
  evaluations: 评价数
  served_tickets: 办件量
  duty_days: 在岗天数
  eligible: 是否具备文明服务标兵评选资格
  ineligible_reason: 不具备资格的原因
  is_award_winner: 是否当月文明服务标兵
  appeal_window_end: 申诉截止日（含当天）
  events: 当月加扣分事件数（含已撤销的事件，见 marts.score_events）
  late: 迟到的半天数
  early: 早退的半天数
  missing_punches: 缺卡次数
  absent: 旷工的半天数
  anomalies: 考勤异常的半天数
  anomaly_list: 考勤异常清单（日期、时段与结论；较多时只列前几项并注明总数）
  previous_1_month: 上一个月（YYYY-MM）
  previous_1_score: 上一个月的得分；该月本人无考核结果时为空
  previous_1_grade: 上一个月的等级
  previous_2_month: 前第二个月
  previous_2_score: 前第二个月的得分
  previous_2_grade: 前第二个月的等级
  previous_3_month: 前第三个月
  previous_3_score: 前第三个月的得分
  previous_3_grade: 前第三个月的等级
  strengths: 肯定成绩（由当月加分事件、等级、评选与办件、评价情况生成）
  improvements: 改进方向（扣分最多的规则，及其《规则说明》章节）
*/
-- [001] 反馈原则: the result goes back to the person — 肯定成绩，指出不足，提出今后努力改进的方向. The
-- text is decided here from the month's non-void events (rules.md §9): the additions by rule, and
-- the rules that cost the most points, each with its handbook section so the person can read it.
with events as (
  select score_events.*, rule_codes.section, rule_codes.position
  from marts.score_events
  inner join marts.rule_codes using (rule_code)
),

event_counts as (
  select month, staff_id, count(*) as events
  from events
  group by month, staff_id
),

points_by_rule as (
  select
    month,
    staff_id,
    rule_name,
    section,
    any_value(position) as position,
    count(*) as times,
    sum(points) as points
  from events
  where not void
  group by month, staff_id, rule_name, section
),

additions as (
  select
    month,
    staff_id,
    '获得加分：' || string_agg(
      rule_name || ' ' || times || ' 次（+' || printf('%.1f', points) || ' 分）', '、' order by points desc, position
    ) as text
  from points_by_rule
  where points > 0
  group by month, staff_id
),

deduction_rules as (
  select
    *,
    row_number() over (partition by month, staff_id order by points asc, times desc, position) as cost_order,
    count(*) over (partition by month, staff_id) as deduction_rules
  from points_by_rule
  where points < 0
),

-- the three rules that cost the most points
costliest as (
  select
    month,
    staff_id,
    '扣分最多的规则：' || string_agg(
      rule_name || '（《规则说明》' || section || '）' || times || ' 次，共扣 ' || printf('%.1f', -points) || ' 分',
      '；' order by cost_order
    )
      || case when any_value(deduction_rules) > 3 then '；另有 ' || (any_value(deduction_rules) - 3) || ' 项规则扣分' else '' end
      || '。请对照相应章节改进。' as text
  from deduction_rules
  where cost_order <= 3
  group by month, staff_id
),

anomaly_sessions as (
  select
    month,
    staff_id,
    strftime(work_date, '%-m月%-d日') || case session when 'AM' then '上午' else '下午' end || outcome as anomaly,
    row_number() over (partition by month, staff_id order by work_date, session) as anomaly_order,
    count(*) over (partition by month, staff_id) as total
  from marts.attendance_sessions
  where is_anomaly
),

anomaly_lists as (
  select
    month,
    staff_id,
    string_agg(anomaly, '、' order by anomaly_order)
      || case when any_value(total) > 10 then ' 等，共 ' || any_value(total) || ' 个半天' else '' end as anomaly_list
  from anomaly_sessions
  where anomaly_order <= 10
  group by month, staff_id
),

-- frozen months' results live in history (rules.md §14), open months' in marts.staff_month
all_months as (
  select month, staff_id, score, grade from marts.staff_month
  union all by name
  select month, staff_id, score, grade from history.staff_month
  where month not in (select month from intermediate.int_months where is_open)
),

previous as (
  select
    staff.month,
    staff.staff_id,
    offsets.back,
    strftime(strptime(staff.month || '-01', '%Y-%m-%d') - to_months(offsets.back), '%Y-%m') as previous_month
  from marts.staff_month as staff
  cross join (select unnest([1, 2, 3]) as back) as offsets
),

previous_scores as (
  select
    previous.month,
    previous.staff_id,
    max(previous.previous_month) filter (where previous.back = 1) as previous_1_month,
    max(all_months.score) filter (where previous.back = 1) as previous_1_score,
    max(all_months.grade) filter (where previous.back = 1) as previous_1_grade,
    max(previous.previous_month) filter (where previous.back = 2) as previous_2_month,
    max(all_months.score) filter (where previous.back = 2) as previous_2_score,
    max(all_months.grade) filter (where previous.back = 2) as previous_2_grade,
    max(previous.previous_month) filter (where previous.back = 3) as previous_3_month,
    max(all_months.score) filter (where previous.back = 3) as previous_3_score,
    max(all_months.grade) filter (where previous.back = 3) as previous_3_grade
  from previous
  left join all_months
    on all_months.staff_id = previous.staff_id and all_months.month = previous.previous_month
  group by previous.month, previous.staff_id
)

select
  staff.month,
  staff.staff_id,
  staff.staff_name,
  staff.department,
  staff.window_no,
  staff.status,
  staff.score,
  staff.rank,
  staff.order_no,
  months.staff_ranked,
  staff.grade,
  staff.deduction_points,
  staff.addition_points,
  staff.good_rate,
  staff.evaluations,
  staff.served_tickets,
  staff.duty_days,
  staff.eligible,
  staff.ineligible_reason,
  staff.is_award_winner,
  months.appeal_window_end,
  coalesce(event_counts.events, 0)::integer as events,
  coalesce(attendance.late, 0) as late,
  coalesce(attendance.early, 0) as early,
  coalesce(attendance.missing_punches, 0) as missing_punches,
  coalesce(attendance.absent, 0) as absent,
  coalesce(attendance.anomalies, 0) as anomalies,
  anomaly_lists.anomaly_list,
  previous_scores.previous_1_month,
  previous_scores.previous_1_score,
  previous_scores.previous_1_grade,
  previous_scores.previous_2_month,
  previous_scores.previous_2_score,
  previous_scores.previous_2_grade,
  previous_scores.previous_3_month,
  previous_scores.previous_3_score,
  previous_scores.previous_3_grade,
  coalesce(
    nullif(
      concat_ws(
        '；',
        case when staff.is_award_winner then '当选本月文明服务标兵' end,
        case when staff.grade = '优秀' then '月度等级为优秀（第 ' || staff.rank || ' 名）' end,
        additions.text,
        case when staff.deduction_events = 0 then '本月无扣分' end,
        case when staff.served_tickets > 0 then '办件 ' || staff.served_tickets || ' 件' end,
        '好评率 ' || printf('%.1f', staff.good_rate * 100) || '%（' || staff.evaluations || ' 条评价）'
      ),
      ''
    ) || '。',
    '本月没有加分事件。'
  ) as strengths,
  coalesce(
    costliest.text,
    '本月没有扣分事件，请继续保持。'
  ) || case when staff.grade = '末位' then '本月等级为末位，请重点改进。' else '' end as improvements
from marts.staff_month as staff
inner join marts.months using (month)
inner join previous_scores using (month, staff_id)
left join event_counts using (month, staff_id)
left join marts.attendance_staff_month as attendance using (month, staff_id)
left join anomaly_lists using (month, staff_id)
left join additions using (month, staff_id)
left join costliest using (month, staff_id)
