/**
 * Loads what is new in the inbox into the raw tables. Files load in lexical order of their paths;
 * a file whose content was loaded before is skipped whatever its name, and one whose path, size and
 * modification time are those it had when it was read is not even read again; each file is one
 * transaction, recorded in `ingest.files` with its outcome, so a run killed halfway resumes with
 * the next file and never leaves half a file behind.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Db } from "../db.ts";
import { startProgress } from "../progress.ts";
import { decodeGb18030, decodeGb18030Stream } from "./decode-gb18030.ts";
import { type FileFacts, inspectFile } from "./inspect-file.ts";
import {
  deviceLogLayout,
  FileRejected,
  type LoadOutcome,
  loadDelimitedByRow,
  loadDelimitedFast,
  tableLayout,
} from "./read-delimited.ts";
import { loadXlsx } from "./read-xlsx.ts";
import { type Source, sourceByFolder } from "./sources.ts";

export interface InboxFile {
  /** Path relative to the inbox, with `/` separators: the evidence that reports cite. */
  path: string;
  absolutePath: string;
  source: Source;
}

export interface FileResult {
  path: string;
  source: string;
  status: "loaded" | "duplicate" | "rejected" | "unchanged";
  rows: number;
  reason?: string;
}

export interface IngestResult {
  files: FileResult[];
  /** Files and folders of the inbox that belong to no source (reported, not read). */
  strays: string[];
}

/** What the inspection found, and the modification time the file had when it was read. */
type ReadFacts = FileFacts & { modifiedMs: number };

const readableExtensions = new Set([".csv", ".txt", ".xlsx", ".dat"]);

