/**
 * Day by day equals cold (issue 15): whatever order a hall's exports arrive in, night after night,
 * the last night's publication is the one a single run over the same inbox publishes; across a
 * month's freeze, the open month's and the ops tables' part of it.
 * `EQUIVALENCE_RUNS=1000 npx vitest run test/equivalence.test.ts` runs each property at length.
 */
import { test } from "@fast-check/vitest";
import { expect } from "vitest";
import { freezeCrossingHistoryCase, historyCase, runHistory } from "./fuzz/history.ts";

const runs = Number(process.env.EQUIVALENCE_RUNS ?? 2);
const seed = Number(process.env.EQUIVALENCE_SEED ?? 20261202);

test.prop([historyCase()], {
  numRuns: runs,
  seed,
  endOnFailure: true,
})(
  "a history of nightly runs publishes what one cold run publishes",
  async (history) => {
    expect(await runHistory(history)).toEqual([]);
  },
  300_000 * Math.max(1, runs),
);

// a history across a freeze runs about 18 nights: one is enough for every `npm test`
test.prop([freezeCrossingHistoryCase()], {
  numRuns: process.env.EQUIVALENCE_RUNS ? runs : 1,
  seed,
  endOnFailure: true,
})(
  "across September's freeze, the open month and the ops tables are what one cold run publishes",
  async (history) => {
    expect(await runHistory(history)).toEqual([]);
  },
  600_000 * Math.max(1, runs),
);
