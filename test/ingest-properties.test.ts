/**
 * Properties of ingest over generated files (data-contract §1, rev 2: no content of any file can
 * stop a run). Valid exports in every format load whole, each row at its line; damaged ones
 * (truncated, bytes flipped or inserted, NULs, invalid sequences, a repeated line) always finish,
 * every file is recorded as loaded or rejected with a Chinese reason, and no row is given a line it
 * is not on. Ingest only, in memory: a case costs a fraction of a second.
 *
 * The runs here are a small fixed-seed share; hunt longer with
 *   INGEST_PROPERTY_RUNS=2000 INGEST_PROPERTY_SEED=7 npx vitest run test/ingest-properties.test.ts
 * and keep each counterexample found as a named test in the last block.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  applyDamage,
  type Damage,
  damage,
  type FileFormat,
  fileFormats,
  type GeneratedFile,
  generatedFile,
  type PunchRow,
  punchRows,
} from "./support/inbox-files.ts";
import { type Ingested, ingestOnly } from "./support/ingest-only.ts";

const runs = Number(process.env.INGEST_PROPERTY_RUNS ?? 10);
const seed = Number(process.env.INGEST_PROPERTY_SEED ?? 20261104);
// generous: the machine is shared, and a case is ingest of six files
const timeout = 120_000 + runs * 10_000;

const layout = fc.record({
  eol: fc.constantFrom("\n" as const, "\r\n" as const, "\r" as const),
  titleLines: fc.integer({ min: 0, max: 2 }),
});

const hasChinese = (text: string | undefined): boolean => /[\u4e00-\u9fff]/.test(text ?? "");

/** The physical lines of a file as ingest read it: its encoding, and its line break. */
function physicalLines(bytes: Buffer, encoding: string): string[] {
  const text = new TextDecoder(encoding === "gb18030" ? "gb18030" : "utf-8")
    .decode(bytes)
    .replace(/^\uFEFF/, "");
  const lineFeeds = text.split("\n").length - 1;
  const bareReturns = text.split(/\r(?!\n)/).length - 1;
  return text.split(bareReturns > lineFeeds ? "\r" : "\n");
}

const unquoted = (text: string) => text.replaceAll('"', "").replaceAll("\0", "␀");
const firstLineOf = (text: string) => text.split(/\r\n|\n|\r/)[0]!;

/**
 * Every file is recorded (loaded, rejected or a duplicate of another), a rejection has a Chinese
 * reason, and in a loaded file each row, read or rejected, starts on a line that holds its first
 * cell. Returns the ingest result for further checks.
 */
async function checkIngest(files: Record<string, Buffer>): Promise<Ingested> {
  const ingested = await ingestOnly(files);
  expect(ingested.files.map((file) => file.path).sort()).toEqual(Object.keys(files).sort());
  for (const file of ingested.files) {
    expect(["loaded", "rejected", "duplicate"], file.path).toContain(file.status);
    if (file.status === "rejected")
      expect(hasChinese(file.reason), `${file.path}: ${file.reason}`).toBe(true);
    if (file.status !== "loaded" || file.path.endsWith(".xlsx")) continue;
    const lines = physicalLines(files[file.path]!, ingested.encodings.get(file.path)!);
    for (const row of ingested.rows.get(file.path) ?? []) {
      const first = firstLineOf(unquoted(row.cells.attendance_no ?? ""));
      expect(unquoted(lines[row.line - 1] ?? ""), `${file.path}:${row.line} ${first}`).toContain(first);
    }
    for (const reject of ingested.rejects.filter((candidate) => candidate.path === file.path)) {
      expect(hasChinese(reject.reason), reject.reason).toBe(true);
      const separator = file.path.endsWith(".csv") ? "," : "\t";
      const first = firstLineOf(unquoted(reject.raw ?? "").split(separator)[0]!).slice(0, 50);
      expect(
        unquoted(lines[reject.line - 1] ?? ""),
        `${file.path}:${reject.line} ${reject.reason}`,
      ).toContain(first);
    }
  }
  return ingested;
}

/** The rows a file was expected to load, as ingest keeps them (an empty cell is null). */
const expectedRows = (file: GeneratedFile) =>
  file.expected.map(({ line, row }) => ({
    line,
    no: row.no,
    at: row.at,
    name: row.name || null,
    device: row.device || null,
  }));

const loadedRows = (ingested: Ingested, path: string) =>
  (ingested.rows.get(path) ?? []).map(({ line, cells }) => ({
    line,
    no: cells.attendance_no,
    at: cells.punched_at,
    name: cells.name,
    device: cells.device,
  }));

async function generateAll(
  rows: Parameters<typeof generatedFile>[1],
  options: Parameters<typeof generatedFile>[2],
) {
  return Promise.all(fileFormats.map((format: FileFormat) => generatedFile(format, rows, options)));
}

describe("ingest properties", () => {
  test.prop([punchRows(12), layout], { numRuns: runs, seed })(
    "a valid export in any format loads whole, each row at its line",
    async (rows, options) => {
      const files = await generateAll(rows, options);
      const ingested = await checkIngest(Object.fromEntries(files.map((file) => [file.path, file.bytes])));
      for (const file of files) {
        expect(
          ingested.rejects.filter((reject) => reject.path === file.path),
          file.path,
        ).toEqual([]);
        if (file.expected.length === 0 && file.path.endsWith(".dat")) continue; // an empty log is rejected as empty
        expect(loadedRows(ingested, file.path), file.path).toEqual(expectedRows(file));
      }
    },
    timeout,
  );

  test.prop([punchRows(12), layout, fc.array(damage, { minLength: 1, maxLength: 3 })], {
    numRuns: runs,
    seed,
  })(
    "a damaged export never stops ingest, is loaded or rejected, and never gives a row a line it is not on",
    async (rows, options, damages: Damage[]) => {
      const files = await generateAll(rows, options);
      const ingested = await checkIngest(
        Object.fromEntries(files.map((file) => [file.path, applyDamage(file.bytes, damages)])),
      );
      // a damaged workbook is rejected unless the damage missed every byte of its content
      for (const file of files.filter((candidate) => candidate.path.endsWith(".xlsx"))) {
        const result = ingested.files.find((candidate) => candidate.path === file.path)!;
        if (result.status === "loaded") expect(loadedRows(ingested, file.path)).toEqual(expectedRows(file));
      }
    },
    timeout,
  );
});

describe("ingest: counterexamples the generator found", () => {
  const damaged = async (
    rows: PunchRow[],
    options: Parameters<typeof generatedFile>[2],
    damages: Damage[],
  ) => {
    const files = await generateAll(rows, options);
    return checkIngest(
      Object.fromEntries(files.map((file) => [file.path, applyDamage(file.bytes, damages)])),
    );
  };

  it("a one-byte .xlsx (a NUL) is rejected, not read past its end (seed 1: ingest threw, stopping the run)", async () => {
    await damaged([], { eol: "\n", titleLines: 0 }, [
      { kind: "truncate", at: 0 },
      { kind: "insert", at: 0, bytes: [0] },
    ]);
    const { files } = await checkIngest({ "attendance/xlsx.xlsx": Buffer.from([0]) });
    expect(files).toMatchObject([
      {
        status: "rejected",
        reason:
          "不是 Excel 工作簿（.xlsx 文件应是 zip 压缩格式），可能是改了扩展名的其他文件：请在 Excel 中打开后另存为 .xlsx 或 .csv",
      },
    ]);
  });
});
