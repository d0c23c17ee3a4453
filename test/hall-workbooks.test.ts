/**
 * The workbooks of many halls (rules.md §15: each hall is scored on its own; the roll-up compares
 * halls and never ranks staff of different halls together): one month workbook per hall showing only
 * that hall's rows, ranking and winners, and a roll-up workbook whose figures are marts.hall_month's.
 * The two halls' identifiers collide (both number staff S0001…, windows and departments alike).
 */
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../pipeline/generate/calendar.ts";
import { outLayout } from "../pipeline/out-layout.ts";
import { publishWorkbooks } from "../pipeline/publish/workbooks.ts";
import { runPipeline } from "../pipeline/run.ts";
import { baseHall } from "./fuzz/base-hall.ts";
import { writeManyHalls } from "./support/halls.ts";
import { queryDuckDb } from "./support/inbox.ts";
import { sheetRows } from "./support/sheet-rows.ts";

const month = "2026-10";
const halls = [
  { code: "A", name: "甲区政务服务中心" },
  { code: "B", name: "乙区政务服务中心" },
] as const;

let root: string;
let out: string;
let lines: string[];

const reports = () => join(out, "reports", month);
const query = <T extends Record<string, unknown>>(sql: string, params?: Record<string, string>) =>
  queryDuckDb<T>(outLayout(out).warehouse, sql, params);

async function readWorkbook(name: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(reports(), name));
  return workbook;
}

