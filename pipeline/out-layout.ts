/**
 * Where everything lives in an `--out` (data-contract §3). Readers use the stable paths; each is a
 * symbolic link through `current`, which one rename switches from one whole version to the next:
 *
 *   warehouse.duckdb -> current/warehouse.duckdb     reports -> current/reports     site -> current/site
 *   parquet -> current/parquet
 *   current -> versions/000007
 *   versions/000007/  warehouse.duckdb, reports/, site/, parquet/, version.json    (the last N versions)
 *   .state/           state.duckdb, lock, builds/<run>/   (private: never published)
 *
 * A run builds its version inside its own folder under `.state/builds/`, so that a run which lost
 * the lock, or died, never touches another run's work.
 */
import { join } from "node:path";

export const warehouseFile = "warehouse.duckdb";

export interface OutLayout {
  out: string;
  state: string;
  stateDb: string;
  lock: string;
  builds: string;
  versions: string;
  current: string;
  /** The stable path of the published warehouse. */
  warehouse: string;
}

export const outLayout = (out: string): OutLayout => ({
  out,
  state: join(out, ".state"),
  stateDb: join(out, ".state", "state.duckdb"),
  lock: join(out, ".state", "lock"),
  builds: join(out, ".state", "builds"),
  versions: join(out, "versions"),
  current: join(out, "current"),
  warehouse: join(out, warehouseFile),
});

/** Written into each version: its number, the run's as-of date and when it was published. */
export const manifestFile = "version.json";

/**
 * What `--out` held at its top level before versions existed; the first run of this version
 * turns each into a link through `current`.
 */
export const unversionedEntries = [warehouseFile, "reports", "site"] as const;

/** One run's private folder: scratch files, and the version it builds. */
export interface BuildLayout {
  root: string;
  /** Decoded copies of inbox files (ingest's scratch). */
  decoded: string;
  /** The version being built: publishers write here; it moves to `versions/` whole. */
  version: string;
}

export const buildLayout = (layout: OutLayout, runToken: string): BuildLayout => {
  const root = join(layout.builds, runToken);
  return { root, decoded: join(root, "decoded"), version: join(root, "version") };
};

/** `7` → `000007`: names sort in the order the versions were published. */
export const versionName = (sequence: number): string => String(sequence).padStart(6, "0");

export const versionPattern = /^\d{6}$/;
