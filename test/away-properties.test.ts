/**
 * Properties of the away-from-post models (rules.md §3, issue 11 defects 1 and 7), hunted by
 * fast-check over window events, patrol findings, leave, late covers and punches drawn around the
 * times where things go wrong: session edges, the clock-in, lunch, seconds apart and skewed clocks.
 * The four models run as the pipeline runs them (invariants checked), on hand-made upstream tables
 * in an in-memory DuckDB, so one case takes milliseconds instead of a whole hall run.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../pipeline/config.ts";
import { Db } from "../pipeline/db.ts";
import { loadMacros, loadModels, type Model } from "../pipeline/transform/models.ts";
import { setParameters } from "../pipeline/transform/parameters.ts";
import { attachRebuiltLayers, createMacros, runModels } from "../pipeline/transform/run-models.ts";

const DAY = "2026-10-09";
/** Cases per run: a fixed-seed share in `npm test`; `AWAY_PROPERTY_RUNS=5000 AWAY_PROPERTY_SEED=n` hunts longer. */
const runs = Number(process.env.AWAY_PROPERTY_RUNS ?? 40);
const MODELS = [
  "intermediate.int_queue_event_pairs",
  "intermediate.int_on_post_periods",
  "intermediate.int_away_intervals",
  "intermediate.int_away_incidents",
];

/** Seconds of the day for `HH:MM[:SS]`. */
const s = (time: string): number => {
  const [h = 0, m = 0, sec = 0] = time.split(":").map(Number);
  return h * 3600 + m * 60 + sec;
};
const at = (seconds: number): string =>
  `${DAY} ${[3600, 60, 1].map((unit, i) => String(Math.floor(seconds / unit) % (i === 0 ? 24 : 60)).padStart(2, "0")).join(":")}`;

/** Times where rules meet: session edges, the usual clock-in, lunch, the midpoints. */
const anchors = [
  "08:20",
  "08:30",
  "09:00",
  "10:00",
  "10:15",
  "11:20",
  "11:58",
  "12:00",
  "12:05",
  "14:28",
  "14:30",
  "15:45",
  "16:00",
  "17:00",
].map(s);
const time = fc
  .tuple(
    fc.constantFrom(...anchors),
    fc.integer({ min: -90, max: 90 }),
    fc.constantFrom(0, 0, 0, 600, 1800, 3600),
  )
  .map(([anchor, offset, later]) => Math.max(0, anchor + offset + later));
const person = fc.constantFrom("S0001", "S0002");

interface WindowEvent {
  staff: string;
  window: string;
  kind: "登录" | "暂停" | "恢复" | "退出";
  at: number;
  reason: string | null;
}
interface Session {
  staff: string;
  session: "AM" | "PM";
  in: number | null;
  out: number | null;
}
interface Finding {
  staff: string;
  at: number;
  code: "AWAY_30" | "AWAY_HALF";
  minutes: number | null;
}
interface Leave {
  staff: string;
  from: number;
  to: number;
}
interface Handover {
  staff: string;
  session: "AM" | "PM";
  departure: number;
  arrival: number | null;
}
interface Case {
  events: WindowEvent[];
  sessions: Session[];
  findings: Finding[];
  leave: Leave[];
  handovers: Handover[];
}

const windowEvent = fc.record({
  staff: person,
  window: fc.constantFrom("A01", "A02"),
  kind: fc.constantFrom("登录", "暂停", "恢复", "退出") as fc.Arbitrary<WindowEvent["kind"]>,
  at: time,
  reason: fc.constantFrom(null, null, "如厕", "系统故障"),
});
const sessionOf = (staff: string, session: "AM" | "PM") =>
  fc
    .record({
      in: fc.option(
        session === "AM"
          ? fc.integer({ min: s("08:10"), max: s("08:50") })
          : fc.integer({ min: s("14:10"), max: s("14:50") }),
        { freq: 6 },
      ),
      out: fc.option(
        session === "AM"
          ? fc.integer({ min: s("11:40"), max: s("12:10") })
          : fc.integer({ min: s("16:40"), max: s("17:10") }),
        { freq: 6 },
      ),
    })
    .map((fields): Session => ({ staff, session, ...fields }));
