/**
 * Runs the real command (`pipeline/cli.ts` under tsx) as a child process, as an operator or the
 * nightly scheduler would, so a test can read its exit status and output or kill it mid-run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** `preload`: a module imported before the command, relative to the repository (a test's fault injection). */
export function spawnCli(args: readonly string[], preload?: string): ChildProcess {
  const imports = ["--import", "tsx", ...(preload ? ["--import", `./${preload}`] : [])];
  return spawn(process.execPath, [...imports, "pipeline/cli.ts", ...args], {
    cwd: repoRoot,
    env: { ...process.env, TZ: "Asia/Shanghai", DEBUG: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Waits for a spawned command to end and collects what it printed. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export const runCli = (args: readonly string[], preload?: string): Promise<CliResult> =>
  finished(spawnCli(args, preload));

/** Polls until `path` exists (a run reached a known point), or fails after `timeoutMs`. */
export async function waitForPath(path: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await stat(path).then(
        () => true,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
