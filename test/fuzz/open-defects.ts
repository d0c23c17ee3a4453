/**
 * Defects the harness found that are not fixed yet, each with the kinds of mutation that provoke
 * it. The fixed-seed share in `npm test` leaves these kinds out, so that it hunts for new defects
 * instead of finding these again; each has a regression test (test/fuzz-regressions.test.ts,
 * `it.fails` until fixed). Whoever fixes one turns its test into `it` and deletes its entry here,
 * which puts its mutations back into the share.
 */
type Check = "pageData" | "rerun";

export interface OpenDefect {
  /** Issue and item, e.g. 11.1. */
  readonly issue: string;
  readonly what: string;
  readonly kinds: readonly string[];
  /** Checks the share leaves out while the defect is open (the base hall alone provokes it). */
  readonly checks?: readonly Check[];
}

export const OPEN_DEFECTS: readonly OpenDefect[] = [];

export const OPEN_DEFECT_MUTATIONS: readonly string[] = OPEN_DEFECTS.flatMap((defect) => defect.kinds);

/** Whether an open defect keeps the share from running a check (the generated hall alone provokes it). */
export const checkOpen = (check: Check): boolean =>
  OPEN_DEFECTS.some((defect) => defect.checks?.includes(check));
