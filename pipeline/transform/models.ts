/**
 * The SQL models under sql/: one model per file, the file name is the relation, the folder is
 * the schema. A leading block comment states the model's grain, its invariants and its Chinese
 * comments (YAML); the rest is a bare `select` that the runner materializes.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

export const sqlRoot = fileURLToPath(new URL("../../sql/", import.meta.url));

/** Layers in build order; a model may read its own layer and the ones before it. */
export const layers = ["staging", "intermediate", "marts", "ops"] as const;
export type Layer = (typeof layers)[number];

/**
 * The layers rebuilt from staging on every run. They live in in-memory catalogs of the same name
 * (DuckDB spills them to its temp directory under memory pressure), not in the state file: writing
 * them to disk on every run cost a third of the rules' time and nothing ever reads them back.
 */
export const rebuiltLayers: readonly Layer[] = ["intermediate", "marts", "ops"];

const headerSchema = z
  .strictObject({
    grain: z.string(),
    comment: z.string().optional(),
    /**
     * Staging models append the rows of new loads instead of being rebuilt (`incremental`), or let
     * them replace the rows with the same `unique` key (`upsert`); see run-models.ts.
     */
    materialized: z.enum(["table", "incremental", "upsert"]).default("table"),
    /**
     * A staging model kept as one table per value of this column, shown as one view under its name
     * (run-models.ts): a hall's run reads its own table, not every hall's rows.
     */
    partitioned_by: z.string().optional(),
    unique: z.array(z.string()).optional(),
    not_null: z.array(z.string()).optional(),
    accepted_values: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))).optional(),
    /** Closed bounds of numeric columns, null for none: `{within_target_rate: [0, 1], avg_wait_s: [0, null]}`. */
    range: z
      .record(
        z.string(),
        z
          .tuple([z.number().nullable(), z.number().nullable()])
          .refine(([low, high]) => low !== null || high !== null, {
            message: "a range needs a lower or an upper bound",
          }),
      )
      .optional(),
    columns: z.record(z.string(), z.string()).optional(),
    /**
     * Intermediate and mart models run once per hall, over that hall's rows (transform/halls.ts);
     * `across_halls` runs once after every hall, as the ops models do, over every hall's tables
     * (each with `hall_code` first). For a model whose readers all run across halls.
     */
    runs: z.enum(["per_hall", "across_halls"]).optional(),
  })
  .refine((header) => header.materialized !== "upsert" || (header.unique ?? []).length > 0, {
    message: "an upsert model replaces rows by its unique key: it needs one",
  })
  .refine(
    (header) =>
      header.partitioned_by === undefined ||
      (header.materialized !== "table" && (header.not_null ?? []).includes(header.partitioned_by)),
    {
      message:
        "a partitioned model is kept as rows arrive (incremental or upsert) and its partition column is not_null",
    },
  );

export type ModelHeader = z.infer<typeof headerSchema>;

export interface Model {
  schema: Layer;
  name: string;
  /** `schema.name`. */
  relation: string;
  path: string;
  header: ModelHeader;
  /** The model's select, without its header comment. */
  sql: string;
  /** Relations of other models it reads. */
  dependsOn: string[];
}

/** Whether `model` runs once over every hall's tables rather than once per hall (rules.md §15). */
export function runsAcrossHalls(model: Model): boolean {
  return model.schema === "ops" || model.header.runs === "across_halls";
}

/** Singular tests: queries under sql/tests that return the rows violating an invariant. */
export interface Check {
  name: string;
  path: string;
  description: string;
  sql: string;
  /** Relations it reads: where its violations' source rows are looked for. */
  dependsOn: string[];
}

const HEADER = /^\s*\/\*([\s\S]*?)\*\//;
const REFERENCE = /\b(staging|intermediate|marts|ops)\.([a-z_][a-z0-9_]*)\b/g;

