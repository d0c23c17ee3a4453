import type { GenerateResult } from "./generate.ts";
import type { Preset } from "./presets.ts";

export async function writeSampleReadme(
  _out: string,
  _preset: Preset,
  _result: GenerateResult,
): Promise<void> {}
