/*
grain: one row per roster problem that affects the undecided months (公示, or reopened) (an account the roster gives to two people on the same days, per person who does not hold it and stretch of days; a staff member without an attendance number)
comment: 名册问题：同一账号在同一天登记给两人（冲突的日期与持有人），未登记考勤号码的人员
unique: [finding, staff_id, account_kind, account, start_date]
not_null: [finding, staff_id, staff_name, department, account_kind, start_date, unscored_days, detail, source_ref]
range:
  unscored_days: [0, null]
accepted_values:
  finding: [账号冲突, 无考勤号码]
  account_kind: [考勤号码, 叫号账号, 审批账号]
columns:
  month: 发布月份（基准日期所在的月份）：本表是截至基准日期的结果，不按月份划分；供按月份分区的导出使用
  finding: 问题：账号冲突 / 无考勤号码
  staff_id: 受影响人员的工号（账号冲突时为不持有该账号的一方）
  staff_name: 姓名
  department: 部门
  account_kind: 账号类别：考勤号码/叫号账号/审批账号
  account: 账号（无考勤号码时为空）
  holder_staff_id: 冲突的日子里持有该账号的人员工号（名册中入岗日期较晚者）
  holder_name: 持有人姓名
  start_date: 问题的第一天
  end_date: 问题的最后一天（为空表示至今）
  unscored_days: 未确认月份中因此不计考勤的有考勤数据的工作日数
  detail: 说明与处理建议
  source_ref: 证据：名册文件与行号
*/
-- Roster conflicts (int_account_disputes) and staff without a 考勤号码 are data-quality findings:
-- the records of those days cannot be attributed with confidence, and the person's attendance is
-- not scored on them (int_staff_days_without_attendance_no). Only the months whose results can still
-- change count: 公示 months, and a month the operator reopened. A 确认 month is frozen by this very
-- run (rules.md §14), so a problem that ended before the first undecided month no longer affects
-- anything and is not listed; listing it now and not on the next run would publish the same inbox
-- two ways.
with undecided_months as (
  select month, month_start
  from intermediate.int_months
  where is_open and (not is_final or month = getvariable('reopen_month'))
),

first_undecided_day as (
  select coalesce(min(month_start), date_trunc('month', getvariable('as_of'))::date) as first_day
  from undecided_months
),

account_labels as (
  select * from (values ('attendance', '考勤号码'), ('queue', '叫号账号'), ('platform', '审批账号'))
    as labels(account_kind, label)
),

unscored as (
  select staff_id, calendar_date
  from intermediate.int_staff_days_without_attendance_no
  where month in (select month from undecided_months)
),

conflicts as (
  select
    '账号冲突' as finding,
    disputes.staff_id,
    account_labels.label as account_kind,
    disputes.account,
    disputes.holder_staff_id,
    holder.staff_name as holder_name,
    disputes.start_date,
    disputes.end_date,
    (
      select count(*)
      from unscored
      where unscored.staff_id = disputes.staff_id
        and within_period(unscored.calendar_date, disputes.start_date, disputes.end_date)
    ) as unscored_days,
    case disputes.account_kind
      when 'attendance' then '这些日子的打卡无法区分，' || disputes.staff_id || ' 不计考勤'
      when 'queue' then '这些日子该账号的叫号记录、窗口状态都记在 ' || disputes.holder_staff_id || ' 名下'
      else '这些日子该账号受理的办件都记在 ' || disputes.holder_staff_id || ' 名下'
    end as consequence,
    claimant.source_ref || '、' || holder.source_ref as source_ref
  from intermediate.int_account_disputes as disputes
  inner join account_labels on account_labels.account_kind = disputes.account_kind
  inner join intermediate.int_staff as claimant on claimant.staff_id = disputes.staff_id
  inner join intermediate.int_staff as holder on holder.staff_id = disputes.holder_staff_id
),

without_number as (
  select
    '无考勤号码' as finding,
    int_staff.staff_id,
    '考勤号码' as account_kind,
    null as account,
    null as holder_staff_id,
    null as holder_name,
    int_staff.start_date,
    int_staff.end_date,
    (select count(*) from unscored where unscored.staff_id = int_staff.staff_id) as unscored_days,
    null as consequence,
    int_staff.source_ref
  from intermediate.int_staff
  where int_staff.attendance_no is null
),

findings as (
  select * from conflicts
  union all
  select * from without_number
)

select
  findings.finding,
  findings.staff_id,
  int_staff.staff_name,
  int_staff.department,
  findings.account_kind,
  findings.account,
  findings.holder_staff_id,
  findings.holder_name,
  findings.start_date,
  findings.end_date,
  findings.unscored_days::integer as unscored_days,
  case findings.finding
    when '账号冲突' then
      findings.account_kind || ' ' || findings.account
        || coalesce(
          ' 在 ' || strftime(findings.start_date, '%Y-%m-%d') || ' 至 ' || strftime(findings.end_date, '%Y-%m-%d'),
          ' 自 ' || strftime(findings.start_date, '%Y-%m-%d') || ' 起'
        )
        || '同时登记给 ' || findings.staff_id || ' ' || int_staff.staff_name || ' 与 ' || findings.holder_staff_id || ' '
        || findings.holder_name || '，按名册由 ' || findings.holder_staff_id || ' 持有；' || findings.consequence
        || case when findings.account_kind = '考勤号码'
          then '（未确认月份中 ' || findings.unscored_days || ' 个有考勤数据的工作日）' else '' end
        || '。请在名册中补填离岗日期或更正账号'
    else
      '名册未登记 ' || findings.staff_id || ' ' || int_staff.staff_name || ' 的考勤号码：不计考勤（未确认月份中 '
        || findings.unscored_days || ' 个有考勤数据的工作日），不按旷工处理。请在名册中补登考勤号码'
  end as detail,
  findings.source_ref,
  strftime(getvariable('as_of'), '%Y-%m') as month
from findings
inner join intermediate.int_staff on int_staff.staff_id = findings.staff_id
where coalesce(findings.end_date >= (select first_day from first_undecided_day), true)
