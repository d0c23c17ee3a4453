/**
 * One of many processes racing for locks: for each round it waits for `go-<round>` in `dir`, tries
 * `lock-<round>`, and writes `won-<round>-<n>` (then holds the lock until `end-<round>` appears),
 * `lost-<round>-<n>` or `error-<round>-<n>`. Run with
 * `node --import tsx test/support/lock-starter.ts DIR ROUNDS N`.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { acquireLock, LockHeld } from "../../pipeline/lock.ts";

const [dir, rounds, n] = process.argv.slice(2) as [string, string, string];

const waitFor = async (name: string) => {
  while (!existsSync(join(dir, name))) await sleep(1);
};

writeFileSync(join(dir, `ready-${n}`), "");
for (let round = 0; round < Number(rounds); round++) {
  await waitFor(`go-${round}`);
  try {
    const release = await acquireLock(join(dir, `lock-${round}`));
    writeFileSync(join(dir, `won-${round}-${n}`), "");
    await waitFor(`end-${round}`);
    await release();
  } catch (error) {
    const outcome = error instanceof LockHeld ? "lost" : "error";
    writeFileSync(join(dir, `${outcome}-${round}-${n}`), String((error as Error).stack));
  }
}
