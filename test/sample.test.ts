/**
 * The sample hall that ships in data/sample, run through the command line as `npm start` does:
 * what a new user sees, what the README promises, and what must never be published.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db, type Row } from "../pipeline/db.ts";
import { figuresOutOfRange, isRateKey, siteFigures } from "./support/site-figures.ts";

const run = promisify(execFile);

describe("the sample hall (npm start)", () => {
  let root: string;
  let out: string;
  let stdout: string;
  const query = async <T extends Row = Row>(sql: string): Promise<T[]> => {
    const db = await Db.open(join(out, "warehouse.duckdb"), { readOnly: true });
    try {
      return await db.all<T>(sql);
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "sample-"));
    out = join(root, "out");
    ({ stdout } = await run(
      "npx",
      ["tsx", "pipeline/cli.ts", "--inbox", "data/sample", "--out", out, "--as-of", "2026-11-04"],
      { maxBuffer: 16 * 1024 * 1024 },
    ));
  }, 600_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("publishes both months: September confirmed, October still under 公示", async () => {
    const months = await query<{ month: string; status: string }>(
      "select month, status from marts.months order by month",
    );
    expect(months).toEqual([
      { month: "2026-09", status: "确认" },
      { month: "2026-10", status: "公示" },
    ]);
    expect(stdout).toContain("warehouse.duckdb");
  });

  it("runs the README's four analyst queries (three, and the halls compared), each returning rows", async () => {
    const readme = await readFile("README.md", "utf8");
    const queries = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(queries).toHaveLength(4);
    for (const sql of queries) expect((await query(sql!.replace(/;\s*$/, ""))).length).toBeGreaterThan(0);
  });

  it("gives every published table and column a Chinese comment", async () => {
    const uncommented = await query(
      `select table_schema || '.' || table_name || coalesce('.' || column_name, '') as name
       from (
         select schema_name as table_schema, table_name, null as column_name, comment from duckdb_tables()
         union all
         select schema_name, table_name, column_name, comment from duckdb_columns()
       )
       where table_schema in ('marts', 'ops') and (comment is null or not regexp_matches(comment, '[\\x{4e00}-\\x{9fff}]'))`,
    );
    expect(uncommented).toEqual([]);
  });

  it("never publishes a complainant's name or phone, in any text column of any table", async () => {
    const complainants = JSON.parse(await readFile("test/fixtures/sample-complainants.json", "utf8")) as {
      name: string;
      phone: string;
    }[];
    const names = complainants.map((complainant) => complainant.name);
    const phones = complainants.map((complainant) => complainant.phone);
    expect(names.length).toBeGreaterThan(0);
    const columns = await query<{ schema_name: string; table_name: string; column_name: string }>(
      `select schema_name, table_name, column_name from duckdb_columns()
       where data_type in ('VARCHAR', 'VARCHAR[]') or data_type like 'STRUCT%' or data_type = 'JSON'`,
    );
    const needles = [...names, ...phones];
    const found: string[] = [];
    // one connection for the hundreds of columns
    const db = await Db.open(join(out, "warehouse.duckdb"), { readOnly: true });
    try {
      for (const { schema_name, table_name, column_name } of columns) {
        const conditions = needles
          .map((needle) => `contains("${column_name}"::varchar, '${needle}')`)
          .join(" or ");
        const hit = await db.one<{ n: bigint }>(
          `select count(*) as n from "${schema_name}"."${table_name}" where ${conditions}`,
        );
        if (Number(hit!.n) > 0) found.push(`${schema_name}.${table_name}.${column_name}`);
      }
    } finally {
      db.close();
    }
    expect(found).toEqual([]);
  });

  it("never puts a complainant's name or phone into a workbook or a page of the site", async () => {
    const complainants = JSON.parse(await readFile("test/fixtures/sample-complainants.json", "utf8")) as {
      name: string;
      phone: string;
    }[];
    const needles = complainants.flatMap((complainant) => [complainant.name, complainant.phone]);
    const files = (await readdir(out, { recursive: true }))
      .filter((file) => /^(reports|site)\//.test(file))
      .filter((file) => /\.(xlsx|html|json|js|css)$/.test(file));
    expect(files.some((file) => file.endsWith(".xlsx"))).toBe(true);
    expect(files.some((file) => file.endsWith(".html"))).toBe(true);
    const found: string[] = [];
    for (const file of files) {
      const bytes = await readFile(join(out, file));
      const texts = file.endsWith(".xlsx")
        ? await Promise.all(
            Object.values((await JSZip.loadAsync(bytes)).files).map((entry) => entry.async("string")),
          )
        : [bytes.toString("utf8")];
      for (const needle of needles)
        if (texts.some((text) => text.includes(needle))) found.push(`${file}: ${needle}`);
    }
    expect(found).toEqual([]);
  });

  it("shows no rate or share outside 0–100 % and no negative duration on any page of the site", async () => {
    const figures = await siteFigures(join(out, "site"));
    const rateKeys = new Set(figures.filter((figure) => isRateKey(figure.key)).map((figure) => figure.key));
    expect([...rateKeys]).toEqual(expect.arrayContaining(["good_rate", "within_target_rate"]));
    expect(figuresOutOfRange(figures)).toEqual([]);
  });

  it("cites evidence for every score event, with readable ids", async () => {
    const bad = await query(
      `select event_id from marts.score_events
       -- <RULE>:<工号>:<day>[:<qualifier>], or a monthly event <RULE>:<工号>:<month>
       where source_ref is null
         or not regexp_matches(event_id, '^[A-Z_0-9]+:S\\d{4}:\\d{4}-\\d{2}(-\\d{2}(:.+)?)?$')`,
    );
    expect(bad).toEqual([]);
  });

  it("finds each planted 好差评 integrity lead with its exact ids, and nothing in the ordinary traffic", async () => {
    const flags = await query<{ flag_id: string; staff_id: string; evaluation_ids: string }>(
      `select flag_id, staff_id, case when evaluations > 4 then evaluations::varchar || ' 条' else evaluation_ids end
         as evaluation_ids
       from marts.evaluation_flags order by flag_id`,
    );
    expect(flags).toEqual([
      {
        flag_id: "EVF_BURST:A15:2026-10-22:130000",
        staff_id: "S0015",
        evaluation_ids: "PJP0301、PJP0302、PJP0303、PJP0304",
      },
      // every October rating of S0006, each pressed 8–10 s after 办结
      { flag_id: "EVF_DELAY:S0006:2026-10", staff_id: "S0006", evaluation_ids: "90 条" },
      { flag_id: "EVF_REWRITE:PJP0501", staff_id: "S0014", evaluation_ids: "PJP0501" },
      { flag_id: "EVF_REWRITE:PJP0502", staff_id: "S0014", evaluation_ids: "PJP0502" },
      { flag_id: "EVF_TIMING:PJP0101", staff_id: "S0021", evaluation_ids: "PJP0101" },
      { flag_id: "EVF_UNSERVED:PJP0201", staff_id: "S0017", evaluation_ids: "PJP0201" },
    ]);
    expect(
      await query(
        "select count(*)::integer as n from marts.evaluation_month where month = '2026-10' and staff_id = 'S0006' and evaluations = 90",
      ),
    ).toEqual([{ n: 1 }]);
    expect(stdout).toContain(
      "疑似异常评价：2026-10 线索 6 条，涉及评价 98 条，占全部 3,220 条评价的 3.0%（供督查核实，不计分）",
    );
  });

  it("publishes the results the rules gave when this snapshot was taken (speed work must not change them)", async () => {
    const [results] = await query<Record<string, string>>(
      `select
         (select md5(string_agg(concat_ws('|', month, staff_id, score, rank, order_no, grade, eligible, tie_break), ';'
            order by month, staff_id)) from marts.staff_month) as staff_month,
         (select md5(string_agg(concat_ws('|', event_id, points, void), ';' order by event_id)) from marts.score_events)
           as score_events,
         (select md5(string_agg(concat_ws('|', case_id, final_tier, status, void), ';' order by case_id))
            from marts.investigations) as investigations,
         (select string_agg(concat_ws(' ', month, award, winner_id, decided_by), '; ' order by month, award)
            from marts.awards) as awards,
         (select count(*)::varchar from marts.score_events) as score_event_count,
         (select string_agg(distinct concat_ws(' ', hall_code, hall_name), '; ') from marts.staff_month) as halls`,
    );
    expect(results).toMatchSnapshot();
  });

  it("publishes the same tables when the same inbox runs again", async () => {
    const digest = async () =>
      query(
        `select table_schema, table_name from information_schema.tables
         where table_schema in ('marts', 'ops') order by all`,
      ).then(async (tables) => {
        const sums: Record<string, string> = {};
        for (const { table_schema, table_name } of tables as { table_schema: string; table_name: string }[]) {
          const excluded =
            table_name === "loads"
              ? " exclude (loaded_at)"
              : table_name === "late_arrivals"
                ? " exclude (loaded_at, is_new)"
                : "";
          const [row] = await query<{ h: string }>(
            `select coalesce(bit_xor(hash(t)), 0)::varchar || '/' || count(*) as h from (select *${excluded} from ${table_schema}.${table_name}) as t`,
          );
          sums[`${table_schema}.${table_name}`] = row!.h;
        }
        return sums;
      });
    const before = await digest();
    await run("npx", [
      "tsx",
      "pipeline/cli.ts",
      "--inbox",
      "data/sample",
      "--out",
      out,
      "--as-of",
      "2026-11-04",
    ]);
    expect(await digest()).toEqual(before);
  }, 600_000);
});
