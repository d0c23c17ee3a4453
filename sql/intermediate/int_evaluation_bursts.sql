/*
grain: one row per burst of evaluations (窗口号 + its first evaluation), more than K within M minutes with no ticket finished at the window between them
comment: 集中评价：同一窗口在 M 分钟内超过 K 条评价、其间没有办结任何一张票
unique: [window_no, first_evaluated_at]
not_null: [window_no, month, first_evaluated_at, last_evaluated_at, evaluation_ids, evaluations]
columns:
  window_no: 窗口号
  month: 月份
  staff_id: 被评价人员工号（这些评价中最常见的一位）
  first_evaluated_at: 第一条评价的时间
  last_evaluated_at: 最后一条评价的时间
  evaluation_ids: 评价编号（按时间先后）
  evaluations: 评价条数
  source_ref: 证据：第一条评价的文件与行号
*/
-- Issue 17: one citizen rates one service. More than K ratings at a window within M minutes while
-- the window finished no ticket cannot all be citizens' ratings of their own service.
with window_evaluations as (
  select
    evaluations.evaluation_id,
    evaluations.evaluated_at,
    evaluations.month,
    evaluations.staff_id,
    coalesce(evaluations.window_no, tickets.window_no) as window_no,
    evaluations.source_ref
  from intermediate.int_evaluations as evaluations
  left join intermediate.int_queue_tickets as tickets using (ticket_no)
  where coalesce(evaluations.window_no, tickets.window_no) is not null
),

-- only window-days with more than K evaluations within M minutes at all can hold a burst: the
-- finishes are looked at there only (a cheap first pass over a hall's many ordinary days)
candidate_days as (
  select distinct window_no, evaluated_at::date as burst_day
  from (
    select
      window_no,
      evaluated_at,
      count(*) over (
        partition by window_no, evaluated_at::date
        order by epoch(evaluated_at)
        range between current row and getvariable('evaluation_flags_burst_minutes') * 60 following
      ) as evaluations_ahead
    from window_evaluations
  )
  where evaluations_ahead > getvariable('evaluation_flags_burst_over_evaluations')
),

-- evaluations and finishes on one time line per window and day; a finish at the same second as an
-- evaluation comes first (the rating can follow it)
window_timeline as (
  select window_no, evaluated_at as happened_at, false as is_finish, evaluation_id, month, staff_id, source_ref
  from window_evaluations
  semi join candidate_days
    on candidate_days.window_no = window_evaluations.window_no and candidate_days.burst_day = evaluated_at::date
  union all
  select window_no, finished_at, true, null, null, null, null
  from intermediate.int_queue_tickets
  semi join candidate_days
    on candidate_days.window_no = int_queue_tickets.window_no and candidate_days.burst_day = finished_at::date
  where finished_at is not null
),

-- the evaluations between two finishes share a segment number
segmented_evaluations as (
  select *
  from (
    select
      *,
      count(*) filter (where is_finish) over (
        partition by window_no, happened_at::date order by happened_at, is_finish desc rows unbounded preceding
      ) as segment
    from window_timeline
  )
  where not is_finish
),

counted_ahead as (
  select
    *,
    count(*) over (
      partition by window_no, happened_at::date, segment
      order by epoch(happened_at)
      range between current row and getvariable('evaluation_flags_burst_minutes') * 60 following
    ) as evaluations_ahead
  from segmented_evaluations
),

burst_starts as (
  select window_no, happened_at::date as burst_day, segment, happened_at as started_at
  from counted_ahead
  where evaluations_ahead > getvariable('evaluation_flags_burst_over_evaluations')
),

burst_members as (
  select distinct counted_ahead.*
  from counted_ahead
  inner join burst_starts
    on burst_starts.window_no = counted_ahead.window_no
    and burst_starts.burst_day = counted_ahead.happened_at::date
    and burst_starts.segment = counted_ahead.segment
    and counted_ahead.happened_at between burst_starts.started_at
      and burst_starts.started_at + to_minutes(getvariable('evaluation_flags_burst_minutes')::bigint)
),

-- two bursts in one segment (hours without a finish between them) stay two leads
burst_islands as (
  select
    *,
    count(*) filter (where starts_island) over (
      partition by window_no, happened_at::date, segment order by happened_at, evaluation_id rows unbounded preceding
    ) as island
  from (
    select
      *,
      coalesce(
        happened_at > lag(happened_at) over (partition by window_no, happened_at::date, segment order by happened_at, evaluation_id)
          + to_minutes(getvariable('evaluation_flags_burst_minutes')::bigint),
        true
      ) as starts_island
    from burst_members
  )
)

select
  window_no,
  min(month) as month,
  mode(staff_id) as staff_id,
  min(happened_at) as first_evaluated_at,
  max(happened_at) as last_evaluated_at,
  string_agg(evaluation_id, '、' order by happened_at, evaluation_id) as evaluation_ids,
  count(*)::integer as evaluations,
  arg_min(source_ref, happened_at) as source_ref
from burst_islands
group by window_no, happened_at::date, segment, island
