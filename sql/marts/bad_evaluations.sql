/*
grain: one row per 差评 (level 1 or 2) evaluation
comment: 差评整改跟踪：每条差评及其整改期限与是否逾期（不含评价人信息）
unique: [evaluation_id]
not_null: [evaluation_id, month, evaluated_at, level, level_name, rectify_deadline, is_overdue, source_ref]
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
  rectify_deadline: 整改期限（评价日后第 5 个工作日）
  is_overdue: 是否逾期未整改
  source_ref: 证据：文件与行号
*/
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as evaluation_id,
  null::varchar as month,
  null::timestamp as evaluated_at,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::varchar as department,
  null::varchar as window_no,
  null::integer as level,
  null::varchar as level_name,
  null::varchar as channel,
  null::varchar as comment,
  null::varchar as ticket_no,
  null::timestamp as rectified_at,
  null::date as rectify_deadline,
  null::boolean as is_overdue,
  null::varchar as source_ref
where false
