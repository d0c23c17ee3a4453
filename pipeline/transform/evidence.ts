/**
 * What a failed invariant points at: the key of the first offending row and up to three source rows
 * behind it (`file:line`), found by following the model's lineage. A relation with a `source_ref`
 * column cites its own rows; one without is traced through the models it reads, depth first, those
 * carrying the offending column first, to the nearest one that has a `source_ref` and shares a key
 * column, matched on the shared key columns. A null key value (a roll-up's "every department", an
 * unattributed ticket) matches any. A source_ref that is a register id (`XC-0040`) is followed to the
 * upstream row holding that id.
 */
import { type Db, quoteIdentifier } from "../db.ts";

/** The part of a model the lineage needs; a singular check under sql/tests has the same shape. */
export interface Traceable {
  relation: string;
  dependsOn: readonly string[];
}

export type KeyValues = Record<string, string | null>;

const maxSources = 3;
/** `path:line` inside a source_ref such as `XC-0040（patrol/巡查记录.xlsx:41）`. */
const fileLine = /[^\s（）()、，,；;：]+:\d+/g;
const maxCitedLength = 40;

interface Columns {
  all: Set<string>;
  text: string[];
}

async function columnsOf(db: Db, relation: string): Promise<Columns> {
  const rows = await db.all<{ column_name: string; column_type: string }>(
    `select column_name, column_type from (describe ${relation})`,
  );
  return {
    all: new Set(rows.map((row) => row.column_name)),
    text: rows.filter((row) => row.column_type === "VARCHAR").map((row) => row.column_name),
  };
}

/** The key (as text) of the first row meeting `condition`, in key order (a roll-up's total first). */
export async function firstKey(
  db: Db,
  relation: string,
  key: readonly string[],
  condition: string,
): Promise<KeyValues | null> {
  if (key.length === 0) return null;
  const columns = key.map((column) => `${quoteIdentifier(column)}::varchar as ${quoteIdentifier(column)}`);
  const ordering = key.map((column) => `${quoteIdentifier(column)} nulls first`).join(", ");
  return (
    (await db.one<KeyValues>(
      `select ${columns.join(", ")} from ${relation} where ${condition} order by ${ordering} limit 1`,
    )) ?? null
  );
}

/** `(staff_id, starts_at) = (S0007, 2026-10-09 09:00:00)`, a null shown as 空. */
export function keyText(values: KeyValues): string {
  const columns = Object.keys(values);
  return `(${columns.join(", ")}) = (${columns.map((column) => values[column] ?? "空").join(", ")})`;
}

/** Source refs of the relation's rows that match `key` on the columns it has (and `condition`). */
async function sourceRefs(
  db: Db,
  relation: string,
  columns: Columns,
  key: KeyValues,
  exact: boolean,
  condition?: string,
): Promise<string[] | null> {
  const params: Record<string, string> = {};
  const matches: string[] = [];
  for (const [column, value] of Object.entries(key)) {
    if (!columns.all.has(column)) continue;
    const name = `${quoteIdentifier(column)}::varchar`;
    if (value === null) {
      if (exact) matches.push(`${name} is null`);
      continue;
    }
    params[`k${matches.length}`] = value;
    matches.push(`${name} = $k${matches.length}`);
  }
  // an upstream relation that shares no key column with the offending row tells nothing about it
  if (!exact && matches.length === 0) return null;
  const where = [...matches, ...(condition ? [condition] : [])];
  const rows = await db.all<{ source_ref: string }>(
    `select distinct source_ref from ${relation}
     where source_ref is not null${where.map((clause) => ` and ${clause}`).join("")}
     order by source_ref limit ${maxSources}`,
    params,
  );
  return rows.map((row) => row.source_ref);
}

/**
 * Depth first through the models upstream of `start`, those carrying `column` first, to the first
 * one for which `probe` finds something.
 */
async function searchUpstream(
  db: Db,
  models: ReadonlyMap<string, Traceable>,
  start: Traceable,
  column: string | undefined,
  probe: (relation: string, columns: Columns) => Promise<string[]>,
): Promise<string[]> {
  const visited = new Set<string>([start.relation]);
  const visit = async (current: Traceable): Promise<string[]> => {
    const upstream: { model: Traceable; columns: Columns }[] = [];
    for (const name of current.dependsOn) {
      const dependency = models.get(name);
      if (!dependency || visited.has(name)) continue;
      visited.add(name);
      upstream.push({ model: dependency, columns: await columnsOf(db, name) });
    }
    const carrying = (entry: { columns: Columns }) => (column && entry.columns.all.has(column) ? 0 : 1);
    upstream.sort((a, b) => carrying(a) - carrying(b));
    for (const entry of upstream) {
      const found = entry.columns.all.has("source_ref")
        ? await probe(entry.model.relation, entry.columns)
        : [];
      if (found.length > 0) return found;
      const deeper = await visit(entry.model);
      if (deeper.length > 0) return deeper;
    }
    return [];
  };
  return visit(start);
}

/**
 * Where a source_ref points: its `file:line`s, or, for a register id (`XC-0040`), the file and line of
 * the upstream row that holds that id; as it is when neither is found.
 */
async function locate(
  db: Db,
  models: ReadonlyMap<string, Traceable>,
  model: Traceable,
  refs: readonly string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const ref of refs) {
    const locations = ref.match(fileLine);
    if (locations) {
      found.push(...locations);
      continue;
    }
    const located = await searchUpstream(db, models, model, undefined, async (relation, columns) => {
      if (columns.text.length === 0) return [];
      const rows = await db.all<{ source_ref: string }>(
        `select distinct source_ref from ${relation}
         where $id in (${columns.text.map(quoteIdentifier).join(", ")}) order by source_ref limit ${maxSources}`,
        { id: ref },
      );
      return rows.flatMap((row) => row.source_ref.match(fileLine) ?? []);
    });
    found.push(
      ...(located.length > 0
        ? located
        : [ref.length > maxCitedLength ? `${ref.slice(0, maxCitedLength)}…` : ref]),
    );
  }
  return [...new Set(found)].slice(0, maxSources);
}

/**
 * Up to three source rows behind the offending rows of `relation` (the model's table, or the batch
 * an incremental model checks): its rows with `key` meeting `condition`, or the rows of the models
 * upstream of `model` that share the key.
 */
export async function traceSources(
  db: Db,
  models: ReadonlyMap<string, Traceable>,
  model: Traceable,
  relation: string,
  key: KeyValues,
  options: { condition?: string; column?: string } = {},
): Promise<string[]> {
  const own = await columnsOf(db, relation);
  const refs = own.all.has("source_ref")
    ? ((await sourceRefs(db, relation, own, key, true, options.condition)) ?? [])
    : await searchUpstream(
        db,
        models,
        model,
        options.column,
        async (upstream, columns) => (await sourceRefs(db, upstream, columns, key, false)) ?? [],
      );
  return locate(db, models, model, refs);
}
