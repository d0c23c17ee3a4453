/**
 * The marts of a warehouse as comparable text: every row of every public table of schema marts,
 * with the evidence that says where a row sat in the inbox (`path:line`, or a file) replaced by a mark, since
 * a neutral change (a file in another format or order) moves rows without changing any result.
 */
import { warehouseContent } from "../support/warehouse-content.ts";

export type MartContent = Record<string, string[]>;

// `path:line`, or a bare `path` where the evidence is a whole file (the day's export that lacks a
// punch); a list of them (`a.csv、b.csv`) is one mark, since a neutral copy can add a file to it
const EVIDENCE =
  /[^\s"'：:，,、（）()]+\.(?:csv|txt|xlsx|dat)(?::\d+)?(?:、[^\s"'：:，,、（）()]+\.(?:csv|txt|xlsx|dat)(?::\d+)?)*/g;

/** A row with its evidence (where its source rows sat in the inbox) replaced by one mark. */
export const maskEvidence = (row: string): string => row.replace(EVIDENCE, "〈证据〉");

export async function martContent(warehouse: string): Promise<MartContent> {
  const content: MartContent = {};
  for (const [table, rows] of Object.entries(await warehouseContent(warehouse))) {
    if (table.startsWith("marts.")) content[table] = rows.map(maskEvidence).sort();
  }
  return content;
}

const shorten = (row: string): string => (row.length > 240 ? `${row.slice(0, 240)}…` : row);

/** Tables in the order a reader looks for the cause: score events first, then what they add up to. */
const FIRST = ["marts.score_events", "marts.attendance_sessions", "marts.staff_month"];

/** The tables whose rows differ, with one row each way. */
export function compareMarts(expected: MartContent, actual: MartContent): string[] {
  const problems: string[] = [];
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort(
    (a, b) => (FIRST.indexOf(a) + 1 || 99) - (FIRST.indexOf(b) + 1 || 99) || (a < b ? -1 : 1),
  );
  for (const table of tables) {
    const before = expected[table] ?? [];
    const after = actual[table] ?? [];
    const missing = before.filter((row) => !after.includes(row));
    const extra = after.filter((row) => !before.includes(row));
    if (missing.length === 0 && extra.length === 0) continue;
    problems.push(
      `(f) ${table} 与未改动的同一大厅不同：缺 ${missing.length} 行${missing[0] ? ` ${shorten(missing[0])}` : ""}；多 ${extra.length} 行${extra[0] ? ` ${shorten(extra[0])}` : ""}`,
    );
  }
  return problems;
}
