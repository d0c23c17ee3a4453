/**
 * `npm run pipeline -- rollback --out DIR [--to VERSION]`: the operator switches the publication
 * back to a kept version in one step, and is told in Chinese what it switched from and to, and
 * what the next run will do. Only the publication moves; the next run publishes anew from the
 * private state, carrying frozen months from the newest version.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLock } from "../pipeline/lock.ts";
import { outLayout } from "../pipeline/out-layout.ts";
import { listVersions } from "../pipeline/publish/versions.ts";
import { runCli } from "./support/cli.ts";
import { type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { publicationSnapshot, stamped, versionSnapshot, versionsReached } from "./support/publication.ts";
import { punchesOn, roster } from "./support/staff.ts";

const published = /发布于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.source;

// several runs each; generous for a machine shared with others
describe("rollback", { timeout: 240_000 }, () => {
  let inbox: FileInbox;
  const rollback = (...args: string[]) => runCli(["rollback", "--out", inbox.out, ...args]);
  const september = () => readFile(join(inbox.out, "reports", "2026-09", "考核汇总.xlsx"), "utf8");

  beforeAll(async () => {
    inbox = await fileInbox();
    await inbox.write("roster/名册.csv", textFile(roster));
    await inbox.write("attendance/0915.csv", punchesOn("2026-09-15"));
    await inbox.write("attendance/1009.csv", punchesOn("2026-10-09"));
    // 10-10: September under 公示; 10-20: past its appeal window, 确认 and frozen; 10-21: carried over
    for (const asOf of ["2026-10-10", "2026-10-20", "2026-10-21"])
      await inbox.run({ asOf, publishers: [stamped(asOf)] });
  }, 480_000);
  afterAll(() => inbox?.cleanup());

  it("switches every stable path back to the version before, whole, and says from which version to which", async () => {
    const result = await rollback();
    expect(result.code, result.stderr).toBe(0);
    const out = inbox.out;
    expect(result.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(
          `^已回滚：发布内容从版本 000003（基准日期 2026-10-21，${published}）切换到版本 000002（基准日期 2026-10-20，${published}）。$`,
        ),
      ),
      `${join(out, "reports")}、${join(out, "site")}、${join(out, "warehouse.duckdb")} 现在都是版本 000002 的内容，路径不变。`,
      "保留的版本：000001、000002、000003（当前 000002）。",
      "注意：回滚只切换发布的内容，不改变私有状态（已读入的数据、已冻结的月份）。下一次运行照常读取收件箱，" +
        "从私有状态重新计算并发布新版本 000004，回滚随之结束。如果回滚是因为收件箱里的数据有误，请在下一次运行前放入更正后的导出文件，" +
        "或先暂停夜间任务；如果是已确认冻结月份的结果有误，请用 --reopen YYYY-MM 重算该月。",
    ]);
    expect(await versionsReached(out)).toEqual(["000002"]);
    expect(await publicationSnapshot(out)).toEqual(await versionSnapshot(out, "000002"));
    expect(await readFile(join(out, "site", "index.html"), "utf8")).toBe("<p>2026-10-20</p>");
  });

  it("steps back once more, and with no earlier version kept refuses in one Chinese line, changing nothing", async () => {
    expect((await rollback()).code).toBe(0);
    expect(await versionsReached(inbox.out)).toEqual(["000001"]);
    const before = await publicationSnapshot(inbox.out);
    const refused = await rollback();
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      "回滚未执行，当前发布的结果保持不变：当前版本 000001 之前没有保留的版本可以回滚（保留的版本：000001、000002、000003）",
    );
    expect(await publicationSnapshot(inbox.out)).toEqual(before);
  });

  it("is refused while a run holds the --out", async () => {
    const release = await acquireLock(outLayout(inbox.out).lock);
    try {
      const refused = await rollback("--to", "3");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`另一个运行（进程 ${process.pid}，.*）正在使用此输出目录`));
      expect(await versionsReached(inbox.out)).toEqual(["000001"]);
    } finally {
      await release();
    }
  });

  it("with --to, switches to any kept version, forward too; a version not kept is refused", async () => {
    expect((await rollback("--to", "3")).code).toBe(0);
    expect(await versionsReached(inbox.out)).toEqual(["000003"]);
    expect((await rollback("--to", "9")).stderr.trim()).toBe(
      "回滚未执行，当前发布的结果保持不变：没有保留版本 000009（保留的版本：000001、000002、000003）",
    );
  });

  it("ends with the next run, which publishes anew: open months recomputed, frozen ones carried from the newest version", async () => {
    expect((await rollback("--to", "1")).code).toBe(0);
    expect(await september()).toBe("2026-10-10 2026-09");
    await inbox.run({ asOf: "2026-10-22", publishers: [stamped("2026-10-22")] });
    expect(await versionsReached(inbox.out)).toEqual(["000004"]);
    // September froze in the run of 10-20: its final report, not the 公示 one of version 000001
    expect(await september()).toBe("2026-10-20 2026-09");
    const inode = (version: string) =>
      stat(join(inbox.out, "versions", version, "reports", "2026-09", "考核汇总.xlsx")).then(
        (info) => info.ino,
      );
    expect(await inode("000004")).toBe(await inode("000003"));
    expect(await readFile(join(inbox.out, "reports", "2026-10", "考核汇总.xlsx"), "utf8")).toBe(
      "2026-10-22 2026-10",
    );
    expect(await listVersions(outLayout(inbox.out))).toEqual(["000002", "000003", "000004"]);
  });
});

describe("rollback of an --out that has published nothing", () => {
  it("is refused in one Chinese line and creates nothing", async () => {
    const root = await mkdtemp(join(tmpdir(), "rollback-"));
    try {
      const out = join(root, "没有发布");
      const refused = await runCli(["rollback", "--out", out]);
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim()).toBe(
        `回滚未执行，当前发布的结果保持不变：输出目录 ${out} 中还没有发布过任何结果，无法回滚`,
      );
      expect(await stat(out).catch(() => "absent")).toBe("absent");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
