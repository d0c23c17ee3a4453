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
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as case_id,
  null::varchar as month,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::varchar as department,
  null::varchar as trigger,
  null::varchar as trigger_name,
  null::date as occurred_on,
  null::varchar as event_id,
  null::varchar[] as event_ids,
  null::varchar as base_tier,
  null::varchar as aggravating,
  null::varchar as mitigating,
  null::varchar as final_tier,
  null::varchar as status,
  null::varchar as merged_into,
  null::date as decided_on,
  null::varchar as register_ref,
  null::boolean as blocks_eligibility,
  null::boolean as void,
  null::varchar as appeal_id
where false