export function parseModel(schema: Layer, path: string, text: string): Model {
  const name = basename(path, ".sql");
  const match = HEADER.exec(text);
  if (!match) throw new Error(`${path}: a model starts with a /* … */ header stating at least its grain`);
  let yaml: unknown;
  try {
    yaml = parseYaml(match[1] ?? "");
  } catch (error) {
    throw new Error(`${path}: the model header is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = headerSchema.safeParse(yaml);
  if (!parsed.success) throw new Error(`${path}: invalid model header: ${parsed.error.message}`);
  const sql = text.slice(match[0].length).trim().replace(/;\s*$/, "");
  const relation = `${schema}.${name}`;
  const dependsOn = referencedRelations(sql).filter((reference) => reference !== relation);
  return { schema, name, relation, path, header: parsed.data, sql, dependsOn };
}

/** The `schema.relation` names a query reads, in order of first mention (comments aside). */
export function referencedRelations(sql: string): string[] {
  const withoutComments = sql.replace(/--.*$/gm, "");
  return [...new Set([...withoutComments.matchAll(REFERENCE)].map((m) => `${m[1]}.${m[2]}`))];
}

export async function loadModels(root = sqlRoot): Promise<Model[]> {
  const models: Model[] = [];
  for (const schema of layers) {
    const directory = join(root, schema);
    for (const file of (await readdir(directory)).filter((f) => f.endsWith(".sql")).sort()) {
      const path = join(directory, file);
      models.push(parseModel(schema, path, await readFile(path, "utf8")));
    }
  }
  return orderModels(models);
}

/** Topological order; a reference to a relation that no model creates is left to DuckDB to resolve. */
export function orderModels(models: Model[]): Model[] {
  const byRelation = new Map(models.map((model) => [model.relation, model]));
  const ordered: Model[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (model: Model, trail: string[]) => {
    const seen = state.get(model.relation);
    if (seen === "done") return;
    if (seen === "visiting")
      throw new Error(`models depend on each other in a cycle: ${[...trail, model.relation].join(" → ")}`);
    state.set(model.relation, "visiting");
    for (const dependency of model.dependsOn) {
      const upstream = byRelation.get(dependency);
      if (upstream) visit(upstream, [...trail, model.relation]);
    }
    state.set(model.relation, "done");
    ordered.push(model);
  };
  for (const model of models) visit(model, []);
  return ordered;
}

/** The models that `relations` are built from, themselves included, in the order given (a topological one). */
export function upstreamOf(models: readonly Model[], relations: readonly string[]): Model[] {
  const byRelation = new Map(models.map((model) => [model.relation, model]));
  const needed = new Set<string>();
  const visit = (relation: string) => {
    const model = byRelation.get(relation);
    if (!model || needed.has(relation)) return;
    needed.add(relation);
    for (const dependency of model.dependsOn) visit(dependency);
  };
  for (const relation of relations) {
    if (!byRelation.has(relation)) throw new Error(`no model creates ${relation}`);
    visit(relation);
  }
  return models.filter((model) => needed.has(model.relation));
}

const PARAMETER = /getvariable\('([a-z_]+)'\)|\b(params\.[a-z_]+)\b/g;

/** The run parameters a query reads: variables by name (`score_base`), tables as `params.<table>`. */
export function parametersRead(sql: string): Set<string> {
  const withoutComments = sql.replace(/--.*$/gm, "");
  return new Set([...withoutComments.matchAll(PARAMETER)].map((match) => match[1] ?? match[2] ?? ""));
}

/**
 * The models whose result may change when the parameters `changed` take other values: those that
 * read one, and every model downstream of them; `models` in dependency order (as loadModels gives
 * them). All of them when a macro reads one (macros are not traced to the models that call them).
 */
export function affectedModels(
  models: readonly Model[],
  macros: readonly Macro[],
  changed: ReadonlySet<string>,
): Model[] {
  const reads = (sql: string) => [...parametersRead(sql)].some((name) => changed.has(name));
  if (macros.some((macro) => reads(macro.sql))) return [...models];
  const affected = new Set<string>();
  for (const model of models) {
    if (reads(model.sql) || model.dependsOn.some((relation) => affected.has(relation)))
      affected.add(model.relation);
  }
  return models.filter((model) => affected.has(model.relation));
}

export async function loadChecks(root = sqlRoot): Promise<Check[]> {
  const directory = join(root, "tests");
  const checks: Check[] = [];
  for (const file of (await readdir(directory)).filter((f) => f.endsWith(".sql")).sort()) {
    const path = join(directory, file);
    const text = await readFile(path, "utf8");
    const description = /^--\s*(.+)$/m.exec(text)?.[1]?.trim() ?? file;
    const sql = text.trim().replace(/;\s*$/, "");
    checks.push({
      name: basename(file, ".sql"),
      path,
      description,
      sql,
      dependsOn: referencedRelations(sql),
    });
  }
  return checks;
}

/** Shared SQL functions (sql/macros/*.sql): `create or replace macro` statements, run before any model. */
export interface Macro {
  path: string;
  sql: string;
}

export async function loadMacros(root = sqlRoot): Promise<Macro[]> {
  const directory = join(root, "macros");
  const files = (await readdir(directory)).filter((f) => f.endsWith(".sql")).sort();
  return Promise.all(
    files.map(async (file) => ({
      path: join(directory, file),
      sql: await readFile(join(directory, file), "utf8"),
    })),
  );
}
