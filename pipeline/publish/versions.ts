/**
 * The published versions of an `--out` and the one switch between them (layout in out-layout.ts).
 * A version is built whole in a run's private folder, sealed (its files read-only, so that one
 * hard-linked into later versions cannot be changed through any of them; all flushed to the
 * disk), moved into `versions/` under the next number, and published by renaming a new `current`
 * link over the old one: a reader's path resolves through `current` once, so it reaches the old
 * version or the new one, never a mix, and the old one stays readable until that rename (and on,
 * for files already open).
 */
import {
  chmod,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { basename, join } from "node:path";
import {
  type BuildLayout,
  manifestFile,
  type OutLayout,
  unversionedEntries,
  versionName,
  versionPattern,
  warehouseFile,
} from "../out-layout.ts";

export interface Manifest {
  version: string;
  /** The as-of date of the run that built it; null for the publication found in an older layout. */
  asOf: string | null;
  /** Hall time, `YYYY-MM-DD HH:MM:SS`. */
  publishedAt: string;
}

/** Hall time (China has one zone, no daylight saving) as `YYYY-MM-DD HH:MM:SS`. */
export const hallClock = (now = new Date()): string =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");

const statOrUndefined = (path: string) => lstat(path).catch(() => undefined);

/** Whether anything is at `path` (a dangling link counts). */
export const exists = async (path: string): Promise<boolean> => (await statOrUndefined(path)) !== undefined;

/** Version names, oldest first. */
export async function listVersions(layout: OutLayout): Promise<string[]> {
  const names = await readdir(layout.versions).catch(() => [] as string[]);
  return names.filter((name) => versionPattern.test(name)).sort();
}

/** The version `current` points to; undefined before the first publication. */
export async function currentVersion(layout: OutLayout): Promise<string | undefined> {
  const target = await readlink(layout.current).catch(() => undefined);
  return target === undefined ? undefined : basename(target);
}

export async function readManifest(layout: OutLayout, version: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(join(layout.versions, version, manifestFile), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

/** Hard-links every file under `from` to the same place under `to`: no byte is copied or rewritten. */
export async function linkTree(from: string, to: string): Promise<void> {
  const info = await lstat(from);
  if (!info.isDirectory()) {
    await link(from, to);
    return;
  }
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from)) await linkTree(join(from, entry), join(to, entry));
}

/** Writes a file or folder through to the disk, so that a power cut after the switch finds it whole. */
async function flush(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes every file under `path` read-only on disk (folders stay writable, so old versions can go)
 * and flushes files and folders to the disk.
 */
async function seal(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isDirectory()) {
    for (const entry of await readdir(path)) await seal(join(path, entry));
  } else if (!info.isFile()) {
    return;
  } else if ((info.mode & 0o777) !== 0o444) {
    await chmod(path, 0o444);
  }
  await flush(path);
}

/** Seals a built version, writes its manifest and moves it into `versions/` under the next number. */
export async function placeVersion(
  layout: OutLayout,
  built: string,
  asOf: string | null,
  now = new Date(),
): Promise<string> {
  const existing = await listVersions(layout);
  const version = versionName(existing.length === 0 ? 1 : Number(existing.at(-1)) + 1);
  const manifest: Manifest = { version, asOf, publishedAt: hallClock(now) };
  await writeFile(join(built, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
  await seal(built);
  await mkdir(layout.versions, { recursive: true });
  // fails rather than replaces if the name is taken: a published version is never overwritten
  await rename(built, join(layout.versions, version));
  await flush(layout.versions);
  return version;
}

/**
 * DuckDB replays `<database>.wal` on every open, read-only ones included, whatever database wrote
 * it: an analyst who opened the published file read-write and died would otherwise add their
 * tables to every publication. DuckDB 1.5 writes it beside the file a link resolves to (the
 * version's own); other clients may write it beside the stable path. Both go.
 */
async function clearForeignLogs(layout: OutLayout, version: string): Promise<void> {
  await rm(`${layout.warehouse}.wal`, { force: true });
  await rm(join(layout.versions, version, `${warehouseFile}.wal`), { force: true });
}

/**
 * Gives every top-level entry of `version` its stable path `<out>/<entry>` → `current/<entry>`.
 * An entry that is still a real file or folder (an `--out` written before versions existed) is
 * replaced: a file by one rename; a folder is moved aside first, so it is absent for the instant
 * between two renames, once in the life of an `--out`.
 */
async function linkStablePaths(layout: OutLayout, build: BuildLayout, version: string): Promise<void> {
  const entries = await readdir(join(layout.versions, version));
  for (const entry of entries.filter((name) => name !== manifestFile)) {
    const stable = join(layout.out, entry);
    const target = join(basename(layout.current), entry);
    const info = await statOrUndefined(stable);
    if (info?.isSymbolicLink() && (await readlink(stable)) === target) continue;
    const draft = join(build.root, `link-${entry}`);
    await rm(draft, { force: true });
    await symlink(target, draft);
    if (info?.isDirectory()) await rename(stable, join(build.root, `unversioned-${entry}`));
    await rename(draft, stable);
  }
}

/** Switches the publication to `version` (the rename of `current`); `onStep` marks each step. */
export async function switchTo(
  layout: OutLayout,
  build: BuildLayout,
  version: string,
  onStep: (step: string) => void = () => {},
): Promise<void> {
  await clearForeignLogs(layout, version);
  onStep("switch:logs-cleared");
  const draft = join(build.root, "current");
  await rm(draft, { force: true });
  await symlink(join(basename(layout.versions), version), draft);
  await rename(draft, layout.current);
  await flush(layout.out);
  onStep("switch:current-renamed");
  await linkStablePaths(layout, build, version);
  onStep("switch:stable-paths");
  // a writer that opened the old version through the stable path in the meantime
  await clearForeignLogs(layout, version);
}

/**
 * Keeps the newest `keep` versions and the current one. Each other version leaves `versions/` by
 * one rename before it is deleted, so no half-deleted version is ever offered for a rollback.
 */
export async function pruneVersions(layout: OutLayout, build: BuildLayout, keep: number): Promise<void> {
  const versions = await listVersions(layout);
  const current = await currentVersion(layout);
  const kept = new Set([...versions.slice(-keep), ...(current ? [current] : [])]);
  for (const version of versions.filter((name) => !kept.has(name))) {
    const pruned = join(build.root, `pruned-${version}`);
    await rename(join(layout.versions, version), pruned);
    await rm(pruned, { recursive: true, force: true });
  }
}

/**
 * Brings an `--out` to the versioned layout, once: an older layout's warehouse, reports and site
 * become version 1 by hard links (nothing copied, and readers of the old paths are undisturbed),
 * `current` points to it, then each old path becomes its link. A migration cut short is finished
 * by the next call.
 */
export async function adoptUnversioned(layout: OutLayout, build: BuildLayout): Promise<void> {
  const current = await currentVersion(layout);
  if (current) {
    await linkStablePaths(layout, build, current);
    return;
  }
  const found: string[] = [];
  for (const entry of unversionedEntries) {
    const info = await statOrUndefined(join(layout.out, entry));
    if (info && !info.isSymbolicLink()) found.push(entry);
  }
  if (found.length === 0) return;
  const adopted = join(build.root, "adopted");
  await rm(adopted, { recursive: true, force: true });
  await mkdir(adopted, { recursive: true });
  for (const entry of found) await linkTree(join(layout.out, entry), join(adopted, entry));
  // the older layout's build folder and the folders it moved aside belong to no version
  for (const name of await readdir(layout.state)) {
    if (name === "next" || name.startsWith("aside-"))
      await rm(join(layout.state, name), { recursive: true, force: true });
  }
  const published = await statOrUndefined(layout.warehouse);
  const version = await placeVersion(layout, adopted, null, published?.mtime);
  await switchTo(layout, build, version);
}
