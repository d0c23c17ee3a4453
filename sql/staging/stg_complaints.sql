/*
grain: one row per loaded row of the complaint register (投诉登记)
comment: 投诉登记（已类型化，含校验结论；投诉人姓名、电话与投诉内容不进入本层）
materialized: incremental
unique: [hall_code, load_id, line]
not_null: [load_id, line, source_ref]
*/
-- The complainant's name and phone and the complaint text stay in the raw layer (rules.md §6):
-- this model never selects them. They still reach other columns: typed into 投诉渠道 or 投诉类别,
-- or shifted there by an unquoted comma. So only validated values go on: channel and category are
-- the register's list entry they match (seeds, after normalization) or 其他, the other columns are
-- times, 工号 and list values; and a rejection names the column at fault, never its value.
with source_rows as (
  select hall_code, load_id, line, source_ref, id, received_at, channel, staff_id, category, complexity, finding,
    at_fault, decided_at, feedback_at
  from raw.complaints_rows
),

channels as (
  select distinct normalize_enumerated(spelling) as channel_key, channel from seeds.complaint_channels
),

categories as (
  select distinct normalize_enumerated(category) as category_key, category from seeds.complaint_categories
),

typed as (
  select
    clean_identifier(source_rows.hall_code) as hall_code,
    source_rows.load_id,
    source_rows.line,
    source_rows.source_ref,
    clean_identifier(source_rows.id) as complaint_id,
    parse_local_timestamp(source_rows.received_at) as received_at,
    case when normalize_enumerated(source_rows.channel) is not null then coalesce(channels.channel, '其他') end
      as channel,
    clean_identifier(source_rows.staff_id) as staff_id,
    case when normalize_enumerated(source_rows.category) is not null then coalesce(categories.category, '其他') end
      as category,
    normalize_enumerated(source_rows.complexity) as complexity,
    normalize_enumerated(source_rows.finding) as finding,
    normalize_enumerated(source_rows.at_fault) as at_fault,
    parse_local_timestamp(source_rows.decided_at) as decided_at,
    parse_local_timestamp(source_rows.feedback_at) as feedback_at,
    clean(source_rows.received_at) as received_at_text,
    clean(source_rows.decided_at) as decided_at_text,
    clean(source_rows.feedback_at) as feedback_at_text
  from source_rows
  left join channels on channels.channel_key = normalize_enumerated(source_rows.channel)
  left join categories on categories.category_key = normalize_enumerated(source_rows.category)
),

checked as (
  select
    *,
    case
      when hall_code is null then '缺少必填项：大厅编码'
      when complaint_id is null then '缺少必填项：投诉编号'
      when received_at_text is null then '缺少必填项：受理时间'
      when staff_id is null then '缺少必填项：被投诉人工号'
      when category is null then '缺少必填项：投诉类别'
      when has_lost_digits(complaint_id) then '科学计数法，位数已丢失：投诉编号'
      when has_lost_digits(staff_id) then '科学计数法，位数已丢失：被投诉人工号'
      when received_at is null then '时间无法识别：受理时间'
      when decided_at_text is not null and decided_at is null then '时间无法识别：处理决定时间'
      when feedback_at_text is not null and feedback_at is null then '时间无法识别：反馈时间'
      when finding is not null and finding not in ('查实', '部分属实', '不属实')
        then '取值不在列表中：调查结论（应为 查实/部分属实/不属实）'
      when at_fault is not null and at_fault not in ('窗口工作人员', '其他')
        then '取值不在列表中：过错方（应为 窗口工作人员/其他）'
      when complexity is not null and complexity not in ('简单', '复杂') then '取值不在列表中：复杂程度（应为 简单/复杂）'
      when decided_at < received_at then '结束早于开始：处理决定时间早于受理时间'
      when feedback_at < decided_at then '结束早于开始：反馈时间早于处理决定时间'
    end as rejection
  from typed
)

select * exclude (received_at_text, decided_at_text, feedback_at_text), received_at::date as event_date
from checked
