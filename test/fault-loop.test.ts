/**
 * kill -9 during a nightly run, a fixed share of `npm run fault-loop` (test/support/fault-loop.ts):
 * the publication reached through the stable paths is wholly the old one or wholly the new one,
 * compared by the sha256 of every file, and the next run completes and publishes whole.
 */
import { describe, expect, it } from "vitest";
import { faultLoop } from "./support/fault-loop.ts";

describe("a nightly run killed with SIGKILL", () => {
  it("just after its new warehouse is in place leaves the old publication whole, and just after the switch the new one", async () => {
    // the first kill is where a run once left the new warehouse beside the old workbooks and site
    const nights = await faultLoop({
      kills: 2,
      seed: 12,
      plan: [{ step: "publish:placed" }, { step: "switch:current-renamed" }],
    });
    expect(nights.map(({ lastStep, killed, outcome }) => ({ lastStep, killed, outcome }))).toEqual([
      { lastStep: "publish:placed", killed: true, outcome: "old" },
      { lastStep: "switch:current-renamed", killed: true, outcome: "new" },
    ]);
  }, 300_000);
});
