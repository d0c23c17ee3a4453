/**
 * Prints what every data loader of the dashboards writes for the warehouse named by HALL_WAREHOUSE,
 * one loader after another in this one process (the fuzz harness reads it instead of building the
 * site). A loader that fails sets the exit status.
 */
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const loaders = fileURLToPath(new URL("../../dashboards/data/", import.meta.url));
const write = process.stdout.write.bind(process.stdout);
const captured: string[] = [];
process.stdout.write = ((chunk: string | Uint8Array) => {
  captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
  return true;
}) as typeof process.stdout.write;
try {
  for (const loader of (await readdir(loaders)).filter((name) => name.endsWith(".json.ts")).sort())
    await import(pathToFileURL(`${loaders}${loader}`).href);
} finally {
  process.stdout.write = write;
}
write(captured.join("\n"));
