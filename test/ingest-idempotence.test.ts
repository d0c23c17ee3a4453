/**
 * data-contract §1: a file whose content was already loaded is skipped, even under a new name;
 * identical rows change nothing; running the same inbox twice publishes the same tables.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Db } from "../pipeline/db.ts";
import { ingestInbox } from "../pipeline/ingest/ingest.ts";
import { createIngestTables } from "../pipeline/ingest/raw-tables.ts";
import { outLayout } from "../pipeline/out-layout.ts";
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
        rows: 14,
        quarantined: 0,
      },
      {
        path: "leave/请假（重新导出）.csv",
        status: "内容重复",
        reason: "内容与已加载的 leave/请假.csv 相同，跳过",
        rows: 1,
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

describe("files unchanged since they were read", () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  it("are not read again while their size and modification time stay, and are when either changes", async () => {
    inbox = await everySourceHall();
    const before = await published(inbox);
    const leave = join(inbox.inbox, "leave/请假.csv");
    // a whole second, which the file system keeps exactly; the run records it (read again, same content)
    const second = new Date("2026-10-15T01:00:00Z");
    await utimes(leave, second, second);
    await inbox.run();
    // the same number of bytes, different content, the recorded modification time: not read
    const bytes = await readFile(leave);
    await writeFile(leave, Buffer.from(bytes.toString("latin1").replace("08:30", "08:31"), "latin1"));
    expect(await readFile(leave)).not.toEqual(bytes);
    expect((await stat(leave)).size).toBe(bytes.length);
    await utimes(leave, second, second);
    let { lines } = await inbox.run();
    expect(lines.join("\n")).toContain("新加载 0 个，内容重复跳过 0 个，已加载过 13 个");
    expect(await published(inbox)).toEqual(before);
    // touched: read again, and loaded because its content changed
    await utimes(leave, new Date(), new Date());
    ({ lines } = await inbox.run());
    expect(lines.join("\n")).toContain("新加载 1 个");
  });

  it("are hashed once more when only touched, and recognised as loaded", async () => {
    inbox = await everySourceHall();
    const roster = join(inbox.inbox, "roster/名册.csv");
    await utimes(roster, new Date(), new Date(Date.now() + 60_000));
    const { lines } = await inbox.run();
    expect(lines.join("\n")).toContain("新加载 0 个，内容重复跳过 0 个，已加载过 13 个");
    const recorded = await inbox.queryState<{ modified_ms: number }>(
      "select modified_ms from ingest.files where path = 'roster/名册.csv'",
    );
    expect(recorded).toEqual([{ modified_ms: (await stat(roster)).mtimeMs }]);
  });
});

describe("ingestInbox reading ahead", () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("decodes GBK ahead of loading, skips a same-run copy, and leaves no decoded copy behind", async () => {
    root = await mkdtemp(join(tmpdir(), "read-ahead-"));
    const inbox = join(root, "inbox");
    const scratch = join(root, "decoded");
    const attendance = textFile(
      [
        ["考勤号码", "姓名", "日期时间"],
        ["1001", "张三", "2026-10-09 08:35:00"],
      ],
      { encoding: "gbk" },
    );
    await mkdir(join(inbox, "attendance"), { recursive: true });
    await mkdir(join(inbox, "roster"), { recursive: true });
    await writeFile(
      join(inbox, "roster/名册.csv"),
      textFile([rosterHeader, ...rosterRows], { encoding: "gbk" }),
    );
    await writeFile(join(inbox, "attendance/a.csv"), attendance);
    await writeFile(join(inbox, "attendance/b-副本.csv"), attendance);
    // GBK without the columns attendance needs: decoded, then rejected
    await writeFile(
      join(inbox, "attendance/c.csv"),
      textFile(
        [
          ["工号", "备注"],
          ["1001", "无"],
        ],
        { encoding: "gbk" },
      ),
    );
    const db = await Db.open(":memory:");
    try {
      await createIngestTables(db);
      const first = await ingestInbox(db, inbox, scratch, "main");
      expect(first.files.map(({ path, status, rows }) => ({ path, status, rows }))).toEqual([
        { path: "attendance/a.csv", status: "loaded", rows: 1 },
        { path: "attendance/b-副本.csv", status: "duplicate", rows: 0 },
        { path: "attendance/c.csv", status: "rejected", rows: 0 },
        { path: "roster/名册.csv", status: "loaded", rows: rosterRows.length },
      ]);
      expect(await readdir(scratch)).toEqual([]);
      expect(await db.all("select attendance_no as no from raw.attendance")).toEqual([{ no: "1001" }]);
      // touched, same content: recognised by its hash, not loaded again
      await utimes(join(inbox, "attendance/a.csv"), new Date(), new Date(Date.now() + 60_000));
      const second = await ingestInbox(db, inbox, scratch, "main");
      expect(second.files.map((file) => file.status)).toEqual([
        "unchanged",
        "unchanged",
        "unchanged",
        "unchanged",
      ]);
      expect(await readdir(scratch)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
