/**
 * Loads what is new in the inbox into the raw tables. Files load in lexical order of their paths;
 * a file whose content was loaded before is skipped whatever its name, and one whose path, size and
 * modification time are those it had when it was read is not even read again; each file is one
 * transaction, recorded in `ingest.files` with its outcome, so a run killed halfway resumes with
 * the next file and never leaves half a file behind. While DuckDB loads a file, the next one is
 * hashed and, when GBK, decoded: the two cores work on both.
 */
import { isUtf8 } from "node:buffer";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import type { Db } from "../db.ts";
import { startProgress } from "../progress.ts";
import { decodeGb18030, decodeToUtf8, firstInvalidLine } from "./decode-gb18030.ts";
import { type FileFacts, inspectFile } from "./inspect-file.ts";
import { createIngestTables, nextLoadId } from "./raw-tables.ts";
import {
  deviceLogLayout,
  FileRejected,
  type LoadOutcome,
  loadDelimitedByRow,
  loadDelimitedFast,
  tableLayout,
} from "./read-delimited.ts";
import { loadXlsx } from "./read-xlsx.ts";
import { hallsSource, routedSource, type Source, sourceByFolder } from "./sources.ts";
import { xlsxContainerProblem } from "./xlsx-container.ts";

export interface InboxFile {
  /** Path relative to the inbox, with `/` separators: the evidence that reports cite. */
  path: string;
  absolutePath: string;
  source: Source;
  /**
   * The hall its rows belong to: a hall folder's code, or the configured hall of a one-hall inbox;
   * null for the halls register and for root-level files, whose rows carry their 大厅编码.
   */
  hallCode: string | null;
}

export interface FileResult {
  path: string;
  source: string;
  status: "loaded" | "duplicate" | "rejected" | "unchanged";
  rows: number;
  reason?: string;
}

export interface IngestResult {
  /** The id the first file loaded by this run got, or would have got: rows from it on are new. */
  firstLoadId: number;
  files: FileResult[];
  /** Files and folders of the inbox that belong to no source (reported, not read). */
  strays: string[];
}

/** What the inspection found, and the modification time the file had when it was read. */
type ReadFacts = FileFacts & { modifiedMs: number };

const readableExtensions = new Set([".csv", ".txt", ".xlsx", ".dat"]);

/** A hall folder's name is its code: letters, digits and `-`. */
const HALL_FOLDER = /^[A-Za-z0-9-]+$/;

/** A README file at the inbox root describes the inbox (the sample ships one): not a stray. */
const INBOX_README = /^readme(\.[a-z]+)?$/i;

/**
 * Every file under the source folders, in lexical order of its inbox path. Without a `halls/`
 * folder the inbox is one hall's, `hallCode` (the configured one). With it (rules.md §15): the
 * register, one folder per hall named by its code and laid out like a one-hall inbox, and source
 * folders at the root whose rows name their hall in 大厅编码 (routedSource). Whether a hall folder's
 * code is in the register is decided by the rules, so its files load and wait for the register.
 */
