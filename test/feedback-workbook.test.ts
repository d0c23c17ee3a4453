/**
 * The 个人考核反馈单 ([001] 反馈原则; issue 16 item 3): one A4 page per person, one sheet per
 * department, beside the month workbook; every event with its evidence, the attendance anomalies,
 * the three months before, the award eligibility and its reason, 肯定成绩 / 改进方向 from the
 * month's events, and how to appeal. Read back with exceljs and JSZip, and printed by LibreOffice.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EventRow,
  type FeedbackRow,
  heightOf,
  pageHeight,
  pageItems,
} from "../pipeline/publish/feedback-workbook.ts";
import { publishWorkbooks } from "../pipeline/publish/workbooks.ts";
import { type Hall, runHall } from "./support/hall.ts";
import { day, normalDays, type RosterRow, staff } from "./support/rules.ts";

const run = promisify(execFile);
const month = "2026-10";
const fileName = "示例县政务服务中心_2026年10月_个人反馈单.xlsx";
const appeal =
  "对本月结果有异议的，请于 2026-11-06（月末后 5 个工作日，含当天）前，注明事件编号（见上表）或“工号 + 规则 + 日期”，经中心考核部门提出申诉；怎样申诉见《规则说明》§17。";

const zhang = staff(1);
const li = staff(2);
// 王五 joined in September: no results for July and August
const wang = staff(3, { department: "税务局", start_date: "2026-09-01" });

/** One working day with attendance in each month, so that July to October are all scored. */
const days = { jul: "2026-07-15", aug: "2026-08-12", sep: "2026-09-09", oct: "2026-10-09" };

const patrol = (id: string, who: RosterRow, at: string, finding: string) => ({
  id,
  at,
  patroller: "巡查员",
  staff_id: who.staff_id,
  finding,
});

/** Thirty 佩戴工作牌 findings for 王五 on one day: more events than a page holds. */
const manyFindings = Array.from({ length: 30 }, (_, index) =>
  patrol(
    `P${String(index + 10).padStart(3, "0")}`,
    wang,
    `${days.oct} 15:${String(index).padStart(2, "0")}`,
    "DRESS_BADGE",
  ),
);

/** A sheet's rows as the text of their non-empty cells (a merged range once), joined by " | ". */
function rowTexts(sheet: ExcelJS.Worksheet): string[] {
  const texts: string[] = [];
  for (let number = 1; number <= sheet.rowCount; number++) {
    const values: string[] = [];
    sheet.getRow(number).eachCell((cell) => {
      if (cell.master === cell && cell.value !== null && cell.value !== "") values.push(String(cell.value));
    });
    texts.push(values.join(" | "));
  }
  return texts;
}

/** The rows after which each sheet (by name) breaks its pages, from the sheets' XML. */
async function rowBreaks(path: string): Promise<Record<string, number[]>> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const breaks: Record<string, number[]> = {};
  for (const [index, tag] of [...workbookXml.matchAll(/<sheet [^>]*>/g)].entries()) {
    const name = /name="([^"]+)"/.exec(tag[0])![1]!;
    const xml = await zip.file(`xl/worksheets/sheet${index + 1}.xml`)!.async("string");
    breaks[name] = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((match) => Number(match[1]));
  }
  return breaks;
}

/** Pages of a sheet: its rows split after each manual break. */
function pagesOf(rows: string[], breaks: number[]): string[][] {
  const ends = [...breaks, rows.length];
  return ends.map((end, index) => rows.slice(index === 0 ? 0 : ends[index - 1], end));
}

