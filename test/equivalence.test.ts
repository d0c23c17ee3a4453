/**
 * Day by day equals cold (issue 15): whatever order a hall's exports arrive in, night after night,
 * the last night's publication is the one a single run over the same inbox publishes; across a
 * month's freeze, the open month's and the ops tables' part of it.
 * `EQUIVALENCE_RUNS=1000 npx vitest run test/equivalence.test.ts` runs each property at length.
 */
import { type fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { freezeCrossingHistoryCase, type HistoryCase, historyCase, runHistory } from "./fuzz/history.ts";

const runs = Number(process.env.EQUIVALENCE_RUNS ?? 2);
const seed = Number(process.env.EQUIVALENCE_SEED ?? 20261202);

/** The property over `cases`: the history's publication (or the part of it compared) equals the cold run's. */
const equivalence = (name: string, cases: fc.Arbitrary<HistoryCase>, numRuns: number, secondsEach: number) =>
  test.prop([cases], { numRuns, seed, endOnFailure: true })(
    name,
    async (history) => {
      expect(await runHistory(history)).toEqual([]);
    },
    secondsEach * 1000 * Math.max(1, numRuns),
  );

equivalence("a history of nightly runs publishes what one cold run publishes", historyCase(), runs, 300);

// a history across a freeze runs about 18 nights: one is enough for every `npm test`
equivalence(
  "across September's freeze, the open month and the ops tables are what one cold run publishes",
  freezeCrossingHistoryCase(),
  process.env.EQUIVALENCE_RUNS ? runs : 1,
  600,
);
