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

  it("measures the tiny preset and ends with the two ratios", async () => {
    dir = await mkdtemp(join(tmpdir(), "bench-"));
    const started = performance.now();
    const { stdout } = await run("npx", ["tsx", "pipeline/bench/cli.ts", "--scale", "tiny", "--dir", dir], {
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(performance.now() - started).toBeLessThan(60_000);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.at(-2)).toMatch(/^ratio_to_floor=\d+\.\d{2}$/);
    expect(lines.at(-1)).toMatch(/^incremental_ratio=\d+\.\d{2}$/);
    expect(stdout).toMatch(/floor_s=\d+\.\d{2}/);
    expect(stdout).toMatch(/cold_s=\d+\.\d{2}/);
  }, 60_000);
});
