/**
 * The floor: how long DuckDB alone takes to read every raw file of the inbox into a table, with
 * nothing else (no hashing, no validation, no rules). GBK files are decoded to UTF-8 first, timed
 * apart, because DuckDB cannot read GBK without its encodings extension. xlsx files are left
 * out: DuckDB's excel extension is unavailable here (the scale presets write none).
 */

import { mkdir, readdir, rm } from "node:fs/promises";
import { extname, join } from "node:path";
import { Db } from "../db.ts";
import { decodeToUtf8 } from "../ingest/decode-gb18030.ts";
import { inspectFile } from "../ingest/inspect-file.ts";

export interface FloorResult {
  /** Seconds spent decoding GBK files to UTF-8 (outside the floor). */
  decodeSeconds: number;
  /** Seconds DuckDB took to read every text file into its own table. */
  readSeconds: number;
  files: number;
  rows: number;
  skippedXlsx: number;
}

export async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (directory: string) => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  await walk(root);
  return found.sort();
}

export async function measureFloor(inbox: string, scratch: string): Promise<FloorResult> {
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const files = (await listFiles(inbox)).filter((path) =>
    [".csv", ".txt", ".dat", ".xlsx"].includes(extname(path)),
  );
  const readable: { path: string; deviceLog: boolean }[] = [];
  let skippedXlsx = 0;
  const decodeStarted = performance.now();
  for (const [index, path] of files.entries()) {
    if (extname(path) === ".xlsx") {
      skippedXlsx++;
      continue;
    }
    const facts = await inspectFile(path);
    let utf8Path = path;
    if (facts.encoding === "gb18030") {
      utf8Path = join(scratch, `${index}.csv`);
      await decodeToUtf8(path, utf8Path);
    }
    readable.push({ path: utf8Path, deviceLog: extname(path) === ".dat" });
  }
  const decodeSeconds = (performance.now() - decodeStarted) / 1000;

  const db = await Db.open(":memory:");
  let rows = 0;
  let readSeconds = 0;
  const readStarted = performance.now();
  try {
    for (const [index, file] of readable.entries()) {
      const options = file.deviceLog ? "header = false, delim = '\t', quote = ''" : "header = true";
      await db.connection.run(
        `create table raw_${index} as select * from read_csv($path, ${options}, all_varchar = true)`,
        { path: file.path },
      );
    }
    readSeconds = (performance.now() - readStarted) / 1000;
    for (const index of readable.keys())
      rows += Number((await db.one<{ n: bigint }>(`select count(*) as n from raw_${index}`))?.n ?? 0);
  } finally {
    db.close();
  }
  await rm(scratch, { recursive: true, force: true });
  return { decodeSeconds, readSeconds, files: readable.length, rows, skippedXlsx };
}
