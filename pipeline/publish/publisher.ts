/**
 * What a run publishes besides the warehouse (workbooks, the site) is a list of publishers, each
 * building its output into the run's new version from the new warehouse before the version is
 * published. Tests choose which ones run; the command runs them all.
 */
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";

export interface PublishContext {
  /** The pipeline's database, with the new warehouse attached read-only under `catalog`. */
  db: Db;
  catalog: string;
  /** The new warehouse file (for readers in other processes). */
  warehouse: string;
  /** The run's `--out`, where the outputs end up. */
  out: string;
  /** The version being built, in the run's own folder: build outputs here; it is published whole. */
  next: string;
  /** The months this run recomputed (open months), oldest first. */
  months: string[];
  config: Config;
  asOf: string;
  log: (line: string) => void;
}

/** Builds one kind of output; returns the lines the run summary shows for it. */
export type Publisher = (context: PublishContext) => Promise<string[]>;
