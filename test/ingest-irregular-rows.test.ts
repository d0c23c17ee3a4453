/**
 * data-contract §1: a row that cannot be read is quarantined with its file, its physical line and
 * a Chinese reason; the other rows of the file load with their own exact lines. Ingest only: the
 * raw rows and the rows ingest rejected are what these tests look at.
 */
import { describe, expect, it } from "vitest";
import { type Ingested, ingestOnly } from "./support/ingest-only.ts";

/** Each loaded row as [line, 考勤号码, 日期时间], and each rejected row as [line, reason]. */
async function readBack(
  path: string,
  bytes: Buffer | string,
): Promise<{ rows: unknown[]; rejects: unknown[] }> {
  const ingested: Ingested = await ingestOnly({ [path]: bytes });
  expect(ingested.files.map((file) => file.status)).toEqual(["loaded"]);
  return {
    rows: (ingested.rows.get(path) ?? []).map((row) => [
      row.line,
      row.cells.attendance_no,
      row.cells.punched_at,
    ]),
    rejects: ingested.rejects.map((reject) => [reject.line, reject.reason]),
  };
}

describe("ingest: rows cut short or broken in the middle", () => {
  it("quarantines a last row cut in the middle of a cell", async () => {
    expect(
      await readBack("attendance/a.csv", "考勤号码,日期时间,机器号\n1001,2026-10-13 08:25,1\n1001,2026-10-1"),
    ).toEqual({
      rows: [[2, "1001", "2026-10-13 08:25"]],
      rejects: [[3, "列数与表头不符：应为 3 列，实为 2 列"]],
    });
  });

  it("quarantines a last row cut inside a quoted cell, naming the unclosed quote", async () => {
    expect(
      await readBack(
        "attendance/a.csv",
        '考勤号码,日期时间,姓名\n1001,2026-10-13 08:25,张三\n1001,2026-10-13 12:00,"张',
      ),
    ).toEqual({
      rows: [[2, "1001", "2026-10-13 08:25"]],
      rejects: [
        [3, "引号未闭合：第 3 行的引号直到文件末尾都没有闭合（文件可能被截断，或这一格多了一个引号）"],
      ],
    });
  });

  it("costs one line for a stray quote: the rows after it load with their own lines", async () => {
    const text =
      '考勤号码,姓名,日期时间\n1001,"张三,2026-10-13 08:25\n1002,李四,2026-10-13 08:26\r\n1003,王五,2026-10-13 08:27\n';
    expect(await readBack("attendance/a.csv", text)).toEqual({
      rows: [
        [3, "1002", "2026-10-13 08:26"],
        [4, "1003", "2026-10-13 08:27"],
      ],
      rejects: [
        [2, "引号未闭合：第 2 行的引号直到文件末尾都没有闭合（文件可能被截断，或这一格多了一个引号）"],
      ],
    });
  });

  it("names the lines a record spans when a quote swallowed a line break and the cell count is wrong", async () => {
    const text =
      '考勤号码,姓名,日期时间\n1001,"张三,2026-10-13 08:25\n1002,李"四,2026-10-13 08:26,1\n1003,王五,2026-10-13 08:27\n';
    expect(await readBack("attendance/a.csv", text)).toEqual({
      rows: [[4, "1003", "2026-10-13 08:27"]],
      rejects: [[2, "列数与表头不符：应为 3 列，实为 4 列（第 2–3 行，可能有未配对的引号）"]],
    });
  });

  it("quarantines a line of NUL bytes (a file system's zero fill after a crash)", async () => {
    expect(
      await readBack(
        "attendance/a.csv",
        "考勤号码,日期时间\n1001,2026-10-13 08:25\n\0\0\0\0\0\0\0\0\n1001,2026-10-13 12:00\n",
      ),
    ).toEqual({
      rows: [
        [2, "1001", "2026-10-13 08:25"],
        [4, "1001", "2026-10-13 12:00"],
      ],
      rejects: [[3, "含有空字符（NUL），文件可能已损坏"]],
    });
  });

  it("quarantines a line longer than any row without holding it whole", async () => {
    const text = Buffer.concat([
      Buffer.from("考勤号码,日期时间\n1001,2026-10-13 08:25\n"),
      Buffer.alloc(3 << 20, "a"),
      Buffer.from("\n1001,2026-10-13 12:00\n"),
    ]);
    const ingested = await ingestOnly({ "attendance/a.csv": text });
    expect(ingested.rows.get("attendance/a.csv")!.map((row) => row.line)).toEqual([2, 4]);
    expect(ingested.rejects).toEqual([
      {
        path: "attendance/a.csv",
        line: 3,
        reason: "这一行超过 1 MB，不是数据行",
        raw: `${"a".repeat(1000)}…`,
      },
    ]);
  });

  it("quarantines a row that repeats the header (an export with a header on every page)", async () => {
    expect(
      await readBack(
        "attendance/a.csv",
        "考勤号码,日期时间\n1001,2026-10-13 08:25\n考勤号码,日期时间\n1001,2026-10-13 12:00\n",
      ),
    ).toEqual({
      rows: [
        [2, "1001", "2026-10-13 08:25"],
        [4, "1001", "2026-10-13 12:00"],
      ],
      rejects: [[3, "表头重复出现：这一行与表头相同"]],
    });
  });
});

