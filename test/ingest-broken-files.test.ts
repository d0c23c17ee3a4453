/**
 * data-contract §1 (rev 2): no content of any file can stop a run. An unreadable file is rejected
 * whole with a Chinese reason; every other file still loads. Ingest only (no rules, site or
 * workbook): what each file became is all these tests look at.
 */
import { describe, expect, it } from "vitest";
import { textFile, xlsxFile } from "./support/inbox.ts";
import { ingestOnly } from "./support/ingest-only.ts";
import { roster } from "./support/staff.ts";

const punches = (count: number) => [
  ["考勤号码", "日期时间"],
  ...Array.from({ length: count }, (_, index) => [
    "1001",
    `2026-10-13 08:${String(index % 60).padStart(2, "0")}:${String(Math.floor(index / 60) % 60).padStart(2, "0")}`,
  ]),
];

const statusOf = (files: { path: string; status: string; reason?: string }[]) =>
  files.map(({ path, status, reason }) => ({ path, status, ...(reason ? { reason } : {}) }));

describe("ingest: an xlsx that is not a whole workbook", () => {
  it("rejects a truncated xlsx whole and loads the other files (exceljs never settled on it: the run ended with nothing published)", async () => {
    // large enough that exceljs was streaming the worksheet when the bytes ran out
    const workbook = await xlsxFile(punches(14_000));
    const { files } = await ingestOnly({
      "attendance/打卡.xlsx": workbook.subarray(0, Math.floor(workbook.length * 0.8)),
      "roster/名册.csv": textFile(roster),
    });
    expect(statusOf(files)).toEqual([
      {
        path: "attendance/打卡.xlsx",
        status: "rejected",
        reason:
          "xlsx 文件不完整（末尾缺少压缩包目录），可能在复制、下载或导出时被截断：请重新导出或重新复制该文件",
      },
      { path: "roster/名册.csv", status: "loaded" },
    ]);
  });
});
