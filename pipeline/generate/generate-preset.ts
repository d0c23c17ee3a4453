/** A preset's whole inbox: the sample with its scenario and README, the others plain. */
import { type GenerateResult, generateHall } from "./generate.ts";
import type { Preset } from "./presets.ts";
import { writeSampleReadme } from "./sample-readme.ts";
import { sampleScenario } from "./sample-scenario.ts";

export async function generatePreset(
  preset: Preset,
  out: string,
  options: { days?: number; staff?: number } = {},
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
