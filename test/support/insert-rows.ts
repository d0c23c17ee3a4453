/**
 * Inserts hand-made rows into a table by column name, through a JSON file so that nulls, lists and
 * dates need no parameter types; columns a row leaves out stay null.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, quoteLiteral } from "../../pipeline/db.ts";

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
