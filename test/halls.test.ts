/**
 * Many halls (rules.md §15): each hall is scored on its own. Two halls whose identifiers collide
 * (both have a 工号 S0001, a window A01, a department 税务局, the same 流水号 and 评价编号 patterns)
 * are each scored exactly as when run alone; root-level files are routed by 大厅编码; a hall folder
 * the register does not list waits; the configuration's `halls` section applies to its hall only.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainScore } from "../pipeline/explain.ts";
import { addDays } from "../pipeline/generate/calendar.ts";
import { onDemandReports, reportYear } from "../pipeline/report.ts";
import { runPipeline } from "../pipeline/run.ts";
import { whatIf } from "../pipeline/whatif.ts";
import { type BaseHall, baseHall, type HallSpec } from "./fuzz/base-hall.ts";
import { hallMarts, type Run, runInbox, writeManyHalls } from "./support/halls.ts";
import { differingTables } from "./support/warehouse-content.ts";

const asOfAfter = (hall: BaseHall) => addDays(hall.lastDay, 6);

const staffIds = (hall: BaseHall) => hall.staff.map((staff) => staff.id);

/** Runs A alone, B alone and both together (each as a hall of a many-hall inbox); returns the differences. */
async function scoredAsAlone(specA: HallSpec, specB: HallSpec): Promise<string[]> {
  const [a, b] = await Promise.all([baseHall(specA), baseHall(specB)]);
  const asOf = [asOfAfter(a), asOfAfter(b)].sort()[1]!;
  const hallA = { code: "A", name: "甲区政务服务中心", files: a.files };
  const hallB = { code: "B", name: "乙区政务服务中心", files: b.files };
  const runs: Run[] = [];
  try {
    const alone = async (hall: typeof hallA) => {
      const run = await runInbox((inbox) => writeManyHalls(inbox, [hall]), { asOf });
      runs.push(run);
      return hallMarts(run.out, hall.code);
    };
    const aloneA = await alone(hallA);
    const aloneB = await alone(hallB);
    const together = await runInbox((inbox) => writeManyHalls(inbox, [hallA, hallB]), { asOf });
    runs.push(together);
    const differences: string[] = [];
    for (const [code, expected] of [
      ["A", aloneA],
      ["B", aloneB],
    ] as const) {
      const actual = await hallMarts(together.out, code);
      for (const { table, missing, extra } of differingTables(expected, actual))
        differences.push(`${code} ${table}: 缺 ${missing[0] ?? "—"}；多 ${extra[0] ?? "—"}`);
    }
    return differences;
  } finally {
    for (const run of runs) await run.cleanup();
  }
}

describe("halls with colliding identifiers", () => {
  it("gives two generated halls that share 工号, windows and departments the same size of overlap the property relies on", async () => {
    const [a, b] = await Promise.all([
      baseHall({ seed: 11, staff: 4, firstDay: "2026-10-12", days: 10 }),
      baseHall({ seed: 12, staff: 4, firstDay: "2026-10-12", days: 10 }),
    ]);
    // the generator numbers staff, windows and departments the same way in every hall
    expect(staffIds(a)).toEqual(["S0001", "S0002", "S0003", "S0004"]);
    expect(staffIds(b)).toEqual(staffIds(a));
    expect(b.staff.map((staff) => staff.window)).toEqual(a.staff.map((staff) => staff.window));
    expect(b.staff.map((staff) => staff.department.name)).toEqual(
      a.staff.map((staff) => staff.department.name),
    );
  });

  // fast-check's shrunk counterexample when a hall's scope showed it every hall's staging rows
  it("scores two halls whose exports are byte for byte the same each as when it runs alone", async () => {
    const spec = { seed: 1, staff: 3, firstDay: "2026-10-12", days: 5 };
    expect(await scoredAsAlone(spec, spec)).toEqual([]);
  }, 300_000);

  it("scores each of two halls exactly as when it runs alone (property over small generated halls)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seedA: fc.integer({ min: 1, max: 10_000 }),
          seedB: fc.integer({ min: 1, max: 10_000 }),
          staffA: fc.integer({ min: 3, max: 5 }),
          staffB: fc.integer({ min: 3, max: 5 }),
          firstDay: fc.constantFrom("2026-10-12", "2026-09-29", "2026-10-29"),
          days: fc.integer({ min: 5, max: 12 }),
        }),
        async ({ seedA, seedB, staffA, staffB, firstDay, days }) => {
          const differences = await scoredAsAlone(
            { seed: seedA, staff: staffA, firstDay, days },
            { seed: seedB, staff: staffB, firstDay, days },
          );
          expect(differences).toEqual([]);
        },
      ),
      { numRuns: 2 },
    );
  }, 600_000);
});

