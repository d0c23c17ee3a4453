/**
 * The published rule tables (marts.rule_parameters, marts.rule_codes) of a hand-made warehouse, for
 * its months and a configuration: built by the real models (sql/intermediate/int_rule_parameters,
 * sql/marts/rule_parameters and rule_codes) from the real parameters, in a scratch database, so a
 * test of a reader (workbook, site) sees exactly what a run with that configuration publishes.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Config, defaultConfig } from "../../pipeline/config.ts";
import { Db, quoteLiteral } from "../../pipeline/db.ts";
import { parseModel, sqlRoot } from "../../pipeline/transform/models.ts";
import { loadSeeds, setParameters } from "../../pipeline/transform/parameters.ts";

async function modelSql(schema: "intermediate" | "marts", name: string): Promise<string> {
  const path = join(sqlRoot, schema, `${name}.sql`);
  return parseModel(schema, path, await readFile(path, "utf8")).sql;
}

/** Replaces the rule tables of the warehouse file at `path` (not open elsewhere) with those of `months` under `config`. */
export async function publishRuleTables(
  path: string,
  months: readonly string[],
  config: Config = defaultConfig,
): Promise<void> {
  const db = await Db.open(":memory:");
  try {
    await setParameters(db, config, { asOf: "2026-11-04", reopen: null, firstNewLoadId: 0 });
    await loadSeeds(db);
    const values = months.map((month) => `(${quoteLiteral(month)})`).join(", ");
    await db.run(`
      create schema intermediate;
      create table intermediate.int_months as
      select month, month_start, last_day(month_start) as month_end, true as is_open
      from (values ${values}) as listed(month),
        lateral (select strptime(month || '-01', '%Y-%m-%d')::date as month_start)
    `);
    await db.run(
      `create table intermediate.int_rule_parameters as ${await modelSql("intermediate", "int_rule_parameters")}`,
    );
    await db.run(`attach ${quoteLiteral(path)} as warehouse`);
    await db.run("delete from warehouse.marts.rule_parameters; delete from warehouse.marts.rule_codes");
    // a run adds the hall columns to every public table; here the configured hall's
    const hall = `${quoteLiteral(config.hall.code)} as hall_code, ${quoteLiteral(config.hall.name)} as hall_name`;
    for (const table of ["rule_parameters", "rule_codes"])
      await db.run(
        `insert into warehouse.marts.${table} by name select ${hall}, * from (${await modelSql("marts", table)})`,
      );
    await db.run("detach warehouse");
  } finally {
    db.close();
  }
}
