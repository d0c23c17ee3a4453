/**
 * The equivalence property of a nightly run (issue 15): a hall's exports arriving night by night,
 * in any order real halls send them — each day's files the night after, some days late, whole
 * weeks at once, a register first in part and later whole, a day's queue export again once its
 * tickets are finished, a roster re-exported mid-month with a leaver, a file sent twice — and a run
 * each night (as of that night) publish in the end exactly what one cold run publishes over the
 * same inbox, as of the same last night.
 *
 * Every later version is named so that it also sorts after the first (a cold run loads a folder's
 * files in the order of their paths), and no row reaches a month after it froze: then no rule says
 * the two may differ. A history that crosses September's freeze (rules.md §14) runs on past it,
 * and the nights after it leave September's settled records unread (int_latest_lines); a frozen
 * month shows what it was frozen with, as of the night it froze, so there the open month and the
 * ops tables are compared.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { addDays, daysBetween } from "../../pipeline/generate/calendar.ts";
import { outLayout } from "../../pipeline/out-layout.ts";
import { runPipeline } from "../../pipeline/run.ts";
import { differingTables, type WarehouseContent, warehouseContent } from "../support/warehouse-content.ts";
import { baseHall, type HallSpec, scratchRoot } from "./base-hall.ts";
import { columnIndex, type TableFile, writeInboxFiles } from "./inbox-model.ts";

export interface HistoryCase {
  hall: HallSpec;
  /** A run every this many nights (the last night always runs). */
  cadence: 1 | 2 | 3;
  /** Nights each daily file arrives late, by the file's position among the daily files (cycled). */
  lateness: number[];
  /** The night the roster and the registers arrive, counted from the first night. */
  rosterNight: number;
  registerNight: number;
  /** The patrol register arrives first with only its rows up to this share, whole on registerNight. */
  partialPatrol: number | null;
  /** The first day's queue export arrives with its 办结时间 blank, then again whole this many nights later. */
  queueReexportAfter: number | null;
  /** The roster is re-exported this many nights after it arrived, with its first person leaving mid-period. */
  rosterChangeAfter: number | null;
  /** A daily file (by position) is sent a second time, byte for byte, under another name, a night later. */
  duplicateOf: number | null;
  /** The hall's days run from late September into October, and the nights go on past September's freeze. */
  crossesFreeze?: true;
}

const FIRST_DAYS = ["2026-09-21", "2026-10-12", "2026-10-19"] as const;

const arrivalOrders = {
  cadence: fc.constantFrom(1 as const, 2 as const, 3 as const),
  lateness: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })), {
    minLength: 1,
    maxLength: 6,
  }),
  rosterNight: fc.integer({ min: 0, max: 2 }),
  registerNight: fc.integer({ min: 0, max: 6 }),
  partialPatrol: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  queueReexportAfter: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  rosterChangeAfter: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  duplicateOf: fc.option(fc.nat(20), { nil: null }),
};

export const historyCase = (): fc.Arbitrary<HistoryCase> =>
  fc.record({
    hall: fc.record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      staff: fc.integer({ min: 2, max: 4 }),
      firstDay: fc.constantFrom(...FIRST_DAYS),
      days: fc.integer({ min: 3, max: 8 }),
    }),
    ...arrivalOrders,
  });

/**
 * September's appeal window closes on 10-13 (10-01…07 National Day, 10-10 a make-up Saturday), so
 * the first run as of 10-14 or later freezes it; every row of a hall that starts on 09-28 has
 * arrived by then (the latest arrival, a register or a late daily file of September, is at most
 * 6 nights after its day), and the nights up to FREEZE_CROSSED run after it.
 */
const FREEZE_CROSSED = "2026-10-16";

export const freezeCrossingHistoryCase = (): fc.Arbitrary<HistoryCase> =>
  fc.record({
    hall: fc.record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      staff: fc.integer({ min: 2, max: 4 }),
      firstDay: fc.constant("2026-09-28"),
      days: fc.integer({ min: 12, max: 16 }),
    }),
    ...arrivalOrders,
    crossesFreeze: fc.constant(true as const),
  });

interface Arrival {
  night: number;
  file: TableFile;
}

const DAY_IN_NAME = /(\d{4}-\d{2}-\d{2})/;

const renamed = (file: TableFile, suffix: string): TableFile => ({
  ...file,
  path: file.path.replace(/(\.[a-z]+)$/, `${suffix}$1`),
  rows: file.rows.map((row) => [...row]),
});

