/**
 * How fast the HR workbook writes a large month: a warehouse with N synthetic score events (and
 * N/200 staff) in a temporary folder, built like the tests' synthetic warehouse, then writeMonthWorkbook. Not a test; run by hand:
 *   npx tsx pipeline/bench/workbook.ts [rows]
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publishRuleTables } from "../../test/support/rule-tables.ts";
import { createEmptyWarehouse } from "../../test/support/synthetic-warehouse.ts";
import { Db, quoteLiteral } from "../db.ts";
import { writeMonthWorkbook } from "../publish/workbook.ts";

const events = Number(process.argv[2] ?? 200_000);
const staff = Math.max(1, Math.round(events / 200));
const root = await mkdtemp(join(tmpdir(), "workbook-bench-"));
const db = await Db.open(":memory:");
try {
  await createEmptyWarehouse(join(root, "warehouse.duckdb"));
  await publishRuleTables(join(root, "warehouse.duckdb"), ["2026-10"]);
  await db.run(`attach ${quoteLiteral(join(root, "warehouse.duckdb"))} as wh`);
  await db.run(`
    insert into wh.marts.months (month, status, as_of, appeal_window_end, working_days, missing_data_days, is_frozen)
      values ('2026-10', '公示', date '2026-11-04', date '2026-11-07', 17, 0, false);
    insert into wh.marts.staff_month (month, staff_id, staff_name, department, score, rank, order_no, grade, status, eligible)
      select '2026-10', printf('S%05d', i), '员工' || i, '部门' || (i % 20), 100 - i % 30, i, i, '合格', '公示', true
      from range(1, ${staff + 1}) as t(i);
    insert into wh.marts.score_events (event_id, month, staff_id, staff_name, department, rule_code, rule_name, points,
        event_date, source, source_ref, detail, void)
      select printf('ATT_LATE:S%05d:%s:%d', i % ${staff} + 1, date '2026-10-01' + (i % 31)::integer, i), '2026-10',
        printf('S%05d', i % ${staff} + 1), '员工' || (i % ${staff} + 1), '部门' || (i % 20), 'ATT_LATE', '上班迟到', -1,
        date '2026-10-01' + (i % 31)::integer, '考勤', 'attendance/2026-10.csv:' || i, '08:4' || (i % 10) || ' 打卡，应到 08:30',
        false
      from range(${events}) as t(i);
  `);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const memoryBefore = process.memoryUsage().rss;
  const result = await writeMonthWorkbook(db, {
    catalog: "wh",
    month: "2026-10",
    directory: join(root, "reports"),
    asOf: "2026-11-04",
    hallName: "示例县政务服务中心",
  });
  const seconds = (performance.now() - started) / 1000;
  // CPU time as well as wall time: on a shared machine the wall time says more about the neighbours.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const size = (await stat(result.path)).size;
  console.log(
    `${result.rows} 行（其中 ${events} 条加扣分事件、${staff} 人）用时 ${seconds.toFixed(1)} 秒，` +
      `${Math.round(result.rows / seconds)} 行/秒（CPU ${cpuSeconds.toFixed(1)} 秒）；文件 ${(size / 1e6).toFixed(1)} MB；` +
      `RSS ${(memoryBefore / 1e6).toFixed(0)} → ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
} finally {
  db.close();
  await rm(root, { recursive: true, force: true });
}
