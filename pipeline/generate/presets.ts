/**
 * The generator's presets. Every preset runs the same code; they differ only in size, period and
 * which file formats they write. `sample` also plants the documented anomalies (scenario.ts).
 */

export interface Preset {
  readonly name: PresetName;
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
  /** Plant the sample's documented anomalies, bad rows and re-exports (and write README.md). */
  readonly planted: boolean;
  /** Working days whose attendance export is missing for the whole hall. */
  readonly missingAttendanceDays: readonly string[];
}

export type PresetName = "sample" | "tiny" | "city" | "province";

export const presets: Readonly<Record<PresetName, Preset>> = {
  sample: {
    name: "sample",
    hallName: "示例县政务服务中心",
    seed: 20260901,
    firstDay: "2026-09-01",
    lastDay: "2026-10-31",
    staff: 42,
    departments: 5,
    ticketsPerStaffDay: 8,
    evaluationRate: 0.6,
    xlsx: true,
    planted: true,
    missingAttendanceDays: ["2026-10-20"],
  },
  tiny: {
    name: "tiny",
    hallName: "微型测试政务服务中心",
    seed: 7,
    firstDay: "2026-10-12",
    lastDay: "2026-10-14",
    staff: 5,
    departments: 2,
    ticketsPerStaffDay: 6,
    evaluationRate: 0.6,
    xlsx: true,
    planted: false,
    missingAttendanceDays: [],
  },
  // September 2026 has 22 working days (Mid-Autumn off, Sunday 20th worked), a typical month.
  city: {
    name: "city",
    hallName: "示例市政务服务中心",
    seed: 20260902,
    firstDay: "2026-09-01",
    lastDay: "2026-09-30",
    staff: 1000,
    departments: 40,
    ticketsPerStaffDay: 20,
    evaluationRate: 0.7,
    xlsx: false,
    planted: false,
    missingAttendanceDays: [],
  },
  province: {
    name: "province",
    hallName: "示例省政务服务中心（全省汇总）",
    seed: 20260903,
    firstDay: "2026-09-01",
    lastDay: "2026-09-30",
    staff: 20_000,
    departments: 400,
    ticketsPerStaffDay: 34,
    evaluationRate: 0.7,
    xlsx: false,
    planted: false,
    missingAttendanceDays: [],
  },
};

export const isPresetName = (name: string): name is PresetName => Object.hasOwn(presets, name);
