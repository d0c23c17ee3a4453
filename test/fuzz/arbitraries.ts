/**
 * fast-check arbitraries for a fuzz case: a small generated hall (seed, staff, a first day on a
 * boundary of the calendar, a few days), an as-of date around its end, the optional score limits,
 * and a list of mutations. Numbers that pick a file, row or column are small naturals, so a
 * shrunk case reads "file 0, row 0".
 */
import fc from "fast-check";
import type { HallSpec } from "./base-hall.ts";
import type { Mutation } from "./mutations.ts";
import type { FuzzCase } from "./run-case.ts";

/** First days that put the period on a boundary: a plain week, month ends, National Day, Spring Festival, New Year. */
export const FIRST_DAYS = [
  "2026-10-12",
  "2026-09-29",
  "2026-10-09",
  "2026-10-29",
  "2026-12-30",
  "2026-02-12",
  "2026-09-18",
] as const;

const pick = fc.nat({ max: 999 });

type Draws<K extends Mutation["kind"]> = {
  [P in keyof Omit<Extract<Mutation, { kind: K }>, "kind">]: fc.Arbitrary<Extract<Mutation, { kind: K }>[P]>;
};

/** Each kind of mutation: its weight among the others and how its numbers are drawn. */
const MUTATIONS: { [K in Mutation["kind"]]: [number, Draws<K>] } = {
  blank: [4, { file: pick, row: pick, column: pick }],
  blankColumn: [1, { file: pick, column: pick }],
  number: [3, { file: pick, row: pick, column: pick, value: pick }],
  futureTime: [1, { file: pick, row: pick, column: pick, day: pick, clock: pick, style: pick }],
  time: [4, { file: pick, row: pick, column: pick, day: pick, clock: pick, style: pick }],
  mangleId: [3, { file: pick, row: pick, column: pick, style: pick }],
  excelNumber: [2, { file: pick, row: pick, column: pick, style: pick }],
  variant: [2, { file: pick, row: pick, column: pick, style: pick }],
  repeatRow: [2, { file: pick, row: pick, elsewhere: fc.boolean() }],
  changeRow: [2, { file: pick, row: pick, column: pick, from: pick }],
  shuffle: [1, { file: pick, seed: pick }],
  shiftRow: [1, { file: pick, row: pick, column: pick, keepCount: fc.boolean() }],
  blankLine: [1, { file: pick, row: pick }],
  skew: [2, { file: pick, row: pick, seconds: fc.integer({ min: -180, max: 180 }) }],
  doublePress: [2, { file: pick, row: pick, seconds: fc.integer({ min: 1, max: 30 }) }],
  quickPause: [
    2,
    {
      file: pick,
      row: pick,
      length: fc.integer({ min: 0, max: 300 }),
      skew: fc.integer({ min: -120, max: 120 }),
    },
  ],
  orphan: [1, { file: pick, row: pick, event: pick, seconds: fc.integer({ min: -900, max: 900 }) }],
  reuseAccount: [
    2,
    { staff: pick, account: pick, startOffset: fc.integer({ min: -3, max: 3 }), ends: fc.boolean() },
  ],
  rosterReexport: [1, { staff: pick, field: pick, offset: fc.integer({ min: -5, max: 5 }) }],
  numericTickets: [1, {}],
  complaint: [
    3,
    {
      staff: pick,
      day: pick,
      minute: pick,
      category: pick,
      finding: pick,
      decidedAfter: fc.integer({ min: -1, max: 6 }),
    },
  ],
  misfiled: [2, { row: pick, column: pick, phone: fc.boolean() }],
  commendation: [1, { staff: pick, day: pick, type: pick, verified: pick }],
  leave: [2, { staff: pick, day: pick, from: pick, to: pick, approval: pick, type: pick, cover: pick }],
  patrol: [2, { staff: pick, day: pick, clock: pick, finding: pick, byWindow: fc.boolean() }],
  awayFinding: [
    2,
    { staff: pick, day: pick, clock: pick, finding: pick, minutes: pick, byWindow: fc.boolean() },
  ],
  investigation: [
    1,
    { staff: pick, day: pick, trigger: pick, decision: pick, severity: pick, byId: fc.boolean() },
  ],
  appeal: [1, { staff: pick, day: pick, rule: pick, result: pick, byId: fc.boolean() }],
  calendar: [1, { day: pick, workday: fc.boolean() }],
  damage: [2, { file: pick, damage: pick, fraction: pick }],
  truncate: [1, { file: pick, fraction: pick, large: fc.boolean() }],
  mixedEncoding: [1, { file: pick, fraction: pick, large: fc.boolean() }],
  copy: [1, { file: pick, as: pick }],
  format: [1, { file: pick, to: pick }],
  stray: [1, { what: pick }],
};

export type MutationKind = Mutation["kind"];
export const MUTATION_KINDS = Object.keys(MUTATIONS) as MutationKind[];

