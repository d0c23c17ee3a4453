/**
 * data-contract §1: the inbox holds one folder per source (and, with many halls, the register and
 * one folder per hall). Anything else is reported as 未识别的收件箱条目 and not read, except a
 * README file at the root, which describes the inbox (the sample ships one).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listInbox } from "../pipeline/ingest/ingest.ts";

let inbox: string | undefined;
afterEach(async () => {
  if (inbox) await rm(inbox, { recursive: true, force: true });
  inbox = undefined;
});

async function inboxWith(paths: string[]): Promise<string> {
  inbox = await mkdtemp(join(tmpdir(), "inbox-listing-"));
  for (const path of paths) {
    if (path.endsWith("/")) await mkdir(join(inbox, path), { recursive: true });
    else {
      await mkdir(dirname(join(inbox, path)), { recursive: true });
      await writeFile(join(inbox, path), "");
    }
  }
  return inbox;
}

describe("listing the inbox", () => {
  it("reads one hall's source folders and reports what belongs to none, but not a README at the root", async () => {
    const listed = await listInbox(
      await inboxWith([
        "README.md",
        "readme.txt",
        ".DS_Store",
        "attendance/2026-09-01.csv",
        "考勤.csv",
        "README/",
        "备份/roster.csv",
      ]),
      "SXX",
    );
    expect(listed.files.map((file) => [file.path, file.source.folder, file.hallCode])).toEqual([
      ["attendance/2026-09-01.csv", "attendance", "SXX"],
    ]);
    expect(listed.strays.sort()).toEqual(["README", "备份", "考勤.csv"]);
  });

  it("with many halls, still reports a README inside a hall folder", async () => {
    const listed = await listInbox(
      await inboxWith([
        "README.md",
        "halls/大厅名册.csv",
        "SXX/roster/roster.csv",
        "SXX/README.md",
        "SXX/说明.txt",
      ]),
      "SXX",
    );
    expect(listed.manyHalls).toBe(true);
    expect(listed.files.map((file) => file.path)).toEqual(["SXX/roster/roster.csv", "halls/大厅名册.csv"]);
    expect(listed.strays.sort()).toEqual(["SXX/README.md", "SXX/说明.txt"]);
  });
});