const cases: fc.Arbitrary<Case> = fc
  .record({
    events: fc.uniqueArray(windowEvent, {
      maxLength: 14,
      selector: (event) => `${event.window}|${event.at}|${event.kind}`,
    }),
    sessions: fc.tuple(
      sessionOf("S0001", "AM"),
      sessionOf("S0001", "PM"),
      sessionOf("S0002", "AM"),
      sessionOf("S0002", "PM"),
    ),
    findings: fc.uniqueArray(
      fc.record({
        staff: person,
        at: time,
        code: fc.constantFrom("AWAY_30", "AWAY_HALF") as fc.Arbitrary<Finding["code"]>,
        minutes: fc.constantFrom(null, 0, 1, 15, 45, 200),
      }),
      { maxLength: 3, selector: (finding) => `${finding.staff}|${finding.at}` },
    ),
    leave: fc.uniqueArray(
      fc
        .record({ staff: person, from: time, length: fc.integer({ min: 60, max: 4 * 3600 }) })
        .map(({ staff, from, length }): Leave => ({ staff, from, to: from + length })),
      { maxLength: 1, selector: (leave) => leave.staff },
    ),
    handovers: fc.uniqueArray(
      fc
        .record({
          staff: person,
          session: fc.constantFrom("AM", "PM") as fc.Arbitrary<Handover["session"]>,
          departure: fc.integer({ min: 0, max: 3 * 3600 }),
          gap: fc.option(fc.integer({ min: 0, max: 3600 }), { freq: 4 }),
        })
        .map(({ staff, session, departure, gap }): Handover => {
          const from =
            (session === "AM" ? s("08:30") : s("14:30")) +
            Math.min(departure, session === "AM" ? 12000 : 8000);
          const end = session === "AM" ? s("12:00") : s("17:00");
          return {
            staff,
            session,
            departure: from,
            arrival: gap === null ? null : Math.min(end - 1, from + gap),
          };
        }),
      { maxLength: 1, selector: (handover) => handover.staff },
    ),
  })
  .map(({ sessions, ...rest }) => ({ ...rest, sessions: [...sessions] }));

const literal = (value: string | number | boolean | null): string =>
  value === null ? "null" : typeof value === "string" ? `'${value}'` : String(value);
const values = (rows: (string | number | boolean | null)[][]): string =>
  rows.map((row) => `(${row.map(literal).join(", ")})`).join(", ");
const ts = (seconds: number | null): string | null => (seconds === null ? null : at(seconds));

async function load(db: Db, table: string, columns: string, rows: (string | number | boolean | null)[][]) {
  await db.run(`create or replace table intermediate.${table} (${columns})`);
  if (rows.length > 0) await db.run(`insert into intermediate.${table} values ${values(rows)}`);
}

