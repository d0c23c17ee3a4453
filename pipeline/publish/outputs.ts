/**
 * Moves a run's freshly built outputs from `<out>/.state/next` into place. Everything is built
 * first and moved last, so a run that fails or is killed earlier leaves the previous publication
 * as it was. The warehouse moves by one atomic rename (readers holding the old file keep their
 * inode); a month's report folder and the site move aside, then the new one moves in.
 */
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { OutLayout } from "../run.ts";

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function replaceDirectory(built: string, target: string, aside: string): Promise<void> {
  await rm(aside, { recursive: true, force: true });
  if (await exists(target)) await rename(target, aside);
  await rename(built, target);
  await rm(aside, { recursive: true, force: true });
}

export async function publishOutputs(layout: OutLayout): Promise<void> {
  const built = {
    warehouse: join(layout.next, "warehouse.duckdb"),
    reports: join(layout.next, "reports"),
    site: join(layout.next, "site"),
  };
  const aside = join(layout.state, "aside");
  await rename(built.warehouse, layout.warehouse);
  if (await exists(built.reports)) {
    await mkdir(join(layout.out, "reports"), { recursive: true });
    for (const month of await readdir(built.reports)) {
      await replaceDirectory(
        join(built.reports, month),
        join(layout.out, "reports", month),
        `${aside}-${month}`,
      );
    }
  }
  if (await exists(built.site)) await replaceDirectory(built.site, join(layout.out, "site"), `${aside}-site`);
}
