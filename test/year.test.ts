/**
 * The year ([001] 三工: "月末相加汇总出月度考核总分和月均分"; the centre's 年度考核): November and
 * December 2026 for a hall of four in two departments, worked out by hand. Grades use 优秀 25 % and
 * 末位 25 % so that four people give one of each (round(4 × 0.25) = 1, §9).
 *
 * Roster: 市场监管局 S0001 张三 A01 (B of A02) · S0002 李四 A02 (B of A01);
 *         税务局     S0003 王五 A03 (B of A04) · S0004 赵六 A04 (B of A03).
 * Everyone punches normally on every weekday of November (21) and December (23) except:
 *
 * November: S0001 late 11-10 and 11-11 → ATT_LATE −1 × 2 → 98 · S0002 verified 表扬信 11-12 →
 *   PRAISE +2 → 102 · S0003 100 · S0004 no afternoon punches 11-17 → ABSENT_HALF −5 → 95, case
 *   INV:R03:S0004:2026-11-17 (建议, 告诫); register case M2 of S0001 (R13, 11-20) is dismissed
 *   (不予追究): it neither blocks nor counts in the year.
 *   Order S0002 102, S0003 100, S0001 98, S0004 95 → 优秀 S0002, 末位 S0004 (95 < 100);
 *   文明服务标兵 S0002; 市场监管局 (98 + 102) / 2 = 100.00 > 税务局 (100 + 95) / 2 = 97.50 → 文明服务窗口 市场监管局.
 * December: S0001 表扬信 12-09 → 102 · S0002 late 12-08, 12-09, 12-10 → 97 · S0003 late 12-15 and
 *   12-16 → 98, and register case M1 (R13, 12-16, 较重, 已认定 → 取消评优评先资格) · S0004 two 表扬信
 *   (12-10, 12-11) → 104.
 *   Order S0004 104, S0001 102, S0003 98, S0002 97 → 优秀 S0004, 末位 S0002; 文明服务标兵 S0004;
 *   市场监管局 (102 + 97) / 2 = 99.50 < 税务局 (104 + 98) / 2 = 101.00 → 文明服务窗口 税务局.
 *
 * The year: S0001 98 + 102 = 200, 月均分 100.00 · S0002 102 + 97 = 199, 99.50 · S0003 100 + 98 = 198,
 *   99.00 · S0004 95 + 104 = 199, 99.50. 市场监管局 100.00 + 99.50 = 199.50, 月均分 99.75 ·
 *   税务局 97.50 + 101.00 = 198.50, 99.25.
 *
 * Run 1, as of 2026-12-20: November is final (its window ended 12-07) and is frozen at the end of
 * the run; December is 公示 with the punches up to 12-20. Run 2, as of 2027-01-20: November is read
 * back from the frozen history, December is final → the year is complete.
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../pipeline/db.ts";
import { publishWorkbooks } from "../pipeline/publish/workbooks.ts";
import { type CliResult, runCli } from "./support/cli.ts";
import { type Hall, runHall } from "./support/hall.ts";
import { day, normalDays, type RosterRow, staff } from "./support/rules.ts";
import { sheetRows } from "./support/sheet-rows.ts";

const market = "市场监管局";
const tax = "税务局";
const roster: RosterRow[] = [
  staff(1, { department: market, backup_window_no: "A02" }),
  staff(2, { department: market, backup_window_no: "A01" }),
  staff(3, { department: tax, backup_window_no: "A04" }),
  staff(4, { department: tax, backup_window_no: "A03" }),
];
const [s1, s2, s3, s4] = roster as [RosterRow, RosterRow, RosterRow, RosterRow];

/** Monday to Friday of a month of 2026 (neither month has a holiday or a make-up working day). */
const weekdays = (month: number): string[] =>
  Array.from({ length: 31 }, (_, i) => new Date(Date.UTC(2026, month - 1, i + 1)))
    .filter((date) => date.getUTCMonth() === month - 1 && date.getUTCDay() % 6 !== 0)
    .map((date) => date.toISOString().slice(0, 10));

