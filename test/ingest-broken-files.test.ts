/**
 * data-contract §1 (rev 2): no content of any file can stop a run. An unreadable file is rejected
 * whole with a Chinese reason; every other file still loads. Ingest only (no rules, site or
 * workbook): what each file became is all these tests look at.
 */
import { readFile } from "node:fs/promises";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { compoundFile } from "./support/compound-file.ts";
import { textFile, xlsxFile } from "./support/inbox.ts";
import { ingestOnly } from "./support/ingest-only.ts";
import { roster } from "./support/staff.ts";

const punches = (count: number) => [
  ["考勤号码", "姓名", "日期时间"],
  ...Array.from({ length: count }, (_, index) => [
    "1001",
    "张三",
    `2026-10-13 08:${String(index % 60).padStart(2, "0")}:${String(Math.floor(index / 60) % 60).padStart(2, "0")}`,
  ]),
];

/** What became of each file: its status, and its reason when it has one. */
async function outcomes(files: Record<string, Buffer>) {
  const { files: results } = await ingestOnly(files);
  return results.map(({ path, status, reason }) => ({ path, status, ...(reason ? { reason } : {}) }));
}

/** Ingests one attendance file beside a valid roster; the roster must load whatever the file is. */
async function rejectionOf(name: string, bytes: Buffer): Promise<string | undefined> {
  const results = await outcomes({ [`attendance/${name}`]: bytes, "roster/名册.csv": textFile(roster) });
  expect(results.find((file) => file.path === "roster/名册.csv")).toEqual({
    path: "roster/名册.csv",
    status: "loaded",
  });
  const file = results.find((result) => result.path === `attendance/${name}`)!;
  expect(file.status).toBe(file.reason ? "rejected" : "loaded");
  return file.reason;
}

/** Where an entry's compressed bytes and its CRC-32 (in the central directory and its local header) lie in a zip. */
function zipEntry(
  zip: Buffer,
  name: string,
): { data: number; length: number; crcField: number; localCrcField: number } {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (;;) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const header = zip.readUInt32LE(at + 42);
      const data = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
      return { data, length: zip.readUInt32LE(at + 20), crcField: at + 16, localCrcField: header + 14 };
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
}

const resave = "请在 Excel 中打开后另存为 .xlsx 或 .csv";

describe("ingest: an xlsx that is not a whole workbook is rejected whole", () => {
  it("a truncated xlsx: the roster still loads (exceljs never settled on it, so the run ended with nothing published)", async () => {
    // large enough that exceljs was streaming the worksheet when the bytes ran out
    const workbook = await xlsxFile(punches(14_000));
    expect(await rejectionOf("打卡.xlsx", workbook.subarray(0, Math.floor(workbook.length * 0.8)))).toBe(
      "xlsx 文件不完整（末尾缺少压缩包目录），可能在复制、下载或导出时被截断：请重新导出或重新复制该文件",
    );
  });

  it("an xlsx whose worksheet does not match its checksum, or does not inflate", async () => {
    const workbook = await xlsxFile(punches(200));
    const sheet = zipEntry(workbook, "xl/worksheets/sheet1.xml");
    const wrongCrc = Buffer.from(workbook);
    // both copies of the checksum changed alike, so that only the data disagrees with them
    for (const field of [sheet.crcField, sheet.localCrcField])
      if (wrongCrc.readUInt32LE(field) !== 0) wrongCrc.writeUInt32LE(wrongCrc.readUInt32LE(field) ^ 1, field);
    expect(await rejectionOf("校验.xlsx", wrongCrc)).toBe(
      "xlsx 文件已损坏（xl/worksheets/sheet1.xml 的校验和不符）：请在 Excel 中打开后另存，或重新导出",
    );
    const garbled = Buffer.from(workbook);
    garbled.fill(0xff, sheet.data + 10, sheet.data + 30);
    expect(await rejectionOf("乱码.xlsx", garbled)).toMatch(
      /^xlsx 文件已损坏（xl\/worksheets\/sheet1\.xml (无法解压|的校验和不符)）：/,
    );
  });

  it("a password-protected xlsx (an OLE compound file holding EncryptedPackage)", async () => {
    const encrypted = compoundFile({
      EncryptionInfo: Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]),
      EncryptedPackage: Buffer.alloc(4096, 0x5a),
    });
    expect(await rejectionOf("加密.xlsx", encrypted)).toBe(
      "文件设置了打开密码（已加密），无法读取：请在 Excel 中取消密码后重新保存",
    );
  });

  it("an Excel 97-2003 workbook (.xls) renamed to .xlsx", async () => {
    const xls = await readFile(new URL("./fixtures/punches-excel97.xls", import.meta.url));
    expect(await rejectionOf("旧格式.xlsx", xls)).toBe(
      `这是旧版 Excel 97-2003 工作簿（.xls），只是扩展名为 .xlsx：${resave}`,
    );
  });

  it("a web page saved as .xlsx (what many systems' 导出Excel writes), and a CSV renamed .xlsx", async () => {
    const page = Buffer.from(
      '\uFEFF<html><head><meta charset="utf-8"></head><body><table><tr><td>考勤号码</td><td>日期时间</td></tr></table></body></html>',
    );
    expect(await rejectionOf("导出.xlsx", page)).toBe(
      `这是网页（HTML）或 XML 格式的文件，只是扩展名为 .xlsx（一些系统的“导出 Excel”导出的是网页）：${resave}`,
    );
    expect(await rejectionOf("改名.xlsx", textFile(punches(3)))).toBe(
      `不是 Excel 工作簿（.xlsx 文件应是 zip 压缩格式），可能是改了扩展名的其他文件：${resave}`,
    );
  });

  it("a zip that holds no workbook (a Word document, a zip of CSV files) renamed to .xlsx", async () => {
    const zip = new JSZip();
    zip.file("考勤.csv", textFile(punches(3)));
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(await rejectionOf("压缩包.xlsx", bytes)).toBe(
      `压缩包中没有 Excel 工作表，不是 xlsx 文件：${resave}`,
    );
  });

  it("an empty .xlsx file", async () => {
    expect(await rejectionOf("空.xlsx", Buffer.alloc(0))).toBe("文件为空");
  });
});

