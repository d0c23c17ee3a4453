/**
 * A small published warehouse made by hand, for tests of what reads the warehouse (dashboards,
 * workbooks) independently of the rules. The tables get the published schemas: from the
 * schema-only bodies of sql/marts/*.sql (`select … where false`) while the rules are unwritten,
 * else from a real pipeline run on an empty inbox. The rows describe two months of a three-department hall:
 * 2026-09 (确认) and 2026-10 (公示), ten staff, award winners, score events with evidence and
 * appeals, investigation cases, complaints, 差评, AB-post gaps, one day without attendance export.
 */
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultConfig } from "../../pipeline/config.ts";
import { Db } from "../../pipeline/db.ts";
import { outLayout } from "../../pipeline/out-layout.ts";
import { runPipeline } from "../../pipeline/run.ts";
import { loadModels, type Model, parseModel, sqlRoot } from "../../pipeline/transform/models.ts";
import { publishRuleTables } from "./rule-tables.ts";

/** The staff of the synthetic hall, for tests that look for a name or a score. */
export const syntheticStaff = [
  ["S0001", "张伟", "市场监管局", "A01", "A02"],
  ["S0002", "王芳", "市场监管局", "A02", "A01"],
  ["S0003", "李娜", "市场监管局", "A03", "A01"],
  ["S0004", "刘洋", "人社局", "B01", "B02"],
  ["S0005", "陈静", "人社局", "B02", "B01"],
  ["S0006", "杨磊", "人社局", "B03", "B02"],
  ["S0007", "赵敏", "不动产登记中心", "C01", "C02"],
  ["S0008", "黄强", "不动产登记中心", "C02", "C01"],
  ["S0009", "周婷", "不动产登记中心", "C03", "C02"],
  ["S0010", "吴军", "不动产登记中心", "C04", "C03"],
] as const;

const OPS_TABLES = `
  create table ops.loads (path varchar, sha256 varchar, source varchar, loaded_at timestamp, status varchar,
    reason varchar, encoding varchar, rows integer, quarantined integer);
  create table ops.quarantine (path varchar, line integer, source varchar, reason_kind varchar, reason varchar,
    raw varchar, month varchar, load_id integer);
  create table ops.late_arrivals (month varchar, source varchar, path varchar, line integer, loaded_at timestamp,
    load_id integer, is_new boolean);
`;

async function martModels(): Promise<Model[]> {
  const directory = join(sqlRoot, "marts");
  const files = (await readdir(directory)).filter((name) => name.endsWith(".sql")).sort();
  return Promise.all(
    files.map(async (file) =>
      parseModel("marts", join(directory, file), await readFile(join(directory, file), "utf8")),
    ),
  );
}

