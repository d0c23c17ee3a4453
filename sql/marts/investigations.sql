/*
grain: one row per responsibility-investigation case (责任追究案件), proposed or registered
comment: 责任追究台账：由触发事件生成的建议案件与登记案件，含情节、从重从轻与最终处理
unique: [case_id]
not_null: [case_id, month, staff_id, trigger, trigger_name, occurred_on, base_tier, final_tier, status, void, blocks_eligibility]
accepted_values:
  trigger: [R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13]
  base_tier: [免于处理, 告诫, 取消评优评先资格, 通报批评并调离岗位]
  final_tier: [免于处理, 告诫, 取消评优评先资格, 通报批评并调离岗位]
  status: [建议, 已认定, 不予追究, 合并]
columns:
  case_id: 案件编号，如 INV:R03:S0123:2026-10-09（建议案件）或登记的编号
  month: 所属月份（按发生日期）
  staff_id: 工号
  staff_name: 姓名
  department: 部门
  trigger: 触发条款 R01…R13
  trigger_name: 触发条款内容
  occurred_on: 发生日期
  event_id: 触发事件编号（多个时为第一个）
  event_ids: 全部触发事件编号
  base_tier: 基础处理档次（按情节：较轻→告诫，较重→取消评优评先资格，严重→通报批评并调离岗位）
  aggravating: 从重情形（一年内再次发生、打击报复、干扰调查、不执行决定）；无则为空
  mitigating: 从轻情形（道歉谅解、阻止后果、挽回损失）；无则为空
  final_tier: 最终处理：免于处理/告诫/取消评优评先资格/通报批评并调离岗位
  status: 状态：建议/已认定/不予追究/合并
  merged_into: 合并至的案件编号
  decided_on: 认定日期
  register_ref: 责任追究登记的文件与行号
  blocks_eligibility: 是否影响当月评优（取消评优评先资格及以上，且未撤销、未不予追究）
  void: 是否已被申诉撤销（本身或其触发事件被撤销）
  appeal_id: 撤销该案件的申诉编号
*/
-- rules.md §10 and §14: every responsibility case with its tiers, circumstances and the events behind it.
select
  cases.case_id,
  cases.month,
  cases.staff_id,
  int_staff.staff_name,
  int_staff.department,
  cases.trigger,
  triggers.trigger_name,
  cases.occurred_on,
  cases.event_ids[1] as event_id,
  cases.event_ids,
  cases.base_tier,
  nullif(cases.aggravating, '') as aggravating,
  nullif(cases.mitigating, '') as mitigating,
  final.tier as final_tier,
  cases.status,
  cases.merged_into,
  cases.decided_on,
  cases.register_ref,
  cases.blocks_eligibility,
  cases.void,
  cases.appeal_id
from intermediate.int_investigation_cases as cases
inner join intermediate.int_staff using (staff_id)
inner join seeds.triggers on triggers.trigger = cases.trigger
inner join seeds.tiers as final on final.tier_rank::integer = cases.final_tier_rank
