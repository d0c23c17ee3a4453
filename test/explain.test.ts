import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    expect(stdout).toContain("得分 99.0");
    expect(stdout).toContain("名次 2/2");
    expect(stdout).toContain("ATT_LATE:S0001:2026-10-09:AM");
    expect(stdout).toMatch(/证据 考勤：attendance\/data\.csv:2/);
    expect(stdout).toContain("申诉 SS-1：申诉中");
    expect(stdout).toContain("本月无责任追究案件");
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
    expect((failed as { stderr: string }).stderr).toContain("找不到工号 S9999 的考核结果");
  });
});
