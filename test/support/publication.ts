/**
 * What a reader reaches through an `--out`'s stable paths (`warehouse.duckdb`, `reports/`, `site/`,
 * following their links; not the private `.state`, nor `versions/` and `current` themselves), as
 * path → sha256 of the bytes, and which published versions those paths lead into: to prove that a
 * run left the publication whole, exactly the previous one or exactly a new one.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, realpath, stat, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { manifestFile, outLayout } from "../../pipeline/out-layout.ts";
import type { Publisher } from "../../pipeline/publish/publisher.ts";

/**
 * Stands in for the workbook and site publishers: for each month the run recomputed a report
 * folder, and a site page, each saying which run built it.
 */
export const stamped =
  (label: string): Publisher =>
  async ({ next, months }) => {
    for (const month of months) {
      await mkdir(join(next, "reports", month), { recursive: true });
      await writeFile(join(next, "reports", month, "考核汇总.xlsx"), `${label} ${month}`);
    }
    await mkdir(join(next, "site"), { recursive: true });
    await writeFile(join(next, "site", "index.html"), `<p>${label}</p>`);
    return [];
  };

const notStable = new Set([".state", "versions", "current"]);

/** Files under `root` (links followed; a dangling link is no file), as relative path → full path. */
async function filesUnder(root: string, names: readonly string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
    else if (info) files.set(relative(root, path), path);
  };
  for (const name of names) await walk(join(root, name));
  return files;
}

const stableNames = async (out: string): Promise<string[]> =>
  (await readdir(out).catch(() => [] as string[])).filter((name) => !notStable.has(name));

async function hashes(files: Map<string, string>): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const [name, path] of [...files].sort(([a], [b]) => a.localeCompare(b)))
    snapshot[name] = createHash("sha256")
      .update(await readFile(path))
      .digest("hex");
  return snapshot;
}

export async function publicationSnapshot(out: string): Promise<Record<string, string>> {
  return hashes(await filesUnder(out, await stableNames(out)));
}

/** The same, of one version's folder as published (without its manifest). */
export async function versionSnapshot(out: string, version: string): Promise<Record<string, string>> {
  const folder = join(outLayout(out).versions, version);
  const names = (await readdir(folder)).filter((name) => name !== manifestFile);
  return hashes(await filesUnder(folder, names));
}

/** The versions that the files reached through the stable paths live in (`unversioned`: outside any). */
export async function versionsReached(out: string): Promise<string[]> {
  const versions = await realpath(outLayout(out).versions).catch(() => undefined);
  const reached = new Set<string>();
  for (const path of (await filesUnder(out, await stableNames(out))).values()) {
    const real = await realpath(path);
    reached.add(
      versions && real.startsWith(versions + sep)
        ? real.slice(versions.length + 1).split(sep)[0]!
        : "unversioned",
    );
  }
  return [...reached].sort();
}
