/*
grain: one row per loaded row of the complaint register (投诉登记)
comment: 投诉登记（已类型化，含校验结论；投诉人姓名、电话与投诉内容不进入本层）
materialized: incremental
unique: [load_id, line]
not_null: [load_id, line, source_ref]
*/
-- The complainant's name and phone and the complaint text stay in the raw layer (rules.md §6):
-- this model never selects them.
with source_rows as (
  select load_id, line, source_ref, id, received_at, channel, staff_id, category, complexity, finding,
    at_fault, decided_at, feedback_at
  from raw.complaints_rows
),

typed as (
  select
    load_id,
    line,
    source_ref,
    clean(id) as complaint_id,
    parse_local_timestamp(received_at) as received_at,
    clean(channel) as channel,
    clean(staff_id) as staff_id,
    clean(category) as category,
    clean(complexity) as complexity,
    clean(finding) as finding,
    clean(at_fault) as at_fault,
    parse_local_timestamp(decided_at) as decided_at,
    parse_local_timestamp(feedback_at) as feedback_at,
    clean(source_rows.received_at) as received_at_text,
    clean(source_rows.decided_at) as decided_at_text,
    clean(source_rows.feedback_at) as feedback_at_text
  from source_rows
),

checked as (
  select
    *,
    case
      when complaint_id is null then '缺少必填项：投诉编号'
      when received_at_text is null then '缺少必填项：受理时间'
      when staff_id is null then '缺少必填项：被投诉人工号'
      when category is null then '缺少必填项：投诉类别'
      when received_at is null then '时间无法识别：受理时间 ' || received_at_text
      when decided_at_text is not null and decided_at is null then '时间无法识别：处理决定时间 ' || decided_at_text
      when feedback_at_text is not null and feedback_at is null then '时间无法识别：反馈时间 ' || feedback_at_text
      when finding is not null and finding not in ('查实', '部分属实', '不属实')
        then '取值不在列表中：调查结论 ' || finding || '（应为 查实/部分属实/不属实）'
      when at_fault is not null and at_fault not in ('窗口工作人员', '其他')
        then '取值不在列表中：过错方 ' || at_fault || '（应为 窗口工作人员/其他）'
      when complexity is not null and complexity not in ('简单', '复杂') then '取值不在列表中：复杂程度 ' || complexity || '（应为 简单/复杂）'
      when decided_at < received_at then '结束早于开始：处理决定时间早于受理时间'
      when feedback_at < decided_at then '结束早于开始：反馈时间早于处理决定时间'
    end as rejection
  from typed
)

select * exclude (received_at_text, decided_at_text, feedback_at_text), received_at::date as event_date
from checked