export async function listInbox(
  inbox: string,
  hallCode: string,
): Promise<{ files: InboxFile[]; strays: string[]; manyHalls: boolean }> {
  const files: InboxFile[] = [];
  const strays: string[] = [];
  const entries = (await readdir(inbox, { withFileTypes: true })).filter(
    (entry) => !entry.name.startsWith(".") && !(entry.isFile() && INBOX_README.test(entry.name)),
  );
  const manyHalls = entries.some((entry) => entry.isDirectory() && entry.name === hallsSource.folder);
  const addFolder = async (folder: string, source: Source, code: string | null) => {
    for (const absolutePath of await walk(join(inbox, folder))) {
      const path = relative(inbox, absolutePath).split(sep).join("/");
      files.push({ path, absolutePath, source, hallCode: code });
    }
  };
  for (const entry of entries) {
    const source = entry.isDirectory() ? sourceByFolder.get(entry.name) : undefined;
    if (!manyHalls) {
      if (source) await addFolder(entry.name, source, hallCode);
      else strays.push(entry.name);
    } else if (entry.isDirectory() && entry.name === hallsSource.folder) {
      await addFolder(entry.name, hallsSource, null);
    } else if (source) {
      await addFolder(entry.name, routedSource(source), null);
    } else if (entry.isDirectory() && HALL_FOLDER.test(entry.name)) {
      for (const inner of await readdir(join(inbox, entry.name), { withFileTypes: true })) {
        if (inner.name.startsWith(".")) continue;
        const hallSource = inner.isDirectory() ? sourceByFolder.get(inner.name) : undefined;
        if (hallSource) await addFolder(`${entry.name}/${inner.name}`, hallSource, entry.name);
        else strays.push(`${entry.name}/${inner.name}`);
      }
    } else strays.push(entry.name);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, strays, manyHalls };
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

/** A file's content as loaded for one hall (null: root-level files and the register). */
const contentKey = (sha256: string, hallCode: string | null): string => `${hallCode ?? ""}\0${sha256}`;

/** What `ingest.files` knew when the run began: each read file's path, size and time, and every hash. */
interface KnownFiles {
  readUnchanged(path: string, bytes: number, modifiedMs: number): boolean;
  hashes: Set<string>;
}

async function knownFiles(db: Db): Promise<KnownFiles> {
  const rows = await db.all<{
    path: string;
    sha256: string;
    bytes: bigint | null;
    modified_ms: number | null;
    hall_code: string | null;
  }>("select path, sha256, bytes, modified_ms, hall_code from ingest.files");
  const read = new Set(
    rows.filter((row) => row.bytes !== null).map((row) => `${row.path}\0${row.bytes}\0${row.modified_ms}`),
  );
  return {
    readUnchanged: (path, bytes, modifiedMs) => read.has(`${path}\0${bytes}\0${modifiedMs}`),
    hashes: new Set(rows.map((row) => contentKey(row.sha256, row.hall_code))),
  };
}

/**
 * The part of reading a file that needs no database: skipped when its path, size and time are
 * those it was read with; else inspected and, unless its content is already known (then it is not
 * loaded again), checked: an xlsx must be a whole workbook, and a GBK table is decoded to
 * `scratchPath`. `decoded` is null when not decoded; `rejection` says why the file cannot be read.
 */
type PreparedFile =
  | { unchanged: true }
  | { unchanged: false; facts: ReadFacts; decoded: string | null; rejection: string | null };

async function prepareFile(file: InboxFile, known: KnownFiles, scratchPath: string): Promise<PreparedFile> {
  const { size, mtimeMs } = await stat(file.absolutePath);
  if (known.readUnchanged(file.path, size, mtimeMs)) return { unchanged: true };
  const facts = { ...(await inspectFile(file.absolutePath)), modifiedMs: mtimeMs };
  const prepared = { unchanged: false as const, facts, decoded: null, rejection: null };
  if (known.hashes.has(contentKey(facts.sha256, file.hallCode))) return prepared;
  if (isXlsx(file)) return { ...prepared, rejection: await xlsxContainerProblem(file.absolutePath) };
  if (!isDelimited(file)) return prepared;
  return { ...prepared, ...(await decodeText(file.absolutePath, facts, scratchPath)) };
}

const resaveText = "请把整个文件统一保存为 UTF-8 或 GBK 编码";

/** A workbook given a text file's name: a zip (.xlsx) or an OLE compound file (.xls). */
function workbookKind(head: Buffer): string | null {
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return "这是 Excel 工作簿（.xlsx）或其他压缩文件";
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return "这是旧版 Excel 97-2003 工作簿（.xls）";
  }
  return null;
}

const isGb18030 = (line: Buffer): boolean => {
  try {
    new TextDecoder("gb18030", { fatal: true }).decode(line);
    return true;
  } catch {
    return false;
  }
};

