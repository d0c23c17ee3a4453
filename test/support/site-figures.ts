/**
 * The figures a built site hands to its pages: every number in the data files under `_file/data/`,
 * with the file and the key it stands under, so that a test can hold each kind of figure to its
 * range (a rate or share `…_rate`/`…_share` in [0, 1], a duration `…_s` at least 0).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface SiteFigure {
  /** The data file, e.g. `queue.6b254640.json`. */
  file: string;
  /** Where the number stands, e.g. `windows[3].within_target_rate`. */
  path: string;
  key: string;
  value: number;
}

export const isRateKey = (key: string): boolean => /(^|_)(rate|share)$/.test(key);
export const isDurationKey = (key: string): boolean => /_s$/.test(key);

function collect(file: string, path: string, key: string, value: unknown, into: SiteFigure[]): void {
  if (typeof value === "number") into.push({ file, path, key, value });
  else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collect(file, `${path}[${i}]`, key, item, into);
  } else if (value && typeof value === "object")
    for (const [name, inner] of Object.entries(value))
      collect(file, path ? `${path}.${name}` : name, name, inner, into);
}

export async function siteFigures(site: string): Promise<SiteFigure[]> {
  const directory = join(site, "_file", "data");
  const files = (await readdir(directory)).filter((name) => name.endsWith(".json")).sort();
  const figures: SiteFigure[] = [];
  for (const file of files)
    collect(file, "", "", JSON.parse(await readFile(join(directory, file), "utf8")), figures);
  return figures;
}

/** The figures outside their range, as `file path = value` (empty when every figure keeps it). */
export function figuresOutOfRange(figures: readonly SiteFigure[]): string[] {
  return figures
    .filter(
      ({ key, value }) =>
        (isRateKey(key) && !(value >= 0 && value <= 1)) || (isDurationKey(key) && !(value >= 0)),
    )
    .map(({ file, path, value }) => `${file} ${path} = ${value}`);
}
