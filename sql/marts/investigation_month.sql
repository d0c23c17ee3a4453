/*
grain: one row per month, final tier and status with at least one responsibility case
comment: 责任追究案件按最终处理与状态的件数
unique: [month, final_tier, status]
not_null: [month, final_tier, status, cases]
accepted_values:
  final_tier: [免于处理, 告诫, 取消评优评先资格, 通报批评并调离岗位]
  status: [建议, 已认定, 不予追究, 合并]
range:
  cases: [0, null]
columns:
  month: 月份
  final_tier: 最终处理
  status: 状态
  cases: 案件数（含申诉撤销的）
*/
-- rules.md §10: the cases of the 责任追究 page's chart, by tier and status.
select
  month,
  final_tier,
  status,
  count(*)::integer as cases
from marts.investigations
group by month, final_tier, status
