/*
grain: one row per integrity lead (疑似异常评价) on the evaluations, for the inspectors (督查) to check
comment: 疑似异常评价：供督查核实的线索（不加减分），每条含评价编号、人员、窗口、时段、证据与触发规则
unique: [flag_id]
not_null: [flag_id, month, pattern, window_from, window_to, evaluation_ids, evaluations, evidence, rule, source_ref]
range:
  evaluations: [1, null]
accepted_values:
  pattern: [评价时间不可能, 评价未办理的票, 集中评价, 评价间隔固定, 差评被改写]
columns:
  flag_id: 线索编号（类型:评价编号，或 类型:窗口:日期:时刻，或 类型:工号:月份）
  month: 月份
  pattern: 线索类型
  staff_id: 被评价人员工号
  staff_name: 姓名
  department: 部门
  window_no: 窗口号
  window_from: 时段开始
  window_to: 时段结束
  evaluation_ids: 涉及的评价编号（、分隔）
  evaluations: 涉及的评价条数
  evidence: 证据（疑似……，供核实）
  rule: 触发规则（其中的数字为本次运行的配置）
  source_ref: 证据：文件与行号
*/
-- Issue 17: leads, never points. Impossible timing and unserved tickets are decided here from each
-- evaluation's ticket; bursts, constant delays and rewritten ratings in their own models.
with settings as (
  select
    getvariable('evaluation_flags_timing_tolerance_seconds') as tolerance_s,
    getvariable('evaluation_flags_burst_over_evaluations') as burst_over,
    getvariable('evaluation_flags_burst_minutes') as burst_minutes,
    getvariable('evaluation_flags_delay_min_evaluations') as delay_min,
    getvariable('evaluation_flags_delay_share') as delay_share,
    getvariable('evaluation_flags_delay_spread_seconds') as delay_spread_s,
    getvariable('evaluation_flags_reexport_share') as reexport_share
),

impossible_timing as (
  select
    'EVF_TIMING:' || linked.evaluation_id as flag_id,
    linked.month,
    '评价时间不可能' as pattern,
    linked.staff_id,
    linked.window_no,
    least(linked.evaluated_at, linked.called_at) as window_from,
    greatest(linked.evaluated_at, linked.called_at) as window_to,
    linked.evaluation_id as evaluation_ids,
    1 as evaluations,
    case
      when linked.evaluated_at < linked.called_at - to_seconds(settings.tolerance_s::bigint)
        then format('疑似评价时间不可能：评价 {} 作于 {}，早于其流水号 {} 的叫号时间 {}，评价的不是这次服务',
          linked.evaluation_id, strftime(linked.evaluated_at, '%Y-%m-%d %H:%M:%S'), linked.ticket_no,
          strftime(linked.called_at, '%H:%M:%S'))
      else format('疑似评价时间不可能：评价 {}（流水号 {}）作于 {}，而窗口 {} 已于 {} 叫下一号 {}，评价的可能是下一位的服务',
          linked.evaluation_id, linked.ticket_no, strftime(linked.evaluated_at, '%Y-%m-%d %H:%M:%S'), linked.window_no,
          strftime(linked.next_called_at, '%H:%M:%S'), linked.next_ticket_no)
    end as evidence,
    format('评价时间比所评流水号的叫号早、或比同一窗口叫下一号晚 {} 秒以上', settings.tolerance_s) as rule,
    linked.source_ref
  from intermediate.int_evaluation_tickets as linked
  cross join settings
  where linked.evaluated_at < linked.called_at - to_seconds(settings.tolerance_s::bigint)
    or linked.evaluated_at > linked.next_called_at + to_seconds(settings.tolerance_s::bigint)
),

unserved_tickets as (
  select
    'EVF_UNSERVED:' || linked.evaluation_id as flag_id,
    linked.month,
    '评价未办理的票' as pattern,
    linked.staff_id,
    linked.window_no,
    coalesce(linked.called_at, linked.evaluated_at) as window_from,
    linked.evaluated_at as window_to,
    linked.evaluation_id as evaluation_ids,
    1 as evaluations,
    format('疑似评价未办理的票：评价 {} 所评的流水号 {} {}，没有办理，却在 {} 得到“{}”',
      linked.evaluation_id, linked.ticket_no,
      case
        when linked.called_at is null then '从未叫号'
        when linked.outcome = '过号' then '已过号'
        else '已转窗且未在本窗口开始办理'
      end,
      strftime(linked.evaluated_at, '%Y-%m-%d %H:%M:%S'), linked.rating) as evidence,
    '评价所评的流水号未叫号、过号，或转窗且未开始办理' as rule,
    linked.source_ref
  from intermediate.int_evaluation_tickets as linked
  where linked.called_at is null
    or linked.outcome = '过号'
    or (linked.outcome = '转窗' and linked.started_at is null)
),