describe("个人考核反馈单 of a small hall", () => {
  let hall: Hall;
  let path: string;
  let workbook: ExcelJS.Workbook;
  let pages: Record<string, string[][]>;

  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [zhang, li, wang],
        attendance: [
          // July: 张三 late in the morning (−1); August all on time
          ...day(zhang, days.jul, { amIn: "08:45:00" }),
          ...normalDays([li], [days.jul]),
          ...normalDays([zhang, li], [days.aug]),
          ...normalDays([zhang, li, wang], [days.sep]),
          // October: 张三 late in the morning; 李四 never punches (absent both halves)
          ...day(zhang, days.oct, { amIn: "08:50:00" }),
          ...normalDays([wang], [days.oct]),
        ],
        patrol: [patrol("P001", zhang, `${days.oct} 10:00`, "DRESS_BADGE"), ...manyFindings],
        commendations: [
          { id: "C001", date: days.oct, staff_id: zhang.staff_id, kind: "表扬信", verified: "是" },
        ],
      },
      { asOf: "2026-11-04", publishers: [publishWorkbooks] },
    );
    path = join(hall.out, "reports", month, fileName);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const breaks = await rowBreaks(path);
    pages = Object.fromEntries(
      workbook.worksheets.map((sheet) => [sheet.name, pagesOf(rowTexts(sheet), breaks[sheet.name] ?? [])]),
    );
  }, 240_000);

  afterAll(async () => {
    await hall?.cleanup();
  });

  it("is written beside the month workbook, one per month, and the run says so", async () => {
    expect((await readdir(join(hall.out, "reports", month))).sort()).toEqual([
      "示例县政务服务中心_2026年10月_个人反馈单.xlsx",
      "示例县政务服务中心_2026年10月_绩效考核.xlsx",
    ]);
    expect(hall.lines.join("\n")).toContain(
      `个人反馈单 ${join(hall.out, "reports", month, fileName)}（3 人）`,
    );
  });

  it("has one sheet per department and one page per person, in 工号 order", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["市场监管局", "税务局"]);
    expect(pages.市场监管局!.map((page) => page[1])).toEqual([
      "姓名：张三　工号：S0001　部门：市场监管局　窗口：A01",
      "姓名：李四　工号：S0002　部门：市场监管局　窗口：A02",
    ]);
    expect(pages.税务局!.map((page) => page[1])).toEqual([
      "姓名：王五　工号：S0003　部门：税务局　窗口：A03",
    ]);
  });

  it("prints A4 portrait, one page wide, with a print area ending at the last person's last row", () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: "portrait",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(sheet.pageSetup.printArea).toBe(`A1:E${sheet.rowCount}`);
    }
  });

  it("shows 张三's page exactly: result, every event with id, date, points and evidence, anomalies, the months before, 肯定成绩 and 改进方向, appeal and signature", () => {
    // §9: 100 − 1 (ATT_LATE) − 2 (DRESS_BADGE) + 2 (PRAISE) = 99, first of three, 优秀 (round(3 × 18 %) = 1)
    expect(pages.市场监管局![0]).toEqual([
      "示例县政务服务中心 2026年10月 个人考核反馈单（公示）",
      "姓名：张三　工号：S0001　部门：市场监管局　窗口：A01",
      "一、考核结果",
      "得分 99.0 分　名次 第 1 名（共 3 人）　等级 优秀",
      "加分 +2.0 分　扣分 −3.0 分　办件 0 件　好评率 —（0 条评价）　在岗 1 天",
      "二、加扣分事件（共 3 条；申诉时请引用事件编号）",
      "事件编号 | 日期 | 规则 | 分值 | 证据",
      "ATT_LATE:S0001:2026-10-09:AM | 2026-10-09 | 迟到 | -1.0 | attendance/data.csv:30；上午：签到 08:50:00，应到 08:30（宽限 10 分钟）",
      "DRESS_BADGE:S0001:2026-10-09:P001 | 2026-10-09 | 未戴胸卡或着装不规范 | -2.0 | P001（patrol/data.csv:2）；巡查 10:00，巡查人 巡查员（按记录人员认定当班人员）",
      "PRAISE:S0001:2026-10-09:C001 | 2026-10-09 | 表扬 | +2.0 | C001（commendations/data.csv:2）；表扬信（经中心核定）",
      "三、考勤异常",
      "迟到 1 个半天　早退 0 个半天　缺卡 0 次　旷工 0 个半天",
      "明细：10月9日上午迟到",
      "四、此前三个月得分",
      // September: all three at 100, 张三 first by 工号 and 优秀; July: late once, 99
      "2026年9月：100.0 分（优秀）　2026年8月：100.0 分（合格）　2026年7月：99.0 分（合格）",
      "五、文明服务标兵评选资格",
      "具备资格，当选本月文明服务标兵。",
      "六、肯定成绩与改进方向",
      "肯定成绩：当选本月文明服务标兵；月度等级为优秀（第 1 名）；获得加分：表扬信、锦旗、镜框或口头反映的好人好事(经中心核定) 1 次（+2.0 分）。",
      "改进方向：扣分最多的规则：上班未佩戴胸卡、未按规定穿着工作服（《规则说明》§4）1 次，共扣 2.0 分；上班迟到（《规则说明》§2）1 次，共扣 1.0 分。请对照相应章节改进。",
      "七、申诉",
      appeal,
      "",
      "本人签字：____________________　　　　日期：________年____月____日",
    ]);
  });

  it("gives the exact reason why 李四 is not eligible, and 肯定成绩 when there is nothing to praise", () => {
    const page = pages.市场监管局![1]!;
    // §2: no punch all day is two half-days of 旷工 (−5 each); §11: on duty 0 of the required half of 1 day
    expect(page.slice(3, 9)).toEqual([
      "得分 90.0 分　名次 第 2 名（共 3 人）　等级 合格",
      "加分 +0.0 分　扣分 −10.0 分　办件 0 件　好评率 —（0 条评价）　在岗 0 天",
      "二、加扣分事件（共 2 条；申诉时请引用事件编号）",
      "事件编号 | 日期 | 规则 | 分值 | 证据",
      "ABSENT_HALF:S0002:2026-10-09:AM | 2026-10-09 | 旷工半天 | -5.0 | attendance/data.csv（当日考勤记录中无本人上午打卡）；上午：本时段无任何打卡记录",
      "ABSENT_HALF:S0002:2026-10-09:PM | 2026-10-09 | 旷工半天 | -5.0 | attendance/data.csv（当日考勤记录中无本人下午打卡）；下午：本时段无任何打卡记录",
    ]);
    expect(page.slice(10, 19)).toEqual([
      "迟到 0 个半天　早退 0 个半天　缺卡 0 次　旷工 2 个半天",
      "明细：10月9日上午旷工、10月9日下午旷工",
      "四、此前三个月得分",
      "2026年9月：100.0 分（合格）　2026年8月：100.0 分（合格）　2026年7月：100.0 分（合格）",
      "五、文明服务标兵评选资格",
      "不具备资格：在岗 0 天，不足当月有考勤数据工作日的一半（需 0.5 天）。",
      "六、肯定成绩与改进方向",
      "肯定成绩：本月没有加分事件。",
      "改进方向：扣分最多的规则：旷工(半天)（《规则说明》§2）2 次，共扣 10.0 分。请对照相应章节改进。",
    ]);
  });

  it("lists as many of 王五's 30 events as a page holds, counts the rest, and shows months before he joined as 无考核结果", () => {
    const page = pages.税务局![0]!;
    const listed = page.filter((text) => text.startsWith("DRESS_BADGE:S0003:"));
    expect(listed.map((text) => text.split(" | ")[0])).toEqual(
      manyFindings.slice(0, listed.length).map((finding) => `DRESS_BADGE:S0003:2026-10-09:${finding.id}`),
    );
    expect(listed.length).toBeGreaterThanOrEqual(10);
    expect(page).toContain(`另有 ${30 - listed.length} 条，见月度工作簿“加扣分明细”。`);
    expect(page).toContain("2026年9月：100.0 分（合格）　2026年8月：无考核结果　2026年7月：无考核结果");
    expect(page).toContain(
      "改进方向：扣分最多的规则：上班未佩戴胸卡、未按规定穿着工作服（《规则说明》§4）30 次，共扣 60.0 分。请对照相应章节改进。",
    );
    expect(page.at(-1)).toBe("本人签字：____________________　　　　日期：________年____月____日");
  });

  it("says on a confirmed month's pages that the appeal window has closed, on the day marts.months gives", async () => {
    const september = new ExcelJS.Workbook();
    await september.xlsx.readFile(
      join(hall.out, "reports", "2026-09", "示例县政务服务中心_2026年9月_个人反馈单.xlsx"),
    );
    const rows = rowTexts(september.getWorksheet("市场监管局")!);
    expect(rows[0]).toBe("示例县政务服务中心 2026年9月 个人考核反馈单（确认）");
    expect(rows).toContain("本月结果已确认：申诉期已于 2026-10-13 结束。");
  });

  it("prints through LibreOffice as one page per person, in sheet order, with the Chinese text intact", async (context) => {
    const office = await run("libreoffice", ["--version"]).catch(() => undefined);
    if (!office) {
      context.skip("LibreOffice（libreoffice 命令）未安装：跳过打印页数检查");
      return;
    }
    const directory = await mkdtemp(join(tmpdir(), "feedback-pdf-"));
    try {
      await run("libreoffice", ["--headless", "--convert-to", "pdf", "--outdir", directory, path], {
        env: { ...process.env, HOME: directory },
      });
      const pdf = join(directory, fileName.replace(/\.xlsx$/, ".pdf"));
      const { stdout: info } = await run("pdfinfo", [pdf]);
      expect(/Pages:\s+(\d+)/.exec(info)?.[1]).toBe("3");
      const staffOnPages: string[] = [];
      for (let number = 1; number <= 3; number++) {
        const { stdout } = await run("pdftotext", [
          "-f",
          String(number),
          "-l",
          String(number),
          "-layout",
          pdf,
          "-",
        ]);
        staffOnPages.push([...stdout.matchAll(/工号：(S\d{4})/g)].map((match) => match[1]).join(","));
        expect(stdout).toContain("个人考核反馈单（公示）");
        expect(stdout).toContain("本人签字");
      }
      expect(staffOnPages).toEqual(["S0001", "S0002", "S0003"]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 180_000);

  it("still shows the months before once they are frozen (read back from history on the next run)", async () => {
    const again = await hall.rerun();
    const rows = await again.query<{ staff_id: string; previous: string }>(
      `select staff_id, concat_ws(' ', previous_1_month, previous_1_score, previous_2_month, previous_2_score,
         previous_3_month, previous_3_score) as previous
       from marts.staff_feedback where month = $month order by staff_id`,
      { month },
    );
    expect(rows).toEqual([
      { staff_id: "S0001", previous: "2026-09 100.0 2026-08 100.0 2026-07 99.0" },
      { staff_id: "S0002", previous: "2026-09 100.0 2026-08 100.0 2026-07 100.0" },
      { staff_id: "S0003", previous: "2026-09 100.0 2026-08 2026-07" },
    ]);
  }, 240_000);
});

describe("个人考核反馈单 under a hall's own appeal window", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      { roster: [zhang], attendance: normalDays([zhang], [days.oct]) },
      { asOf: "2026-11-04", config: { appeals: { window_working_days: 3 } }, publishers: [publishWorkbooks] },
    );
  }, 240_000);
  afterAll(async () => {
    await hall?.cleanup();
  });

  it("prints the configured window and the deadline it gives, never the rule book's default", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(hall.out, "reports", month, fileName));
    expect(rowTexts(workbook.getWorksheet("市场监管局")!)).toContain(
      "对本月结果有异议的，请于 2026-11-04（月末后 3 个工作日，含当天）前，注明事件编号（见上表）或“工号 + 规则 + 日期”，经中心考核部门提出申诉；怎样申诉见《规则说明》§17。",
    );
  });
});

