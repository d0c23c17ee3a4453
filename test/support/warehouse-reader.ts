/**
 * An analyst's session in its own process: opens the warehouse once and keeps it open, answering
 * each SQL line on stdin with one JSON line on stdout. READ_ONLY, as README tells analysts, unless
 * the second argument is `read-write` (an analyst who forgot `-readonly`).
 * Run with `node --import tsx test/support/warehouse-reader.ts PATH [read-write]`.
 */
import { createInterface } from "node:readline";
import { Db } from "../../pipeline/db.ts";

const db = await Db.open(process.argv[2]!, { readOnly: process.argv[3] !== "read-write" });
console.log(JSON.stringify({ ready: true }));
for await (const sql of createInterface({ input: process.stdin })) {
  const rows = await db.all(sql);
  console.log(JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? Number(value) : value)));
}
db.close();
