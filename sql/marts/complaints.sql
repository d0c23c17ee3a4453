/*
grain: one row per complaint (投诉), without the complainant's name, phone or words
comment: 投诉办理时限：每件投诉的调查结论、过错方、处理与反馈时限（不含投诉人信息）
unique: [complaint_id]
not_null: [complaint_id, month, received_at, staff_id, category, complexity, is_verified, decision_deadline, is_overdue, source_ref]
accepted_values:
  complexity: [简单, 复杂]
columns:
  complaint_id: 投诉编号
  month: 所属月份（按受理时间）
  received_at: 受理时间
  channel: 投诉渠道
  staff_id: 被投诉人工号
  staff_name: 被投诉人姓名
  department: 部门
  category: 投诉类别
  complexity: 复杂程度：简单（当场答复）/复杂（3 个工作日内提出协调意见）
  finding: 调查结论：查实/部分属实/不属实
  at_fault: 过错方
  is_verified: 是否查实且过错在窗口工作人员（计扣分）
  decided_at: 处理决定时间
  decision_deadline: 处理决定期限
  feedback_at: 反馈时间
  feedback_deadline: 反馈期限（处理决定后 1 个工作日）
  is_overdue: 是否超出时限
  overdue_reason: 超时说明
  event_id: 对应的扣分事件编号
  source_ref: 证据：文件与行号
*/
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as complaint_id,
  null::varchar as month,
  null::timestamp as received_at,
  null::varchar as channel,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::varchar as department,
  null::varchar as category,
  null::varchar as complexity,
  null::varchar as finding,
  null::varchar as at_fault,
  null::boolean as is_verified,
  null::timestamp as decided_at,
  null::date as decision_deadline,
  null::timestamp as feedback_at,
  null::date as feedback_deadline,
  null::boolean as is_overdue,
  null::varchar as overdue_reason,
  null::varchar as event_id,
  null::varchar as source_ref
where false