/** Text of a given display width from a mix of CJK and ASCII, as the warehouse's texts are. */
const text = (max: number) =>
  fc
    .array(fc.constantFrom("考", "勤", "导", "出", "a", "/", "1", ":", "；", " ", "B", "J"), {
      maxLength: max,
    })
    .map((characters) => characters.join(""));

const person = (texts: {
  strengths: string;
  improvements: string;
  anomalies: string;
  reason: string;
}): FeedbackRow => ({
  staff_id: "S0001",
  staff_name: "欧阳某某",
  department: "不动产登记中心",
  window_no: "A01",
  score: "100.0",
  rank: 1,
  staff_ranked: 200,
  grade: "合格",
  deduction_points: "0.0",
  addition_points: "0.0",
  good_rate: "95.0",
  evaluations: 100,
  served_tickets: 500,
  duty_days: 20,
  eligible: false,
  ineligible_reason: texts.reason,
  is_award_winner: false,
  events: 0,
  late: 0,
  early: 0,
  missing_punches: 0,
  absent: 0,
  anomaly_list: texts.anomalies,
  previous: ["2026-09", "2026-08", "2026-07"].map((month) => ({ month, score: "100.0", grade: "合格" })),
  strengths: texts.strengths,
  improvements: texts.improvements,
});