/** The upstream tables of the four models, as the pipeline would have made them for this case. */
async function loadCase(db: Db, input: Case): Promise<void> {
  const events = input.events.map((event, i) => [
    event.window,
    `ck${event.staff.slice(1)}`,
    event.staff,
    event.kind,
    at(event.at),
    DAY,
    event.kind === "暂停" ? event.reason : null,
    `queue-events/data.csv:${i + 2}`,
  ]);
  await load(
    db,
    "int_queue_events",
    "window_no varchar, queue_login varchar, staff_id varchar, window_event varchar, event_at timestamp, event_date date, pause_reason varchar, source_ref varchar",
    events,
  );
  const hours = { AM: [s("08:30"), s("12:00")], PM: [s("14:30"), s("17:00")] } as const;
  await load(
    db,
    "int_attendance_sessions",
    "staff_id varchar, calendar_date date, session varchar, starts_at timestamp, ends_at timestamp, in_at timestamp, out_at timestamp, is_absent boolean, is_exempt boolean",
    input.sessions.map((session) => {
      const [start, end] = hours[session.session];
      const exempt = input.leave.some((l) => l.staff === session.staff && l.from <= start && l.to >= end);
      return [
        session.staff,
        DAY,
        session.session,
        at(start),
        at(end),
        ts(session.in),
        ts(session.out),
        !exempt && session.in === null && session.out === null,
        exempt,
      ];
    }),
  );
  await load(
    db,
    "int_leave_periods",
    "staff_id varchar, starts_at timestamp, ends_at timestamp, leave_ids varchar[]",
    input.leave.map((leave) => [leave.staff, at(leave.from), at(leave.to), null]),
  );
  await load(
    db,
    "int_patrol_findings",
    "patrol_id varchar, staff_id varchar, patrolled_at timestamp, finding_code varchar, away_minutes integer",
    input.findings.map((finding, i) => [
      `P${i + 1}`,
      finding.staff,
      at(finding.at),
      finding.code,
      finding.minutes,
    ]),
  );
  await load(
    db,
    "int_cover_handovers",
    "leave_id varchar, staff_id varchar, cover_staff_id varchar, calendar_date date, session varchar, departure_at timestamp, arrival_at timestamp, is_gap_away boolean, evidence varchar",
    input.handovers.map((handover, i) => [
      `L${i + 1}`,
      handover.staff,
      "S0009",
      DAY,
      handover.session,
      at(handover.departure),
      ts(handover.arrival),
      handover.arrival !== null && handover.arrival - handover.departure > 15 * 60,
      `leave/data.csv:${i + 2}`,
    ]),
  );
  await load(db, "int_calendar_days", "calendar_date date, scheduled_minutes integer", [[DAY, 360]]);
}

