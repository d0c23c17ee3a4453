/*
grain: one row per patrol or inspection record (巡查/督查记录), findings and 正常 rounds alike
comment: 巡查记录：每次巡查发现的问题、归属人员与依据（正常记录计入巡查覆盖）
unique: [patrol_id]
not_null: [patrol_id, month, patrolled_at, patroller, finding_code, finding_name, source_ref]
range:
  away_minutes: [0, null]
columns:
  patrol_id: 巡查编号
  month: 月份
  patrolled_at: 巡查时间
  patroller: 巡查人
  window_no: 窗口号
  staff_id: 归属工号
  staff_name: 姓名
  department: 部门
  finding_code: 问题代码（NORMAL 为正常）
  finding_name: 问题名称
  attributed_by: 归属依据：登记工号/叫号登录/A岗在岗/B岗在岗
  away_minutes: 离岗时长（分钟）
  evidence: 证据编号
  event_id: 对应的扣分事件编号
  source_ref: 证据：文件与行号
*/
-- rules.md §4 and §13: every patrol record, with the person it was attributed to and the event it
-- gave (away findings are part of a §3 incident and point at that incident's event).
with patrol_event_ids as (
  select unnest(string_split(source_ref, '；')) as evidence_ref, event_id
  from intermediate.int_score_events
  where source like '%巡查%'
),

-- an incident's event that cites the finding among its evidence
event_by_evidence as (
  select evidence_ref, min(event_id) as event_id from patrol_event_ids group by evidence_ref
)

select
  findings.patrol_id,
  findings.month,
  findings.patrolled_at,
  findings.patroller,
  findings.window_no,
  findings.staff_id,
  int_staff.staff_name,
  int_staff.department,
  findings.finding_code,
  coalesce(rule_codes.rule_name, '正常') as finding_name,
  findings.attributed_by,
  findings.away_minutes,
  findings.evidence,
  coalesce(own_event.event_id, event_by_evidence.event_id) as event_id,
  findings.source_ref
from intermediate.int_patrol_findings as findings
-- the finding's own event (int_patrol_events, or the away incident it qualifies) by its whole id:
-- an equality join, where matching ids by pattern was a nested loop over every event
left join intermediate.int_score_events as own_event
  on own_event.event_id = findings.finding_code || ':' || findings.staff_id || ':'
    || strftime(findings.patrolled_at, '%Y-%m-%d') || ':' || findings.patrol_id
left join event_by_evidence on event_by_evidence.evidence_ref = findings.patrol_id
left join intermediate.int_staff on int_staff.staff_id = findings.staff_id
left join seeds.rule_codes on rule_codes.rule_code = findings.finding_code
