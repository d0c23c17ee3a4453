/**
 * One run at a time per `--out`: a lock file created exclusively, holding the owner's pid. A lock
 * left by a run that was killed (its pid no longer alive on this host) is taken over.
 */

import { open, readFile, rename, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";

export class LockHeld extends Error {
  override name = "LockHeld";
}

interface Owner {
  pid: number;
  host: string;
  startedAt: string;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

async function readOwner(path: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as Owner;
  } catch {
    return undefined;
  }
}

const ownerlessGraceSeconds = 60;

async function ageSeconds(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  return info ? (Date.now() - info.mtimeMs) / 1000 : Number.POSITIVE_INFINITY;
}

export async function acquireLock(path: string): Promise<() => Promise<void>> {
  const owner: Owner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx");
      try {
        await handle.writeFile(JSON.stringify(owner));
      } finally {
        await handle.close();
      }
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = await readOwner(path);
      if (holder && (holder.host !== owner.host || isAlive(holder.pid))) {
        throw new LockHeld(`另一个运行（进程 ${holder.pid}，${holder.startedAt} 开始）正在使用此输出目录`);
      }
      // No owner written yet: another run may be between creating the lock and writing to it.
      // Only an ownerless lock older than a minute is a leftover of a crash.
      if (!holder && (await ageSeconds(path)) < ownerlessGraceSeconds) {
        throw new LockHeld("另一个运行正在启动，正在使用此输出目录");
      }
      // The holder died without releasing it: move the stale lock aside (atomic) and try once more.
      await rename(path, `${path}.stale`).catch(() => undefined);
    }
  }
  throw new LockHeld("无法获得输出目录的运行锁");
}
