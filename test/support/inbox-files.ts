/**
 * Generators for the property tests of ingest: valid attendance exports in every format the inbox
 * takes (CSV in UTF-8, with BOM or in GBK, tab-separated text, the device log, xlsx), each with the
 * line every row must be read at, and the ways files get damaged on their way to the inbox.
 */

import { fc } from "@fast-check/vitest";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

export interface PunchRow {
  /** Unique in its file, so a row read back can be found on its line. */
  no: string;
  at: string;
  name: string;
  device: string;
}

export type FileFormat = "csv-utf8" | "csv-bom" | "csv-gbk" | "txt-tab" | "dat" | "xlsx";

export const fileFormats: readonly FileFormat[] = [
  "csv-utf8",
  "csv-bom",
  "csv-gbk",
  "txt-tab",
  "dat",
  "xlsx",
];

export interface GeneratedFile {
  path: string;
  bytes: Buffer;
  /** Each row with the physical line (Excel row) it starts on. */
  expected: { line: number; row: PunchRow }[];
}

/** Names as registers hold them: two to five characters, a middle dot, and cells that need quoting. */
const names = [
  "张三",
  "李四五",
  "欧阳娜娜",
  "阿卜杜·热合曼",
  "王小明",
  'O"Neil',
  "李,四",
  "王\n五",
  "赵\r\n六",
  "  前后空格  ",
  "",
];

export const punchRows = (maxRows: number): fc.Arbitrary<PunchRow[]> =>
  fc
    .array(
      fc.record({
        minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
        name: fc.constantFrom(...names),
        device: fc.constantFrom("1", "2", ""),
      }),
      { maxLength: maxRows },
    )
    .map((rows) =>
      rows.map(({ minute, name, device }, index) => ({
        no: `K${100 + index}Z`,
        at: `2026-10-13 ${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`,
        name,
        device,
      })),
    );

const header = ["考勤号码", "姓名", "日期时间", "机器号"];

const quoted = (cell: string, separator: string): string =>
  cell.includes(separator) || /["\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;

const count = (text: string, character: string): number => text.split(character).length - 1;

/** A delimited text: its header after `titleLines` title lines, then the rows, each at its line. */
function delimitedText(
  rows: PunchRow[],
  separator: string,
  eol: string,
  titleLines: number,
): { text: string; expected: GeneratedFile["expected"] } {
  const lineBreak = eol === "\r" ? "\r" : "\n";
  const lines = [...Array.from({ length: titleLines }, () => "2026年10月考勤记录"), header.join(separator)];
  let line = lines.length + 1;
  const expected: GeneratedFile["expected"] = [];
  for (const row of rows) {
    const text = [row.no, row.name, row.at, row.device]
      .map((cell) => quoted(cell, separator))
      .join(separator);
    expected.push({ line, row });
    lines.push(text);
    line += 1 + count(text, lineBreak);
  }
  return { text: lines.map((text) => text + eol).join(""), expected };
}

export async function generatedFile(
  format: FileFormat,
  rows: PunchRow[],
  options: { eol: "\n" | "\r\n" | "\r"; titleLines: number },
): Promise<GeneratedFile> {
  const path = `attendance/${format}.${format === "xlsx" ? "xlsx" : format === "dat" ? "dat" : format === "txt-tab" ? "txt" : "csv"}`;
  if (format === "xlsx") return { path, ...(await xlsxBytes(rows, options.titleLines)) };
  if (format === "dat") {
    const lines = rows.map((row) => [row.no, row.at, row.device || "1", "0", "1", "0"].join("\t"));
    return {
      path,
      bytes: Buffer.from(lines.map((line) => `${line}\r\n`).join("")),
      expected: rows.map((row, index) => ({
        line: index + 1,
        row: { ...row, name: "", device: row.device || "1" },
      })),
    };
  }
  // an old-Mac (CR) export holds no line feed inside a cell
  const cellRows =
    options.eol === "\r" ? rows.map((row) => ({ ...row, name: row.name.replaceAll("\n", "") })) : rows;
  const { text, expected } = delimitedText(
    cellRows,
    format === "txt-tab" ? "\t" : ",",
    options.eol,
    options.titleLines,
  );
  const bytes =
    format === "csv-gbk"
      ? iconv.encode(text, "gbk")
      : Buffer.concat([
          Buffer.from(format === "csv-bom" ? [0xef, 0xbb, 0xbf] : []),
          Buffer.from(text, "utf8"),
        ]);
  return { path, bytes, expected };
}

async function xlsxBytes(rows: PunchRow[], titleLines: number) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("考勤");
  for (let title = 0; title < titleLines; title++) sheet.addRow(["2026年10月考勤记录"]);
  sheet.addRow(header);
  const expected: GeneratedFile["expected"] = [];
  for (const row of rows) {
    // a line break inside a cell is a line feed in a workbook
    const cells = { ...row, name: row.name.replaceAll("\r\n", "\n") };
    const added = sheet.addRow([cells.no, cells.name || null, cells.at, cells.device || null]);
    expected.push({ line: added.number, row: cells });
  }
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), expected };
}

/** One way a file is damaged: positions are fractions of its length, so they fit any file. */
export type Damage =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; mask: number }
  | { kind: "insert"; at: number; bytes: readonly number[] }
  | { kind: "zero-fill"; at: number; length: number }
  | { kind: "repeat-line"; at: number };

/** Bytes that break a reader: NUL, invalid UTF-8 and GBK, a lone quote, carriage returns, separators. */
const hostileBytes = fc.oneof(
  fc.constantFrom(
    [0x00],
    [0xff],
    [0x80],
    [0x81],
    [0xe4, 0xb8],
    [0x22],
    [0x0d],
    [0x0a],
    [0x2c],
    [0x09],
    [0xef, 0xbb, 0xbf],
  ),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
);

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: position }),
  fc.record({ kind: fc.constant("flip" as const), at: position, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: position, bytes: hostileBytes }),
  fc.record({
    kind: fc.constant("zero-fill" as const),
    at: position,
    length: fc.integer({ min: 1, max: 64 }),
  }),
  fc.record({ kind: fc.constant("repeat-line" as const), at: position }),
);

export function applyDamage(bytes: Buffer, damages: readonly Damage[]): Buffer {
  let result = bytes;
  for (const change of damages) {
    const at = Math.floor(change.at * result.length);
    switch (change.kind) {
      case "truncate":
        result = result.subarray(0, at);
        break;
      case "flip":
        if (result.length === 0) break;
        result = Buffer.from(result);
        result[at] = result[at]! ^ change.mask;
        break;
      case "insert":
        result = Buffer.concat([result.subarray(0, at), Buffer.from(change.bytes), result.subarray(at)]);
        break;
      case "zero-fill":
        result = Buffer.from(result);
        result.fill(0, at, Math.min(result.length, at + change.length));
        break;
      case "repeat-line": {
        const start = result.lastIndexOf(0x0a, at - 1) + 1;
        const end = result.indexOf(0x0a, at);
        if (end === -1) break;
        result = Buffer.concat([
          result.subarray(0, end + 1),
          result.subarray(start, end + 1),
          result.subarray(end + 1),
        ]);
        break;
      }
    }
  }
  return result;
}
