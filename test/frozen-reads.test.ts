/**
 * Issue 15: a frozen month is read as it was frozen (rules.md §14), so a nightly run leaves out the
 * queue tickets, window events, evaluations, patrol findings and cases that only a frozen month can
 * use (intermediate.int_latest_lines). What the open month publishes must not change: it is compared
 * with a cold run over the same inbox, which has nothing frozen when it computes and so reads every
 * row. Each record below is one that an open month still needs from September once it is frozen.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outLayout } from "../pipeline/out-layout.ts";
import { runPipeline } from "../pipeline/run.ts";
import { type InboxRows, writeInbox } from "./support/hall.ts";
import { queryDuckDb } from "./support/inbox.ts";
import { daysAroundSeptemberFreeze, normalDays, quarantined, queueDay, staff } from "./support/rules.ts";
import { differingTables, warehouseContent } from "./support/warehouse-content.ts";

const days = daysAroundSeptemberFreeze;
const people = [staff(1), staff(2)];

const ticket = (
  ticket_no: string,
  at: string,
  window_no: string,
  queue_login: string | undefined,
  outcome: string,
) => ({ ticket_no, issued_at: at, called_at: at, window_no, queue_login, outcome });

const caseRow = (
  case_id: string,
  kind: "即办件" | "承诺件",
  promised_days: number,
  accepted_at: string,
  completed_at: string | null,
  ticket_no?: string,
) => ({
  case_id,
  item: "营业执照变更",
  kind,
  promised_days,
  accepted_at,
  entered_at: accepted_at,
  completed_at,
  status: completed_at ? "办结" : "在办",
  platform_account: staff(1).platform_account,
  ticket_no,
});

const inbox = {
  roster: people,
  attendance: normalDays(people, days),
  "queue-events": people.flatMap((person) => days.flatMap((date) => queueDay(person, date))),
  queue: [
    ticket("T-SEP", "2026-09-30 10:00:00", "A01", "ck0001", "受理"),
    ticket("T-OCT", "2026-10-08 10:00:00", "A01", "ck0001", "受理"),
  ],
  evaluations: [
    // names only a September ticket: it follows the ticket's person (rules.md §13)
    { id: "E-OCT", at: "2026-10-08 09:00:00", level: "不满意", ticket_no: "T-SEP" },
  ],
  cases: [
    caseRow("C-SEP", "即办件", 0, "2026-09-30 10:05:00", "2026-09-30 10:30:00", "T-SEP"),
    // accepted in September, its deadline 10-09 passed in October with the case still open
    caseRow("C-OPEN", "承诺件", 3, "2026-09-29 10:00:00", null),
    // accepted in September with a deadline of 09-30, completed in October: overdue from 10-08
    caseRow("C-LATE", "承诺件", 1, "2026-09-29 11:00:00", "2026-10-12 16:00:00"),
    // a September case that references an October ticket: the ticket was entered
    caseRow("C-ODD", "即办件", 0, "2026-09-30 09:00:00", "2026-09-30 09:30:00", "T-OCT"),
  ],
};

// tickets of 09-30 arriving after September froze: window A02's goes to whoever was logged in there,
// and one at a window no one holds is quarantined, as a cold run decides them
const lateTickets: InboxRows = [
  ticket("T-SEP-LATE", "2026-09-30 11:00:00", "A02", undefined, "咨询"),
  ticket("T-SEP-STRAY", "2026-09-30 11:30:00", "A09", undefined, "咨询"),
];

/** Rows of a month in every published mart, and every ops row but the loads' and late arrivals' listings. */
async function published(out: string, month: string): Promise<Record<string, string[]>> {
  const content = await warehouseContent(outLayout(out).warehouse);
  return Object.fromEntries(
    Object.entries(content)
      .filter(
        ([table]) =>
          table !== "ops.late_arrivals" && table !== "ops.late_arrival_files" && table !== "ops.loads",
      )
      .map(([table, rows]) => [
        table,
        (table.startsWith("ops.") ? rows : rows.filter((row) => row.includes(`"month":"${month}"`))).map(
          // a cold run numbers the loads in another order
          (row) => row.replace(/"load_id":\d+,?/g, ""),
        ),
      ]),
  );
}

describe("a frozen month's records are not read again, and the open month publishes what a cold run does", () => {
  let root: string;
  const run = (name: string, asOf: string) =>
    runPipeline({ inbox: join(root, `${name}-inbox`), out: join(root, name), asOf, log: () => {} });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "frozen-reads-"));
    for (const name of ["nightly", "cold", "late", "late-cold"])
      await writeInbox(join(root, `${name}-inbox`), inbox);
    await writeInbox(join(root, "late-cold-inbox"), { queue: { "补传.csv": lateTickets } });
    for (const name of ["nightly", "late"]) {
      await run(name, "2026-10-13");
      await run(name, "2026-10-14");
    }
    await writeInbox(join(root, "late-inbox"), { queue: { "补传.csv": lateTickets } });
    for (const name of ["nightly", "cold", "late", "late-cold"]) await run(name, "2026-10-15");
  }, 600_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("follows a frozen month's ticket, keeps its open cases and the cases that name an open ticket", async () => {
    const warehouse = outLayout(join(root, "nightly")).warehouse;
    const months = await queryDuckDb(warehouse, "select month, is_frozen from marts.months order by month");
    expect(months).toEqual([
      { month: "2026-09", is_frozen: true },
      { month: "2026-10", is_frozen: false },
    ]);
    expect(await queryDuckDb(warehouse, "select evaluation_id, staff_id from marts.bad_evaluations")).toEqual(
      [{ evaluation_id: "E-OCT", staff_id: "S0001" }],
    );
    const october = await queryDuckDb<{ rule_code: string }>(
      warehouse,
      "select rule_code from marts.score_events where month = '2026-10'",
    );
    expect(october.filter((event) => event.rule_code === "CASE_NOT_ENTERED")).toEqual([]);
    const overdue = await queryDuckDb<{ event_ids: string }>(
      warehouse,
      "select event_ids::varchar as event_ids from marts.investigations where month = '2026-10' and trigger = 'R02'",
    );
    for (const id of ["C-OPEN", "C-LATE"])
      expect(
        overdue.some((investigation) => investigation.event_ids.includes(id)),
        `${id} 的逾期`,
      ).toBe(true);
    expect(
      differingTables(
        await published(join(root, "cold"), "2026-10"),
        await published(join(root, "nightly"), "2026-10"),
      ),
    ).toEqual([]);
  });

  it("reads a frozen month again when a row reached it after it froze, to decide that row as before", async () => {
    const late = outLayout(join(root, "late")).warehouse;
    const lateArrivals = await queryDuckDb(late, "select source, line from ops.late_arrivals order by line");
    expect(lateArrivals).toEqual([
      { source: "queue", line: 2 },
      { source: "queue", line: 3 },
    ]);
    expect(await quarantined({ query: (sql, params) => queryDuckDb(late, sql, params) })).toEqual([
      "queue queue/补传.csv:3 窗口不在名册：窗口号 A09",
    ]);
    expect(
      differingTables(
        await published(join(root, "late-cold"), "2026-10"),
        await published(join(root, "late"), "2026-10"),
      ),
    ).toEqual([]);
  });
});
