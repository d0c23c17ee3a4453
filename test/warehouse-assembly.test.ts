/**
 * Issue 15: a night's warehouse starts from a copy of the last publication, keeping the frozen
 * months' rows as they are and replacing the open months' and the ops tables. What it publishes is
 * what a warehouse built whole publishes; a copy that does not match the run is never used.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../pipeline/db.ts";
import { outLayout } from "../pipeline/out-layout.ts";
import { runPipeline } from "../pipeline/run.ts";
import { writeInbox } from "./support/hall.ts";
import { daysAroundSeptemberFreeze, normalDays, staff } from "./support/rules.ts";
import { differingTables, warehouseContent } from "./support/warehouse-content.ts";

const days = daysAroundSeptemberFreeze;

describe("the warehouse of a night, assembled from the last publication", () => {
  let root: string;
  let inbox: string;
  const steps: Record<string, string[]> = {};
  const run = async (out: string, asOf: string, reopen?: string) => {
    const seen: string[] = [];
    await runPipeline({ inbox, out, asOf, reopen, log: () => {}, onStep: (step) => seen.push(step) });
    steps[out] = [...(steps[out] ?? []), ...seen.filter((step) => step.startsWith("warehouse:"))];
  };
  /** Makes the state's record of the last publication point elsewhere, as after a rollback. */
  const loseRecord = async (out: string) => {
    const state = await Db.open(outLayout(out).stateDb);
    try {
      await state.run("update ingest.published_warehouse set path = path || '.elsewhere'");
    } finally {
      state.close();
    }
  };
  const out = (name: string) => join(root, name);
  /** Staff ranked per month, from the published warehouse of `name`, and the marts.months rows. */
  const published = async (name: string) => {
    const db = await Db.open(outLayout(out(name)).warehouse, { readOnly: true });
    try {
      return {
        staffMonths: await db.all(
          "select month, count(*)::integer as n from marts.staff_month group by month order by month",
        ),
        months: await db.all("select month, status, is_frozen from marts.months order by month"),
      };
    } finally {
      db.close();
    }
  };
  const differences = async (whole: string, assembled: string) =>
    differingTables(
      await warehouseContent(outLayout(out(whole)).warehouse),
      await warehouseContent(outLayout(out(assembled)).warehouse),
    );
  const bothMonthsRanked = [
    { month: "2026-09", n: 2 },
    { month: "2026-10", n: 2 },
  ];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "assembly-"));
    inbox = join(root, "inbox");
    await writeInbox(inbox, {
      roster: [staff(1), staff(2)],
      attendance: normalDays([staff(1), staff(2)], days),
    });
    await run(out("nightly"), "2026-10-13"); // September 公示
    await run(out("nightly"), "2026-10-14"); // September 确认: frozen once published
    // the same state twice: one night assembled from the copy, the other built whole
    await cp(out("nightly"), out("whole"), { recursive: true, verbatimSymlinks: true });
    steps[out("whole")] = [];
    await loseRecord(out("whole"));
    await run(out("nightly"), "2026-10-15");
    await run(out("whole"), "2026-10-15");
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("is built whole the first time, then assembled night after night; built whole when the record does not match", () => {
    expect(steps[out("nightly")]).toEqual(["warehouse:built", "warehouse:assembled", "warehouse:assembled"]);
    expect(steps[out("whole")]).toEqual(["warehouse:built"]);
  });

  it("publishes what the warehouse built whole publishes, September frozen and October open", async () => {
    expect(await differences("whole", "nightly")).toEqual([]);
    expect(await published("nightly")).toEqual({
      staffMonths: bothMonthsRanked,
      months: [
        { month: "2026-09", status: "确认", is_frozen: true },
        { month: "2026-10", status: "公示", is_frozen: false },
      ],
    });
  });

  it("replaces a reopened month's rows as a whole build does, rather than keeping them from the copy", async () => {
    await cp(out("nightly"), out("reopened-whole"), { recursive: true, verbatimSymlinks: true });
    await loseRecord(out("reopened-whole"));
    await run(out("nightly"), "2026-10-15", "2026-09");
    await run(out("reopened-whole"), "2026-10-15", "2026-09");
    expect(steps[out("nightly")]?.at(-1)).toBe("warehouse:assembled");
    expect(steps[out("reopened-whole")]).toEqual(["warehouse:built"]);
    expect(await differences("reopened-whole", "nightly")).toEqual([]);
    expect((await published("nightly")).staffMonths).toEqual(bothMonthsRanked);
  });

  it("starts from the copy again on the night after a whole build", async () => {
    await run(out("whole"), "2026-10-15");
    expect(steps[out("whole")]).toEqual(["warehouse:built", "warehouse:assembled"]);
  });
});
