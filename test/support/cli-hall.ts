/**
 * Runs the real command line (`tsx pipeline/cli.ts --inbox … --out … --as-of …`) on an inbox
 * built from plain objects, and reads the warehouse it published.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Db, type Row } from "../../pipeline/db.ts";
import { outLayout } from "../../pipeline/run.ts";
import { type Hall, type InboxData, writeInbox } from "./hall.ts";

export interface CliRun extends Pick<Hall, "query" | "cleanup"> {
  status: number | null;
  output: string;
}

export async function runCli(data: InboxData, asOf: string): Promise<CliRun> {
  const root = await mkdtemp(join(tmpdir(), "hall-cli-"));
  const inbox = join(root, "inbox");
  const out = join(root, "out");
  await writeInbox(inbox, data);
  const result = spawnSync(
    "npx",
    ["tsx", "pipeline/cli.ts", "--inbox", inbox, "--out", out, "--as-of", asOf],
    {
      encoding: "utf8",
      timeout: 180_000,
    },
  );
  return {
    status: result.status,
    output: `${result.stdout ?? ""}${result.stderr ?? ""}`,
    async query<T extends Row = Row>(sql: string, params?: Record<string, string | number | boolean | null>) {
      const db = await Db.open(outLayout(out).warehouse, { readOnly: true });
      try {
        return await db.all<T>(sql, params);
      } finally {
        db.close();
      }
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
