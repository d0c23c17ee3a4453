/**
 * Runs the real command line (`tsx pipeline/cli.ts --inbox … --out … --as-of …`) on an inbox
 * built from plain objects, and reads the warehouse it published.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { outLayout } from "../../pipeline/out-layout.ts";
import { runCli } from "./cli.ts";
import { type Hall, type InboxData, writeInbox } from "./hall.ts";
import { queryDuckDb } from "./inbox.ts";

export interface CliRun extends Pick<Hall, "query" | "cleanup"> {
  status: number | null;
  output: string;
}

export async function runHallCli(data: InboxData, asOf: string): Promise<CliRun> {
  const root = await mkdtemp(join(tmpdir(), "hall-cli-"));
  const inbox = join(root, "inbox");
  const out = join(root, "out");
  await writeInbox(inbox, data);
  const result = await runCli(["--inbox", inbox, "--out", out, "--as-of", asOf]);
  return {
    status: result.code,
    output: `${result.stdout}${result.stderr}`,
    query: (sql, params) => queryDuckDb(outLayout(out).warehouse, sql, params),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
