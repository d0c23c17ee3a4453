import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("npm run bench", () => {
  let dir: string | undefined;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  // Plumbing only: speed is what the bench reports, never what a test asserts.
  it("measures the tiny preset, its two months of history, and ends with the three ratios", async () => {
    dir = await mkdtemp(join(tmpdir(), "bench-"));
    const { stdout } = await run(
      "npx",
      ["tsx", "pipeline/bench/cli.ts", "--scale", "tiny", "--dir", dir, "--history-months", "2"],
      { env: { ...process.env, NO_COLOR: "1" } },
    );
    const lines = stdout.trimEnd().split("\n");
    expect(lines.at(-3)).toMatch(/^ratio_to_floor=\d+\.\d{2}$/);
    expect(lines.at(-2)).toMatch(/^incremental_ratio=\d+\.\d{2}$/);
    expect(lines.at(-1)).toMatch(/^history_ratio=\d+\.\d{2}$/);
    expect(Number(lines.at(-1)!.split("=")[1])).toBeGreaterThan(0);
    expect(stdout).toMatch(/floor_s=\d+\.\d{2}/);
    expect(stdout).toMatch(/cold_s=\d+\.\d{2}/);
    // the history is September 2026 and tiny's own days of October, its last day added at night
    expect(stdout).toMatch(/^history_generate_s=\d+\.\d{2} files=\d+ rows=\d+$/m);
    expect(stdout).toMatch(
      /^history_months=2 history_month_minus_last_day_s=\d+\.\d{2} history_nightly_s=\d+\.\d{2} \(最后一天 2026-10-14，新增 \d+ 个文件\)$/m,
    );
  }, 600_000);
});
