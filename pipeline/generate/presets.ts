/**
 * The generator's presets. A one-hall preset writes a one-hall inbox (data-contract §1); a
 * many-hall preset writes the `halls/` register, one such inbox per hall under its code and the
 * root-level exports that span halls. Every hall runs the same code; halls differ only in size,
 * period, seed, file formats and which planted anomalies they carry (sample-scenario.ts,
 * branch-scenario.ts).
 */

import { cityHalls, provinceHalls, sampleCityHalls } from "./hall-network.ts";
import type { HallEntry, HallParameters } from "./hall-parameters.ts";

/** A one-hall preset: the inbox is the hall's own folders. */
export interface Preset extends HallParameters {
  readonly name: PresetName;
  /** Plant the sample's documented anomalies, bad rows and re-exports (and write README.md). */
  readonly planted: boolean;
}

export interface ManyHallPreset {
  readonly name: PresetName;
  /** What the inbox is (Chinese), for messages and the README. */
  readonly title: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly halls: readonly HallEntry[];
  /** Plant the root-level anomalies (an evaluation with an unknown 大厅编码) and write README.md. */
  readonly planted: boolean;
  /** What the preset promises, checked by the tests (the hall count is approximate, the staff exact). */
  readonly targets: {
    readonly halls: number;
    readonly staff: number;
    readonly hallStaff: readonly [number, number];
  };
}

export type AnyPreset = Preset | ManyHallPreset;

export type PresetName = "sample" | "tiny" | "city" | "province" | "sample-city";

export const isManyHall = (preset: AnyPreset): preset is ManyHallPreset => "halls" in preset;

const sample: Preset = {
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
};

const tiny: Preset = {
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
};

// September 2026 has 22 working days (Mid-Autumn off, Sunday 20th worked), a typical month.
const SEPTEMBER = { firstDay: "2026-09-01", lastDay: "2026-09-30" } as const;

/** The scale presets' halls work at the rates the one-hall city and province presets had. */
const CITY_RATES = { ticketsPerStaffDay: 21, evaluationRate: 0.7 } as const;
const PROVINCE_RATES = { ticketsPerStaffDay: 39, evaluationRate: 0.73 } as const;

export const presets = {
  sample,
  tiny,
  /** The present sample hall and a smaller branch with its own planted cases: the sample as a city. */
  "sample-city": {
    name: "sample-city",
    title: "示例县政务服务中心及开发区分中心",
    firstDay: sample.firstDay,
    lastDay: sample.lastDay,
    halls: sampleCityHalls(sample),
    planted: true,
    targets: { halls: 2, staff: 57, hallStaff: [15, 42] },
  },
  // ≈ 20,000 tickets a day over the city's halls once leave, absences and session ends are taken off.
  city: {
    name: "city",
    title: "示例市政务服务中心及各区县分中心",
    ...SEPTEMBER,
    halls: cityHalls({ ...SEPTEMBER, ...CITY_RATES, seed: 20260902, staff: 1000 }),
    planted: false,
    targets: { halls: 13, staff: 1000, hallStaff: [40, 300] },
  },
  // ≈ 15 M tickets, 10 M evaluations and 1.8 M punches over the month's 22 working days: the rows
  // the one-hall province of 20,000 staff had, now over about 100 halls.
  province: {
    name: "province",
    title: "示例省全省政务服务大厅",
    ...SEPTEMBER,
    halls: provinceHalls({ ...SEPTEMBER, ...PROVINCE_RATES, seed: 20260903, staff: 20_000 }),
    planted: false,
    targets: { halls: 100, staff: 20_000, hallStaff: [50, 500] },
  },
} as const satisfies Record<PresetName, AnyPreset>;

export const isPresetName = (name: string): name is PresetName => Object.hasOwn(presets, name);
