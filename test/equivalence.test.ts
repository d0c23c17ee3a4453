/**
 * Day by day equals cold (issue 15): whatever order a hall's exports arrive in, night after night,
 * the last night's publication is the one a single run over the same inbox publishes.
 * `EQUIVALENCE_RUNS=1000 npx vitest run test/equivalence.test.ts` runs the property at length.
 */
import { test } from "@fast-check/vitest";
import { expect } from "vitest";
import { historyCase, runHistory } from "./fuzz/history.ts";

const runs = Number(process.env.EQUIVALENCE_RUNS ?? 2);

test.prop([historyCase()], {
  numRuns: runs,
  seed: Number(process.env.EQUIVALENCE_SEED ?? 20261202),
  endOnFailure: true,
})(
  "a history of nightly runs publishes what one cold run publishes",
  async (history) => {
    expect(await runHistory(history)).toEqual([]);
  },
  300_000 * Math.max(1, runs),
);
