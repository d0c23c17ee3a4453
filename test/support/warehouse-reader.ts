/**
 * An analyst's session in its own process: opens the warehouse READ_ONLY once and keeps it open,
 * answering each SQL line on stdin with one JSON line on stdout. Run with `node --import tsx`.
 */
import { createInterface } from "node:readline";
import { Db } from "../../pipeline/db.ts";

const db = await Db.open(process.argv[2]!, { readOnly: true });
console.log(JSON.stringify({ ready: true }));
for await (const sql of createInterface({ input: process.stdin })) {
  const rows = await db.all(sql);
  console.log(JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? Number(value) : value)));
}
db.close();
