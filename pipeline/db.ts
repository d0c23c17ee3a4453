/**
 * The one DuckDB instance of a process and its connection. Values are bound as parameters;
 * identifiers go through `quoteIdentifier`. Timestamps are naive local hall time throughout
 * (TIMESTAMP, never TIMESTAMPTZ), so the machine's time zone never enters a rule.
 */
import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBValue,
} from "@duckdb/node-api";

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
/** A row as plain JS values: BIGINT → bigint, DATE/TIMESTAMP → Date whose UTC fields are the wall clock. */
export type Row = Record<string, unknown>;

export interface DbOptions {
  readOnly?: boolean;
  threads?: number;
  memoryLimit?: string;
  /** Where DuckDB spills beyond its memory limit (by default beside the database file). */
  tempDirectory?: string;
}

export class Db {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** False for a further connection (`connect`): closing it leaves the instance open. */
    private readonly ownsInstance = true,
  ) {}

  static async open(path: string, options: DbOptions = {}): Promise<Db> {
    const settings: Record<string, string> = {
      // Nothing may be fetched at run time: a hall's server has no internet.
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    };
    if (options.readOnly) settings.access_mode = "READ_ONLY";
    if (options.threads) settings.threads = String(options.threads);
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    if (options.tempDirectory) settings.temp_directory = options.tempDirectory;
    const instance = await DuckDBInstance.create(path, settings);
    try {
      return new Db(instance, await instance.connect());
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  /**
   * A further connection to the same database, with its own current catalog, variables and
   * transaction: statements on two connections run at the same time (one hall on each core).
   */
  async connect(): Promise<Db> {
    return new Db(this.instance, await this.instance.connect(), false);
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params);
  }

  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as T[];
  }

  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run("begin transaction");
    try {
      const result = await work();
      await this.run("commit");
      return result;
    } catch (error) {
      await this.run("rollback");
      throw error;
    }
  }

  /** Inserts rows, each in the table's column order, in one statement (a statement per row costs a commit each). */
  async insertRows(table: string, rows: readonly (readonly DuckDBValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    const width = rows[0]!.length;
    const tuples = rows.map(
      (_, row) =>
        `(${Array.from({ length: width }, (_, column) => `$${row * width + column + 1}`).join(", ")})`,
    );
    await this.run(`insert into ${table} values ${tuples.join(", ")}`, rows.flat());
  }

  async appender(table: string, schema: string): Promise<DuckDBAppender> {
    return this.connection.createAppender(table, schema);
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

/**
 * DuckDB's memory limit for a run: 2.5 GB keeps a province month under 4 GB of RSS (BENCHMARKS.md)
 * and is far more than a city needs; an operator may set another (HALL_MEMORY_LIMIT).
 */
export const memoryLimit = (): string => process.env.HALL_MEMORY_LIMIT ?? "2.5GB";

/**
 * DuckDB's worker threads for a run, and how many halls it scores at once: by default one per
 * core; `HALL_THREADS=1` suits several runs side by side (the fuzz hunt runs one per core).
 */
export function threadCount(): number | undefined {
  const value = process.env.HALL_THREADS;
  if (value === undefined || value === "") return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`环境变量 HALL_THREADS=${value} 无效：应为正整数`);
  return Number(value);
}

/** Quotes an identifier for SQL text (schema, table or column name). */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Quotes a string literal for the few places DuckDB takes no parameter (e.g. a file path in ATTACH). */
export const quoteLiteral = (value: string): string => `'${value.replaceAll("'", "''")}'`;