/** Every file under the source folders, in lexical order of its inbox path. */
export async function listInbox(inbox: string): Promise<{ files: InboxFile[]; strays: string[] }> {
  const files: InboxFile[] = [];
  const strays: string[] = [];
  for (const entry of await readdir(inbox, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const source = entry.isDirectory() ? sourceByFolder.get(entry.name) : undefined;
    if (!source) {
      strays.push(entry.name);
      continue;
    }
    for (const absolutePath of await walk(join(inbox, entry.name))) {
      files.push({ path: relative(inbox, absolutePath).split(sep).join("/"), absolutePath, source });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, strays };
}

async function walk(directory: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    // Hidden files and Office lock files (~$名册.xlsx) are not exports.
    if (entry.name.startsWith(".") || entry.name.startsWith("~$")) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

export async function ingestInbox(db: Db, inbox: string, scratchDir: string): Promise<IngestResult> {
  const { files, strays } = await listInbox(inbox);
  await mkdir(scratchDir, { recursive: true });
  const results: FileResult[] = [];
  const progress = startProgress("读取收件箱", files.length, "个文件");
  try {
    for (const file of files) {
      results.push(await ingestFile(db, file, scratchDir));
      progress.advance();
    }
  } finally {
    progress.stop();
  }
  return { files: results, strays };
}

async function ingestFile(db: Db, file: InboxFile, scratchDir: string): Promise<FileResult> {
  const base = { path: file.path, source: file.source.folder };
  const { size, mtimeMs } = await stat(file.absolutePath);
  const seen = await db.one(
    "select 1 from ingest.files where path = $path and bytes = $bytes and modified_ms = $modified limit 1",
    { path: file.path, bytes: size, modified: mtimeMs },
  );
  if (seen) return { ...base, status: "unchanged", rows: 0 };
  const facts = { ...(await inspectFile(file.absolutePath)), modifiedMs: mtimeMs };
  const known = await db.all<{ path: string }>(
    "select path from ingest.files where sha256 = $sha order by load_id",
    {
      sha: facts.sha256,
    },
  );
  if (known.some((row) => row.path === file.path)) {
    // touched but not changed: remember its new time, so the next run does not read it again
    await db.run(
      "update ingest.files set bytes = $bytes, modified_ms = $modified where path = $path and sha256 = $sha",
      {
        bytes: facts.bytes,
        modified: facts.modifiedMs,
        path: file.path,
        sha: facts.sha256,
      },
    );
    return { ...base, status: "unchanged", rows: 0 };
  }
  if (known.length > 0) {
    const reason = `内容与已加载的 ${known[0]!.path} 相同，跳过`;
    await record(db, file, facts, { status: "duplicate", reason, rows: 0, lineOffset: null });
    return { ...base, status: "duplicate", rows: 0, reason };
  }
  try {
    const outcome = await loadRows(db, file, facts, scratchDir);
    return { ...base, status: "loaded", rows: outcome.rows };
  } catch (error) {
    if (!(error instanceof FileRejected)) throw error;
    await record(db, file, facts, { status: "rejected", reason: error.message, rows: 0, lineOffset: null });
    return { ...base, status: "rejected", rows: 0, reason: error.message };
  }
}

interface Outcome {
  status: "loaded" | "duplicate" | "rejected";
  reason: string | null;
  rows: number;
  lineOffset: number | null;
}

async function nextLoadId(db: Db): Promise<number> {
  return Number((await db.one<{ id: bigint }>("select nextval('ingest.load_ids') as id"))!.id);
}

async function record(
  db: Db,
  file: InboxFile,
  facts: ReadFacts,
  outcome: Outcome,
  loadId?: number,
): Promise<void> {
  await db.run(
    `insert into ingest.files (load_id, path, sha256, source, loaded_at, status, reason, encoding, rows, line_offset,
       bytes, modified_ms)
     values ($load_id, $path, $sha, $source, localtimestamp::timestamp(0), $status, $reason, $encoding, $rows,
       $line_offset, $bytes, $modified_ms)`,
    {
      load_id: loadId ?? (await nextLoadId(db)),
      path: file.path,
      sha: facts.sha256,
      source: file.source.folder,
      status: outcome.status,
      reason: outcome.reason,
      encoding: extname(file.path).toLowerCase() === ".xlsx" ? "xlsx" : facts.encoding,
      rows: outcome.rows,
      line_offset: outcome.lineOffset,
      bytes: facts.bytes,
      modified_ms: facts.modifiedMs,
    },
  );
}

async function recordRejects(db: Db, loadId: number, outcome: LoadOutcome): Promise<void> {
  for (const reject of outcome.rejects) {
    await db.run("insert into ingest.row_rejects values ($load_id, $line, $reason, $raw)", {
      load_id: loadId,
      line: reject.line,
      reason: reject.reason,
      raw: reject.raw,
    });
  }
}

/** Reads the file's rows into its raw table and records it, all in one transaction. */
async function loadRows(db: Db, file: InboxFile, facts: ReadFacts, scratchDir: string): Promise<LoadOutcome> {
  const extension = extname(file.path).toLowerCase();
  if (!readableExtensions.has(extension) || (extension === ".dat" && !file.source.deviceLogColumns)) {
    const hint = extension === ".xls" ? "（请在 Excel 中另存为 .xlsx 或 .csv）" : "";
    throw new FileRejected(`不支持的文件类型 ${extension || "（无扩展名）"}${hint}`);
  }
  const loadId = await nextLoadId(db);
  const commit = async (outcome: LoadOutcome) => {
    await recordRejects(db, loadId, outcome);
    await record(db, file, facts, { status: "loaded", reason: null, ...outcome }, loadId);
    return outcome;
  };
  if (extension === ".xlsx") {
    return db.transaction(async () => commit(await loadXlsx(db, file.source, loadId, file.absolutePath)));
  }
  const utf8Path = facts.encoding === "utf-8" ? file.absolutePath : join(scratchDir, `${loadId}.utf8`);
  try {
    if (utf8Path !== file.absolutePath) {
      await pipeline(createReadStream(file.absolutePath), decodeGb18030Stream(), createWriteStream(utf8Path));
    }
    const layout =
      extension === ".dat"
        ? deviceLogLayout(file.source)
        : tableLayout(file.source, decodeHead(facts), facts.head.length === facts.bytes);
    const fast = await tryTransaction(db, async () => {
      const outcome = await loadDelimitedFast(db, file.source, loadId, utf8Path, facts, layout);
      return outcome && commit(outcome);
    });
    return (
      fast ??
      (await db.transaction(async () =>
        commit(await loadDelimitedByRow(db, file.source, loadId, utf8Path, layout)),
      ))
    );
  } finally {
    if (utf8Path !== file.absolutePath) await rm(utf8Path, { force: true });
  }
}

/** Like `Db.transaction`, but a null result rolls back too (the fast reader declined the file). */
async function tryTransaction<T>(db: Db, work: () => Promise<T | null>): Promise<T | null> {
  await db.run("begin transaction");
  let result: T | null = null;
  try {
    result = await work();
  } finally {
    await db.run(result === null ? "rollback" : "commit");
  }
  return result;
}

function decodeHead(facts: FileFacts): string {
  return facts.encoding === "utf-8" ? facts.head.toString("utf8") : decodeGb18030(facts.head);
}