describe("ingest: line endings", () => {
  const rows = [
    [2, "1001", "2026-10-13 08:25"],
    [3, "1001", "2026-10-13 12:00"],
  ];

  it("reads CRLF, LF and old-Mac CR line endings alike", async () => {
    for (const eol of ["\r\n", "\n", "\r"]) {
      const text = ["考勤号码,日期时间", "1001,2026-10-13 08:25", "1001,2026-10-13 12:00", ""].join(eol);
      expect(await readBack("attendance/a.csv", text), JSON.stringify(eol)).toEqual({ rows, rejects: [] });
    }
  });

  it("keeps line numbers exact after a quoted CRLF inside a cell", async () => {
    const text =
      '考勤号码,姓名,日期时间\r\n1001,"张\r\n三",2026-10-13 08:25\r\n1002,李四,2026-10-13 08:26\r\n1003,王五,x,y\r\n';
    expect(await readBack("attendance/a.csv", text)).toEqual({
      rows: [
        [2, "1001", "2026-10-13 08:25"],
        [4, "1002", "2026-10-13 08:26"],
      ],
      rejects: [[5, "列数与表头不符：应为 3 列，实为 4 列"]],
    });
  });

  it("reads a file whose lines end in CRLF and LF mixed, or hold a carriage return inside a line (DuckDB's reader stopped the run on both)", async () => {
    const text =
      "考勤号码,日期时间\n1001,2026-10-13 08:25\r\n1001,2026-10-13 12:00\n1001,2026-10\r-13 14:00\n1001,2026-10-13 17:00\n";
    expect(await readBack("attendance/a.csv", text)).toEqual({
      rows: [
        [2, "1001", "2026-10-13 08:25"],
        [3, "1001", "2026-10-13 12:00"],
        [4, "1001", "2026-10\r-13 14:00"],
        [5, "1001", "2026-10-13 17:00"],
      ],
      rejects: [],
    });
  });
});

describe("ingest: the device log (.dat)", () => {
  it("loads lines with an id and a time, and quarantines garbage and short lines with their lines", async () => {
    const log = [
      "1001\t2026-10-13 08:25:00\t1\t0\t1\t0",
      "@@@@",
      "",
      "xx\tyy",
      "1001",
      "1001\t2026-10-13 17:25:00\t1",
      "",
    ].join("\r\n");
    expect(await readBack("attendance/AGL001.dat", log)).toEqual({
      rows: [
        [1, "1001", "2026-10-13 08:25:00"],
        [4, "xx", "yy"],
        [6, "1001", "2026-10-13 17:25:00"],
      ],
      rejects: [
        [2, "列数不足：设备日志每行至少应有考勤号码和时间 2 列，实为 1 列"],
        [5, "列数不足：设备日志每行至少应有考勤号码和时间 2 列，实为 1 列"],
      ],
    });
  });
});