describe("a many-hall inbox", () => {
  let base: BaseHall;
  let run: Run;
  const asOf = "2026-10-25";

  beforeAll(async () => {
    base = await baseHall({ seed: 21, staff: 3, firstDay: "2026-10-12", days: 5 });
    const staffOf = (index: number) => base.staff[index]!;
    run = await runInbox(
      (inbox) =>
        writeManyHalls(
          inbox,
          [
            { code: "A", name: "甲区政务服务中心", files: base.files },
            { code: "B", name: "乙区政务服务中心", files: base.files },
          ],
          {
            // the provincial 好差评 system's export: rows for both halls, one for a hall the register does not list
            "evaluations/省好差评.csv": [
              "评价编号,评价时间,评价等级,窗口号,工号,大厅编码",
              `SHP001,2026-10-13 10:00:00,1,${staffOf(0).window},${staffOf(0).id},A`,
              `SHP002,2026-10-13 10:05:00,5,${staffOf(1).window},${staffOf(1).id},B`,
              `SHP003,2026-10-13 10:10:00,1,${staffOf(0).window},${staffOf(0).id},Z9`,
              `SHP004,2026-10-13 10:15:00,1,${staffOf(0).window},${staffOf(0).id},`,
            ].join("\n"),
            // a root-level file that cannot say which hall its rows are for
            "evaluations/无大厅编码.csv": [
              "评价编号,评价时间,评价等级,窗口号,工号",
              `SHP101,2026-10-13 11:00:00,1,${staffOf(0).window},${staffOf(0).id}`,
            ].join("\n"),
            // a hall folder the register does not list
            "C/commendations/表扬.csv": [
              "编号,日期,工号,类型,是否核定",
              `BY-C1,2026-10-13,${staffOf(0).id},表扬信,是`,
            ].join("\n"),
          },
        ),
      { asOf },
    );
  }, 300_000);

  afterAll(async () => run?.cleanup());

  it("routes each row of a root-level file to the hall its 大厅编码 names", async () => {
    expect(
      await run.query(
        "select hall_code, evaluation_id, staff_id from marts.bad_evaluations where evaluation_id like 'SHP%' order by all",
      ),
    ).toEqual([{ hall_code: "A", evaluation_id: "SHP001", staff_id: base.staff[0]!.id }]);
    expect(
      await run.query(
        "select hall_code, count(*)::integer as n from marts.evaluation_month group by hall_code order by hall_code",
      ),
    ).toHaveLength(2);
  });

  it("quarantines a root-level row whose 大厅编码 is missing or not in the register, with file, line and reason", async () => {
    expect(
      await run.query(
        "select hall_code, path, line, reason from ops.quarantine where path = 'evaluations/省好差评.csv' order by line",
      ),
    ).toEqual([
      {
        hall_code: null,
        path: "evaluations/省好差评.csv",
        line: 4,
        reason: "大厅编码不在大厅名册中：大厅编码 Z9 不是大厅名册（halls/）登记的大厅",
      },
      { hall_code: null, path: "evaluations/省好差评.csv", line: 5, reason: "缺少必填项：大厅编码" },
    ]);
  });

  it("rejects whole a root-level file without a 大厅编码 column, with its reason", async () => {
    expect(
      await run.query("select status, reason, rows from ops.loads where path = 'evaluations/无大厅编码.csv'"),
    ).toEqual([{ status: "拒收", reason: "表头缺少必填列：大厅编码", rows: 0 }]);
  });

  it("rejects whole the files of a hall folder the register does not list, and uses none of their rows", async () => {
    const reason =
      "大厅不在大厅名册中：文件夹 C 不是大厅名册（halls/）登记的大厅编码，该文件暂不使用；大厅名册登记该大厅后自动使用";
    expect(
      await run.query(
        "select hall_code, status, reason, used, quarantined from ops.loads where path = 'C/commendations/表扬.csv'",
      ),
    ).toEqual([{ hall_code: "C", status: "拒收", reason, used: 0, quarantined: 1 }]);
    expect(
      await run.query("select line, reason from ops.quarantine where path = 'C/commendations/表扬.csv'"),
    ).toEqual([{ line: null, reason }]);
    expect(await run.query("select distinct hall_code from marts.staff_month order by 1")).toEqual([
      { hall_code: "A" },
      { hall_code: "B" },
    ]);
  });

  it("explains a 工号 that both halls have only for the hall the operator names", async () => {
    const id = base.staff[0]!.id;
    await expect(explainScore(run.out, id, "2026-10")).rejects.toThrow(
      "数据仓库中有 2 个大厅（A 甲区政务服务中心、B 乙区政务服务中心）：请用 --hall 指定大厅编码",
    );
    const [first] = await explainScore(run.out, id, "2026-10", "B");
    expect(first).toContain(`（${id}，`);
    await expect(explainScore(run.out, id, "2026-10", "C")).rejects.toThrow(
      "数据仓库中没有大厅编码 C 的考核结果",
    );
  });

  it("writes report --year as one year workbook per hall, each with only that hall's people", async () => {
    const lines = await reportYear(run.out, 2026);
    const written = lines.filter((line) => line.startsWith("年度考核工作簿已写入"));
    expect(
      written.map((line) => basename(line.replace(/^年度考核工作簿已写入 (.+)（\d+ 行）$/, "$1"))),
    ).toEqual(["甲区政务服务中心_2026年_年度考核.xlsx", "乙区政务服务中心_2026年_年度考核.xlsx"]);
    for (const [code, name] of [
      ["A", "甲区政务服务中心"],
      ["B", "乙区政务服务中心"],
    ] as const) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(onDemandReports(run.out), "2026", `${name}_2026年_年度考核.xlsx`));
      const ids = (
        await run.query<{ staff_id: string }>(
          "select staff_id from marts.staff_year where hall_code = $code and year = 2026",
          { code },
        )
      ).map((row) => row.staff_id);
      expect(ids.length).toBeGreaterThan(0);
      const sheet = workbook.getWorksheet("人员年度考核")!;
      const listed = sheet
        .getColumn(1)
        .values.filter((value): value is string => typeof value === "string" && /^S\d+$/.test(value));
      expect(listed.sort()).toEqual(ids.sort());
    }
  });

  it("refuses a what-if over several halls without --hall, or with a hall the run did not have, naming the halls", async () => {
    const configFile = join(run.root, "try.json");
    await writeFile(configFile, JSON.stringify({ score: { addition_cap: 5 } }));
    await expect(whatIf({ out: run.out, configFile })).rejects.toThrow(
      "上次运行含 2 个大厅（A 甲区政务服务中心、B 乙区政务服务中心）：请用 --hall 指定要做假设测试的大厅编码",
    );
    await expect(whatIf({ out: run.out, configFile, hall: "C" })).rejects.toThrow(
      "上次运行中没有大厅编码 C 的大厅（有：A 甲区政务服务中心、B 乙区政务服务中心）",
    );
  });

  it("rolls each hall's month into marts.hall_month with that hall's own 文明服务标兵 and 文明服务窗口", async () => {
    const months = await run.query<{
      hall_code: string;
      month: string;
      standout: string | null;
      window: string | null;
    }>(
      `select hall_code, month, standout_staff_id as standout, standout_window as window
       from marts.hall_month order by hall_code, month`,
    );
    expect(months.map((row) => row.hall_code)).toEqual(["A", "B"]);
    for (const row of months) {
      const winners = await run.query<{ award: string; winner_id: string }>(
        "select award, winner_id from marts.awards where hall_code = $hall and month = $month order by award",
        { hall: row.hall_code, month: row.month },
      );
      expect([row.standout, row.window]).toEqual([
        winners.find((winner) => winner.award === "文明服务标兵")?.winner_id ?? null,
        winners.find((winner) => winner.award === "文明服务窗口")?.winner_id ?? null,
      ]);
    }
  });

  it("tells the operator each hall's months by the hall's name, once per hall", async () => {
    const monthsLine = run.summary.lines.find((line) => line.startsWith("月份："));
    expect(monthsLine).toBe("月份：甲区政务服务中心 2026-10 公示；乙区政务服务中心 2026-10 公示");
    const flagLines = run.summary.lines.filter((line) => line.startsWith("疑似异常评价："));
    expect(flagLines.map((line) => line.split(" ")[0])).toEqual([
      "疑似异常评价：甲区政务服务中心",
      "疑似异常评价：乙区政务服务中心",
    ]);
  });

  it("names every published row's hall by code and register name", async () => {
    expect(
      await run.query("select distinct hall_code, hall_name from marts.staff_month order by hall_code"),
    ).toEqual([
      { hall_code: "A", hall_name: "甲区政务服务中心" },
      { hall_code: "B", hall_name: "乙区政务服务中心" },
    ]);
  });
});