/** The rows under a sheet's first header row (row 3), up to the first empty row. */
function bodyRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows = sheetRows(sheet).slice(3);
  const end = rows.findIndex((row) => row.length === 0);
  return end < 0 ? rows : rows.slice(0, end);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "hall-workbooks-"));
  const [a, b] = await Promise.all([
    baseHall({ seed: 11, staff: 4, firstDay: "2026-10-12", days: 10 }),
    baseHall({ seed: 12, staff: 5, firstDay: "2026-10-12", days: 10 }),
  ]);
  const inbox = join(root, "inbox");
  out = join(root, "out");
  await mkdir(inbox, { recursive: true });
  await writeManyHalls(inbox, [
    { ...halls[0], files: a.files },
    { ...halls[1], files: b.files },
  ]);
  lines = [];
  await runPipeline({
    inbox,
    out,
    asOf: addDays(a.lastDay, 6),
    publishers: [publishWorkbooks],
    log: (line) => lines.push(line),
  });
}, 300_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("the workbooks of two halls with colliding identifiers", () => {
  it("publishes each hall's workbook and feedback forms under its own name, and one roll-up", async () => {
    expect((await readdir(reports())).sort()).toEqual(
      [
        "各大厅_2026年10月_大厅对比.xlsx",
        "甲区政务服务中心_2026年10月_个人反馈单.xlsx",
        "甲区政务服务中心_2026年10月_绩效考核.xlsx",
        "乙区政务服务中心_2026年10月_个人反馈单.xlsx",
        "乙区政务服务中心_2026年10月_绩效考核.xlsx",
      ].sort(),
    );
    expect(lines.join("\n")).toContain("大厅对比工作簿");
  });

  it("shows in each hall's workbook exactly that hall's ranking, from rank 1, under its own name", async () => {
    const ranked: Record<string, unknown[][]> = {};
    for (const hall of halls) {
      const workbook = await readWorkbook(`${hall.name}_2026年10月_绩效考核.xlsx`);
      const sheet = workbook.getWorksheet("个人排名")!;
      expect(sheet.getCell("A1").value).toBe(`${hall.name} 2026年10月 窗口工作人员月度考核排名（公示）`);
      const expected = await query<{
        order_no: number;
        rank: number;
        staff_id: string;
        staff_name: string;
        score: number;
      }>(
        `select order_no, rank, staff_id, staff_name, score::double as score
         from marts.staff_month where hall_code = $hall and month = $month order by order_no`,
        { hall: hall.code, month },
      );
      ranked[hall.code] = bodyRows(sheet).map((row) => row.slice(0, 4).concat(row[6]));
      expect(ranked[hall.code]).toEqual(
        expected.map((row) => [row.order_no, row.rank, row.staff_id, row.staff_name, row.score]),
      );
      expect(ranked[hall.code]?.[0]?.slice(0, 2)).toEqual([1, 1]);
    }
    // the same 工号 in both halls, each hall ranking only its own staff
    expect(ranked.A?.length).toBe(4);
    expect(ranked.B?.length).toBe(5);
    expect(ranked.A?.map((row) => row[2]).sort()).toEqual(["S0001", "S0002", "S0003", "S0004"]);
  });

  it("lists in each hall's workbook only that hall's score events and its own 文明服务标兵", async () => {
    for (const hall of halls) {
      const workbook = await readWorkbook(`${hall.name}_2026年10月_绩效考核.xlsx`);
      const events = await query<{ event_id: string; staff_name: string }>(
        `select event_id, staff_name from marts.score_events where hall_code = $hall and month = $month
         order by event_date, staff_id, event_id`,
        { hall: hall.code, month },
      );
      expect(bodyRows(workbook.getWorksheet("加扣分明细")!).map((row) => [row[0], row[3]])).toEqual(
        events.map((row) => [row.event_id, row.staff_name]),
      );
      const standout = await query<{ winner_id: string }>(
        `select winner_id from marts.awards where hall_code = $hall and month = $month and award = '文明服务标兵'`,
        { hall: hall.code, month },
      );
      const starred = bodyRows(workbook.getWorksheet("个人排名")!)
        .filter((row) => row[16] === "★")
        .map((row) => row[2]);
      expect(starred).toEqual(standout.map((row) => row.winner_id));
    }
  });

  it("shows on the roll-up each hall's figures and winners exactly as marts.hall_month has them", async () => {
    const workbook = await readWorkbook("各大厅_2026年10月_大厅对比.xlsx");
    const sheet = workbook.getWorksheet("大厅对比")!;
    expect(sheet.getCell("A1").value).toBe("2026年10月 各大厅考核指标对比（2 个大厅）");
    const expected = await query(
      `select hall.hall_code, hall.hall_name, months.status, months.staff_ranked,
         hall.avg_score::double as avg_score, hall.good_rate, hall.avg_wait_s, hall.within_target_rate,
         hall.empty_post_sessions, hall.verified_complaints_per_10k_served, hall.overdue_cases_per_1k,
         hall.standout_staff_name, hall.standout_staff_id, hall.standout_window,
         hall.evaluations, hall.served, hall.verified_complaints, hall.cases, hall.overdue_cases
       from marts.hall_month as hall join marts.months as months using (hall_code, month)
       where month = $month order by hall_code`,
      { month },
    );
    // three tables, each narrow enough to print legibly: figures, then winners, then the counts
    const rows = sheetRows(sheet);
    const tableUnder = (heading: string) => {
      const body = rows.slice(rows.findIndex((row) => row[0] === heading) + 2);
      const end = body.findIndex((row) => row.length === 0);
      return end < 0 ? body : body.slice(0, end);
    };
    expect(rows[rows.findIndex((row) => row[0] === "计算基数") + 1]).toEqual([
      "大厅编码",
      "大厅名称",
      "评价数",
      "已办理叫号",
      "查实投诉",
      "办件数",
      "逾期办件",
    ]);
    const winners = tableUnder("文明服务标兵与文明服务窗口");
    const counts = tableUnder("计算基数");
    const shown = bodyRows(sheet).map((figures, index) => [
      ...figures,
      ...winners[index]!.slice(2),
      ...counts[index]!.slice(2),
    ]);
    expect(winners.map((row) => row.slice(0, 2))).toEqual(shown.map((row) => row.slice(0, 2)));
    expect(counts.map((row) => row.slice(0, 2))).toEqual(shown.map((row) => row.slice(0, 2)));
    expect(shown).toEqual(
      expected.map((row) =>
        Object.values(row)
          .map((value) => (typeof value === "bigint" ? Number(value) : value))
          .map((value) => value ?? null),
      ),
    );
    // two halls, each with its own 标兵 (the same 工号 may win in both)
    expect(shown.map((row) => row[0])).toEqual(["A", "B"]);
    expect(shown.every((row) => typeof row[11] === "string")).toBe(true);
  });
});
