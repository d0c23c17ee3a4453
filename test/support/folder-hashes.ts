/** What a generated folder holds, byte for byte: its files' paths and SHA-256 hashes. */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

/** Every file under `root`, as paths relative to it, sorted. */
export async function listFiles(root: string, directory = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(root, path)));
    else found.push(relative(root, path));
  }
  return found.sort();
}

/** Each file's hash by its path under `root`, except those `skip` names. */
export async function hashes(
  root: string,
  skip: (path: string) => boolean = () => false,
): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const path of await listFiles(root))
    if (!skip(path))
      found[path] = createHash("sha256")
        .update(await readFile(join(root, path)))
        .digest("hex");
  return found;
}

/** One digest of a whole folder: its paths and their contents. */
export const digest = async (root: string): Promise<string> =>
  createHash("sha256")
    .update(
      Object.entries(await hashes(root))
        .map(([path, hash]) => `${path}\t${hash}\n`)
        .join(""),
    )
    .digest("hex");
