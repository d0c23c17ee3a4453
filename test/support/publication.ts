/**
 * What a run has published into `--out` (everything but the private `.state`), as path → sha256
 * of the bytes, to prove that a failed or killed run left the previous publication exactly as it was.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

export async function publicationSnapshot(out: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  const walk = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (directory === out && entry.name === ".state") continue;
      if (entry.isDirectory()) await walk(path);
      else
        snapshot[relative(out, path)] = createHash("sha256")
          .update(await readFile(path))
          .digest("hex");
    }
  };
  await walk(out);
  return snapshot;
}
