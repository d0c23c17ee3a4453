/*
grain: one row per 差评 (level 1 or 2) evaluation
comment: 差评整改跟踪：每条差评及其整改期限与是否逾期（不含评价人信息）
unique: [evaluation_id]
not_null: [evaluation_id, month, evaluated_at, level, level_name, rectify_deadline, is_overdue, source_ref]
range:
  level: [1, 2]
columns:
  evaluation_id: 评价编号
  month: 月份
  evaluated_at: 评价时间
  staff_id: 被评价工号
  staff_name: 姓名
  department: 部门
  window_no: 窗口号
  level: 评价等级（1 非常不满意、2 不满意）
  level_name: 评价等级名称
  channel: 评价渠道
  comment: 评价内容（手机号已脱敏）
  ticket_no: 流水号
  rectified_at: 整改完成时间
  rectify_deadline: 整改期限（评价日后第 N 个工作日，默认 5）
  is_overdue: 是否逾期未整改（期限日结束前无整改完成时间）
  source_ref: 证据：文件与行号
*/
-- rules.md §8: every 差评 is put right within N working days of the evaluation day; one that has
-- no rectification by the end of that day (judged against as_of while none is recorded) is overdue.
select
  evaluations.evaluation_id,
  evaluations.month,
  evaluations.evaluated_at,
  evaluations.staff_id,
  int_staff.staff_name,
  int_staff.department,
  evaluations.window_no,
  evaluations.level,
  evaluation_levels.level_text as level_name,
  evaluations.channel,
  evaluations.comment,
  evaluations.ticket_no,
  evaluations.rectified_at,
  evaluations.rectify_deadline,
  case
    when evaluations.rectified_at is not null then evaluations.rectified_at::date > evaluations.rectify_deadline
    else getvariable('as_of') > evaluations.rectify_deadline
  end as is_overdue,
  evaluations.source_ref
from intermediate.int_evaluations as evaluations
left join intermediate.int_staff using (staff_id)
inner join seeds.evaluation_levels
  on evaluation_levels.level::integer = evaluations.level and not regexp_full_match(evaluation_levels.level_text, '[0-9]+')
inner join intermediate.int_months on int_months.month = evaluations.month and int_months.is_open
where evaluations.rating = '差评'