describe("the configuration's halls section", () => {
  it("applies a hall's settings to that hall only", async () => {
    const base = await baseHall({ seed: 31, staff: 3, firstDay: "2026-10-12", days: 5 });
    const run = await runInbox(
      (inbox) =>
        writeManyHalls(inbox, [
          { code: "A", name: "甲区政务服务中心", files: base.files },
          { code: "B", name: "乙区政务服务中心", files: base.files },
        ]),
      { asOf: "2026-10-25", config: { halls: { B: { score: { base: 90 } } } } },
    );
    try {
      const scores = await run.query<{ staff_id: string; a: number; b: number }>(
        `select a.staff_id, a.score::double as a, b.score::double as b
         from marts.staff_month as a
         inner join marts.staff_month as b on b.staff_id = a.staff_id and b.month = a.month and b.hall_code = 'B'
         where a.hall_code = 'A' order by a.staff_id`,
      );
      expect(scores.length).toBe(3);
      for (const row of scores) expect(row.b).toBe(row.a - 10);
      expect(
        await run.query(
          "select hall_code, value from marts.rule_parameters where key = 'score.base' order by hall_code",
        ),
      ).toEqual([
        { hall_code: "A", value: "100" },
        { hall_code: "B", value: "90" },
      ]);
    } finally {
      await run.cleanup();
    }
  }, 300_000);
});