/** Which file arrives on which night (0: the night after the first day). */
export function arrivals(files: readonly TableFile[], firstDay: string, history: HistoryCase): Arrival[] {
  const planned: Arrival[] = [];
  const daily = files.filter((file) => DAY_IN_NAME.test(file.path));
  const dayOf = (file: TableFile) => file.path.match(DAY_IN_NAME)![1]!;
  for (const [index, file] of daily.entries()) {
    const late = history.lateness[index % history.lateness.length]!;
    planned.push({ night: daysBetween(firstDay, dayOf(file)).length - 1 + late, file });
  }
  for (const file of files.filter((candidate) => !DAY_IN_NAME.test(candidate.path))) {
    if (file.folder === "roster") {
      planned.push({ night: history.rosterNight, file });
      if (history.rosterChangeAfter !== null && file.rows.length > 0) {
        const changed = renamed(file, "_更新");
        // the first person leaves on the period's second day: the days after are no longer theirs
        changed.rows[0]![columnIndex(changed, "end_date")] = addDays(firstDay, 1);
        planned.push({ night: history.rosterNight + history.rosterChangeAfter, file: changed });
      }
    } else if (file.folder === "patrol" && history.partialPatrol !== null && file.rows.length > 0) {
      // "-" sorts before ".": the part loads first in a cold run too, and the whole's rows win
      const part = renamed(file, "-截至上周");
      part.rows = part.rows.slice(0, Math.floor(file.rows.length * history.partialPatrol));
      planned.push({ night: 0, file: part });
      planned.push({ night: Math.max(1, history.registerNight), file });
    } else planned.push({ night: history.registerNight, file });
  }
  const firstQueue = daily.find((file) => file.folder === "queue");
  if (history.queueReexportAfter !== null && firstQueue) {
    const early = planned.find((arrival) => arrival.file === firstQueue)!;
    const finished = columnIndex(firstQueue, "finished_at");
    early.file = {
      ...firstQueue,
      rows: firstQueue.rows.map((row) => row.map((cell, column) => (column === finished ? "" : cell))),
    };
    planned.push({ night: early.night + history.queueReexportAfter, file: renamed(firstQueue, "_重导") });
  }
  if (history.duplicateOf !== null && daily.length > 0) {
    const original = planned.find(
      (arrival) => arrival.file.path === daily[history.duplicateOf! % daily.length]!.path,
    )!;
    planned.push({
      night: original.night + 1,
      file: renamed(original.file, "_副本"),
    });
  }
  return planned;
}

/** Columns that number loads in the order files arrived: a history and a cold run number them differently. */
const ARRIVAL_ORDER = /"load_id":\d+,?/g;

/** The content to compare, without the marts' rows of the months named (frozen when the history crossed a freeze). */
const comparable = (content: WarehouseContent, frozenMonths: readonly string[]): WarehouseContent =>
  Object.fromEntries(
    Object.entries(content).map(([table, rows]) => [
      table,
      rows
        .filter(
          (row) =>
            !table.startsWith("marts.") || !frozenMonths.some((month) => row.includes(`"month":"${month}"`)),
        )
        .map((row) => row.replace(ARRIVAL_ORDER, ""))
        .sort(),
    ]),
  );

/** Runs the history and the cold run; returns how their publications differ (nothing when equal). */
export async function runHistory(history: HistoryCase): Promise<string[]> {
  const hall = await baseHall(history.hall);
  const planned = arrivals(hall.files, hall.firstDay, history);
  const lastNight = Math.max(
    ...planned.map((arrival) => arrival.night),
    history.crossesFreeze ? daysBetween(hall.firstDay, FREEZE_CROSSED).length - 2 : 0,
  );
  const asOf = (night: number) => addDays(hall.firstDay, night + 1);
  const root = await mkdtemp(join(scratchRoot(), "equivalence-"));
  try {
    const nightly = { inbox: join(root, "nightly-inbox"), out: join(root, "nightly-out") };
    await mkdir(nightly.inbox, { recursive: true });
    const sent = new Set<Arrival>();
    for (let night = 0; night <= lastNight; night++) {
      if (night % history.cadence !== 0 && night !== lastNight) continue;
      const arrived = planned.filter((arrival) => arrival.night <= night && !sent.has(arrival));
      await writeInboxFiles(
        nightly.inbox,
        arrived.map((arrival) => arrival.file),
      );
      for (const arrival of arrived) sent.add(arrival);
      await runPipeline({ ...nightly, asOf: asOf(night), log: () => {} });
    }
    const cold = { inbox: join(root, "cold-inbox"), out: join(root, "cold-out") };
    await mkdir(cold.inbox, { recursive: true });
    await writeInboxFiles(
      cold.inbox,
      planned.map((arrival) => arrival.file),
    );
    await runPipeline({ ...cold, asOf: asOf(lastNight), log: () => {} });
    const frozenMonths = history.crossesFreeze ? ["2026-09"] : [];
    const published = await warehouseContent(outLayout(nightly.out).warehouse);
    const notFrozen = frozenMonths.filter(
      (month) =>
        !published["marts.months"]?.some(
          (row) => row.includes(`"month":"${month}"`) && row.includes('"is_frozen":true'),
        ),
    );
    if (notFrozen.length > 0) return [`逐夜运行未冻结 ${notFrozen.join("、")}：历史没有跨过冻结`];
    const expected = comparable(await warehouseContent(outLayout(cold.out).warehouse), frozenMonths);
    const actual = comparable(published, frozenMonths);
    return differingTables(expected, actual).map(
      ({ table, missing, extra }) =>
        `${table}：逐夜运行缺 ${missing.length} 行 ${missing[0]?.slice(0, 300) ?? ""}；多 ${extra.length} 行 ${extra[0]?.slice(0, 300) ?? ""}`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
