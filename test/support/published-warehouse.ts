/**
 * A synthetic published warehouse for tests of what reads the marts: every `marts.*` table created
 * from its pinned schema in sql/marts (the file's select, run into a table), `ops.loads` and
 * `ops.quarantine` with the columns of sql/ops, and hand-made rows inserted by name.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Db, quoteIdentifier, quoteLiteral } from "../../pipeline/db.ts";

const martsDirectory = fileURLToPath(new URL("../../sql/marts", import.meta.url));

/** Columns of sql/ops/loads.sql and sql/ops/quarantine.sql (they select from the private ingest tables). */
const opsTables = `
  create table ops.loads (path varchar, sha256 varchar, source varchar, loaded_at timestamp, status varchar,
    reason varchar, encoding varchar, rows integer, quarantined integer);
  create table ops.quarantine (path varchar, line integer, source varchar, reason_kind varchar, reason varchar,
    raw varchar, month varchar, load_id integer);
`;

/** Creates the schemas in `catalog` (attached, writable). */
export async function createPublishedSchemas(db: Db, catalog: string): Promise<void> {
  await db.run(`use ${quoteIdentifier(catalog)}`);
  try {
    await db.run("create schema marts; create schema ops;");
    for (const file of (await readdir(martsDirectory)).filter((name) => name.endsWith(".sql")).sort()) {
      const body = await readFile(join(martsDirectory, file), "utf8");
      await db.run(`create table marts.${quoteIdentifier(basename(file, ".sql"))} as ${body}`);
    }
    await db.run(opsTables);
  } finally {
    await db.run("use memory");
  }
}

/**
 * Inserts rows (objects keyed by column name; missing columns stay null) into `catalog.schema.table`,
 * through a JSON file so that nulls, lists and dates need no parameter types.
 */
export async function insertRows(db: Db, relation: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const directory = await mkdtemp(join(tmpdir(), "rows-"));
  try {
    const file = join(directory, "rows.json");
    await writeFile(file, rows.map((row) => JSON.stringify(row)).join("\n"));
    await db.run(
      `insert into ${relation} by name select * from read_json(${quoteLiteral(file)}, format = 'newline_delimited')`,
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