describe("a feedback page's height", () => {
  it("never exceeds a page, lists the first events in order and counts the rest exactly (fast-check, seed 16)", () => {
    fc.assert(
      fc.property(
        // the texts as marts.staff_feedback bounds them: three rules, ten anomalies, two reasons
        fc.record({ strengths: text(300), improvements: text(300), anomalies: text(200), reason: text(120) }),
        fc.array(fc.record({ id: text(60), rule: text(20), evidence: text(800) }), {
          maxLength: 120,
          size: "max",
        }),
        (texts, drawn) => {
          const events: EventRow[] = drawn.map((event, index) => ({
            staff_id: "S0001",
            event_id: `E${index}:${event.id}`,
            event_date: "2026-10-09",
            rule_name: event.rule,
            points: "-1.0",
            evidence: event.evidence,
          }));
          const items = pageItems(
            person(texts),
            events,
            "示例县政务服务中心 2026年10月 个人考核反馈单（公示）",
            "申诉",
          );
          expect(heightOf(items)).toBeLessThanOrEqual(pageHeight);
          const listed = items.flatMap((item) => ("cells" in item ? [item.cells[0]] : [])).slice(1);
          expect(listed).toEqual(events.slice(0, listed.length).map((event) => event.event_id));
          const lines = items.flatMap((item) => ("text" in item ? [item.text] : []));
          if (events.length === 0) expect(lines).toContain("本月无加扣分事件。");
          else expect(listed.length).toBeGreaterThan(0);
          const rest = events.length - listed.length;
          expect(lines.filter((line) => line.startsWith("另有 "))).toEqual(
            rest > 0 ? [`另有 ${rest} 条，见月度工作簿“加扣分明细”。`] : [],
          );
        },
      ),
      { seed: 16, numRuns: 300 },
    );
  });
});