/**
 * A text file is read as UTF-8 when every byte of it is UTF-8, else as GB18030 when every byte of
 * it is that (decoded to `scratchPath`); a file that is neither, or that mixes the two, is rejected
 * whole: any encoding guessed for it would put mojibake into the quarantine and the marts.
 */
async function decodeText(
  path: string,
  facts: FileFacts,
  scratchPath: string,
): Promise<{ decoded: string | null; rejection: string | null }> {
  const rejected = (rejection: string) => ({ decoded: null, rejection });
  const workbook = workbookKind(facts.head);
  if (workbook) return rejected(`${workbook}，只是扩展名为 ${extname(path)}：请在 Excel 中打开后另存为 .csv`);
  if (facts.isUtf16) {
    return rejected(
      "文件是 UTF-16 编码（Excel 的“Unicode 文本”），不能读取：请另存为“CSV UTF-8”或 GBK 编码的 CSV",
    );
  }
  if (facts.encoding === "utf-8") return { decoded: null, rejection: null };
  const notUtf8 = async () => await firstInvalidLine(path, isUtf8);
  if (facts.hasBom) {
    return rejected(
      `编码不一致：文件开头标明是 UTF-8 编码，第 ${await notUtf8()} 行却不是有效的 UTF-8（可能混入了 GBK 编码的行）：${resaveText}`,
    );
  }
  const outcome = await decodeToUtf8(path, scratchPath);
  if (outcome.status === "decoded") return { decoded: scratchPath, rejection: null };
  await rm(scratchPath, { force: true });
  if (outcome.status === "utf-8-line") {
    return rejected(
      `编码不一致：文件中既有 UTF-8 编码的行（如第 ${outcome.line} 行），也有 GBK 编码的行（如第 ${await notUtf8()} 行）：${resaveText}`,
    );
  }
  return rejected(
    `文件编码无法识别：第 ${await notUtf8()} 行不是有效的 UTF-8，第 ${await firstInvalidLine(path, isGb18030)} 行不是有效的 GBK/GB18030（可能混有不同编码的行，或不是文本文件）：${resaveText}`,
  );
}

/**
 * Reads what is new in the inbox into the ingest tables (made or brought up to date first);
 * `hallCode` is the configured hall of a one-hall inbox.
 */
export async function ingestInbox(
  db: Db,
  inbox: string,
  scratchDir: string,
  hallCode: string,
): Promise<IngestResult> {
  await createIngestTables(db);
  const firstLoadId = await nextLoadId(db);
  const { files, strays, manyHalls } = await listInbox(inbox, hallCode);
  // files that a version without halls loaded belong to the one hall
  if (!manyHalls)
    await db.run("update ingest.files set hall_code = $code where hall_code is null", { code: hallCode });
  await mkdir(scratchDir, { recursive: true });
  const known = await knownFiles(db);
  const prepare = (index: number): Promise<PreparedFile> | undefined => {
    const file = files[index];
    if (!file) return undefined;
    const prepared = prepareFile(file, known, join(scratchDir, `${index}.utf8`));
    // awaited in its turn; marked handled now, so a failure of the current file does not also
    // surface as an unhandled rejection of the next one
    prepared.catch(() => {});
    return prepared;
  };
  const results: FileResult[] = [];
  const progress = startProgress("读取收件箱", files.length, "个文件");
  try {
    let next = prepare(0);
    for (const [index, file] of files.entries()) {
      const prepared = await next!;
      next = prepare(index + 1);
      results.push(await ingestFile(db, file, prepared));
      progress.advance();
    }
  } finally {
    progress.stop();
  }
  return { firstLoadId, files: results, strays };
}