bursts as (
  select
    format('EVF_BURST:{}:{}', bursts.window_no, strftime(bursts.first_evaluated_at, '%Y-%m-%d:%H%M%S')) as flag_id,
    bursts.month,
    '集中评价' as pattern,
    bursts.staff_id,
    bursts.window_no,
    bursts.first_evaluated_at as window_from,
    bursts.last_evaluated_at as window_to,
    bursts.evaluation_ids,
    bursts.evaluations,
    format('疑似集中刷评：窗口 {} 在 {}–{} 的 {} 秒内有 {} 条评价，其间没有办结任何一张票',
      bursts.window_no, strftime(bursts.first_evaluated_at, '%Y-%m-%d %H:%M:%S'),
      strftime(bursts.last_evaluated_at, '%H:%M:%S'),
      epoch(bursts.last_evaluated_at - bursts.first_evaluated_at)::integer, bursts.evaluations) as evidence,
    format('同一窗口 {} 分钟内评价超过 {} 条，其间没有办结', settings.burst_minutes, settings.burst_over) as rule,
    bursts.source_ref
  from intermediate.int_evaluation_bursts as bursts
  cross join settings
),

machine_like_delays as (
  select
    format('EVF_DELAY:{}:{}', delays.staff_id, delays.month) as flag_id,
    delays.month,
    '评价间隔固定' as pattern,
    delays.staff_id,
    null as window_no,
    strptime(delays.month || '-01', '%Y-%m-%d') as window_from,
    strptime(delays.month || '-01', '%Y-%m-%d') + interval 1 month - interval 1 second as window_to,
    delays.close_evaluation_ids as evaluation_ids,
    delays.close_evaluations as evaluations,
    format('疑似代为评价：{} 在 {} 有办结时间的 {} 条评价中，{} 条（{}%）在办结后 {}–{} 秒作出，间隔几乎固定；全中心同月只有 {}% 的评价这样集中',
      delays.staff_id, delays.month, delays.evaluations, delays.close_evaluations,
      printf('%.1f', 100 * delays.close_share), delays.min_close_delay_s::integer, delays.max_close_delay_s::integer,
      printf('%.1f', 100 * delays.hall_close_share)) as evidence,
    format('一人一月至少 {} 条评价，其中至少 {}% 距办结的时间在本人中位间隔前后 {} 秒内，而全中心不是这样',
      settings.delay_min, printf('%g', 100 * settings.delay_share), settings.delay_spread_s) as rule,
    format('评价编号见本条线索（{} 条，各自的文件与行号见评价记录）', delays.close_evaluations) as source_ref
  from intermediate.int_evaluation_delays as delays
  cross join settings
  where delays.is_machine_like
),

rewritten_ratings as (
  select
    'EVF_REWRITE:' || rewrites.evaluation_id as flag_id,
    rewrites.month,
    '差评被改写' as pattern,
    evaluations.staff_id,
    evaluations.window_no,
    evaluations.evaluated_at as window_from,
    evaluations.evaluated_at as window_to,
    rewrites.evaluation_id as evaluation_ids,
    1 as evaluations,
    case
      when rewrites.later_level is null
        then format('疑似差评被删除：评价 {} 在 {} 为差评（{} 级），之后重新导出的 {} 不再含这条评价',
          rewrites.evaluation_id, rewrites.bad_source_ref, rewrites.bad_level, rewrites.later_source_ref)
      else format('疑似差评被改写：评价 {} 在 {} 为差评（{} 级），之后 {} 改为 {} 级（{}）',
        rewrites.evaluation_id, rewrites.bad_source_ref, rewrites.bad_level, rewrites.later_source_ref,
        rewrites.later_level, substr(rewrites.rewrite, 3))
    end as evidence,
    format('同一评价编号的差评后来被改为好评或中评，或在重复了原文件至少 {}% 评价编号的重新导出中消失',
      printf('%g', 100 * settings.reexport_share)) as rule,
    rewrites.bad_source_ref as source_ref
  from intermediate.int_evaluation_rewrites as rewrites
  inner join intermediate.int_evaluations as evaluations using (evaluation_id)
  cross join settings
),

all_flags as (
  select * from impossible_timing
  union all by name select * from unserved_tickets
  union all by name select * from bursts
  union all by name select * from machine_like_delays
  union all by name select * from rewritten_ratings
)

select
  all_flags.flag_id,
  all_flags.month,
  all_flags.pattern,
  all_flags.staff_id,
  int_staff.staff_name,
  int_staff.department,
  all_flags.window_no,
  all_flags.window_from::timestamp as window_from,
  all_flags.window_to::timestamp as window_to,
  all_flags.evaluation_ids,
  all_flags.evaluations::integer as evaluations,
  all_flags.evidence,
  all_flags.rule,
  all_flags.source_ref
from all_flags
left join intermediate.int_staff using (staff_id)
