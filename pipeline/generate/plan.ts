/**
 * What a scenario adds to the generated hall: forced sessions and pauses, planted register rows,
 * bad rows and re-exported files, and the notes that document them. The scale presets run with
 * the empty plan; the sample's plan is in sample-scenario.ts.
 */
import type { ForcedSession, Leave } from "./duty.ts";
import type { Hall, Replacement } from "./hall-model.ts";
import type { InboxWriter, RowRecord } from "./inbox-writer.ts";
import type { Pause } from "./queue.ts";
import type { Complainant } from "./registers.ts";
import type { Time } from "./table-writer.ts";

export interface PlanContext {
  readonly hall: Hall;
  readonly isWorkday: (day: string) => boolean;
  readonly firstDay: string;
  readonly lastDay: string;
}

export interface Plan {
  /** `staffId|day`: no random leave or anomaly. */
  readonly reserved: Set<string>;
  /** `staffId|day|session`. */
  readonly forced: Map<string, ForcedSession>;
  /** `staffId|day|session`: these pauses instead of random ones. */
  readonly pauses: Map<string, Pause[]>;
  /** Punches on days that are not working days: `day` → [staffId, seconds]. */
  readonly offDayPunches: Map<string, [string, number][]>;
  /** `staffId|day`: that day's first 受理 ticket never reaches the platform. */
  readonly unentered: Set<string>;
  /** `staffId|day` → entry time: that day's first 受理 ticket's case is entered only then. */
  readonly lateEntered: Map<string, Time>;
  /** `staffId|month` → seconds: that month the staff member presses the evaluator this long after 办结. */
  readonly pressedEvaluations: Map<string, number>;
  readonly leaves: Leave[];
  /** Register rows by folder, written after the generated ones (month files: by the month of the row). */
  readonly registers: Map<string, RowRecord[]>;
  readonly complainants: Complainant[];
  /** Bad rows and corrections appended to generated files (`folder/file` → rows). */
  readonly planted: Map<string, RowRecord[]>;
  /** Evaluations appended to the root-level export's file of a day, for a hall whose evaluations go there. */
  readonly routedEvaluations: Map<string, RowRecord[]>;
  /** Runs after every file is written: re-exports, copies. */
  finish: (inbox: InboxWriter) => Promise<void>;
  /** README lines (Chinese), in the order they were planted. */
  readonly notes: string[];
}

export const emptyPlan = (): Plan => ({
  reserved: new Set(),
  forced: new Map(),
  pauses: new Map(),
  offDayPunches: new Map(),
  unentered: new Set(),
  lateEntered: new Map(),
  pressedEvaluations: new Map(),
  leaves: [],
  registers: new Map(),
  complainants: [],
  planted: new Map(),
  routedEvaluations: new Map(),
  finish: async () => {},
  notes: [],
});

export interface Scenario {
  readonly replacements: readonly Replacement[];
  build(context: PlanContext): Plan;
}