async function ingestFile(db: Db, file: InboxFile, prepared: PreparedFile): Promise<FileResult> {
  const base = { path: file.path, source: file.source.folder };
  if (prepared.unchanged) return { ...base, status: "unchanged", rows: 0 };
  const { facts, decoded } = prepared;
  try {
    const known = await db.all<{ path: string }>(
      // two halls may well receive the same file (a shared calendar register): a duplicate is the same hall's
      "select path from ingest.files where sha256 = $sha and hall_code is not distinct from $hall order by load_id",
      { sha: facts.sha256, hall: file.hallCode },
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
    if (prepared.rejection) return await reject(db, file, facts, prepared.rejection);
    try {
      const outcome = await loadRows(db, file, facts, decoded);
      return { ...base, status: "loaded", rows: outcome.rows };
    } catch (error) {
      if (!(error instanceof FileRejected)) throw error;
      return await reject(db, file, facts, error.message);
    }
  } finally {
    if (decoded) await rm(decoded, { force: true });
  }
}

async function reject(db: Db, file: InboxFile, facts: ReadFacts, reason: string): Promise<FileResult> {
  await record(db, file, facts, { status: "rejected", reason, rows: 0, lineOffset: null });
  return { path: file.path, source: file.source.folder, status: "rejected", rows: 0, reason };
}

interface Outcome {
  status: "loaded" | "duplicate" | "rejected";
  reason: string | null;
  rows: number;
  lineOffset: number | null;
}

/** Takes the next id of the load sequence. */
async function allocateLoadId(db: Db): Promise<number> {
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
       bytes, modified_ms, hall_code)
     values ($load_id, $path, $sha, $source, localtimestamp::timestamp(0), $status, $reason, $encoding, $rows,
       $line_offset, $bytes, $modified_ms, $hall_code)`,
    {
      load_id: loadId ?? (await allocateLoadId(db)),
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
      hall_code: file.hallCode,
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

const isXlsx = (file: InboxFile): boolean => extname(file.path).toLowerCase() === ".xlsx";

/** Text files read as delimited tables (xlsx is read by exceljs; other extensions are rejected). */
function isDelimited(file: InboxFile): boolean {
  const extension = extname(file.path).toLowerCase();
  return (
    extension !== ".xlsx" &&
    readableExtensions.has(extension) &&
    (extension !== ".dat" || !!file.source.deviceLogColumns)
  );
}

/**
 * Reads the file's rows into its raw table and records it, all in one transaction. A GBK table is
 * read from its UTF-8 copy, `decoded` (prepareFile decodes every GBK table whose content is new).
 */
async function loadRows(
  db: Db,
  file: InboxFile,
  facts: ReadFacts,
  decoded: string | null,
): Promise<LoadOutcome> {
  const extension = extname(file.path).toLowerCase();
  if (extension !== ".xlsx" && !isDelimited(file)) {
    const hint = extension === ".xls" ? "（请在 Excel 中另存为 .xlsx 或 .csv）" : "";
    throw new FileRejected(`不支持的文件类型 ${extension || "（无扩展名）"}${hint}`);
  }
  const loadId = await allocateLoadId(db);
  const commit = async (outcome: LoadOutcome) => {
    await recordRejects(db, loadId, outcome);
    await record(db, file, facts, { status: "loaded", reason: null, ...outcome }, loadId);
    return outcome;
  };
  if (extension === ".xlsx") {
    return db.transaction(async () => commit(await loadXlsx(db, file.source, loadId, file.absolutePath)));
  }
  const utf8Path = facts.encoding === "utf-8" ? file.absolutePath : decoded;
  if (!utf8Path) throw new Error(`内部错误：${file.path} 为 GBK 编码，读取前未转换为 UTF-8`);
  if (extension === ".dat" && file.hallCode === null)
    throw new FileRejected("考勤机日志（.dat）没有大厅编码列，不能放在收件箱根目录：请放入所属大厅的文件夹");
  const layout =
    extension === ".dat"
      ? deviceLogLayout(file.source, facts.lineBreak)
      : tableLayout(file.source, decodeHead(facts), facts.head.length === facts.bytes, facts.lineBreak);
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
