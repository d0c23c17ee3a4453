/**
 * The analysts' warehouse: the public marts and ops tables with their Chinese comments, built as a
 * new file beside the state, checkpointed and detached, so that moving it into place is a single
 * atomic rename (an analyst holding the old file open keeps reading the old one).
 *
 * A night's run starts from a copy of the last publication when it can (issue 15: the cost of a
 * night should not grow with the months behind it): the frozen months' rows are kept as they are,
 * the open months' rows and the ops tables replaced. Otherwise, and whenever the copy does not
 * match, the warehouse is built whole.
 */
import { createHash } from "node:crypto";
import { chmod, copyFile, realpath, rm } from "node:fs/promises";
import { type Db, quoteIdentifier, quoteLiteral } from "../db.ts";
import type { OutLayout } from "../out-layout.ts";
import type { Model } from "../transform/models.ts";

/** The schemas an analyst sees. Everything else stays in the private state. */
export const publishedSchemas = ["marts", "ops"] as const;

const hallColumns = { hall_code: "大厅编码", hall_name: "大厅名称" };

export const isPublished = (model: Model): boolean =>
  (publishedSchemas as readonly string[]).includes(model.schema);

/**
 * Rows of a published table: the frozen months kept in `history` and the months this run
 * computed (rules.md §14: a final month is frozen).
 */
export async function publishedSelect(db: Db, model: Model): Promise<string> {
  if (!(await hasFrozenCopy(db, model))) return `select * from ${model.relation}`;
  // the model first: a by-name union takes its column order from the first query
  return `select * from ${model.relation}
          union all by name
          select * from history.${quoteIdentifier(model.name)}
          where month not in (select month from intermediate.int_months where is_open)`;
}

/** A published mart whose final months are kept in `history` (rules.md §14). */
async function hasFrozenCopy(db: Db, model: Model): Promise<boolean> {
  if (model.schema !== "marts") return false;
  const table = await db.one(
    "select 1 from duckdb_tables() where schema_name = 'history' and table_name = $name",
    { name: model.name },
  );
  return table !== undefined;
}

/** What the published tables are made of: each published model's SQL and header (columns, comments). */
function warehouseFingerprint(models: readonly Model[]): string {
  const published = models.filter(isPublished).map((model) => [model.relation, model.sql, model.header]);
  return createHash("sha256")
    .update(JSON.stringify([publishedSchemas, hallColumns, published]))
    .digest("hex");
}

const recordTable = "ingest.published_warehouse";

/**
 * The published warehouse this run may start from: the one the last run recorded publishing, still
 * the current version (a rollback makes another one current), built from the same models.
 */
export async function reusableWarehouse(
  db: Db,
  layout: OutLayout,
  models: readonly Model[],
): Promise<string | undefined> {
  await db.run(
    `create table if not exists ${recordTable} (path varchar not null, fingerprint varchar not null)`,
  );
  const recorded = await db.one<{ path: string; fingerprint: string }>(
    `select path, fingerprint from ${recordTable}`,
  );
  if (!recorded || recorded.fingerprint !== warehouseFingerprint(models)) return undefined;
  const current = await realpath(layout.warehouse).catch(() => undefined);
  return current === recorded.path ? current : undefined;
}

/** Records the warehouse just published, for the next run to start from (once it is in place). */
export async function recordPublishedWarehouse(
  db: Db,
  layout: OutLayout,
  models: readonly Model[],
): Promise<void> {
  const path = await realpath(layout.warehouse);
  await db.transaction(async () => {
    await db.run(`delete from ${recordTable}`);
    await db.run(`insert into ${recordTable} values ($path, $fingerprint)`, {
      path,
      fingerprint: warehouseFingerprint(models),
    });
  });
}

/**
 * Builds the warehouse at `path`: from a copy of `previous` (reusableWarehouse) when every table
 * there has the columns this run publishes, else whole.
 */
export async function buildWarehouse(
  db: Db,
  models: readonly Model[],
  path: string,
  previous?: string,
): Promise<"assembled" | "built"> {
  if (previous && (await assembleWarehouse(db, models, path, previous))) return "assembled";
  await buildWholeWarehouse(db, models, path);
  return "built";
}

/** A database file and its write-ahead log, if there. */
async function removeDatabase(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
}

/** Column names and types of a query, in order, as one comparable text. */
async function columnsOf(db: Db, query: string): Promise<string> {
  const columns = await db.all<{ column_name: string; column_type: string }>(`describe ${query}`);
  return JSON.stringify(columns.map((column) => [column.column_name, column.column_type]));
}

/**
 * The previous publication's file, copied, with every row of a month that is not frozen now and
 * every ops row replaced by this run's. A frozen month's rows there are its rows in `history`: a
 * month freezes after the publication that computed it, a reopened month is open (recomputed) and
 * freezes again as it was published. False, and nothing left at `path`, when the copy's tables do
 * not have the columns this run publishes (a change of the code without a change of the models).
 */
async function assembleWarehouse(
  db: Db,
  models: readonly Model[],
  path: string,
  previous: string,
): Promise<boolean> {
  await removeDatabase(path);
  await copyFile(previous, path);
  await chmod(path, 0o644); // published versions are read-only
  await db.run(`attach ${quoteLiteral(path)} as warehouse`);
  let assembled = false;
  try {
    await db.transaction(async () => {
      const published = models.filter(isPublished);
      for (const model of published) {
        const wanted = await columnsOf(db, `(${await publishedSelect(db, model)})`);
        if (wanted !== (await columnsOf(db, `warehouse.${model.relation}`))) return;
      }
      for (const model of published) {
        const target = `warehouse.${model.relation}`;
        await db.run(
          (await hasFrozenCopy(db, model))
            ? `delete from ${target}
               where month is null
                 or month not in (select month from history.frozen_months)
                 or month in (select month from intermediate.int_months where is_open)`
            : `delete from ${target}`,
        );
        await db.run(`insert into ${target} by name select * from ${model.relation}`);
      }
      assembled = true;
    });
    if (assembled) await db.run("checkpoint warehouse");
  } finally {
    await db.run("detach warehouse");
  }
  if (!assembled) {
    await removeDatabase(path);
  }
  return assembled;
}

async function buildWholeWarehouse(db: Db, models: readonly Model[], path: string): Promise<void> {
  await removeDatabase(path);
  await db.run(`attach ${quoteLiteral(path)} as warehouse`);
  try {
    // one transaction: a commit per statement (there are some 300 comments) cost a third of the step
    await db.transaction(async () => {
      for (const schema of publishedSchemas) await db.run(`create schema warehouse.${schema}`);
      for (const model of models.filter(isPublished)) {
        const target = `warehouse.${model.relation}`;
        await db.run(`create table ${target} as ${await publishedSelect(db, model)}`);
        const { comment } = model.header;
        // every public table starts with its hall (rules.md §15), whether its model or the hall runs add it
        const columns = { ...hallColumns, ...model.header.columns };
        // a table's comments in one call, not a round trip for each of some 300
        const comments = [
          ...(comment ? [`comment on table ${target} is ${quoteLiteral(comment)}`] : []),
          ...Object.entries(columns ?? {}).map(
            ([column, text]) =>
              `comment on column ${target}.${quoteIdentifier(column)} is ${quoteLiteral(text)}`,
          ),
        ];
        if (comments.length > 0) await db.run(comments.join(";\n"));
      }
    });
    await db.run("checkpoint warehouse");
  } finally {
    await db.run("detach warehouse");
  }
}
