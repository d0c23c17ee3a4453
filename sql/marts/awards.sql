/*
grain: one row per award and month (文明服务标兵, 文明服务窗口); a month without an eligible candidate has no row for that award
comment: 月度评选结果：文明服务标兵与文明服务窗口，及决定胜出的排序项
unique: [month, award]
not_null: [month, award, winner_id, winner_name, decided_by, reason, status]
accepted_values:
  award: [文明服务标兵, 文明服务窗口]
  status: [公示, 确认]
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
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as month,
  null::varchar as award,
  null::varchar as winner_id,
  null::varchar as winner_name,
  null::varchar as department,
  null::decimal(6,2) as score,
  null::double as good_rate,
  null::varchar as runner_up_id,
  null::varchar as runner_up_name,
  null::decimal(6,2) as runner_up_score,
  null::varchar as decided_by,
  null::varchar as reason,
  null::varchar as status
where false
