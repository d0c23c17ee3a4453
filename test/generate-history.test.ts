import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fc, test as property } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInbox } from "../pipeline/generate/generate-preset.ts";
import { monthsSpanned, withMonths } from "../pipeline/generate/history.ts";
import { presets } from "../pipeline/generate/presets.ts";
import { digest, hashes } from "./support/folder-hashes.ts";

const run = promisify(execFile);
const generateCli = (args: readonly string[]) =>
  run(process.execPath, ["--import", "tsx", "pipeline/generate/cli.ts", ...args], {
    env: { ...process.env, NO_COLOR: "1" },
  });

/** The dates in the names of a folder's files. */
const datesIn = async (folder: string) =>
  (await readdir(folder)).map((name) => name.match(/\d{4}-\d{2}(-\d{2})?/)?.[0]).sort();

// China's official calendar (《规则说明》§1): August 2026 has no holiday (21 weekdays from Mon 3rd);
// September has 22 working days (中秋 Fri 25th off, Sunday 20th worked); October 1–7 are 国庆 and
// Saturday 10th is worked, so October 1–14 has 6 (8th, 9th, 10th, 12th, 13th, 14th).
const AUGUST_TO_OCTOBER_14 = 21 + 22 + 6;

describe("generate --months: history for a preset", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "generate-history-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("--months 1 writes tiny byte for byte as before (digest of main @ 26d0044), through the command line", async () => {
    const out = join(scratch, "tiny-1");
    const { stdout } = await generateCli(["--preset", "tiny", "--months", "1", "--out", out]);
    expect(stdout).toContain("3 个工作日");
    expect(await digest(out)).toBe("4ef5b12e3225650d3a8367a4be82010b559e67f12f048b084e732e635f8577ae");
  }, 60_000);

  it("--months 1 writes the city (scaled to 65 staff, two days) byte for byte as without it", async () => {
    await generateInbox(presets.city, join(scratch, "city"), { staff: 65, days: 2 });
    await generateInbox(presets.city, join(scratch, "city-1"), { staff: 65, days: 2, months: 1 });
    expect(await hashes(join(scratch, "city-1"))).toEqual(await hashes(join(scratch, "city")));
  }, 60_000);

  it("--months 3 on tiny covers August 1 through October 14, 2026: every official working day and each month's registers", async () => {
    const out = join(scratch, "tiny-3");
    const result = await generateInbox(presets.tiny, out, { months: 3 });
    expect(result.workdays).toBe(AUGUST_TO_OCTOBER_14);
    const queueDays = await datesIn(join(out, "queue"));
    expect(queueDays).toHaveLength(AUGUST_TO_OCTOBER_14);
    expect(queueDays.at(0)).toBe("2026-08-03");
    expect(queueDays.at(-1)).toBe("2026-10-14");
    expect(queueDays).toContain("2026-09-20");
    expect(queueDays).toContain("2026-10-10");
    for (const holiday of ["2026-08-01", "2026-09-25", "2026-10-01", "2026-10-07", "2026-10-11"])
      expect(queueDays, holiday).not.toContain(holiday);
    for (const folder of ["queue-events", "cases", "attendance"])
      expect(await datesIn(join(out, folder)), folder).toEqual(queueDays);
    for (const folder of ["leave", "patrol", "complaints", "commendations"])
      expect(await datesIn(join(out, folder)), folder).toEqual(["2026-08", "2026-09", "2026-10"]);
    // the preset's one evaluator workbook is the first month's; later months come as day files
    const evaluations = await datesIn(join(out, "evaluations"));
    expect(evaluations.filter((date) => date!.length === 7)).toEqual(["2026-08"]);
    expect(evaluations.filter((date) => date!.length === 10)).toEqual(
      queueDays.filter((day) => day! >= "2026-09"),
    );
  }, 60_000);

  it("serves the preset's tickets per working day in every month of the history, not only in its own", async () => {
    const out = join(scratch, "tiny-rates");
    await generateInbox(presets.tiny, out, { months: 3 });
    const byMonth = new Map<string, { rows: number; days: number }>();
    for (const name of await readdir(join(out, "queue"))) {
      const text = (await readFile(join(out, "queue", name))).toString("latin1");
      const month = name.match(/\d{4}-\d{2}/)![0];
      const tally = byMonth.get(month) ?? { rows: 0, days: 0 };
      byMonth.set(month, {
        rows: tally.rows + text.trimEnd().split("\r\n").length - 1,
        days: tally.days + 1,
      });
    }
    expect([...byMonth.keys()].sort()).toEqual(["2026-08", "2026-09", "2026-10"]);
    // 5 staff × 6 tickets a day, less leave (2 % of days), absences and the end of sessions
    const nominal = presets.tiny.staff * presets.tiny.ticketsPerStaffDay;
    for (const [month, { rows, days }] of byMonth) {
      expect(rows / days / nominal, month).toBeGreaterThan(0.8);
      expect(rows / days / nominal, month).toBeLessThan(1.1);
    }
  }, 60_000);

  it("writes the same bytes for the same seed (tiny, three months, twice)", async () => {
    await generateInbox(presets.tiny, join(scratch, "tiny-3a"), { months: 3 });
    await generateInbox(presets.tiny, join(scratch, "tiny-3b"), { months: 3 });
    const first = await hashes(join(scratch, "tiny-3a"));
    expect(Object.keys(first).length).toBeGreaterThan(4 * AUGUST_TO_OCTOBER_14);
    expect(await hashes(join(scratch, "tiny-3b"))).toEqual(first);
  }, 60_000);

  it("starts every hall of a many-hall preset on the history's first day and keeps the preset's last", () => {
    const city = withMonths(presets.city, 12);
    expect(city.firstDay).toBe("2025-10-01");
    expect(city.lastDay).toBe("2026-09-30");
    expect(city.halls).toHaveLength(presets.city.halls.length);
    for (const [index, entry] of city.halls.entries()) {
      expect(entry.hall, entry.code).toEqual({ ...presets.city.halls[index]!.hall, firstDay: "2025-10-01" });
      expect({ ...entry, hall: null }).toEqual({ ...presets.city.halls[index]!, hall: null });
    }
  });

  property.prop([fc.integer({ min: 1, max: 274 })])(
    "covers exactly N calendar months ending with tiny's own last day, back to January 2004",
    (months) => {
      const history = withMonths(presets.tiny, months);
      expect(monthsSpanned(history.firstDay, history.lastDay)).toBe(months);
      expect(history.lastDay).toBe(presets.tiny.lastDay);
      if (months === 1) expect(history).toBe(presets.tiny);
      else expect(history.firstDay).toMatch(/^\d{4}-\d{2}-01$/);
      expect({ ...history, firstDay: null }).toEqual({ ...presets.tiny, firstDay: null });
    },
  );

  it("refuses months before 2004, the first year chinese-days has China's official calendar for", () => {
    expect(withMonths(presets.tiny, 274).firstDay).toBe("2004-01-01");
    expect(() => withMonths(presets.tiny, 275)).toThrow(
      "275 个月的历史从 2003-12-01 开始，chinese-days 没有该年的官方节假日安排；请减少 --months",
    );
  });

  it("refuses fewer months than the preset spans, and history for a preset with planted anomalies", () => {
    expect(withMonths(presets.sample, 2)).toBe(presets.sample);
    expect(() => withMonths(presets.sample, 1)).toThrow(
      "预设 sample 本身已覆盖 2 个月（2026-09-01 至 2026-10-31），--months 不能少于 2",
    );
    expect(() => withMonths(presets["sample-city"], 3)).toThrow(
      "预设 sample-city 埋设的异常按日期安排，不能加历史月份（--months 只能为 2）",
    );
  });

  it("says on the command line what is wrong with --months, before touching the output folder", async () => {
    const out = join(scratch, "never-written");
    for (const [months, message] of [
      ["0", "--months 0 无效：应为正整数"],
      ["3", "生成失败：预设 sample 埋设的异常按日期安排，不能加历史月份（--months 只能为 2）"],
    ] as const) {
      const failed = await generateCli(["--preset", "sample", "--months", months, "--out", out]).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed).toMatchObject({ code: 1 });
      expect((failed as { stderr: string }).stderr).toContain(message);
    }
    await expect(readdir(out)).rejects.toMatchObject({ code: "ENOENT" });
  }, 60_000);
});