const late = { amIn: "08:45:00" };
const planted: [RosterRow, string, Parameters<typeof day>[2]][] = [
  [s1, "2026-11-10", late],
  [s1, "2026-11-11", late],
  [s4, "2026-11-17", { pmIn: null, pmOut: null }],
  [s2, "2026-12-08", late],
  [s2, "2026-12-09", late],
  [s2, "2026-12-10", late],
  [s3, "2026-12-15", late],
  [s3, "2026-12-16", late],
];
const isPlanted = (person: RosterRow, date: string) =>
  planted.some(([who, when]) => who === person && when === date);
const attendance = [
  ...roster.flatMap((person) =>
    normalDays(
      [person],
      [...weekdays(11), ...weekdays(12)].filter((date) => !isPlanted(person, date)),
    ),
  ),
  ...planted.flatMap(([person, date, overrides]) => day(person, date, overrides)),
];
const praise = (id: string, date: string, person: RosterRow) => ({
  id,
  date,
  staff_id: person.staff_id,
  kind: "表扬信",
  verified: "是",
});

const inbox = {
  roster,
  attendance,
  commendations: [
    praise("C1", "2026-11-12", s2),
    praise("C2", "2026-12-09", s1),
    praise("C3", "2026-12-10", s4),
    praise("C4", "2026-12-11", s4),
  ],
  investigations: [
    {
      case_id: "M1",
      staff_id: s3.staff_id,
      trigger: "R13",
      occurred_on: "2026-12-16",
      severity: "较重",
      decision: "已认定",
      decided_on: "2026-12-18",
    },
    // dismissed: not counted in the year (nor does it block anything in November)
    {
      case_id: "M2",
      staff_id: s1.staff_id,
      trigger: "R13",
      occurred_on: "2026-11-20",
      severity: "较重",
      decision: "不予追究",
      decided_on: "2026-11-25",
    },
  ],
};
const config = { grades: { excellent_share: 0.25, last_share: 0.25 } };
const publishers = [publishWorkbooks];

const workbookName = "示例县政务服务中心_2026年_年度考核.xlsx";
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
const readWorkbook = async (path: string) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
};

const staffYear = (hall: Hall) =>
  hall.query(
    `select staff_id, staff_name, department, months_scored, months_final,
       total_score::double as total_score, avg_score::double as avg_score,
       excellent_months, qualified_months, last_months,
       deduction_points::double as deduction_points, addition_points::double as addition_points,
       awards, award_months, cases, exempted_cases, warning_cases, disqualified_cases, removed_cases, is_complete
     from marts.staff_year where year = 2026 order by staff_id`,
  );
const departmentYear = (hall: Hall) =>
  hall.query(
    `select department, months_scored, months_final, staff, staff_months,
       total_score::double as total_score, avg_score::double as avg_score, best_rank,
       excellent_staff_months, last_staff_months, awards, award_months, staff_awards,
       deduction_points::double as deduction_points, addition_points::double as addition_points,
       cases, warning_cases, disqualified_cases, removed_cases, is_complete
     from marts.department_year where year = 2026 order by department`,
  );

