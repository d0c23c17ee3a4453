/**
 * One holder at a time: one run per `--out`, one site build per checkout. The lock file appears
 * whole, owner inside: the owner is written to a private file first and linked into place, and
 * link() fails when the name exists. A lock whose owner died (its process is gone from this host,
 * or the pid now belongs to a process that started later) is taken over only under a marker
 * `<lock>.break-<its token>`, which one process alone can create for that particular lock: the
 * marker's holder checks that the lock is still the one it judged dead before removing it. So two
 * starters never both remove a stale lock, and a lock taken a moment ago is never removed as the
 * dead one. A marker whose own holder died is taken over the same way (`….break-<token>.break-…`).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { link, open, readdir, rm, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

export class LockHeld extends Error {
  override name = "LockHeld";
}

interface Owner {
  pid: number;
  host: string;
  startedAt: string;
  /** Unique to this holding: names the marker under which a stale lock is taken over. */
  token: string;
  /** The kernel's boot id and the process's start (clock ticks since boot), where /proc has them. */
  boot?: string;
  start?: string;
}

const readProc = (path: string): string | undefined => {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
};

const bootId = readProc("/proc/sys/kernel/random/boot_id");

/** Field 22 of /proc/<pid>/stat; the command name before it may hold spaces and parentheses. */
function processStart(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

/** Whether a process with this pid exists (EPERM: it exists, owned by another user). */
export function processExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock held from another host cannot be judged from here, so it counts as alive. */
function ownerAlive(owner: Owner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.boot && bootId && owner.boot !== bootId) return false;
  if (!processExists(owner.pid)) return false;
  const start = owner.start && processStart(owner.pid);
  return !start || start === owner.start;
}

/** A unique token that starts with the pid, so leftovers named by it can be judged by their pid. */
export const newToken = (): string => `${process.pid}-${randomBytes(6).toString("hex")}`;

/** The pid at the start of a name made by `newToken`, or NaN. */
export const tokenPid = (name: string): number => Number.parseInt(name, 10);

interface Held {
  owner?: Owner;
  /** The token inside; for a lock without one (written by an older version), its inode and mtime. */
  identity: string;
  ageSeconds: number;
}

async function readLock(path: string): Promise<Held | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    // content and inode from one open file, so both describe the same lock
    const [info, text] = await Promise.all([handle.stat(), handle.readFile("utf8")]);
    let owner: Owner | undefined;
    try {
      owner = JSON.parse(text) as Owner;
    } catch {
      owner = undefined;
    }
    const ageSeconds = (Date.now() - info.mtimeMs) / 1000;
    return { owner, identity: owner?.token ?? `ino${info.ino}-${Math.round(info.mtimeMs)}`, ageSeconds };
  } finally {
    await handle.close();
  }
}

/** Creates the lock with its owner inside in one step; false when it exists. */
async function create(path: string, owner: Owner): Promise<boolean> {
  const draft = `${path}.${owner.token}.tmp`;
  await writeFile(draft, JSON.stringify(owner), { flag: "wx" });
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

/**
 * Leftovers of holders that died: drafts `<name>.<token>.tmp` whose pid is gone, markers, and an
 * older version's `.stale`. Once this lock is held, every marker guards a lock that is gone (see
 * breakStale), so removing one harms no breaker.
 */
async function clearLeftovers(path: string): Promise<void> {
  const name = basename(path);
  for (const entry of await readdir(dirname(path))) {
    if (!entry.startsWith(`${name}.`)) continue;
    const rest = entry.slice(name.length + 1);
    const leftover = rest.endsWith(".tmp")
      ? !processExists(tokenPid(rest.split(".").at(-2) ?? ""))
      : rest.startsWith("break-") || rest === "stale";
    if (leftover) await rm(join(dirname(path), entry), { force: true });
  }
}

/** Ownerless lock: an older version was between creating it and writing its owner. */
const ownerlessGraceSeconds = 60;

/**
 * Takes the lock at `path` or throws LockHeld naming its live holder; resolves to its release.
 * The release removes the lock only while it is still this holder's.
 */
export async function acquireLock(path: string): Promise<() => Promise<void>> {
  const owner: Owner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: newToken(),
    boot: bootId,
    start: processStart(process.pid),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await create(path, owner)) {
      await clearLeftovers(path);
      return async () => {
        if ((await readLock(path))?.identity === owner.token) await rm(path, { force: true });
      };
    }
    const held = await readLock(path);
    if (!held) continue; // released in between: try again
    if (held.owner && ownerAlive(held.owner)) {
      throw new LockHeld(
        `另一个运行（进程 ${held.owner.pid}，${held.owner.startedAt} 开始）正在使用此输出目录`,
      );
    }
    if (!held.owner && held.ageSeconds < ownerlessGraceSeconds) {
      throw new LockHeld("另一个运行正在启动，正在使用此输出目录");
    }
    await breakStale(path, held.identity);
  }
  throw new LockHeld("无法获得输出目录的运行锁");
}

/**
 * Removes the stale lock `identity` if it is still at `path`. While this process holds the marker
 * for `identity`, nothing else can remove that lock (its owner is dead; other breakers wait on the
 * marker), and nothing can replace it (a lock is only created where none is), so the check and
 * the removal see the same file.
 */
async function breakStale(path: string, identity: string): Promise<void> {
  const release = await acquireLock(`${path}.break-${identity}`);
  try {
    if ((await readLock(path))?.identity === identity) await unlink(path);
  } finally {
    await release();
  }
}
