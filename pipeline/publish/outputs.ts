/**
 * Publishes the version a run built (warehouse, reports, site, in the run's own folder) in one
 * switch, then keeps the newest versions only. Everything is built first and switched last, so a
 * run that fails or is killed before the switch leaves the previous publication exactly as it was,
 * and one killed after it leaves the new one whole.
 *
 * A frozen month is not rebuilt (rules.md §14): its units carry over from the newest earlier
 * version by hard links, never rewritten. The newest, not the current one: after a rollback the
 * current version may predate the run that froze the month, while the newest never does.
 */
import { mkdir, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { BuildLayout, OutLayout } from "../out-layout.ts";
import { exists, linkTree, listVersions, placeVersion, pruneVersions, switchTo } from "./versions.ts";

/**
 * A frozen month's units of a version, as paths in which `{month}` stands for the month and `*`
 * for any one name. `{year}` is a year's unit, written once its December is final: it freezes with
 * December. (The Parquet export carries its frozen partitions itself, publish/parquet.ts: which ones
 * freeze depends on the table, and it checks that their columns are still the table's.)
 */
export const frozenUnits = ["reports/{month}", "reports/{year}"] as const;

/** The unit's path for a frozen month; null for a year's unit and any month but December. */
function frozenPath(pattern: string, month: string): string | null {
  if (!pattern.includes("{year}")) return pattern.replaceAll("{month}", month);
  return month.endsWith("-12") ? pattern.replaceAll("{year}", month.slice(0, 4)) : null;
}

export interface PublishOptions {
  asOf: string;
  /** Months the run did not recompute (`YYYY-MM`). */
  frozenMonths: readonly string[];
  /** How many versions to keep (the current one is always kept). */
  keep: number;
  onStep?: (step: string) => void;
}

/** Relative paths under `root` that match `segments` (`*`: any one name). */
async function expand(root: string, segments: readonly string[]): Promise<string[]> {
  let paths = [""];
  for (const segment of segments) {
    const matched: string[] = [];
    for (const path of paths) {
      if (segment === "*") {
        const names = await readdir(join(root, path)).catch(() => [] as string[]);
        matched.push(...names.map((name) => join(path, name)));
      } else if (await exists(join(root, path, segment))) {
        matched.push(join(path, segment));
      }
    }
    paths = matched;
  }
  return paths;
}

async function carryFrozen(from: string, to: string, months: readonly string[]): Promise<void> {
  for (const pattern of frozenUnits) {
    for (const month of months) {
      const unitPattern = frozenPath(pattern, month);
      if (unitPattern === null) continue;
      for (const unit of await expand(from, unitPattern.split("/"))) {
        if (await exists(join(to, unit))) continue;
        await mkdir(dirname(join(to, unit)), { recursive: true });
        await linkTree(join(from, unit), join(to, unit));
      }
    }
  }
}

/** Returns the name of the version now published. */
export async function publishOutputs(
  layout: OutLayout,
  build: BuildLayout,
  options: PublishOptions,
): Promise<string> {
  const step = options.onStep ?? (() => {});
  const newest = (await listVersions(layout)).at(-1);
  if (newest) await carryFrozen(join(layout.versions, newest), build.version, options.frozenMonths);
  step("publish:carried");
  const version = await placeVersion(layout, build.version, options.asOf);
  step("publish:placed");
  await switchTo(layout, build, version, step);
  step("publish:switched");
  await pruneVersions(layout, build, options.keep);
  step("publish:pruned");
  return version;
}
