/**
 * data-contract §2: `npm run pipeline -- --inbox DIR --out DIR …` exits 0 with a Chinese summary
 * when it published (also with quarantined rows); non-zero with a one-line Chinese reason when
 * it could not.
 */
import { copyFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { outLayout } from "../pipeline/out-layout.ts";
import { runCli } from "./support/cli.ts";
import { defaultAsOf, type FileInbox, fileInbox, textFile } from "./support/inbox.ts";
import { everySource } from "./support/staff.ts";

describe("the command", () => {
  let inbox: FileInbox;
  afterEach(() => inbox?.cleanup());

  // the command builds the workbooks and the site too, which takes a while on a busy machine
  it("exits 0, also with a rejected file, and prints files loaded, skipped and rejected, rows read and quarantined rows by reason, in Chinese", {
    timeout: 120_000,
  }, async () => {
    inbox = await fileInbox();
    for (const [path, table] of Object.entries(everySource)) await inbox.write(path, textFile(table));
    await copyFile(join(inbox.inbox, "leave/请假.csv"), join(inbox.inbox, "leave/请假-副本.csv"));
    await inbox.write(
      "commendations/表扬-补充.csv",
      textFile([
        ["编号", "日期", "工号", "类型", "是否核定"],
        ["M002", "2026-10-14", "S0001", "锦旗", "待定"],
        ["M003", "2026-10-14", "S0404", "锦旗", "是"],
      ]),
    );
    await inbox.write("queue/说明.csv", textFile([["本目录存放叫号系统导出文件"]]));
    const result = await runCli(["--inbox", inbox.inbox, "--out", inbox.out, "--as-of", defaultAsOf]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines).toContain(`【运行结果】基准日期 ${defaultAsOf}`);
    expect(result.stdout).toContain(
      "文件：新加载 14 个，内容重复跳过 1 个，已加载过 0 个，拒收 1 个；新读入 30 行",
    );
    expect(lines).toContain("  拒收 queue/说明.csv：前 10 行中找不到叫号系统办件流水的表头（如 流水号）");
    expect(lines).toContain("隔离行（累计）：3 行，按原因：");
    expect(lines).toContain("  文件无法使用 1 行");
    expect(lines).toContain("  取值不在列表中 1 行");
    expect(lines).toContain("  人员不在名册 1 行");
    expect(result.stdout).toContain(outLayout(inbox.out).warehouse.split("/").slice(-2).join("/"));
    expect(await stat(outLayout(inbox.out).warehouse)).toBeTruthy();
  });

  it("never exits 0 while the run is still pending: when nothing is left to wait for, one Chinese line and a non-zero status", async () => {
    inbox = await fileInbox();
    await inbox.write("roster/名册.csv", textFile(everySource["roster/名册.csv"]!));
    const result = await runCli(
      ["--inbox", inbox.inbox, "--out", inbox.out, "--as-of", defaultAsOf],
      "test/support/never-settling-readdir.mjs",
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      "运行失败，上次发布的结果保持不变：运行中途停止，既未完成也未报错（内部错误，请联系维护人员）",
    ]);
    expect(
      await stat(outLayout(inbox.out).warehouse).then(
        () => "published",
        () => "absent",
      ),
    ).toBe("absent");
  });

  it("exits non-zero with one Chinese line naming a missing inbox directory, publishing nothing", async () => {
    inbox = await fileInbox();
    const missing = join(inbox.root, "没有这个收件箱");
    const result = await runCli(["--inbox", missing, "--out", inbox.out, "--as-of", defaultAsOf]);
    expect(result.code).not.toBe(0);
    const message = result.stderr.trim();
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(/^[\u4e00-\u9fff]/);
    expect(message).toContain(missing);
    expect(
      await stat(outLayout(inbox.out).warehouse).then(
        () => "published",
        () => "absent",
      ),
    ).toBe("absent");
  });
});