describe("the away models on any day of window events, findings, leave and covers", () => {
  let db: Db;
  let models: Model[];
  beforeAll(async () => {
    db = await Db.open(":memory:");
    await createMacros(db, await loadMacros());
    await setParameters(db, defaultConfig, { asOf: "2026-11-04", reopen: null, firstNewLoadId: 1 });
    await attachRebuiltLayers(db);
    const all = await loadModels();
    models = MODELS.map((relation) => all.find((model) => model.relation === relation)!);
  });
  afterAll(() => db?.close());

  /** Runs the models on a case; they throw when an invariant of their header breaks. */
  const run = async (input: Case) => {
    await loadCase(db, input);
    await runModels(db, models, { fullRefresh: true });
  };

  it(
    "keep every stated invariant, and incidents partition the intervals within the time on post",
    async () => {
      await fc.assert(
        fc.asyncProperty(cases, async (input) => {
          await run(input);
          const [check] = await db.all<Record<string, number | bigint>>(`
          select
            -- absences of one person and day never overlap
            (select count(*) from (
              select read_at, returned_at, lead(read_at) over (partition by staff_id, event_date order by read_seq) as next_opening
              from intermediate.int_queue_event_pairs where opens_absence)
             where returned_at > next_opening) as overlapping_absences,
            -- a skewed return is read at its departure, at most the tolerance after it was logged
            (select count(*) from intermediate.int_queue_event_pairs
             where is_skewed and not (read_at >= event_at and epoch(read_at - event_at) <= ${defaultConfig.away.skew_tolerance_seconds})) as bad_skews,
            (select count(*) from intermediate.int_away_intervals where ends_at < starts_at) as negative_intervals,
            (select count(*) from intermediate.int_away_incidents where away_minutes < 0 or away_minutes > 360) as impossible_lengths,
            -- one event id per incident that scores
            (select count(*) - count(distinct event_id) from intermediate.int_away_incidents where rule_code is not null) as repeated_ids,
            -- a finding raises one incident at most
            (select count(*) - count(distinct patrol_id) from (
              select unnest(patrol_ids) as patrol_id from intermediate.int_away_incidents)) as findings_counted_twice,
            (select count(*) from intermediate.int_away_intervals as intervals
             where not exists (select 1 from intermediate.int_away_incidents as incidents
               where incidents.staff_id = intervals.staff_id
                 and intervals.starts_at between incidents.starts_at and incidents.ends_at)) as orphan_intervals
        `);
          expect(Object.fromEntries(Object.entries(check ?? {}).map(([k, v]) => [k, Number(v)]))).toEqual({
            overlapping_absences: 0,
            bad_skews: 0,
            negative_intervals: 0,
            impossible_lengths: 0,
            repeated_ids: 0,
            findings_counted_twice: 0,
            orphan_intervals: 0,
          });
        }),
        { numRuns: runs, seed: Number(process.env.AWAY_PROPERTY_SEED ?? 20261013) },
      );
    },
    Math.max(120_000, runs * 10_000),
  );

  it("a finding cut in two by leave scores once, in the incident of its patrol time (fast-check, seed 7)", async () => {
    // on post 08:30–11:40 (no in punch), leave 10:00–10:05; the finding at 10:15 with 45 minutes
    // covers 09:30–10:00 and 10:05–10:15, five on-post minutes apart: two incidents, one event
    await run({
      events: [],
      findings: [{ staff: "S0002", at: s("10:15"), code: "AWAY_30", minutes: 45 }],
      leave: [{ staff: "S0002", from: s("10:00"), to: s("10:05") }],
      handovers: [],
      sessions: [
        { staff: "S0001", session: "AM", in: null, out: null },
        { staff: "S0001", session: "PM", in: null, out: null },
        { staff: "S0002", session: "AM", in: null, out: s("11:40") },
        { staff: "S0002", session: "PM", in: null, out: null },
      ],
    });
    const incidents = await db.all(
      "select strftime(starts_at, '%H:%M') as starts, away_minutes, event_id from intermediate.int_away_incidents order by starts_at",
    );
    expect(incidents).toEqual([
      { starts: "09:30", away_minutes: 30, event_id: null },
      { starts: "10:05", away_minutes: 10, event_id: "AWAY_30:S0002:2026-10-09:P1" },
    ]);
  });

  it("a double-pressed 暂停 before the clock-in and a finding without minutes on the same minute stay unique", async () => {
    const session = (staff: string, name: "AM" | "PM"): Session => ({
      staff,
      session: name,
      in: name === "AM" ? s("08:25") : s("14:25"),
      out: name === "AM" ? s("12:05") : s("17:05"),
    });
    await run({
      events: [
        { staff: "S0001", window: "A01", kind: "暂停", at: s("08:20:01"), reason: null },
        { staff: "S0001", window: "A01", kind: "暂停", at: s("08:20:05"), reason: null },
        { staff: "S0001", window: "A01", kind: "恢复", at: s("09:01"), reason: null },
      ],
      sessions: [
        session("S0001", "AM"),
        session("S0001", "PM"),
        session("S0002", "AM"),
        session("S0002", "PM"),
      ],
      findings: [
        { staff: "S0001", at: s("08:30"), code: "AWAY_30", minutes: null },
        { staff: "S0001", at: s("09:30"), code: "AWAY_30", minutes: 0 },
      ],
      leave: [],
      handovers: [],
    });
    const incidents = await db.all(
      "select event_id, strftime(starts_at, '%H:%M') as starts, away_minutes from intermediate.int_away_incidents order by starts_at",
    );
    expect(incidents).toEqual([
      { event_id: "AWAY_30:S0001:2026-10-09:0830", starts: "08:30", away_minutes: 31 },
      { event_id: "AWAY_30:S0001:2026-10-09:P2", starts: "09:30", away_minutes: 0 },
    ]);
  });
});
