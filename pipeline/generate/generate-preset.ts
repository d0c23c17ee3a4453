/** A preset's whole inbox: one hall, or many; the sample and the sample city with their scenarios and README. */
import { type GenerateResult, generateHall } from "./generate.ts";
import { generateHalls } from "./generate-halls.ts";
import { withMonths } from "./history.ts";
import type { WrittenFile } from "./inbox-writer.ts";
import { type AnyPreset, isManyHall, type Preset } from "./presets.ts";
import type { Complainant } from "./registers.ts";
import { writeSampleCityReadme, writeSampleReadme } from "./sample-readme.ts";
import { sampleScenario } from "./sample-scenario.ts";

export interface PresetOptions {
  /** Only the first N calendar days of the period. */
  readonly days?: number;
  /** One hall: its staff; many halls: their staff in all, each hall scaled. */
  readonly staff?: number;
}

export async function generatePreset(
  preset: Preset,
  out: string,
  options: PresetOptions = {},
): Promise<GenerateResult> {
  const result = await generateHall({
    preset,
    out,
    ...options,
    scenario: preset.planted ? sampleScenario : undefined,
  });
  if (preset.planted) await writeSampleReadme(out, preset, result);
  return result;
}

/** What any inbox amounts to, for the command line and the bench. */
export interface InboxSummary {
  readonly files: readonly WrittenFile[];
  readonly rows: Readonly<Record<string, number>>;
  readonly complainants: readonly Complainant[];
  readonly halls: number;
  readonly staff: number;
  readonly workdays: number;
}

export interface InboxOptions extends PresetOptions {
  /** Calendar months of history ending with the preset's last month (history.ts); the preset's own by default. */
  readonly months?: number;
}

export async function generateInbox(
  original: AnyPreset,
  out: string,
  { months, ...options }: InboxOptions = {},
): Promise<InboxSummary> {
  const preset = months === undefined ? original : withMonths(original, months);
  if (!isManyHall(preset)) {
    const result = await generatePreset(preset, out, options);
    return { ...result, halls: 1, staff: result.hall.staff.length, workdays: result.workdays.length };
  }
  const result = await generateHalls(preset, out, options);
  if (preset.planted) await writeSampleCityReadme(out, preset, result);
  return {
    ...result,
    halls: result.halls.length,
    staff: result.halls.reduce((sum, hall) => sum + hall.staff, 0),
    workdays: result.workdays.length,
  };
}
