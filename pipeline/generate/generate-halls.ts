/**
 * A many-hall inbox (data-contract §1, many halls): the `halls/` register, one hall after another
 * in its own folder laid out like a one-hall inbox, and the root-level provincial 好差评 export
 * that carries the evaluations of the halls routed through it, each row with its 大厅编码.
 * Halls are written one at a time, so memory is bounded by the largest hall: only the export's
 * open day files (buffered, flushed every MiB) outlive a hall.
 */
import { join } from "node:path";
import { branchScenario, strayEvaluations } from "./branch-scenario.ts";
import { EVALUATION_COLUMNS } from "./evaluations.ts";
import { clearInbox, type EvaluationSink, writeHall } from "./generate.ts";
import { fitSizes } from "./hall-network.ts";
import type { HallEntry, HallScenarioName } from "./hall-parameters.ts";
import {
  HALLS_REGISTER,
  type InboxTable,
  InboxWriter,
  ROUTING_COLUMN,
  type RowRecord,
  type WrittenFile,
} from "./inbox-writer.ts";
import type { Scenario } from "./plan.ts";
import type { ManyHallPreset } from "./presets.ts";
import type { Complainant } from "./registers.ts";
import { sampleScenario } from "./sample-scenario.ts";
import type { TableFormat } from "./table-writer.ts";

export interface HallSummary {
  readonly entry: HallEntry;
  /** On the roster, successors included. */
  readonly staff: number;
  readonly departments: readonly string[];
  readonly files: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

export interface HallsResult {
  /** Paths from the inbox root: `halls/…`, `<code>/<folder>/…`, `evaluations/…`. */
  readonly files: readonly WrittenFile[];
  /** Rows by source folder over every hall and the root-level files. */
  readonly rows: Readonly<Record<string, number>>;
  readonly complainants: readonly Complainant[];
  readonly halls: readonly HallSummary[];
  /** Notes of the root-level planted rows (Chinese), for the README. */
  readonly notes: readonly string[];
  readonly workdays: readonly string[];
}

const HALLS_FILE = { folder: "halls", file: "大厅名册.csv" } as const;
const HALL_COLUMNS = HALLS_REGISTER.columns.map((column) => column.name);
const UTF8: TableFormat = { kind: "csv", encoding: "utf-8" };

/** The root-level provincial 好差评 export: one file a day, 大厅编码 first. */
export const rootEvaluationsFile = (day: string) => ({
  folder: "evaluations",
  file: `好差评系统导出_${day}.csv`,
});
const ROOT_EVALUATION_COLUMNS = [ROUTING_COLUMN.name, ...EVALUATION_COLUMNS];

const scenarios: Readonly<Record<HallScenarioName, Scenario>> = {
  sample: sampleScenario,
  branch: branchScenario,
};

/** The export's day files, opened as the first hall writes to them and closed after the last. */
class RootEvaluations {
  private readonly tables = new Map<string, InboxTable>();

  constructor(private readonly root: InboxWriter) {}

  /** What one hall writes through: its rows get its code. */
  sinkFor(code: string): EvaluationSink {
    return {
      row: (day, cells) => this.table(day).row([code, ...cells]),
      plant: (day, records) =>
        this.plant(
          day,
          records.map((record) => ({ [ROUTING_COLUMN.name]: code, ...record })),
        ),
    };
  }

  plant(day: string, records: readonly RowRecord[]): void {
    const { folder, file } = rootEvaluationsFile(day);
    this.root.plant(folder, file, records);
  }

  private table(day: string): InboxTable {
    let table = this.tables.get(day);
    if (!table) {
      const { folder, file } = rootEvaluationsFile(day);
      table = this.root.open(folder, file, ROOT_EVALUATION_COLUMNS, UTF8);
      this.tables.set(day, table);
    }
    return table;
  }

  async close(): Promise<void> {
    for (const day of [...this.tables.keys()].sort()) await this.tables.get(day)!.close();
  }
}

/**
 * The preset's halls with every hall's staff scaled so that they sum to `staff` (at least 5 each,
 * departments as many as fit): a smaller inbox of the same shape. Planted halls cannot be scaled.
 */
export function scaleHalls(halls: readonly HallEntry[], staff: number): HallEntry[] {
  const planted = halls.find((entry) => entry.scenario !== null);
  if (planted) throw new Error(`大厅 ${planted.code} 有埋设的异常，不能按 --staff 缩放`);
  const total = halls.reduce((sum, entry) => sum + entry.hall.staff, 0);
  const sizes = fitSizes(
    halls.map((entry) => Math.round((entry.hall.staff * staff) / total)),
    staff,
    [5, staff],
  );
  return halls.map((entry, index) => {
    const size = sizes[index]!;
    return {
      ...entry,
      hall: { ...entry.hall, staff: size, departments: Math.min(size, entry.hall.departments) },
    };
  });
}

export async function generateHalls(
  preset: ManyHallPreset,
  out: string,
  options: { days?: number; staff?: number } = {},
): Promise<HallsResult> {
  const halls = options.staff === undefined ? preset.halls : scaleHalls(preset.halls, options.staff);
  await clearInbox(out);
  const root = new InboxWriter(out);
  await root.write(
    HALLS_FILE.folder,
    HALLS_FILE.file,
    HALL_COLUMNS,
    UTF8,
    halls.map((entry) => ({
      hall_code: entry.code,
      hall_name: entry.hall.hallName,
      parent_code: entry.parentCode,
      region: entry.region,
      start_date: entry.startDate,
      end_date: entry.endDate,
    })),
  );
  const evaluations = new RootEvaluations(root);
  const notes: string[] = [];
  if (preset.planted) {
    const stray = strayEvaluations(new Set(halls.map((entry) => entry.code)));
    for (const [day, records] of stray.rows) evaluations.plant(day, records);
    notes.push(...stray.notes);
  }
  const summaries: HallSummary[] = [];
  const hallFiles: WrittenFile[] = [];
  const complainants: Complainant[] = [];
  let workdays: readonly string[] = [];
  for (const entry of halls) {
    const folder = join(out, entry.code);
    const result = await writeHall(
      {
        preset: entry.hall,
        out: folder,
        days: options.days,
        scenario: entry.scenario ? scenarios[entry.scenario] : undefined,
        evaluationsTo: entry.evaluationsAtRoot ? evaluations.sinkFor(entry.code) : undefined,
      },
      new InboxWriter(folder),
    );
    hallFiles.push(...result.files.map((file) => ({ ...file, path: `${entry.code}/${file.path}` })));
    complainants.push(...result.complainants);
    if (result.workdays.length > workdays.length) workdays = result.workdays;
    summaries.push({
      entry,
      staff: result.hall.staff.length,
      departments: result.hall.departments.map((department) => department.name),
      files: result.files.length,
      rows: result.rows,
      notes: result.notes,
    });
  }
  await evaluations.close();
  root.assertAllPlanted();
  const files = [...root.written, ...hallFiles];
  const rows: Record<string, number> = {};
  for (const file of files) {
    const parts = file.path.split("/");
    const source = parts.length === 2 ? parts[0]! : parts[1]!;
    rows[source] = (rows[source] ?? 0) + file.rows;
  }
  return { files, rows, complainants, halls: summaries, notes, workdays };
}
