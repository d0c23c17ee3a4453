/**
 * data-contract §1: every one of the thirteen sources is read with at least its required
 * columns, whatever header spelling (Chinese or English alias), column order and format.
 * Each source is checked in the mart that publishes it, so a value read wrongly shows.
 */
import { afterEach, describe, expect, it } from "vitest";
import { sources } from "../pipeline/ingest/sources.ts";
import { type FileCell, type FileInbox, fileInbox, textFile, xlsxFile } from "./support/inbox.ts";
import { everySource } from "./support/staff.ts";

/** Rewrites a table under the English aliases of its headers, with the columns in reverse order. */
function asEnglishReversed(folder: string, table: FileCell[][]): FileCell[][] {
  const source = sources.find((candidate) => candidate.folder === folder)!;
  const english = (header: FileCell) => {
    const column = source.columns.find((candidate) => candidate.header === header);
    if (!column) throw new Error(`no column ${String(header)} in ${folder}`);
    return column.aliases[0]!;
  };
  const [header, ...rows] = table;
  return [header!.map(english).reverse(), ...rows.map((row) => [...row].reverse())];
}

describe("ingest: every source folder", () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("loads all thirteen sources with no row quarantined", async () => {
    inbox = await fileInbox();
    for (const [path, table] of Object.entries(everySource)) await inbox.write(path, textFile(table));
    await inbox.run();
    const loads = await inbox.query<{ source: string; status: string; rows: number; quarantined: number }>(
      "select source, status, rows, quarantined from ops.loads order by source",
    );
    expect(loads.map((load) => load.source)).toEqual(sources.map((source) => source.folder).sort());
    for (const load of loads) {
      expect(load, load.source).toMatchObject({ status: "已加载", quarantined: 0 });
      expect(load.rows, load.source).toBeGreaterThan(0);
    }
    expect(await inbox.query("select count(*)::integer as n from ops.quarantine")).toEqual([{ n: 0 }]);
  });

  it("reads English alias headers in any column order, in every source", async () => {
    inbox = await fileInbox();
    for (const [path, table] of Object.entries(everySource)) {
      const folder = path.split("/")[0]!;
      await inbox.write(path, textFile(asEnglishReversed(folder, table)));
    }
    await inbox.run();
    expect(await inbox.query("select source, reason from ops.quarantine")).toEqual([]);
    expect(
      await inbox.query(
        `select staff_id, session, strftime(in_at, '%H:%M') as in_at, strftime(out_at, '%H:%M') as out_at
         from marts.attendance_sessions where work_date = '2026-10-13' order by staff_id, session`,
      ),
    ).toEqual([
      { staff_id: "S0001", session: "AM", in_at: "08:25", out_at: "12:02" },
      { staff_id: "S0001", session: "PM", in_at: "14:20", out_at: "17:05" },
      { staff_id: "S0002", session: "AM", in_at: "08:29", out_at: "12:01" },
      { staff_id: "S0002", session: "PM", in_at: "14:28", out_at: "17:01" },
    ]);
    expect(
      await inbox.query(
        "select staff_id, leave_id from marts.attendance_sessions where work_date = '2026-10-14' and session = 'AM' order by staff_id",
      ),
    ).toEqual([
      { staff_id: "S0001", leave_id: null },
      { staff_id: "S0002", leave_id: "L001" },
    ]);
    expect(
      await inbox.query(
        "select staff_id, staff_name, department, window_no from marts.staff_month where month = '2026-10' order by staff_id",
      ),
    ).toEqual([
      { staff_id: "S0001", staff_name: "张三", department: "市场监管局", window_no: "A01" },
      { staff_id: "S0002", staff_name: "李四", department: "市场监管局", window_no: "A02" },
    ]);
    expect(
      await inbox.query(
        "select commendation_id, staff_id, commendation_kind, is_verified from marts.commendations",
      ),
    ).toEqual([
      { commendation_id: "M001", staff_id: "S0001", commendation_kind: "表扬信", is_verified: true },
    ]);
    expect(
      await inbox.query("select complaint_id, staff_id, category, finding from marts.complaints"),
    ).toEqual([{ complaint_id: "K001", staff_id: "S0001", category: "未一次性告知", finding: "不属实" }]);
    expect(
      await inbox.query("select patrol_id, staff_id, window_no, finding_code from marts.patrol_findings"),
    ).toEqual([{ patrol_id: "P001", staff_id: "S0001", window_no: "A01", finding_code: "NORMAL" }]);
    expect(await inbox.query("select staff_id, trigger, status from marts.investigations")).toEqual([
      { staff_id: "S0001", trigger: "R01", status: "不予追究" },
    ]);
    // `YYYY/M/D H:MM` times: waited 09:00→09:05, served 09:06→09:20
    expect(
      await inbox.query(
        "select staff_id, window_no, tickets, served, avg_wait_s, avg_service_s from marts.queue_daily where work_date = '2026-10-13'",
      ),
    ).toEqual([
      { staff_id: "S0001", window_no: "A01", tickets: 1, served: 1, avg_wait_s: 300, avg_service_s: 840 },
    ]);
    expect(
      await inbox.query(
        `select case_id, staff_id, case_kind, promised_days, strftime(accepted_at, '%Y-%m-%d %H:%M') as accepted_at,
           strftime(completed_at, '%Y-%m-%d %H:%M') as completed_at, case_status from marts.cases`,
      ),
    ).toEqual([
      {
        case_id: "C001",
        staff_id: "S0001",
        case_kind: "承诺件",
        promised_days: 5,
        accepted_at: "2026-10-13 09:10",
        completed_at: "2026-10-15 10:00",
        case_status: "办结",
      },
    ]);
    expect(await inbox.query("select staff_id, evaluations, good from marts.evaluation_month")).toEqual([
      { staff_id: "S0001", evaluations: 1, good: 1 },
    ]);
  });

  it("reads every source from xlsx, with a title row and a blank row above the header", async () => {
    inbox = await fileInbox();
    for (const [path, table] of Object.entries(everySource)) {
      await inbox.write(path.replace(/\.csv$/, ".xlsx"), await xlsxFile([["导出报表"], [], ...table]));
    }
    await inbox.run();
    expect(await inbox.query("select source, reason from ops.quarantine")).toEqual([]);
    const loads = await inbox.query<{ status: string; rows: number; encoding: string }>(
      "select status, encoding, rows from ops.loads",
    );
    expect(loads).toHaveLength(13);
    for (const load of loads) expect(load).toMatchObject({ status: "已加载", encoding: "xlsx" });
    expect(
      await inbox.query(
        "select count(*)::integer as n from marts.attendance_sessions where in_at is not null",
      ),
    ).toEqual([{ n: 7 }]);
  });
});
