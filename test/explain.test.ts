import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainScore } from "../pipeline/explain.ts";
import { type Hall, runHall } from "./support/hall.ts";

const run = promisify(execFile);

const roster = [
  {
    staff_id: "S0001",
    name: "张三",
    department: "市场监管局",
    window_no: "A01",
    attendance_no: "1001",
    start_date: "2026-01-01",
  },
  {
    staff_id: "S0002",
    name: "李四",
    department: "市场监管局",
    window_no: "A02",
    attendance_no: "1002",
    start_date: "2026-01-01",
  },
];
const punches = (no: string, times: string[]) =>
  times.map((t) => ({ attendance_no: no, punched_at: `2026-10-09 ${t}` }));

describe("explain a score (npm run pipeline -- explain)", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster,
        attendance: [
          ...punches("1001", ["08:41:00", "12:01:00", "14:25:00", "17:01:00"]),
          ...punches("1002", ["08:20:00", "12:01:00", "14:25:00", "17:01:00"]),
        ],
        appeals: [
          {
            id: "SS-1",
            staff_id: "S0001",
            target_id: "ATT_LATE:S0001:2026-10-09:AM",
            submitted_on: "2026-10-12",
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("prints score, rank, grade, every point with its id and evidence, and the appeal status", async () => {
    const { stdout } = await run("npx", [
      "tsx",
      "pipeline/cli.ts",
      "explain",
      "--out",
      hall.out,
      "S0001",
      "2026-10",
    ]);
    expect(stdout).toContain("张三（S0001");
    expect(stdout).toContain("得分 99.0（基础分 100 − 扣分 1 + 加分 0）");
    expect(stdout).toContain("名次 2/2");
    expect(stdout).toContain("ATT_LATE:S0001:2026-10-09:AM");
    expect(stdout).toMatch(/证据 考勤：attendance\/data\.csv:2/);
    expect(stdout).toContain("申诉 SS-1：申诉中");
    expect(stdout).toContain("本月无责任追究案件");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe(
      "如有异议，请于 2026-11-06（含）前申诉（申诉期为月末后 5 个工作日），注明上面的事件编号或案件编号；写法见《规则说明》§17。",
    );
  });

  it("says a confirmed month's appeal window has closed, and shows a hall's cap and floor", async () => {
    const later = await hall.rerun({ asOf: "2026-11-09", config: { score: { addition_cap: 5, floor: 60 } } });
    const lines = await explainScore(later.out, "S0001", "2026-10");
    expect(lines[1]).toBe(
      "  得分 99.0（基础分 100 − 扣分 1 + 加分 0；加分每月最多计 5 分；得分不低于 60 分），名次 2/2，严格排序第 2 位",
    );
    expect(lines.at(-1)).toBe("本月结果已确认：申诉期（月末后 5 个工作日）已于 2026-11-06 结束。");
  });

  it("prints no rule number for a month frozen before the warehouse published its parameters", async () => {
    const { Db } = await import("../pipeline/db.ts");
    const { outLayout } = await import("../pipeline/out-layout.ts");
    const db = await Db.open(outLayout(hall.out).warehouse);
    try {
      await db.run("delete from marts.rule_parameters where month = '2026-10'");
    } finally {
      db.close();
    }
    const lines = await explainScore(hall.out, "S0001", "2026-10");
    expect(lines[1]).toMatch(/^ {2}得分 99\.0（扣分 1 \+ 加分 0；本月的规则参数未发布），/);
    expect(lines.at(-1)).toBe("本月结果已确认：申诉期已于 2026-11-06 结束。");
  });

  it("names the staff member it cannot find, in one Chinese line, with a non-zero exit", async () => {
    const failed = await run("npx", [
      "tsx",
      "pipeline/cli.ts",
      "explain",
      "--out",
      hall.out,
      "S9999",
      "2026-10",
    ]).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).not.toBe(0);
    expect((failed as { stderr: string }).stderr).toMatch(/^无法解释得分：.*找不到工号 S9999 的考核结果/);
  });
});

describe("explain prints the month's own rules", () => {
  let configured: Hall;
  beforeAll(async () => {
    configured = await runHall(
      { roster, attendance: punches("1001", ["08:37:00", "12:01:00", "14:25:00", "17:01:00"]) },
      {
        asOf: "2026-11-04",
        config: {
          score: { base: 90 },
          attendance: { grace_minutes: 5 },
          appeals: { window_working_days: 3 },
        },
      },
    );
  });
  afterAll(() => configured?.cleanup());

  it("changes with score.base, the grace minutes and the appeal window of the configuration file", async () => {
    const lines = await explainScore(configured.out, "S0001", "2026-10");
    // 08:37 is within the default 10 minutes' grace, but 2 minutes late with 5
    expect(lines[1]).toMatch(/^ {2}得分 89\.0（基础分 90 − 扣分 1 \+ 加分 0）/);
    expect(lines.join("\n")).toContain("ATT_LATE:S0001:2026-10-09:AM");
    expect(lines.at(-1)).toBe(
      "如有异议，请于 2026-11-04（含）前申诉（申诉期为月末后 3 个工作日），注明上面的事件编号或案件编号；写法见《规则说明》§17。",
    );
  });
});