describe("ingest: a text file that cannot be a table is rejected whole", () => {
  it("an empty file, and one holding only a UTF-8 byte order mark", async () => {
    expect(await rejectionOf("空.csv", Buffer.alloc(0))).toBe("文件为空");
    expect(await rejectionOf("BOM.csv", Buffer.from([0xef, 0xbb, 0xbf]))).toBe("文件为空");
    expect(await rejectionOf("空行.csv", Buffer.from("\r\n\r\n  \n"))).toBe("文件为空");
  });

  it("loads a file with a header and no rows: an empty register is not an error", async () => {
    expect(await rejectionOf("只有表头.csv", textFile([["考勤号码", "日期时间"]]))).toBeUndefined();
  });

  it("binary garbage, naming the first line that is neither UTF-8 nor GBK", async () => {
    const garbage = Buffer.from(Array.from({ length: 3000 }, (_, index) => (index * 7919 + 13) % 256));
    expect(await rejectionOf("乱码.csv", garbage)).toBe(
      "文件编码无法识别：第 1 行不是有效的 UTF-8，第 1 行不是有效的 GBK/GB18030（可能混有不同编码的行，或不是文本文件）：请把整个文件统一保存为 UTF-8 或 GBK 编码",
    );
  });

  it("a workbook (.xlsx or .xls) given a .csv name", async () => {
    const xls = await readFile(new URL("./fixtures/punches-excel97.xls", import.meta.url));
    expect(await rejectionOf("打卡.csv", await xlsxFile(punches(3)))).toBe(
      "这是 Excel 工作簿（.xlsx）或其他压缩文件，只是扩展名为 .csv：请在 Excel 中打开后另存为 .csv",
    );
    expect(await rejectionOf("打卡.txt", xls)).toBe(
      "这是旧版 Excel 97-2003 工作簿（.xls），只是扩展名为 .txt：请在 Excel 中打开后另存为 .csv",
    );
  });

  it("a UTF-16 file (Excel's “Unicode text”)", async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("考勤号码\t日期时间\r\n", "utf16le"),
    ]);
    expect(await rejectionOf("Unicode.txt", utf16)).toBe(
      "文件是 UTF-16 编码（Excel 的“Unicode 文本”），不能读取：请另存为“CSV UTF-8”或 GBK 编码的 CSV",
    );
  });

  it("a first 256 KB with no line break", async () => {
    expect(await rejectionOf("一行.csv", Buffer.alloc(300 * 1024, "考勤号码,"))).toBe(
      "文件开头 256 KB 内没有换行，不是表格文件",
    );
  });
});