/** Empty published tables at `path`, with the column types a real run publishes. */
export async function createEmptyWarehouse(path: string): Promise<void> {
  const models = await martModels();
  if (models.every((model) => /where\s+false\s*$/i.test(model.sql))) {
    const db = await Db.open(path);
    try {
      await db.run("create schema marts; create schema ops;");
      for (const model of models) await db.run(`create table ${model.relation} as ${model.sql}`);
      await db.run(OPS_TABLES);
    } finally {
      db.close();
    }
    return;
  }
  const root = await mkdtemp(join(tmpdir(), "synthetic-warehouse-"));
  try {
    await mkdir(join(root, "inbox"));
    await runPipeline({
      inbox: join(root, "inbox"),
      out: join(root, "out"),
      asOf: "2026-11-04",
      log: () => {},
    });
    await copyFile(outLayout(join(root, "out")).warehouse, path);
    // a published file is read-only on disk; this copy is the test's own to change
    await chmod(path, 0o644);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const STAFF_VALUES = syntheticStaff
  .map((row) => `(${row.map((value) => `'${value}'`).join(", ")})`)
  .join(",\n");

/** Hand-made events: [staff, date, rule_code, points, session, source, detail, appeal]. */
const EVENTS = `
  ('S0003', '2026-09-08', 'ATT_LATE', -1, 'AM', '考勤', '上班打卡 08:47:12，应到 08:30 + 宽限 10 分钟', null),
  ('S0003', '2026-09-15', 'ATT_MISS', -2, 'PM', '考勤', '下午下班未打卡', null),
  ('S0006', '2026-09-10', 'AWAY_30', -3, 'PM', '叫号系统', '暂停 15:02–15:41，离岗 39 分钟', null),
  ('S0008', '2026-09-17', 'QUARREL', -5, null, '巡查', '与服务对象发生争吵，巡查录像 XC-0917-03', null),
  ('S0010', '2026-09-22', 'DRESS_BADGE', -2, null, '巡查', '未佩戴胸卡', 'SS-0901:撤销'),
  ('S0001', '2026-09-24', 'PRAISE', 2, null, '表扬', '服务对象送锦旗', null),
  ('S0005', '2026-09-29', 'SUGGESTION', 1, null, '表扬', '“午间延时服务”建议被采纳', null),
  ('S0009', '2026-09-30', 'EARLY_COMPLETION', 2, null, '审批平台', '承诺件提前办结 8/30 = 26%，按 20% 计', null),
  ('S0004', '2026-09-11', 'CASE_LATE_ENTRY', -2, null, '审批平台', '办件 BJ-2609-011 受理次日录入', null),
  ('S0002', '2026-10-09', 'ATT_LATE', -1, 'AM', '考勤', '上班打卡 08:41:05，应到 08:30 + 宽限 10 分钟', null),
  ('S0006', '2026-10-13', 'ABSENT_HALF', -5, 'AM', '考勤', '上午无任何打卡，无请假', null),
  ('S0006', '2026-10-20', 'COMPLAINT_VERIFIED', -5, null, '投诉', '投诉 TS-2610-002 查实，过错方为窗口工作人员', null),
  ('S0003', '2026-10-14', 'ATT_EARLY', -1, 'PM', '考勤', '下班打卡 16:52:40，应退 17:00', 'SS-1002:申诉中'),
  ('S0007', '2026-10-16', 'DESK_SIGN', -2, null, '巡查', '桌牌未摆放', null),
  ('S0010', '2026-10-21', 'CASE_NOT_ENTERED', -5, null, '审批平台', '流水号 Q20261021-0032 受理后未录入审批平台', null),
  ('S0001', '2026-10-22', 'HONOR_CITY', 2, null, '表扬', '市政务服务管理局通报表扬', null),
  ('S0005', '2026-10-23', 'PRAISE', 2, null, '表扬', '表扬信一封', null),
  ('S0004', '2026-10-27', 'ATT_MISS', -2, 'AM', '考勤', '上午上班未打卡', 'SS-1003:维持'),
  ('S0008', '2026-10-28', 'DISC_SMOKE_SNACK', -1, null, '巡查', '窗口吃零食', null)
`;

export async function createSyntheticWarehouse(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
  await createEmptyWarehouse(path);
  const db = await Db.open(path);
  try {
    const hallColumns = await setHallColumnsAside(db);
    await db.run(`
      create temp table fx_staff (staff_id varchar, staff_name varchar, department varchar, window_no varchar,
        backup_window_no varchar);
      insert into fx_staff values ${STAFF_VALUES};
      create temp table fx_staff_index as select *, row_number() over (order by staff_id) - 1 as idx from fx_staff;
      create temp table fx_days as
        select d::date as work_date, strftime(d, '%Y-%m') as month
        from range(date '2026-09-01', date '2026-11-01', interval 1 day) as t(d)
        where isodow(d) <= 5 and d::date not in ('2026-09-25', '2026-10-01', '2026-10-02', '2026-10-05',
          '2026-10-06', '2026-10-07')
        union all select date '2026-10-10', '2026-10';
      create temp table fx_missing as select date '2026-10-15' as work_date;
      create temp table fx_data_days as select * from fx_days anti join fx_missing using (work_date);
      create temp table fx_events (staff_id varchar, event_date date, rule_code varchar, points decimal(6,1),
        session varchar, source varchar, detail varchar, appeal varchar);
      insert into fx_events values ${EVENTS};
      create temp table fx_rules (rule_code varchar, rule_name varchar);
      insert into fx_rules select rule_code, rule_name from read_csv('${join(sqlRoot, "seeds", "rule_codes.csv")}');
    `);
    await db.run(`
      insert into marts.months
      select month, case month when '2026-09' then '确认' else '公示' end, date '2026-11-04',
        case month when '2026-09' then date '2026-10-14' else date '2026-11-06' end,
        count(*), count(*) filter (where work_date <> date '2026-10-15'),
        count(*) filter (where work_date = date '2026-10-15'), 0, 10, null, 20, month = '2026-09'
      from fx_days group by month;

      insert into marts.attendance_missing_days select '2026-10', work_date, '全大厅当日无任何打卡记录，视为考勤导出缺失'
      from fx_missing;

      insert into marts.score_events
      select rule_code || ':' || staff_id || ':' || event_date || coalesce(':' || session, ''),
        strftime(event_date, '%Y-%m'), staff_id, staff_name, department, rule_code, rule_name, points, event_date,
        session, source,
        case source when '考勤' then 'attendance/' || strftime(event_date, '%Y-%m') || '.csv:' || (hash(staff_id, event_date) % 900 + 2)
          when '叫号系统' then 'queue-events/' || strftime(event_date, '%Y-%m') || '.csv:' || (hash(staff_id) % 400 + 2)
          when '巡查' then 'patrol/巡查记录.xlsx:' || (hash(staff_id, event_date) % 60 + 2)
          when '投诉' then 'TS-2610-002'
          else source || '登记:' || (hash(staff_id, event_date) % 30 + 2) end,
        detail, coalesce(appeal like '%撤销', false), split_part(appeal, ':', 1), nullif(split_part(appeal, ':', 2), '')
      from fx_events join fx_staff using (staff_id) join fx_rules using (rule_code);
    `);
    await db.run(`
      insert into marts.evaluation_flags by name
      select 'EVF_BURST:B03:2026-10-26:154100' as flag_id, '2026-10' as month, '集中评价' as pattern,
        'S0006' as staff_id, '杨磊' as staff_name, '人社局' as department, 'B03' as window_no,
        '2026-10-26 15:41:00'::timestamp as window_from, '2026-10-26 15:44:30'::timestamp as window_to,
        'PJ-20261026-0004、PJ-20261026-0005、PJ-20261026-0006、PJ-20261026-0007' as evaluation_ids, 4 as evaluations,
        '疑似集中刷评：窗口 B03 在 2026-10-26 15:41:00–15:44:30 的 210 秒内有 4 条评价，其间没有办结任何一张票' as evidence,
        '同一窗口 10 分钟内评价超过 3 条，其间没有办结' as rule, 'evaluations/2026-10.csv:132' as source_ref;
    `);
    await db.run(`
      insert into marts.evaluation_month
      select month, staff_id, staff_name, department, evaluations, good, neutral, bad, good / evaluations
      from (
        select month, staff_id, staff_name, department, 40 + hash(staff_id, month) % 40 as evaluations,
          case when staff_id = 'S0006' and month = '2026-10' then 2 when month = '2026-10' and staff_id = 'S0008' then 1 else 0 end as bad,
          hash(month, staff_id) % 3 as neutral
        from fx_staff cross join (select distinct month from fx_days)
      ), lateral (select evaluations - bad - neutral as good);

      insert into marts.bad_evaluations values
        ('PJ-20261012-0007', '2026-10', '2026-10-12 10:21:00', 'S0006', '杨磊', '人社局', 'B03', 1, '非常不满意',
          '评价器', '等了很久，窗口人员不在', 'Q20261012-0104', '2026-10-14 16:00:00', '2026-10-19', false,
          'evaluations/2026-10.csv:88'),
        ('PJ-20261026-0003', '2026-10', '2026-10-26 15:40:00', 'S0006', '杨磊', '人社局', 'B03', 2, '不满意',
          '政务服务网', '材料清单没有一次讲清楚，电话 138****1234', 'Q20261026-0051', null, '2026-11-02', true,
          'evaluations/2026-10.csv:131'),
        ('PJ-20261029-0011', '2026-10', '2026-10-29 09:05:00', 'S0008', '黄强', '不动产登记中心', 'C02', 2, '不满意',
          '评价器', null, 'Q20261029-0012', null, '2026-11-05', false, 'evaluations/2026-10.csv:152');
    `);
    await db.run(`
      insert into marts.evaluation_flag_month by name
      select month, sum(evaluation_month.evaluations)::integer as evaluations, count(distinct flag_id)::integer as flags,
        coalesce(max(flags.evaluations), 0)::integer as flagged_evaluations,
        coalesce(max(flags.evaluations), 0) / sum(evaluation_month.evaluations) as flagged_share
      from marts.evaluation_month
      left join marts.evaluation_flags as flags using (month)
      group by month;
    `);
    await db.run(`
      create temp table fx_queue as
      select month, work_date, department, window_no, staff_id, staff_name,
        18 + hash(work_date, staff_id) % 25 as tickets,
        hash(work_date, staff_id, 'ns') % 3 as no_shows,
        360 + hash(work_date, window_no) % 900 as avg_wait_s,
        480 + hash(staff_id, 'svc') % 600 as avg_service_s
      from fx_data_days cross join fx_staff;
      insert into marts.queue_daily
      select month, work_date, department, window_no, staff_id, staff_name, tickets, tickets - no_shows,
        (tickets - no_shows) * 6 // 10, no_shows, avg_wait_s, avg_wait_s * 2.1, tickets - (avg_wait_s // 200)::integer,
        avg_service_s
      from fx_queue;

      insert into marts.queue_month by name
      select month,
        case when grouping(department) = 1 then '全大厅' when grouping(window_no) = 0 then '窗口'
          when grouping(staff_id) = 0 then '工作人员' else '窗口单位' end as level,
        department, window_no, staff_id, case when grouping(staff_id) = 0 then any_value(staff_name) end as staff_name,
        sum(tickets)::integer as tickets, sum(tickets)::integer as called, sum(tickets - no_shows)::integer as served,
        sum(no_shows)::integer as no_shows, sum(within_target)::integer as within_target,
        sum(within_target) / sum(tickets) as within_target_rate, sum(no_shows) / sum(tickets) as no_show_rate,
        sum(avg_wait_s * tickets) / sum(tickets) as avg_wait_s, max(avg_wait_s) * 1.8 as p90_wait_s,
        avg(avg_service_s) as avg_service_s
      from (select *, tickets - (avg_wait_s // 200)::integer as within_target from fx_queue)
      group by grouping sets ((month), (month, department), (month, department, window_no), (month, department, staff_id));

      insert into marts.queue_hourly by name
      select month, weekday, hour, sum(tickets)::integer as tickets, count(distinct work_date)::integer as days,
        sum(tickets)::integer as called, sum(within)::integer as within_target,
        sum(within) / sum(tickets) as within_target_rate, sum(wait * tickets) / sum(tickets) as avg_wait_s
      from fx_data_days cross join fx_staff cross join range(8, 17) as h(hour),
        lateral (select isodow(work_date) as weekday),
        lateral (select case when hour in (12, 13) then 0 else 1 + hash(work_date, hour, window_no) % 6
          + case when hour in (9, 10) then 3 else 0 end + case when weekday = 1 then 2 else 0 end end as tickets),
        lateral (select 120 + tickets * 110 + hash(work_date, window_no, hour) % 300 as wait),
        lateral (select tickets - (wait // 300)::integer as within)
      where tickets > 0
      group by month, weekday, hour;

      insert into marts.queue_durations by name
      select month, case when grouping(department) = 1 then '全大厅' else '窗口单位' end as level, department, measure,
        bucket as bucket_minutes,
        any_value(case when bucket = 60 then '60 分钟以上' else bucket || '–' || (bucket + 5) || ' 分钟' end) as bucket_label,
        sum(n)::integer as tickets
      from fx_staff cross join (select distinct month from fx_days) cross join (values ('等候'), ('办理')) as m(measure)
        cross join range(0, 65, 5) as b(bucket),
        lateral (select greatest(1, case measure when '等候' then 90 - bucket * 2 else 40 + bucket - bucket * bucket // 40 end
          + hash(staff_id, month, bucket, measure) % 12) as n)
      -- the first department had no wait of 40–45 minutes, the others had: the hall's buckets still come in order
      where not (department = '不动产登记中心' and measure = '等候' and bucket = 40)
      group by grouping sets ((month, measure, bucket), (month, department, measure, bucket));
    `);
    await db.run(`
      insert into marts.attendance_sessions
      select fx_data_days.month, fx_data_days.work_date, fx_staff.staff_id, staff_name, department, s.session,
        case when outcome in ('旷工', '请假') or (outcome like '缺卡%' and fx_events.detail like '%上班%') then null
          else fx_data_days.work_date + case when outcome like '迟到%' then interval '8 hours 47 minutes' else s.start_at - interval '7 minutes' end end,
        case when outcome in ('旷工', '请假') or (outcome like '缺卡%' and fx_events.detail like '%下班%') then null
          else fx_data_days.work_date + case when outcome like '%早退' then s.end_at - interval '8 minutes' else s.end_at + interval '4 minutes' end end,
        fx_data_days.work_date + s.start_at, fx_data_days.work_date + s.end_at,
        case when outcome = '请假' then 'QJ-' || strftime(fx_data_days.work_date, '%m%d') end,
        outcome like '迟到%', outcome like '%早退', case when outcome like '缺卡%' then 1 else 0 end, outcome = '旷工',
        outcome = '请假', outcome, outcome not in ('正常', '请假')
      from fx_data_days cross join fx_staff cross join (values ('AM', interval '8 hours 30 minutes', interval '12 hours'),
        ('PM', interval '14 hours 30 minutes', interval '17 hours')) as s(session, start_at, end_at)
      left join fx_events on fx_events.staff_id = fx_staff.staff_id and fx_events.event_date = fx_data_days.work_date
        and fx_events.session = s.session,
      lateral (select case fx_events.rule_code when 'ATT_LATE' then '迟到' when 'ATT_EARLY' then '早退'
        when 'ATT_MISS' then '缺卡' when 'ABSENT_HALF' then '旷工'
        else case when fx_staff.staff_id = 'S0005' and fx_data_days.work_date between '2026-10-19' and '2026-10-20' then '请假'
        else '正常' end end as outcome);

      insert into marts.ab_post_sessions
        (month, work_date, session, department, window_no, a_holders, b_holders, a_present, b_present,
         cover_present, is_empty)
      select fx_data_days.month, fx_data_days.work_date, s.session, a.department, a.window_no, a.staff_id,
        (select string_agg(staff_id, '、') from fx_staff b where b.backup_window_no = a.window_no),
        coalesce(att.outcome not in ('旷工', '请假'), false), not b_absent, false,
        coalesce(att.outcome in ('旷工', '请假'), false) and b_absent
      from fx_data_days cross join fx_staff a cross join (values ('AM'), ('PM')) as s(session)
      left join marts.attendance_sessions att on att.staff_id = a.staff_id and att.work_date = fx_data_days.work_date
        and att.session = s.session,
      lateral (select a.window_no = 'B03' and fx_data_days.work_date = date '2026-10-13' and s.session = 'AM' as b_absent);
    `);
    await db.run(`
      insert into marts.cases
      select 'BJ-' || strftime(accepted, '%y%m') || '-' || lpad(n::varchar, 3, '0'), strftime(accepted, '%Y-%m'),
        staff_id, staff_name, department, item, kind, days, accepted, accepted + interval '20 minutes',
        case when n % 11 = 5 then null else accepted + to_days(days + overdue) + interval '2 hours' end,
        case when n % 11 = 5 then '在办' else '办结' end, (accepted + to_days(days))::date,
        overdue > 0 or n % 11 = 5, overdue < 0, false, 'Q' || strftime(accepted, '%Y%m%d') || '-' || lpad(n::varchar, 4, '0'),
        'cases/办件导出.xlsx:' || (n + 1)
      from range(1, 61) as r(n)
        join fx_staff_index on fx_staff_index.idx = n % 10,
        lateral (select (date '2026-09-01' + to_days((n * 37) % 58)) + interval '9 hours' as accepted),
        lateral (select case when n % 3 = 0 then '即办件' else '承诺件' end as kind,
          case when n % 3 = 0 then 0 else 5 end as days,
          case when n % 13 = 4 then 2 when n % 4 = 1 and n % 3 <> 0 then -2 else 0 end as overdue,
          case department when '市场监管局' then '企业设立登记' when '人社局' then '社会保障卡申领' else '不动产转移登记' end as item)
      where accepted < date '2026-11-01';

      insert into marts.complaints values
        ('TS-2609-001', '2026-09', '2026-09-18 10:00:00', '12345热线', 'S0008', '黄强', '不动产登记中心', '态度/刁难', '复杂',
          '不属实', '其他', false, '2026-09-22 16:00:00', '2026-09-23', '2026-09-23 09:00:00', '2026-09-23', false, null, null,
          'TS-2609-001'),
        ('TS-2610-002', '2026-10', '2026-10-16 09:30:00', '现场', 'S0006', '杨磊', '人社局', '服务态度', '复杂', '查实',
          '窗口工作人员', true, '2026-10-20 11:00:00', '2026-10-21', '2026-10-23 10:00:00', '2026-10-21', true,
          '反馈晚于处理决定后 1 个工作日', 'COMPLAINT_VERIFIED:S0006:2026-10-20', 'TS-2610-002'),
        ('TS-2610-003', '2026-10', '2026-10-27 14:00:00', '意见箱', 'S0002', '王芳', '市场监管局', '办事效率', '简单', null, null,
          false, null, '2026-10-27', null, null, true, '简单投诉未当场答复', null, 'TS-2610-003');

      insert into marts.commendations values
        ('BY-001', '2026-09', '2026-09-24', 'S0001', '张伟', '市场监管局', '锦旗', true, 'PRAISE:S0001:2026-09-24', '服务对象送锦旗', 'BY-001'),
        ('BY-002', '2026-10', '2026-10-22', 'S0001', '张伟', '市场监管局', '市级表扬', true, 'HONOR_CITY:S0001:2026-10-22', null, 'BY-002'),
        ('BY-003', '2026-10', '2026-10-23', 'S0005', '陈静', '人社局', '表扬信', true, 'PRAISE:S0005:2026-10-23', null, 'BY-003'),
        ('BY-004', '2026-10', '2026-10-30', 'S0009', '周婷', '不动产登记中心', '口头表扬', false, null, '待中心核定', 'BY-004');

      insert into marts.patrol_findings
      select 'XC-' || lpad(n::varchar, 4, '0'), strftime(patrolled, '%Y-%m'), patrolled, '督查组', window_no, staff_id, staff_name,
        department, code, name, '登记工号', null, 'LX-' || n, event_id, 'patrol/巡查记录.xlsx:' || (n + 1)
      from range(1, 41) as r(n)
        join fx_staff_index on fx_staff_index.idx = n % 10,
        lateral (select (date '2026-09-01' + to_days((n * 3) % 60)) + interval '10 hours' as patrolled),
        lateral (select 'NORMAL' as code, '正常' as name, null as event_id)
      union all
      select 'XC-E' || row_number() over (order by event_date), month, event_date + interval '10 hours 15 minutes',
        '督查组', window_no, staff_id, staff_name, department, rule_code, rule_name, '登记工号', null, 'LX-E', event_id,
        source_ref
      from marts.score_events join fx_staff using (staff_id, staff_name, department) where source = '巡查';

      insert into marts.investigations values
        ('INV:R03:S0006:2026-09-10', '2026-09', 'S0006', '杨磊', '人社局', 'R03', '在服务窗口值班时擅自离岗', '2026-09-10',
          'AWAY_30:S0006:2026-09-10:PM', ['AWAY_30:S0006:2026-09-10:PM'], '告诫', null, '道歉谅解', '免于处理', '已认定', null,
          '2026-09-16', 'investigations/登记.xlsx:2', false, false, null),
        ('INV:R01:S0008:2026-09-17', '2026-09', 'S0008', '黄强', '不动产登记中心', 'R01', '对申请人推诿或者粗暴刁难', '2026-09-17',
          'QUARREL:S0008:2026-09-17', ['QUARREL:S0008:2026-09-17'], '取消评优评先资格', null, null, '取消评优评先资格', '已认定',
          null, '2026-09-24', 'investigations/登记.xlsx:3', true, false, null),
        ('INV:R03:S0006:2026-10-13', '2026-10', 'S0006', '杨磊', '人社局', 'R03', '在服务窗口值班时擅自离岗', '2026-10-13',
          'ABSENT_HALF:S0006:2026-10-13:AM', ['ABSENT_HALF:S0006:2026-10-13:AM'], '告诫', '一年内再次发生', null,
          '取消评优评先资格', '建议', null, null, null, true, false, null),
        ('INV:R01:S0006:2026-10-20', '2026-10', 'S0006', '杨磊', '人社局', 'R01', '对申请人推诿或者粗暴刁难', '2026-10-20',
          'COMPLAINT_VERIFIED:S0006:2026-10-20', ['COMPLAINT_VERIFIED:S0006:2026-10-20'], '通报批评并调离岗位', null, null, '通报批评并调离岗位',
          '已认定', null, '2026-10-29', 'investigations/登记.xlsx:5', true, false, null),
        ('INV:R06:S0010:2026-10-21', '2026-10', 'S0010', '吴军', '不动产登记中心', 'R06', '对办理事项不按规定进行登记或者不给申请人出具书面凭证',
          '2026-10-21', 'CASE_NOT_ENTERED:S0010:2026-10-21', ['CASE_NOT_ENTERED:S0010:2026-10-21'], '告诫', null, null, '告诫',
          '不予追究', null, '2026-10-28', 'investigations/登记.xlsx:4', false, false, null);
    `);
    await db.run(`
      create temp table fx_month_scores as
      select m.month, s.*, 100 + coalesce(sum(e.points) filter (where not e.void), 0) as score,
        coalesce(-sum(e.points) filter (where not e.void and e.points < 0), 0) as deduction_points,
        coalesce(sum(e.points) filter (where not e.void and e.points > 0), 0) as addition_points,
        count(e.event_id) filter (where not e.void and e.points < 0)::integer as deduction_events,
        count(e.event_id) filter (where not e.void and e.points > 0)::integer as addition_events,
        any_value(ev.good_rate) as good_rate, any_value(ev.evaluations) as evaluations,
        (select sum(served) from marts.queue_daily q where q.staff_id = s.staff_id and q.month = m.month)::integer as served,
        (select count(*) from fx_days d where d.month = m.month)::integer as scheduled_days,
        (select count(distinct work_date) from marts.attendance_sessions a where a.staff_id = s.staff_id and a.month = m.month
          and a.outcome not in ('旷工', '请假'))::integer as duty_days,
        (select arg_max(final_tier, final_tier = '通报批评并调离岗位') from marts.investigations i where i.staff_id = s.staff_id and i.month = m.month
          and i.blocks_eligibility) as sanction_tier
      from fx_staff s cross join marts.months m
      left join marts.score_events e on e.staff_id = s.staff_id and e.month = m.month
      left join marts.evaluation_month ev on ev.staff_id = s.staff_id and ev.month = m.month
      group by all;

      insert into marts.staff_month
      select month, staff_id, staff_name, department, window_no, score, deduction_points, addition_points,
        deduction_events, addition_events, rank() over (partition by month order by score desc), order_no,
        case when count(*) over (partition by month, score) > 1 then '好评率' end,
        case when order_no <= 2 and sanction_tier is null then '优秀' when order_no = 10 and score < 100 then '末位' else '合格' end,
        good_rate, evaluations, served, scheduled_days, duty_days, scheduled_days // 2, sanction_tier,
        sanction_tier is null, case when sanction_tier is not null then '当月受到责任追究处理：' || sanction_tier end,
        false, case month when '2026-09' then '确认' else '公示' end
      from (select *, row_number() over (partition by month order by score desc, good_rate desc, served desc,
        deduction_events, staff_id)::integer as order_no from fx_month_scores);
      update marts.staff_month set is_award_winner = true
      where (month, order_no) in (select month, min(order_no) from marts.staff_month where eligible group by month);

      insert into marts.department_month
      select month, department, staff_count, avg_score, good_rate, evaluations, verified, empty_sessions, 0, removed,
        rank() over (partition by month order by avg_score desc),
        row_number() over (partition by month order by avg_score desc, good_rate desc, verified, department),
        empty_sessions = 0 and removed = 0,
        nullif(concat_ws('；', case when empty_sessions > 0 then 'AB岗空岗 ' || empty_sessions || ' 个半天' end,
          case when removed > 0 then removed || ' 人被通报批评并调离岗位' end), ''),
        false, case month when '2026-09' then '确认' else '公示' end
      from (
        select month, department, count(*)::integer as staff_count, avg(score)::decimal(6,2) as avg_score,
          sum(good_rate * evaluations) / sum(evaluations) as good_rate, sum(evaluations)::integer as evaluations,
          (select count(*) from marts.complaints c where c.month = sm.month and c.department = sm.department and c.is_verified)::integer as verified,
          (select count(*) from marts.ab_post_sessions p where p.month = sm.month and p.department = sm.department and p.is_empty)::integer as empty_sessions,
          count(*) filter (where sanction_tier = '通报批评并调离岗位')::integer as removed
        from marts.staff_month sm group by month, department
      );
      update marts.department_month set is_award_winner = true
      where (month, order_no) in (select month, min(order_no) from marts.department_month where eligible group by month);

      insert into marts.awards
      select month, '文明服务标兵', staff_id, staff_name, department, score, good_rate, next_id, next_name, next_score,
        case when next_score is null then '唯一具备资格者' when next_score = score then '好评率' else '得分' end,
        '具备资格者中得分最高（' || score || ' 分），当月无取消评优评先资格及以上处理，在岗天数达到要求', status
      from (select *, lead(staff_id) over w as next_id, lead(staff_name) over w as next_name, lead(score) over w as next_score
        from marts.staff_month where eligible window w as (partition by month order by order_no))
      where is_award_winner
      union all
      select month, '文明服务窗口', department, department, department, avg_score, good_rate, next_id, next_id, next_score,
        case when next_score is null then '唯一具备资格者' when next_score = avg_score then '好评率' else '平均分' end,
        '具备资格的窗口单位中平均分最高（' || avg_score || ' 分），当月无 AB 岗空岗、无人被通报批评并调离岗位', status
      from (select *, lead(department) over w as next_id, lead(avg_score) over w as next_score
        from marts.department_month where eligible window w as (partition by month order by order_no))
      where is_award_winner;
    `);
    await db.run(`
      -- used = rows − quarantined; a duplicate file's rows are the identical file's, all duplicate
      insert into ops.loads
      select path, sha256, source, loaded_at, status, reason, encoding, rows,
        case when status = '已加载' then rows - quarantined else 0 end, 0, quarantined,
        case when status = '内容重复' then rows else 0 end
      from (values
        ('roster/人员名册.xlsx', 'a1f3', 'roster', '2026-11-03 02:00:01', '已加载', null, 'xlsx', 10, 0),
        ('attendance/2026-09.dat', 'b2c4', 'attendance', '2026-11-03 02:00:02', '已加载', null, 'utf-8', 1720, 1),
        ('attendance/2026-10.csv', 'c3d5', 'attendance', '2026-11-03 02:00:03', '已加载', null, 'gb18030', 1480, 2),
        ('attendance/2026-10 (1).csv', 'c3d5', 'attendance', '2026-11-04 02:00:01', '内容重复', 'attendance/2026-10.csv', null, 1480, 0),
        ('queue/叫号流水-10月.csv', 'd4e6', 'queue', '2026-11-03 02:00:04', '已加载', null, 'utf-8', 6210, 3),
        ('evaluations/2026-10.csv', 'e5f7', 'evaluations', '2026-11-03 02:00:05', '已加载', null, 'utf-8', 1210, 0),
        ('patrol/巡查记录.xlsx', 'f6a8', 'patrol', '2026-11-03 02:00:06', '已加载', null, 'xlsx', 52, 1),
        ('complaints/投诉登记.xlsx', 'a7b9', 'complaints', '2026-11-03 02:00:07', '已加载', null, 'xlsx', 3, 0),
        ('cases/办件导出.xls', 'b8c0', 'cases', '2026-11-04 02:00:02', '拒收', '不支持的文件格式 .xls，请另存为 .xlsx', null, 0, 0),
        ('attendance/2026-09-补.csv', 'c9d1', 'attendance', '2026-11-04 02:00:03', '已加载', null, 'utf-8', 4, 0)
      ) as l(path, sha256, source, loaded_at, status, reason, encoding, rows, quarantined);
      insert into ops.quarantine values
        ('attendance/2026-09.dat', 311, 'attendance', '人员无法对应', '考勤号码 1099 不在人员名册中', '{"考勤号码":"1099"}', '2026-09', 2),
        ('attendance/2026-10.csv', 12, 'attendance', '时间无法识别', '日期时间：2026-10-32 08:31 无法识别', '{"日期时间":"2026-10-32 08:31"}', null, 3),
        ('attendance/2026-10.csv', 13, 'attendance', '时间无法识别', '日期时间：空值', '{"日期时间":""}', null, 3),
        ('queue/叫号流水-10月.csv', 88, 'queue', '窗口无法对应', '窗口号 D09 不在人员名册中', '{"窗口号":"D09"}', '2026-10', 5),
        ('queue/叫号流水-10月.csv', 412, 'queue', '取值不在列表中', '办理结果：办完 不在允许的取值中', '{"办理结果":"办完"}', null, 5),
        ('queue/叫号流水-10月.csv', 977, 'queue', '窗口无法对应', '窗口号 D09 不在人员名册中', '{"窗口号":"D09"}', '2026-10', 5),
        ('patrol/巡查记录.xlsx', 40, 'patrol', '缺少必填值', '问题类型：空值', '{"巡查编号":"XC-0040"}', null, 7),
        ('cases/办件导出.xls', null, 'cases', '文件无法使用', '不支持的文件格式 .xls，请另存为 .xlsx', null, null, 9);
      insert into ops.late_arrivals values
        ('2026-09', 'attendance', 'attendance/2026-09-补.csv', 2, '2026-11-04 02:00:03', 10, true),
        ('2026-09', 'attendance', 'attendance/2026-09-补.csv', 3, '2026-11-04 02:00:03', 10, true);
    `);
    // the roll-ups read the hall columns of what they roll up; rows a model writes without them get them after
    await restoreHallColumns(db, hallColumns);
    await deriveRollUps(db);
    await restoreHallColumns(db, hallColumns);
    await db.run("checkpoint");
  } finally {
    db.close();
  }
  await publishRuleTables(path, ["2026-09", "2026-10"]);
}

/** Columns a run adds to every table of its hall, and ops.loads' month: the fixtures' rows give the rest by position. */
const hallColumnNames = ["hall_code", "hall_name"];

async function setHallColumnsAside(db: Db): Promise<{ table: string; column: string }[]> {
  const columns = await db.all<{ table: string; column: string }>(
    `select schema_name || '.' || table_name as "table", column_name as "column" from duckdb_columns()
     where schema_name in ('marts', 'ops')
       and (column_name in ('hall_code', 'hall_name') or (schema_name, table_name, column_name) = ('ops', 'loads', 'month'))`,
  );
  for (const { table, column } of columns) await db.run(`alter table ${table} drop column "${column}"`);
  return columns;
}

/** The hall columns back, for the one hall of the synthetic warehouse (at the end of each table), where still empty. */
async function restoreHallColumns(
  db: Db,
  columns: readonly { table: string; column: string }[],
): Promise<void> {
  const values: Record<string, string> = {
    hall_code: `'${defaultConfig.hall.code}'`,
    hall_name: `'${defaultConfig.hall.name}'`,
  };
  for (const { table, column } of columns) {
    await db.run(`alter table ${table} add column if not exists "${column}" varchar`);
    await db.run(
      `update ${table} set "${column}" = ${hallColumnNames.includes(column) ? values[column] : "strftime(loaded_at, '%Y-%m')"}
       where "${column}" is null`,
    );
  }
}

/**
 * The published tables that roll up other published tables (hall_month, score_distribution …), built
 * by their own SQL over the rows a test wrote into the others (in the default catalog), so that they
 * agree with them as a run's would.
 */
export async function deriveRollUps(db: Db): Promise<void> {
  // a hand-made warehouse has no frozen history: every month is in the published table; and what
  // a run takes from its configuration is the default's
  await db.run(
    "create or replace macro all_months(current, frozen) as table select * from query_table(current)",
  );
  await db.run(`set variable hall_name = '${defaultConfig.hall.name}'`);
  const published = (await loadModels()).filter(
    (model) => model.schema === "marts" || model.schema === "ops",
  );
  for (const model of published) {
    const readsPublished = model.dependsOn.every((relation) => /^(marts|ops)\./.test(relation));
    if (model.dependsOn.length === 0 || !readsPublished) continue;
    const filled = await db.one<{ n: bigint }>(`select count(*) as n from ${model.relation}`);
    if (Number(filled?.n) > 0) continue;
    await db.run(`insert into ${model.relation} by name select * from (${model.sql})`);
  }
}

/** The second hall of the two-hall synthetic warehouse. */
export const secondHall = { code: "B", name: "乙区政务服务中心", namePrefix: "乙" } as const;

/**
 * Two halls whose identifiers all collide: the synthetic hall, and a copy of every one of its rows as
 * hall B, whose people's names start with 乙 (so a page that mixed the halls would show both) and
 * whose month figures in hall_month differ, so that a comparison can tell the halls apart.
 */
export async function createTwoHallWarehouse(path: string): Promise<void> {
  await createSyntheticWarehouse(path);
  const db = await Db.open(path);
  try {
    const columns = await db.all<{ name: string; column: string }>(
      `select schema_name || '.' || table_name as name, column_name as "column" from duckdb_columns()
       where schema_name in ('marts', 'ops') and column_name in ('hall_code', 'hall_name', 'staff_name',
         'winner_name', 'standout_staff_name')
         and (schema_name, table_name) in (select (schema_name, table_name) from duckdb_tables())`,
    );
    const tables = new Map<string, Set<string>>();
    for (const { name, column } of columns) tables.set(name, (tables.get(name) ?? new Set()).add(column));
    for (const [name, names] of tables) {
      if (!names.has("hall_code")) continue;
      const replaced = [
        `'${secondHall.code}' as hall_code`,
        ...(names.has("hall_name") ? [`'${secondHall.name}' as hall_name`] : []),
        ...["staff_name", "winner_name", "standout_staff_name"]
          .filter((column) => names.has(column))
          .map((column) => `'${secondHall.namePrefix}' || ${column} as ${column}`),
      ];
      await db.run(
        `insert into ${name} select * replace (${replaced.join(", ")})
         from ${name} where hall_code = '${defaultConfig.hall.code}'`,
      );
    }
    // hall B's figures differ from the main hall's: another average, 好评率 and wait
    await db.run(
      `update marts.hall_month set avg_score = avg_score - 3.25, good_rate = good_rate * 0.9,
         avg_wait_s = avg_wait_s + 120
       where hall_code = '${secondHall.code}'`,
    );
    await db.run("checkpoint");
  } finally {
    db.close();
  }
}
