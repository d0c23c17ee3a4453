/*
grain: one row per complaint (latest valid version per 投诉编号), without the complainant's name, phone or words
comment: 投诉登记（每个投诉编号取最新版本；不含投诉人信息），含是否查实计分与对应规则代码
unique: [complaint_id]
not_null: [complaint_id, received_at, staff_id, category, complexity, is_verified, rule_code, source_ref]
accepted_values:
  complexity: [简单, 复杂]
columns:
  complaint_id: 投诉编号
  received_at: 受理时间
  channel: 投诉渠道
  staff_id: 被投诉人工号
  category: 投诉类别
  complexity: 复杂程度（未填写时取配置的默认值）
  finding: 调查结论
  at_fault: 过错方
  decided_at: 处理决定时间
  feedback_at: 反馈时间
  is_verified: 是否查实（含部分属实）且过错在窗口工作人员
  rule_code: 查实时对应的扣分规则代码
  trigger_code: 查实时引发的责任追究条款
  event_id: 查实且有处理决定时间时对应的扣分事件编号
  source_ref: 证据：文件与行号
*/
-- rules.md §6: a complaint verified (查实 or 部分属实) with the fault on the window staff member
-- scores by its category (seeds.complaint_categories, any other category → COMPLAINT_VERIFIED).
-- The complainant's name, phone and words never leave the raw layer: staging does not select them.
-- The version of each key that the rules read is chosen once, for every source (intermediate.int_latest_lines).
with latest_complaints as (
  select *
  from staging.stg_complaints
  semi join intermediate.int_latest_lines as latest_lines
    on latest_lines.source = 'complaints'
    and latest_lines.load_id = stg_complaints.load_id and latest_lines.line = stg_complaints.line
),

classified as (
  select
    latest_complaints.complaint_id,
    latest_complaints.received_at,
    latest_complaints.channel,
    latest_complaints.staff_id,
    latest_complaints.category,
    coalesce(latest_complaints.complexity, getvariable('complaints_default_complexity')) as complexity,
    latest_complaints.finding,
    latest_complaints.at_fault,
    latest_complaints.decided_at,
    latest_complaints.feedback_at,
    coalesce(latest_complaints.finding in ('查实', '部分属实') and latest_complaints.at_fault = '窗口工作人员', false)
      as is_verified,
    coalesce(complaint_categories.rule_code, 'COMPLAINT_VERIFIED') as rule_code,
    coalesce(nullif(complaint_categories.trigger, ''), event_triggers.trigger) as trigger_code,
    latest_complaints.source_ref
  from latest_complaints
  left join seeds.complaint_categories on complaint_categories.category = latest_complaints.category
  left join seeds.event_triggers on event_triggers.rule_code = coalesce(complaint_categories.rule_code, 'COMPLAINT_VERIFIED')
)

-- one event per verified complaint, dated on the decision day (none before a decision is recorded)
select
  *,
  case when is_verified and decided_at is not null
    then rule_code || ':' || staff_id || ':' || strftime(decided_at, '%Y-%m-%d') || ':' || complaint_id
  end as event_id
from classified