describe("ingest: a text file is decoded whole and strictly (defect 8: mixed encodings)", () => {
  // more than the first 256 KB, from which the encoding used to be decided
  const rows = punches(12_000);
  const tail = ["9999", "李四（末行）", "2026-10-13 09:00"];
  const csv = (lines: string[][]) => textFile(lines);

  it("rejects a UTF-8 file whose rows after the first 256 KB are GBK, naming a line of each", async () => {
    const bytes = Buffer.concat([csv(rows), iconv.encode(`${tail.join(",")}\n`, "gbk")]);
    expect(await rejectionOf("混合.csv", bytes)).toBe(
      "编码不一致：文件中既有 UTF-8 编码的行（如第 1 行），也有 GBK 编码的行（如第 12002 行）：请把整个文件统一保存为 UTF-8 或 GBK 编码",
    );
    // with a name of three characters the UTF-8 rows are not even valid GBK
    const odd = Buffer.concat([
      csv([...rows, ["1003", "王小明", "2026-10-13 09:00"]]),
      iconv.encode(`${tail.join(",")}\n`, "gbk"),
    ]);
    expect(await rejectionOf("混合.csv", odd)).toBe(
      "文件编码无法识别：第 12003 行不是有效的 UTF-8，第 12002 行不是有效的 GBK/GB18030（可能混有不同编码的行，或不是文本文件）：请把整个文件统一保存为 UTF-8 或 GBK 编码",
    );
  });

  it("rejects a GBK file whose rows after the first 256 KB are UTF-8, even where they would decode as GBK", async () => {
    // "张三" in UTF-8 is also valid GBK (three rare characters): only its look gives it away
    const bytes = Buffer.concat([
      textFile(rows, { encoding: "gbk" }),
      csv([["1002", "张三", "2026-10-13 09:00"]]),
    ]);
    expect(await rejectionOf("混合.csv", bytes)).toBe(
      "编码不一致：文件中既有 UTF-8 编码的行（如第 12002 行），也有 GBK 编码的行（如第 1 行）：请把整个文件统一保存为 UTF-8 或 GBK 编码",
    );
  });

  it("reads a GBK file whose rare characters make lines that are also valid UTF-8 (an earlier check took them for UTF-8)", async () => {
    // 楠歓 is E9 AA 9A 44 in GBK: a UTF-8 character followed by "D"; 淇孍诰 is two UTF-8 characters
    const lines = [
      ["考勤号码", "姓名", "日期时间"],
      ...["楠歓", "淇孍诰", "绫碙", "张三"].map((name) => ["1001", name, "2026-10-13 09:00"]),
    ];
    expect(await rejectionOf("生僻字.csv", textFile(lines, { encoding: "gbk" }))).toBeUndefined();
  });

  it("rejects a file marked UTF-8 by its byte order mark that holds GBK rows", async () => {
    const bytes = Buffer.concat([
      textFile(rows, { encoding: "utf-8-bom" }),
      iconv.encode(`${tail.join(",")}\n`, "gbk"),
    ]);
    expect(await rejectionOf("BOM混合.csv", bytes)).toBe(
      "编码不一致：文件开头标明是 UTF-8 编码，第 12002 行却不是有效的 UTF-8（可能混入了 GBK 编码的行）：请把整个文件统一保存为 UTF-8 或 GBK 编码",
    );
  });

  it("still reads whole-file UTF-8 and whole-file GBK, whatever lies past the first 256 KB", async () => {
    const lines = [...rows, tail];
    const { files, rows: loaded } = await ingestOnly({
      "attendance/utf8.csv": textFile(lines),
      "attendance/gbk.csv": textFile(lines, { encoding: "gbk" }),
    });
    expect(files.map(({ path, status, rows: count }) => ({ path, status, count }))).toEqual([
      { path: "attendance/gbk.csv", status: "loaded", count: 12_001 },
      { path: "attendance/utf8.csv", status: "loaded", count: 12_001 },
    ]);
    for (const path of ["attendance/gbk.csv", "attendance/utf8.csv"]) {
      expect(loaded.get(path)!.at(-1)).toEqual({
        line: 12_002,
        cells: {
          attendance_no: "9999",
          name: "李四（末行）",
          punched_at: "2026-10-13 09:00",
          department: null,
          device: null,
          verify: null,
          // a file in a hall's folder: the 大厅编码 cell is read only from root-level exports
          hall_code: null,
        },
      });
    }
  });
});