describe("the year over a frozen November and a final December", () => {
  let first: Hall;
  let second: Hall;
  // the first run's year, read before the second run replaces the publication
  let yearToDate: { years: Row[]; staff: Row[]; report: CliResult; published: boolean };
  let report: CliResult;
  let third: Hall;
  beforeAll(async () => {
    first = await runHall(inbox, { asOf: "2026-12-20", config, publishers });
    yearToDate = {
      years: await first.query("select * exclude (year, hall_code, hall_name, as_of) from marts.years"),
      staff: await staffYear(first),
      report: await runCli(["report", "--year", "2026", "--out", first.out]),
      published: await exists(join(first.out, "reports", "2026", workbookName)),
    };
    second = await first.rerun({ asOf: "2027-01-20" });
    report = await runCli(["report", "--year", "2026", "--out", first.out]);
    third = await second.rerun({ asOf: "2027-01-21" });
  }, 300_000);
  afterAll(() => first?.cleanup());

  it("the months are graded and awarded as worked out by hand", async () => {
    expect(
      await second.query(
        "select month, staff_id, score::double as score, grade from marts.staff_month order by month, order_no",
      ),
    ).toEqual([
      { month: "2026-11", staff_id: "S0002", score: 102, grade: "优秀" },
      { month: "2026-11", staff_id: "S0003", score: 100, grade: "合格" },
      { month: "2026-11", staff_id: "S0001", score: 98, grade: "合格" },
      { month: "2026-11", staff_id: "S0004", score: 95, grade: "末位" },
      { month: "2026-12", staff_id: "S0004", score: 104, grade: "优秀" },
      { month: "2026-12", staff_id: "S0001", score: 102, grade: "合格" },
      { month: "2026-12", staff_id: "S0003", score: 98, grade: "合格" },
      { month: "2026-12", staff_id: "S0002", score: 97, grade: "末位" },
    ]);
    expect(
      await second.query("select month, award, winner_id from marts.awards order by month, award"),
    ).toEqual([
      { month: "2026-11", award: "文明服务标兵", winner_id: "S0002" },
      { month: "2026-11", award: "文明服务窗口", winner_id: market },
      { month: "2026-12", award: "文明服务标兵", winner_id: "S0004" },
      { month: "2026-12", award: "文明服务窗口", winner_id: tax },
    ]);
  });

  it("year to date: November final, December 公示 through 12-20", async () => {
    expect(yearToDate.years).toEqual([
      {
        first_month: "2026-11",
        last_month: "2026-12",
        months_scored: 2,
        months_final: 1,
        months_public: 1,
        is_complete: false,
        scope: "年初至今，含 1 个公示月份",
        period_label: "2026年11月—12月（年初至今，含 1 个公示月份）",
        // the as-of month, the Parquet export's partition for a table without a month of its own
        month: "2026-12",
      },
    ]);
    expect(
      yearToDate.staff.map((row) => [row.staff_id, row.months_scored, row.months_final, row.is_complete]),
    ).toEqual([
      ["S0001", 2, 1, false],
      ["S0002", 2, 1, false],
      ["S0003", 2, 1, false],
      ["S0004", 2, 1, false],
    ]);
  });

  it("the complete year: 月均分, months 优秀 and 末位, awards and cases per tier of each person", async () => {
    expect(
      await second.query("select * exclude (year, hall_code, hall_name, as_of) from marts.years"),
    ).toEqual([
      {
        first_month: "2026-11",
        last_month: "2026-12",
        months_scored: 2,
        months_final: 2,
        months_public: 0,
        is_complete: true,
        scope: "全年已确认",
        period_label: "2026年11月—12月（全年已确认）",
        month: "2027-01",
      },
    ]);
    const common = {
      months_scored: 2,
      months_final: 2,
      exempted_cases: 0,
      removed_cases: 0,
      is_complete: true,
    };
    expect(await staffYear(second)).toEqual([
      {
        ...common,
        staff_id: "S0001",
        staff_name: "张三",
        department: market,
        total_score: 200,
        avg_score: 100,
        excellent_months: 0,
        qualified_months: 2,
        last_months: 0,
        deduction_points: 2,
        addition_points: 2,
        awards: 0,
        award_months: null,
        cases: 0,
        warning_cases: 0,
        disqualified_cases: 0,
      },
      {
        ...common,
        staff_id: "S0002",
        staff_name: "李四",
        department: market,
        total_score: 199,
        avg_score: 99.5,
        excellent_months: 1,
        qualified_months: 0,
        last_months: 1,
        deduction_points: 3,
        addition_points: 2,
        awards: 1,
        award_months: "2026-11",
        cases: 0,
        warning_cases: 0,
        disqualified_cases: 0,
      },
      {
        ...common,
        staff_id: "S0003",
        staff_name: "王五",
        department: tax,
        total_score: 198,
        avg_score: 99,
        excellent_months: 0,
        qualified_months: 2,
        last_months: 0,
        deduction_points: 2,
        addition_points: 0,
        awards: 0,
        award_months: null,
        cases: 1,
        warning_cases: 0,
        disqualified_cases: 1,
      },
      {
        ...common,
        staff_id: "S0004",
        staff_name: "赵六",
        department: tax,
        total_score: 199,
        avg_score: 99.5,
        excellent_months: 1,
        qualified_months: 0,
        last_months: 1,
        deduction_points: 5,
        addition_points: 4,
        awards: 1,
        award_months: "2026-12",
        cases: 1,
        warning_cases: 1,
        disqualified_cases: 0,
      },
    ]);
  });

  it("each person's points per rule over the year", async () => {
    expect(
      await second.query(
        "select staff_id, rule_code, months, events, points::double as points from marts.staff_year_rules order by staff_id, rule_code",
      ),
    ).toEqual([
      { staff_id: "S0001", rule_code: "ATT_LATE", months: 1, events: 2, points: -2 },
      { staff_id: "S0001", rule_code: "PRAISE", months: 1, events: 1, points: 2 },
      { staff_id: "S0002", rule_code: "ATT_LATE", months: 1, events: 3, points: -3 },
      { staff_id: "S0002", rule_code: "PRAISE", months: 1, events: 1, points: 2 },
      { staff_id: "S0003", rule_code: "ATT_LATE", months: 1, events: 2, points: -2 },
      { staff_id: "S0004", rule_code: "ABSENT_HALF", months: 1, events: 1, points: -5 },
      { staff_id: "S0004", rule_code: "PRAISE", months: 1, events: 2, points: 4 },
    ]);
  });

  it("the departments' year: the average of their monthly averages, awards, grades and cases", async () => {
    const common = {
      months_scored: 2,
      months_final: 2,
      staff: 2,
      staff_months: 4,
      removed_cases: 0,
      is_complete: true,
    };
    expect(await departmentYear(second)).toEqual([
      {
        ...common,
        department: market,
        total_score: 199.5,
        avg_score: 99.75,
        best_rank: 1,
        excellent_staff_months: 1,
        last_staff_months: 1,
        awards: 1,
        award_months: "2026-11",
        staff_awards: 1,
        deduction_points: 5,
        addition_points: 4,
        cases: 0,
        warning_cases: 0,
        disqualified_cases: 0,
      },
      {
        ...common,
        department: tax,
        total_score: 198.5,
        avg_score: 99.25,
        best_rank: 1,
        excellent_staff_months: 1,
        last_staff_months: 1,
        awards: 1,
        award_months: "2026-12",
        staff_awards: 1,
        deduction_points: 7,
        addition_points: 4,
        cases: 2,
        warning_cases: 1,
        disqualified_cases: 1,
      },
    ]);
    expect(
      await second.query(
        "select department, rule_code, staff, events, points::double as points from marts.department_year_rules order by department, rule_code",
      ),
    ).toEqual([
      { department: market, rule_code: "ATT_LATE", staff: 2, events: 5, points: -5 },
      { department: market, rule_code: "PRAISE", staff: 2, events: 2, points: 4 },
      { department: tax, rule_code: "ABSENT_HALF", staff: 1, events: 1, points: -5 },
      { department: tax, rule_code: "ATT_LATE", staff: 1, events: 2, points: -2 },
      { department: tax, rule_code: "PRAISE", staff: 1, events: 2, points: 4 },
    ]);
  });

  it("the run writes the year workbook once December is final, not before", async () => {
    expect(yearToDate.published).toBe(false);
    expect(second.lines).toContain(
      `  年度考核工作簿 ${join(first.out, "reports", "2026", workbookName)}（71 行）`,
    );
    const workbook = await readWorkbook(join(first.out, "reports", "2026", workbookName));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "人员年度考核",
      "窗口单位年度考核",
      "窗口单位按规则",
      "个人按规则",
      "各月结果",
      "说明",
    ]);
    expect(workbook.title).toBe("示例县政务服务中心 2026年 窗口工作人员年度考核");
    expect(workbook.subject).toBe("2026年11月—12月（全年已确认） 年度考核结果");
  });

  it("once December is frozen the year workbook carries over as it was, not rewritten", async () => {
    expect(third.lines.filter((line) => line.includes("工作簿"))).toEqual([]);
    const workbook = await readWorkbook(join(first.out, "reports", "2026", workbookName));
    expect(workbook.getWorksheet("人员年度考核")?.getCell("A2").value).toBe(
      "统计区间：2026年11月—12月（全年已确认）；按月均分从高到低排列；各列的含义见“说明”表；数据截至 2027-01-20",
    );
  });

  it("report --year writes the year to date beside the publication and says where", async () => {
    const path = join(first.out, "on-demand", "reports", "2026", workbookName);
    expect(yearToDate.report.stderr).toBe("");
    expect(yearToDate.report.code).toBe(0);
    expect(yearToDate.report.stdout.split("\n")).toEqual([
      `年度考核工作簿已写入 ${path}（71 行）`,
      "统计区间：2026年11月—12月（年初至今，含 1 个公示月份），数据截至 2026-12-20",
      "年度尚未结束或仍有公示月份：数字为年初至今的累计，之后可能变化",
      "",
    ]);
    expect(report.code).toBe(0);
    expect(report.stdout.split("\n")).toEqual([
      `年度考核工作簿已写入 ${path}（71 行）`,
      "统计区间：2026年11月—12月（全年已确认），数据截至 2027-01-20",
      "",
    ]);
    const rows = sheetRows((await readWorkbook(path)).getWorksheet("人员年度考核")!);
    expect(rows).toEqual([
      ["示例县政务服务中心 2026年 窗口工作人员年度考核（全年已确认）"],
      [
        "统计区间：2026年11月—12月（全年已确认）；按月均分从高到低排列；各列的含义见“说明”表；数据截至 2027-01-20",
      ],
      [
        ...[
          "工号",
          "姓名",
          "部门",
          "考核月数",
          "已确认",
          "总分",
          "月均分",
          "最高分",
          "最低分",
          "优秀",
          "合格",
        ],
        ...["末位", "扣分", "加分", "标兵", "获评月份", "追究", "免于处理", "告诫", "取消评优", "通报调离"],
      ],
      ["S0001", "张三", market, 2, 2, 200, 100, 102, 98, 0, 2, 0, 2, 2, 0, null, 0, 0, 0, 0, 0],
      ["S0002", "李四", market, 2, 2, 199, 99.5, 102, 97, 1, 0, 1, 3, 2, 1, "2026-11", 0, 0, 0, 0, 0],
      ["S0004", "赵六", tax, 2, 2, 199, 99.5, 104, 95, 1, 0, 1, 5, 4, 1, "2026-12", 1, 0, 1, 0, 0],
      ["S0003", "王五", tax, 2, 2, 198, 99, 100, 98, 0, 2, 0, 2, 0, 0, null, 1, 0, 0, 1, 0],
    ]);
    const departments = sheetRows((await readWorkbook(path)).getWorksheet("窗口单位年度考核")!);
    expect(departments.slice(3)).toEqual([
      [market, 2, 2, 2, 4, 199.5, 99.75, 1, 1, 1, 1, "2026-11", 1, 5, 4, 0, 0, 0, 0, 0],
      [tax, 2, 2, 2, 4, 198.5, 99.25, 1, 1, 1, 1, "2026-12", 1, 7, 4, 2, 0, 1, 1, 0],
    ]);
  });

  it("report --year names what is wrong in Chinese", async () => {
    const missing = await runCli(["report", "--year", "2025", "--out", first.out]);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      "年度工作簿未生成：仓库中没有 2025 年的考核结果：该年没有任何已考核的月份\n",
    ]);
    const invalid = await runCli(["report", "--year", "26", "--out", first.out]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.split("\n")[0]).toBe("年度工作簿未生成：--year 26 无效：应为四位数的年份，如 2026");
  });
});