const mutation = (exclude: ReadonlySet<string>): fc.Arbitrary<Mutation> =>
  fc.oneof(
    ...MUTATION_KINDS.filter((kind) => !exclude.has(kind)).map((kind) => {
      const [weight, draws] = MUTATIONS[kind];
      return {
        weight,
        arbitrary: fc.record({ kind: fc.constant(kind), ...draws }) as fc.Arbitrary<Mutation>,
      };
    }),
  );

const tinyHall: fc.Arbitrary<HallSpec> = fc.record({
  seed: fc.integer({ min: 1, max: 12 }),
  staff: fc.integer({ min: 2, max: 6 }),
  firstDay: fc.constantFrom(...FIRST_DAYS),
  days: fc.integer({ min: 1, max: 4 }),
});

/** A tiny generated hall, or one time in forty (unless left out) the sample hall with its planted anomalies. */
const hallSpec = (exclude: ReadonlySet<string>): fc.Arbitrary<HallSpec> =>
  exclude.has("sample")
    ? tinyHall
    : fc.oneof(
        { weight: 39, arbitrary: tinyHall },
        {
          weight: 1,
          arbitrary: fc.constant({
            sample: true as const,
            seed: 20260901,
            staff: 42,
            firstDay: "2026-09-01",
            days: 61,
          }),
        },
      );

/**
 * Mutations that change no result by the rules (property (f)): numbers as Excel writes them,
 * enumerated values in full-width or half-width characters or padded, files in another format,
 * copied, reordered, with repeated rows, a title row or no final line break, and a short pause
 * whose resume is logged up to 45 s early.
 */
const NEUTRAL: Partial<{ [K in MutationKind]: Draws<K> }> = {
  excelNumber: MUTATIONS.excelNumber[1],
  variant: { file: pick, row: pick, column: pick, style: fc.integer({ min: 0, max: 2 }) },
  format: MUTATIONS.format[1],
  copy: MUTATIONS.copy[1],
  shuffle: MUTATIONS.shuffle[1],
  repeatRow: MUTATIONS.repeatRow[1],
  blankLine: MUTATIONS.blankLine[1],
  damage: { file: pick, damage: fc.constantFrom(4, 5), fraction: fc.constant(0) },
  quickPause: {
    file: pick,
    row: pick,
    length: fc.integer({ min: 0, max: 120 }),
    skew: fc.integer({ min: -45, max: 45 }),
  },
};

/** Besides the mutation kinds: `neutral` cases (property (f)) and the `sample` hall (thirty times a tiny one's cost). */
const KNOWN_EXCLUSIONS = [...MUTATION_KINDS, "neutral", "sample"];

function excluded(exclude: readonly string[]): ReadonlySet<string> {
  const unknown = exclude.filter((kind) => !KNOWN_EXCLUSIONS.includes(kind));
  if (unknown.length > 0)
    throw new Error(`未知的改动类型：${unknown.join("、")}（可选：${KNOWN_EXCLUSIONS.join("、")}）`);
  return new Set(exclude);
}

/** A case whose mutations are all neutral: its marts must equal those of its hall unchanged. */
const neutralCase = (exclude: ReadonlySet<string>): fc.Arbitrary<FuzzCase> =>
  fc.record({
    hall: hallSpec(exclude),
    neutral: fc.constant(true as const),
    asOfOffset: fc.integer({ min: 0, max: 20 }),
    scoreLimits: fc.constant({ additionCap: null, floor: null }),
    mutations: fc.array(
      fc.oneof(
        ...Object.entries(NEUTRAL)
          .filter(([kind]) => !exclude.has(kind))
          .map(([kind, draws]) => fc.record({ kind: fc.constant(kind), ...draws }) as fc.Arbitrary<Mutation>),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  });

/**
 * A case: three in four perturb the hall any way they like, one in four only neutrally (and is
 * compared with the hall unchanged). `exclude` leaves out kinds of mutation (to hunt past a defect
 * already reported), or `neutral` cases; without `futureTime` the as-of date is never before the
 * generated period's last day either.
 */
export const fuzzCase = (exclude: readonly string[] = []): fc.Arbitrary<FuzzCase> => {
  const without = excluded(exclude);
  const anyCase = fc.record({
    hall: hallSpec(without),
    asOfOffset: fc.integer({ min: without.has("futureTime") ? 0 : -3, max: 45 }),
    scoreLimits: fc.record({
      additionCap: fc.constantFrom(null, 5, 0),
      floor: fc.constantFrom(null, 0, 95),
    }),
    mutations: fc.array(mutation(without), { maxLength: 12 }),
  });
  if (without.has("neutral")) return anyCase;
  return fc.oneof({ weight: 3, arbitrary: anyCase }, { weight: 1, arbitrary: neutralCase(without) });
};