describe("halls scored side by side", () => {
  it("publishes for three halls, one with its own settings, exactly what one hall at a time publishes", async () => {
    const [a, b, c] = await Promise.all(
      [41, 42, 43].map((seed) => baseHall({ seed, staff: 3, firstDay: "2026-10-12", days: 5 })),
    );
    const halls = [
      { code: "A", name: "甲区政务服务中心", files: a!.files },
      { code: "B", name: "乙区政务服务中心", files: b!.files },
      { code: "C", name: "丙区政务服务中心", files: c!.files },
    ];
    // HALL_THREADS is how many halls run at once (db.ts): with two, one connection takes a second hall
    const runWith = async (threads: string) => {
      const before = process.env.HALL_THREADS;
      process.env.HALL_THREADS = threads;
      try {
        return await runInbox((inbox) => writeManyHalls(inbox, halls), {
          asOf: "2026-10-25",
          config: { halls: { B: { score: { base: 90 } } } },
        });
      } finally {
        if (before === undefined) delete process.env.HALL_THREADS;
        else process.env.HALL_THREADS = before;
      }
    };
    const oneAtATime = await runWith("1");
    const sideBySide = await runWith("2");
    try {
      for (const hall of halls) {
        const expected = await hallMarts(oneAtATime.out, hall.code);
        expect(Object.keys(expected).length).toBeGreaterThan(40);
        expect(await hallMarts(sideBySide.out, hall.code), hall.code).toEqual(expected);
      }
    } finally {
      await oneAtATime.cleanup();
      await sideBySide.cleanup();
    }
  }, 300_000);
});

describe("a frozen month's late rows in a many-hall inbox", () => {
  it("lists a late row under the hall it arrived for and quotes a rejected row for its own hall", async () => {
    const base = await baseHall({ seed: 41, staff: 3, firstDay: "2026-09-14", days: 10 });
    const staff = base.staff[0]!;
    const halls = [
      { code: "A", name: "甲区政务服务中心", files: base.files },
      { code: "B", name: "乙区政务服务中心", files: base.files },
    ];
    // 2026-10-20 is past September's appeal window (rules.md §14): the run confirms and freezes it
    const run = await runInbox((inbox) => writeManyHalls(inbox, halls), { asOf: "2026-10-20" });
    try {
      expect(
        await run.query("select hall_code, status from marts.months where month = '2026-09' order by 1"),
      ).toEqual([
        { hall_code: "A", status: "确认" },
        { hall_code: "B", status: "确认" },
      ]);
      const header = "巡查编号,巡查时间,巡查人,窗口号,工号,问题类型";
      const late = async (hall: string, row: string) => {
        await mkdir(join(run.inbox, hall, "patrol"), { recursive: true });
        await writeFile(join(run.inbox, hall, "patrol", "补录.csv"), `${header}\n${row}\n`);
      };
      await late("A", `P-LATE-A,2026-09-15 10:00:00,巡查员,${staff.window},${staff.id},DRESS_BADGE`);
      await late("B", `P-LATE-B,2026-09-31 10:00:00,巡查员,${staff.window},${staff.id},DRESS_BADGE`);
      await runPipeline({ inbox: run.inbox, out: run.out, asOf: "2026-10-21", log: () => {} });

      expect(
        await run.query("select hall_code, hall_name, source, path, line from ops.late_arrivals"),
      ).toEqual([
        {
          hall_code: "A",
          hall_name: "甲区政务服务中心",
          source: "patrol",
          path: "A/patrol/补录.csv",
          line: 2,
        },
      ]);
      const rejected = await run.query<{ hall_code: string; line: number; raw: string }>(
        "select hall_code, line, raw from ops.quarantine where path = 'B/patrol/补录.csv'",
      );
      expect(rejected).toEqual([{ hall_code: "B", line: 2, raw: expect.stringContaining("P-LATE-B") }]);
    } finally {
      await run.cleanup();
    }
  }, 300_000);
});
