/*
grain: one row per patrol or inspection record (巡查/督查记录), findings and 正常 rounds alike
comment: 巡查记录：每次巡查发现的问题、归属人员与依据（正常记录计入巡查覆盖）
unique: [patrol_id]
not_null: [patrol_id, month, patrolled_at, patroller, finding_code, finding_name, source_ref]
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
-- SCHEMA ONLY: the rules fill this model.
select
  null::varchar as patrol_id,
  null::varchar as month,
  null::timestamp as patrolled_at,
  null::varchar as patroller,
  null::varchar as window_no,
  null::varchar as staff_id,
  null::varchar as staff_name,
  null::varchar as department,
  null::varchar as finding_code,
  null::varchar as finding_name,
  null::varchar as attributed_by,
  null::integer as away_minutes,
  null::varchar as evidence,
  null::varchar as event_id,
  null::varchar as source_ref
where false
