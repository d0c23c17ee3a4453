/**
 * The analysts' warehouse: the public marts and ops tables with their Chinese comments, built as a
 * new file beside the state, checkpointed and detached, so that moving it into place is a single
 * atomic rename (an analyst holding the old file open keeps reading the old one).
 */
import { rm } from "node:fs/promises";
import { type Db, quoteIdentifier, quoteLiteral } from "../db.ts";
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
  const frozen = await db.one(
    "select 1 from duckdb_tables() where schema_name = 'history' and table_name = $name",
    {
      name: model.name,
    },
  );
  if (!frozen || model.schema !== "marts") return `select * from ${model.relation}`;
  // the model first: a by-name union takes its column order from the first query
  return `select * from ${model.relation}
          union all by name
          select * from history.${quoteIdentifier(model.name)}
          where month not in (select month from intermediate.int_months where is_open)`;
}

export async function buildWarehouse(db: Db, models: readonly Model[], path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
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
