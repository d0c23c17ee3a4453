/**
 * A partitioned staging model (`partitioned_by`) keeps one table per hall and shows them as one view,
 * so that a hall's run, which filters by its hall, reads that hall's rows only (issue 15: each hall's
 * run scanned every hall's pointers, night after night).
 */
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../pipeline/db.ts";
import { parseModel } from "../pipeline/transform/models.ts";
import { runModels } from "../pipeline/transform/run-models.ts";
import { stagingFingerprint } from "../pipeline/transform/staging.ts";

const latest = parseModel(
  "staging",
  "/sql/staging/latest.sql",
  `/*
grain: one row per hall and key
materialized: upsert
partitioned_by: hall_code
unique: [hall_code, record_key]
not_null: [hall_code, record_key]
*/
select hall_code, record_key, version from arrived`,
);

describe("a model partitioned by hall", () => {
  let db: Db;
  const night = async (rows: string, fullRefresh = false) => {
    await db.run(
      `create or replace table arrived as select * from (values ${rows}) as t(hall_code, record_key, version)`,
    );
    await runModels(db, [latest], { fullRefresh });
  };
  const rows = (where = "true") =>
    db.all(`select hall_code, record_key, version from staging.latest where ${where} order by all`);
  const parts = async () =>
    (
      await db.all<{ name: string }>(
        `select table_name as name from duckdb_tables()
         where schema_name = 'staging_partitions' order by table_name`,
      )
    ).map((part) => part.name);

  beforeAll(async () => {
    db = await Db.open(":memory:");
  });
  afterAll(() => db.close());

  it("keeps each hall in a table of its own, hall codes that differ in case too, and shows them as one", async () => {
    await night("('SZ-01', 'T1', 1), ('SZ-01', 'T2', 1), ('sz-01', 'T1', 1), ('H2', 'T1', 1)", true);
    expect(await parts()).toHaveLength(4); // three halls and the table that gives the view its columns
    for (const name of (await parts()).filter((part) => !part.endsWith("__columns"))) {
      const halls = await db.all(`select distinct hall_code from staging_partitions."${name}"`);
      expect(halls).toHaveLength(1);
    }
    expect(await rows()).toEqual([
      { hall_code: "H2", record_key: "T1", version: 1 },
      { hall_code: "SZ-01", record_key: "T1", version: 1 },
      { hall_code: "SZ-01", record_key: "T2", version: 1 },
      { hall_code: "sz-01", record_key: "T1", version: 1 },
    ]);
  });

  it("replaces a key's row in its hall only, and gives a new hall its table", async () => {
    await night("('SZ-01', 'T1', 2), ('H3', 'T1', 2)");
    expect(await rows()).toEqual([
      { hall_code: "H2", record_key: "T1", version: 1 },
      { hall_code: "H3", record_key: "T1", version: 2 },
      { hall_code: "SZ-01", record_key: "T1", version: 2 },
      { hall_code: "SZ-01", record_key: "T2", version: 1 },
      { hall_code: "sz-01", record_key: "T1", version: 1 },
    ]);
    expect(await parts()).toHaveLength(5);
  });

  it("reads one hall's table when filtered by that hall", async () => {
    const profile = join(tmpdir(), `partitioned-model-${process.pid}.json`);
    const scanned = (node: { operator_rows_scanned?: number; children?: unknown[] }): number =>
      (node.operator_rows_scanned ?? 0) +
      (node.children ?? []).reduce<number>((sum, child) => sum + scanned(child as typeof node), 0);
    try {
      await db.run(`pragma enable_profiling = 'json'; pragma profiling_output = '${profile}'`);
      expect(await rows("hall_code = 'SZ-01'")).toHaveLength(2);
      expect(scanned(JSON.parse(await readFile(profile, "utf8")))).toBe(2);
    } finally {
      await db.run("pragma disable_profiling");
      await rm(profile, { force: true });
    }
  });

  it("is rebuilt whole from what a full refresh reads, replacing the table of an older state", async () => {
    await db.run("drop view staging.latest");
    await db.run("create table staging.latest as select 'H9' as hall_code, 'T0' as record_key, 0 as version");
    await night("('H2', 'T5', 3)", true);
    expect(await rows()).toEqual([{ hall_code: "H2", record_key: "T5", version: 3 }]);
    expect(await parts()).toHaveLength(2);
  });

  it("is refused in a model rebuilt whole, or without its column among the required ones", () => {
    const header = (lines: string) => `/*\ngrain: one row per key\n${lines}*/\nselect 1`;
    expect(() =>
      parseModel(
        "staging",
        "/sql/staging/x.sql",
        header("partitioned_by: hall_code\nnot_null: [hall_code]\n"),
      ),
    ).toThrow("a partitioned model is kept as rows arrive");
    expect(() =>
      parseModel(
        "staging",
        "/sql/staging/x.sql",
        header("materialized: incremental\npartitioned_by: hall_code\n"),
      ),
    ).toThrow("a partitioned model is kept as rows arrive");
  });
});

describe("staging's fingerprint", () => {
  it("changes with a model's header, so that a model kept another way is staged again from every raw row", async () => {
    const model = (header: string) =>
      parseModel("staging", "/sql/staging/latest.sql", `/*\ngrain: one row per key\n${header}*/\nselect 1`);
    const upsert = "materialized: upsert\nunique: [hall_code]\nnot_null: [hall_code]\n";
    const plain = await stagingFingerprint([model(upsert)], []);
    expect(await stagingFingerprint([model(upsert)], [])).toBe(plain);
    expect(await stagingFingerprint([model(`${upsert}partitioned_by: hall_code\n`)], [])).not.toBe(plain);
  });
});
