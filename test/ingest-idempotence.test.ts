/**
 * data-contract §1: a file whose content was already loaded is skipped, even under a new name;
 * identical rows change nothing; running the same inbox twice publishes the same tables.
 */
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { outLayout } from "../pipeline/run.ts";
import { type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { everySource, rosterHeader, rosterRows } from "./support/staff.ts";
import { warehouseContent } from "./support/warehouse-content.ts";

async function everySourceHall(): Promise<FileInbox> {
  const inbox = await fileInbox();
  for (const [path, table] of Object.entries(everySource)) await inbox.write(path, textFile(table));
  await inbox.run();
  return inbox;
}

const published = (inbox: FileInbox) => warehouseContent(outLayout(inbox.out).warehouse);

describe("idempotence", () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("running the same inbox twice publishes identical tables in marts and ops", async () => {
    inbox = await everySourceHall();
    const first = await published(inbox);
    expect(first["marts.attendance_sessions"]!.length).toBeGreaterThan(0);
    const { lines } = await inbox.run();
    expect(await published(inbox)).toEqual(first);
    expect(lines.join("\n")).toContain("新加载 0 个，内容重复跳过 0 个，已加载过 13 个");
  });

  it("skips the same bytes under a new name, records it as a duplicate, and changes nothing else", async () => {
    inbox = await everySourceHall();
    const before = await published(inbox);
    await copyFile(join(inbox.inbox, "attendance/考勤.csv"), join(inbox.inbox, "attendance/考勤-副本.csv"));
    await copyFile(join(inbox.inbox, "leave/请假.csv"), join(inbox.inbox, "leave/请假（重新导出）.csv"));
    const { lines } = await inbox.run();
    expect(lines.join("\n")).toContain("内容重复跳过 2 个");
    const after = await published(inbox);
    expect(
      await inbox.query(
        "select path, status, reason, rows, quarantined from ops.loads where status <> '已加载' order by path",
      ),
    ).toEqual([
      {
        path: "attendance/考勤-副本.csv",
        status: "内容重复",
        reason: "内容与已加载的 attendance/考勤.csv 相同，跳过",
        rows: 0,
        quarantined: 0,
      },
      {
        path: "leave/请假（重新导出）.csv",
        status: "内容重复",
        reason: "内容与已加载的 leave/请假.csv 相同，跳过",
        rows: 0,
        quarantined: 0,
      },
    ]);
    expect({ ...after, "ops.loads": after["ops.loads"]!.filter((row) => !row.includes("内容重复")) }).toEqual(
      before,
    );
  });

  it("a register re-exported whole with identical rows in another order changes no mart", async () => {
    inbox = await everySourceHall();
    const before = await published(inbox);
    await inbox.write(
      "roster/名册-再导出.csv",
      textFile([rosterHeader, ...[...rosterRows].reverse()], { encoding: "gbk" }),
    );
    await inbox.run();
    const after = await published(inbox);
    const marts = (content: typeof before) =>
      Object.fromEntries(Object.entries(content).filter(([table]) => table.startsWith("marts.")));
    expect(marts(after)).toEqual(marts(before));
    expect(await inbox.query("select count(*)::integer as n from ops.quarantine")).toEqual([{ n: 0 }]);
  });
});
