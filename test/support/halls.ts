/**
 * Many-hall inboxes for tests (rules.md §15): a `halls/` register, one folder per hall laid out like a
 * one-hall inbox, and root-level files that span halls; and one hall's published marts as text, to
 * compare a hall run alone with the same hall run beside others.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Db } from "../../pipeline/db.ts";
import { outLayout } from "../../pipeline/out-layout.ts";
import { runPipeline } from "../../pipeline/run.ts";
import type { RunSummary } from "../../pipeline/summary.ts";
import { type InboxFile, writeInboxFiles } from "../fuzz/inbox-model.ts";
import { queryDuckDb } from "./inbox.ts";

export interface RegisteredHall {
  code: string;
  name: string;
  /** The hall's own files (paths as in a one-hall inbox: `roster/…`); none when only registered. */
  files?: readonly InboxFile[];
}

/** Writes the register and each hall's folder; `root` holds root-level files by their inbox path. */
export async function writeManyHalls(
  inbox: string,
  halls: readonly RegisteredHall[],
  root: Readonly<Record<string, string>> = {},
): Promise<void> {
  await mkdir(join(inbox, "halls"), { recursive: true });
  await writeFile(
    join(inbox, "halls", "大厅名册.csv"),
    `${["大厅编码,大厅名称,上级大厅编码,地区,启用日期,停用日期", ...halls.map((hall) => `${hall.code},${hall.name},,,,`)].join("\n")}\n`,
  );
  for (const hall of halls) await writeInboxFiles(join(inbox, hall.code), hall.files ?? []);
  for (const [path, text] of Object.entries(root)) {
    await mkdir(join(inbox, path, ".."), { recursive: true });
    await writeFile(join(inbox, path), text);
  }
}

export interface Run {
  root: string;
  inbox: string;
  out: string;
  summary: RunSummary;
  query<T extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: Record<string, string | number | boolean | null>,
  ): Promise<T[]>;
  cleanup(): Promise<void>;
}

/** Runs the pipeline on an inbox that `write` fills, with an optional configuration. */
export async function runInbox(
  write: (inbox: string) => Promise<void>,
  options: { asOf: string; config?: Record<string, unknown> },
): Promise<Run> {
  const root = await mkdtemp(join(tmpdir(), "halls-"));
  const inbox = join(root, "inbox");
  const out = join(root, "out");
  await mkdir(inbox, { recursive: true });
  await write(inbox);
  let configFile: string | undefined;
  if (options.config) {
    configFile = join(root, "config.json");
    await writeFile(configFile, JSON.stringify(options.config));
  }
  const summary = await runPipeline({ inbox, out, asOf: options.asOf, configFile, log: () => {} });
  return {
    root,
    inbox,
    out,
    summary,
    query: (sql, params) => queryDuckDb(outLayout(out).warehouse, sql, params),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** One hall's rows of every mart, without its hall columns, each row as JSON text, sorted. */
export async function hallMarts(out: string, hallCode: string): Promise<Record<string, string[]>> {
  const db = await Db.open(outLayout(out).warehouse, { readOnly: true });
  try {
    const columns = await db.all<{ table_name: string; column_name: string }>(
      `select table_name, column_name from duckdb_columns()
       where database_name = current_database() and schema_name = 'marts'
         and column_name not in ('hall_code', 'hall_name')
       order by table_name, column_index`,
    );
    const tables = new Map<string, string[]>();
    for (const column of columns)
      tables.set(column.table_name, [...(tables.get(column.table_name) ?? []), column.column_name]);
    const content: Record<string, string[]> = {};
    for (const [table, names] of tables) {
      const rows = await db.all(
        `select ${names.map((name) => `"${name}"`).join(", ")} from marts."${table}" where hall_code = $code`,
        { code: hallCode },
      );
      content[table] = rows
        .map((row) =>
          JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? value.toString() : value)),
        )
        .sort();
    }
    return content;
  } finally {
    db.close();
  }
}
