/** What the generator needs to know of one hall, and of a hall's place in a many-hall inbox. */

/** One hall's generation parameters. */
export interface HallParameters {
  readonly hallName: string;
  readonly seed: number;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly staff: number;
  readonly departments: number;
  /** Mean queue tickets one staff member serves in one working day. */
  readonly ticketsPerStaffDay: number;
  /** Share of served tickets that get an evaluation. */
  readonly evaluationRate: number;
  /** Write the xlsx files (roster, the first month's evaluator export); too slow at scale. */
  readonly xlsx: boolean;
  /** Working days whose attendance export is missing for the whole hall. */
  readonly missingAttendanceDays: readonly string[];
}

/** Which planted anomalies a hall of a many-hall preset carries. */
export type HallScenarioName = "sample" | "branch";

/** A hall of a many-hall preset: its row of the `halls/` register and what to generate in its folder. */
export interface HallEntry {
  /** 大厅编码: letters, digits and `-`; also the hall's folder. */
  readonly code: string;
  readonly parentCode: string | null;
  readonly region: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly hall: HallParameters;
  readonly scenario: HallScenarioName | null;
  /** Its evaluations come in the root-level provincial 好差评 export, not in its own folder. */
  readonly evaluationsAtRoot: boolean;
}
