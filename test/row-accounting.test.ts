/**
 * Issue 11, row accounting: every data row of every file is exactly one of used, superseded by a
 * later version of its key, quarantined with a reason, or in a duplicate file; ops.loads publishes
 * the four counts per file and the run holds rows = used + superseded + quarantined + duplicate
 * (sql/tests/rows_accounted_once.sql), naming the file when it does not.
 */
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../pipeline/db.ts";
import { loadChecks } from "../pipeline/transform/models.ts";
import { InvariantError, runChecks } from "../pipeline/transform/run-models.ts";
import { type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { roster } from "./support/staff.ts";

const header = ["流水号", "取号时间", "办结时间", "窗口号", "工作人员账号", "办理结果"];

describe("row accounting", () => {
  let inbox: FileInbox;
  beforeAll(async () => {
    inbox = await fileInbox();
    await inbox.write("roster/名册.csv", textFile(roster));
    await inbox.write(
      "queue/a-流水.csv",
      textFile([
        header,
        ["T001", "2026-10-13 09:00", "2026-10-13 09:20", "A01", "ck0001", "受理"], // replaced by b (changed)
        ["T002", "2026-10-13 09:10", "", "A01", "ck0001", "咨询"], // replaced by b (identical)
        ["T003", "2026-10-13 09:20", "", "A01", "ck0001", "办好了"], // outcome not in the list
        ["T004", "2026-10-13 09:30", "", "A01", "ck0001", "受理", "多一格"], // a cell too many
      ]),
    );
    await inbox.write(
      "queue/b-流水（重新导出）.csv",
      textFile([
        header,
        ["T001", "2026-10-13 09:00", "2026-10-13 09:45", "A01", "ck0001", "受理"],
        ["T002", "2026-10-13 09:10", "", "A01", "ck0001", "咨询"],
        ["T005", "2026-10-13 09:40", "", "Z99", "", "受理"], // a window the roster does not know
      ]),
    );
    // a later version that cannot be read replaces nothing: b's T002 stays the one in use
    await inbox.write(
      "queue/c-流水（补充）.csv",
      textFile([header, ["T002", "昨天", "", "A01", "ck0001", "咨询"]]),
    );
    await copyFile(join(inbox.inbox, "queue/a-流水.csv"), join(inbox.inbox, "queue/d-流水（副本）.csv"));
    await inbox.run();
  });
  afterAll(() => inbox?.cleanup());

  it("counts each file's rows as used, superseded, quarantined or duplicate, and they add up", async () => {
    const loads = await inbox.query(
      `select path, status, rows, used, superseded, quarantined, duplicate from ops.loads
       where source = 'queue' order by path`,
    );
    expect(loads.map((load) => Object.values(load))).toEqual([
      // path, status, rows, used, superseded, quarantined, duplicate
      ["queue/a-流水.csv", "已加载", 4, 0, 2, 2, 0],
      ["queue/b-流水（重新导出）.csv", "已加载", 3, 2, 0, 1, 0],
      ["queue/c-流水（补充）.csv", "已加载", 1, 0, 0, 1, 0],
      ["queue/d-流水（副本）.csv", "内容重复", 4, 0, 0, 0, 4],
    ]);
  });

  it("lists in the quarantine exactly the rows it counts as quarantined", async () => {
    expect(
      await inbox.query("select path, line from ops.quarantine where source = 'queue' order by path, line"),
    ).toEqual([
      { path: "queue/a-流水.csv", line: 4 },
      { path: "queue/a-流水.csv", line: 5 },
      { path: "queue/b-流水（重新导出）.csv", line: 4 },
      { path: "queue/c-流水（补充）.csv", line: 2 },
    ]);
  });

  it("stops the run with a message that names the file whose rows do not add up", async () => {
    const db = await Db.open(":memory:");
    try {
      await db.run(`
        create schema ops;
        create table ops.loads as
        select 'queue/a-流水.csv' as path, 5 as rows, 2 as used, 1 as superseded, 1 as quarantined, 0 as duplicate
        union all select 'queue/b.csv', 3, 3, 0, 0, 0`);
      const checks = (await loadChecks()).filter((check) => check.name === "rows_accounted_once");
      expect(checks).toHaveLength(1);
      const failure = await runChecks(db, checks).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(InvariantError);
      expect((failure as Error).message).toBe(
        "数据校验失败：每个文件的每个数据行恰好计入一类：采用、被替换、隔离或内容重复（行数 = 四者之和）" +
          "（1 行，见 rows_accounted_once）；例如 (problem) = (queue/a-流水.csv：5 行 ≠ 采用 2 + 被替换 1 + 隔离 1 + 内容重复 0)，未找到来源行",
      );
    } finally {
      db.close();
    }
  });
});
