/**
 * What a run or a rollback holds while it works on an `--out`: the lock, and its own folder under
 * `<out>/.state/builds/`, named by a token that starts with its pid. The folder is made only once
 * the lock is held, so a process the lock refuses makes none and touches nothing; on release a
 * process removes its own folder only. Folders of processes that are gone (killed runs) are
 * removed when the next one claims the `--out`. An `--out` in the layout before versions is
 * brought to the versioned one here, once.
 */
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { acquireLock, newToken, processExists, tokenPid } from "../lock.ts";
import { type BuildLayout, buildLayout, type OutLayout } from "../out-layout.ts";
import { adoptUnversioned } from "./versions.ts";

export interface OutClaim {
  build: BuildLayout;
  /** Removes this process's folder and releases the lock. */
  release(): Promise<void>;
}

export async function claimOut(layout: OutLayout): Promise<OutClaim> {
  await mkdir(layout.state, { recursive: true });
  const releaseLock = await acquireLock(layout.lock);
  const build = buildLayout(layout, newToken());
  const release = async () => {
    try {
      await rm(build.root, { recursive: true, force: true });
    } finally {
      await releaseLock();
    }
  };
  try {
    for (const name of await readdir(layout.builds).catch(() => [] as string[])) {
      if (!processExists(tokenPid(name)))
        await rm(join(layout.builds, name), { recursive: true, force: true });
    }
    await mkdir(build.version, { recursive: true });
    await adoptUnversioned(layout, build);
    return { build, release };
  } catch (error) {
    await release();
    throw error;
  }
}
