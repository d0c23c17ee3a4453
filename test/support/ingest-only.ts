/**
 * Ingest alone, the cheap case: the exact bytes of some inbox files are written to a temporary
 * inbox and read into an in-memory DuckDB by `ingestInbox`, with no staging, rules, site or
 * workbook. A test reads back what each file became (loaded, rejected and why), the raw rows with
 * their line numbers, and the rows ingest rejected.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Db } from "../../pipeline/db.ts";
import { type FileResult, ingestInbox } from "../../pipeline/ingest/ingest.ts";
import { createIngestTables, rawTableName } from "../../pipeline/ingest/raw-tables.ts";
import { sourceByFolder } from "../../pipeline/ingest/sources.ts";

export interface RawRow {
  line: number;
  /** Canonical column name → the cell's text (null when empty). */
  cells: Record<string, string | null>;
}

export type RowReject = {
  path: string;
  line: number;
  reason: string;
  raw: string | null;
};

export interface Ingested {
  files: FileResult[];
  /** The encoding each file was read in (utf-8, gb18030 or xlsx). */
  encodings: Map<string, string>;
  /** The rows of one file as the raw table holds them, in line order. */
  rows: Map<string, RawRow[]>;
  rejects: RowReject[];
}

/** Ingests `files` (inbox path → bytes) and returns what became of each. */
export async function ingestOnly(files: Record<string, Buffer | string>): Promise<Ingested> {
  const root = await mkdtemp(join(tmpdir(), "ingest-only-"));
  const inbox = join(root, "inbox");
  try {
    for (const [path, bytes] of Object.entries(files)) {
      await mkdir(dirname(join(inbox, path)), { recursive: true });
      await writeFile(join(inbox, path), bytes);
    }
    const db = await Db.open(":memory:");
    try {
      await createIngestTables(db);
      const result = await ingestInbox(db, inbox, join(root, "scratch"), "main");
      const rows = new Map<string, RawRow[]>();
      for (const file of result.files.filter((file) => file.status === "loaded")) {
        const source = sourceByFolder.get(file.source)!;
        const names = source.columns.map((column) => column.name);
        const found = await db.all<Record<string, string | null> & { line: number }>(
          `select coalesce(raw_row.line, raw_row.rowid + files.line_offset)::integer as line, raw_row.*
           from ${rawTableName(source)} as raw_row
           inner join ingest.files as files on files.load_id = raw_row.load_id
           where files.path = $path order by line`,
          { path: file.path },
        );
        rows.set(
          file.path,
          found.map((row) => ({
            line: row.line,
            cells: Object.fromEntries(names.map((name) => [name, row[name] ?? null])),
          })),
        );
      }
      const rejects = await db.all<RowReject>(
        `select files.path, row_rejects.line, row_rejects.reason, row_rejects.raw
         from ingest.row_rejects inner join ingest.files using (load_id) order by files.path, row_rejects.line`,
      );
      const encodings = await db.all<{ path: string; encoding: string }>(
        "select path, encoding from ingest.files order by load_id",
      );
      return {
        files: result.files,
        encodings: new Map(encodings.map((file) => [file.path, file.encoding])),
        rows,
        rejects,
      };
    } finally {
      db.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
