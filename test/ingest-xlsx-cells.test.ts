/**
 * data-contract §1: an xlsx register is read from its first sheet, the header on the first row that
 * names a known column. Each cell becomes the text Excel shows for it, as a CSV export of the sheet
 * would hold it; staging then judges that text like any other. Ingest only.
 */

import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { excelNumberText } from "../pipeline/ingest/read-xlsx.ts";
import { excelTime } from "./support/inbox.ts";
import { ingestOnly } from "./support/ingest-only.ts";

type Build = (workbook: ExcelJS.Workbook) => void;

async function workbookBytes(build: Build): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A workbook with one sheet holding `rows` from row 1; `style` may set formats on its cells. */
const sheetOf = (rows: ExcelJS.CellValue[][], style?: (sheet: ExcelJS.Worksheet) => void): Build => {
  return (workbook) => {
    const sheet = workbook.addWorksheet("Sheet1");
    for (const row of rows) sheet.addRow(row);
    style?.(sheet);
  };
};

/** Rewrites files inside an xlsx (what Excel writes and exceljs cannot: built-in formats, tab order). */
async function patchWorkbook(
  bytes: Buffer,
  patches: Record<string, (xml: string) => string>,
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, patch] of Object.entries(patches))
    zip.file(name, patch(await zip.file(name)!.async("string")));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The rows of one ingested file as [line, …the named columns], and its rejected rows as [line, reason]. */
async function read(path: string, bytes: Buffer, columns: string[]) {
  const ingested = await ingestOnly({ [path]: bytes });
  const [file] = ingested.files;
  return {
    status: file!.status,
    reason: file!.reason,
    rows: (ingested.rows.get(path) ?? []).map((row) => [row.line, ...columns.map((name) => row.cells[name])]),
    rejects: ingested.rejects.map((reject) => [reject.line, reject.reason]),
  };
}

const queueHeader = ["流水号", "取号时间", "窗口号", "办理结果"];

describe("xlsx cells: numbers as Excel shows them", () => {
  it("writes a number of 16 or more digits in scientific notation, with Excel's 15 digits, and smaller integers as plain digits", async () => {
    const bytes = await workbookBytes(
      sheetOf([
        queueHeader,
        // 202610091234567890 typed into Excel is kept as 202610091234567000
        [202610091234567000, "2026-10-09 09:00", 1, "受理"],
        [1234567890123456, "2026-10-09 09:01", 1005.0, "受理"],
        [999999999999999, "2026-10-09 09:02", 12, "受理"],
        [1e15, "2026-10-09 09:03", 0.1 + 0.2, "受理"],
      ]),
    );
    expect(await read("queue/流水.xlsx", bytes, ["ticket_no", "window_no"])).toEqual({
      status: "loaded",
      reason: undefined,
      rows: [
        [2, "2.02610091234567E+17", "1"],
        [3, "1.23456789012346E+15", "1005"],
        [4, "999999999999999", "12"],
        [5, "1E+15", "0.3"],
      ],
      rejects: [],
    });
  });

  it.each([
    [1005, "1005"],
    [-42, "-42"],
    [999_999_999_999_999, "999999999999999"],
    [1_000_000_000_000_000, "1E+15"],
    [-202_610_091_234_567_000, "-2.02610091234567E+17"],
    [1.5e20, "1.5E+20"],
    [46308.375, "46308.375"],
    [1234.5600000000002, "1234.56"],
    [1e-7, "1E-07"],
  ])("excelNumberText(%d) is %s", (value, text) => {
    expect(excelNumberText(value)).toBe(text);
  });
});

describe("xlsx cells: values that are not plain", () => {
  const punchHeader = ["考勤号码", "日期时间", "姓名"];

  it("writes an error value as Excel shows it (#N/A), for staging to judge", async () => {
    const bytes = await workbookBytes(
      sheetOf([
        punchHeader,
        [1001, excelTime(2026, 10, 13, 8, 25), { error: "#N/A" }],
        [{ error: "#REF!" }, excelTime(2026, 10, 13, 12, 0), "张三"],
      ]),
    );
    expect(await read("attendance/a.xlsx", bytes, ["attendance_no", "punched_at", "name"])).toMatchObject({
      rows: [
        [2, "1001", "2026-10-13 08:25:00", "#N/A"],
        [3, "#REF!", "2026-10-13 12:00:00", "张三"],
      ],
      rejects: [],
    });
  });

  it("quarantines a row whose formula in a read column has no calculated result, and reads calculated ones", async () => {
    const bytes = await workbookBytes(
      sheetOf(
        [
          punchHeader,
          [1001, excelTime(2026, 10, 13, 8, 25), { formula: 'CONCAT("张","三")' } as ExcelJS.CellValue],
          [
            { formula: "1000+2", result: 1002 } as ExcelJS.CellValue,
            { formula: "B2+0.5", result: 46308.5 } as ExcelJS.CellValue,
            "李四",
          ],
        ],
        (sheet) => {
          sheet.getCell("B3").numFmt = "yyyy-mm-dd hh:mm";
        },
      ),
    );
    expect(await read("attendance/a.xlsx", bytes, ["attendance_no", "punched_at", "name"])).toMatchObject({
      rows: [[3, "1002", "2026-10-13 12:00:00", "李四"]],
      rejects: [[2, "公式没有计算结果：姓名（单元格 C2），请在 Excel 中打开、保存后重新导出"]],
    });
  });

  it("writes a bare date as a date, a bare time as a time, and keeps a time that a date format hides", async () => {
    const bytes = await workbookBytes(
      sheetOf(
        [
          punchHeader,
          [1001, excelTime(2026, 10, 13), "只有日期"],
          [1001, excelTime(1899, 12, 30, 8, 25), "只有时间"],
          [1001, excelTime(2026, 10, 13, 8, 25), "日期格式里的时间"],
          [1001, 46308.375, "常规格式的日期序号"],
        ],
        (sheet) => {
          sheet.getCell("B2").numFmt = "yyyy/m/d";
          sheet.getCell("B3").numFmt = "h:mm";
          sheet.getCell("B4").numFmt = "yyyy/m/d";
        },
      ),
    );
    expect(await read("attendance/a.xlsx", bytes, ["punched_at", "name"])).toMatchObject({
      rows: [
        [2, "2026-10-13", "只有日期"],
        [3, "08:25:00", "只有时间"],
        [4, "2026-10-13 08:25:00", "日期格式里的时间"],
        [5, "46308.375", "常规格式的日期序号"],
      ],
    });
  });

  it("reads a date in one of Chinese Excel's built-in date formats (年月日, format 31) as a date, not a serial number", async () => {
    const built = await workbookBytes(
      sheetOf(
        [
          ["考勤号码", "日期时间"],
          [1001, excelTime(2026, 10, 13, 8, 25)],
        ],
        (sheet) => {
          sheet.getCell("B2").numFmt = 'yyyy"年"m"月"d"日"';
        },
      ),
    );
    // Excel stores this format by its built-in id alone, with no format code in the file
    const bytes = await patchWorkbook(built, {
      "xl/styles.xml": (xml) =>
        xml.replace(/<numFmts.*?<\/numFmts>/s, "").replaceAll('numFmtId="164"', 'numFmtId="31"'),
    });
    expect(await read("attendance/a.xlsx", bytes, ["punched_at"])).toMatchObject({
      rows: [[2, "2026-10-13 08:25:00"]],
    });
  });
});

describe("xlsx: which sheet and which rows", () => {
  it("finds the header below a merged title row, and numbers rows as Excel does", async () => {
    const bytes = await workbookBytes(
      sheetOf([["2026年10月考勤记录"], [], ["考勤号码", "日期时间"], [1001, "2026-10-13 08:25"]], (sheet) => {
        sheet.mergeCells("A1:B1");
      }),
    );
    expect(await read("attendance/a.xlsx", bytes, ["attendance_no", "punched_at"])).toMatchObject({
      status: "loaded",
      rows: [[4, "1001", "2026-10-13 08:25"]],
    });
  });

  it("quarantines a row that repeats the header", async () => {
    const bytes = await workbookBytes(
      sheetOf([
        ["考勤号码", "日期时间"],
        [1001, "2026-10-13 08:25"],
        ["考勤号码", "日期时间"],
        [1001, "2026-10-13 12:00"],
      ]),
    );
    expect(await read("attendance/a.xlsx", bytes, ["punched_at"])).toMatchObject({
      rows: [
        [2, "2026-10-13 08:25"],
        [4, "2026-10-13 12:00"],
      ],
      rejects: [[3, "表头重复出现：这一行与表头相同"]],
    });
  });

  it("rejects a workbook whose first sheet is empty, naming the sheet (the data on the second is not read)", async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet("封面");
      const data = workbook.addWorksheet("数据");
      data.addRow(["考勤号码", "日期时间"]);
      data.addRow([1001, "2026-10-13 08:25"]);
    });
    expect(await read("attendance/a.xlsx", bytes, [])).toMatchObject({
      status: "rejected",
      reason: "第一个工作表“封面”是空的（只读取第一个工作表）",
    });
  });

  it("reads the first sheet as the user sees the tabs: a hidden sheet is skipped, and tab order is the workbook's, not the files'", async () => {
    const hidden = await workbookBytes((workbook) => {
      workbook.addWorksheet("代码表", { state: "hidden" }).addRow(["考勤号码", "说明"]);
      const data = workbook.addWorksheet("数据");
      data.addRow(["考勤号码", "日期时间"]);
      data.addRow([1001, "2026-10-13 08:25"]);
    });
    expect(await read("attendance/a.xlsx", hidden, ["punched_at"])).toMatchObject({
      status: "loaded",
      rows: [[2, "2026-10-13 08:25"]],
    });
    const built = await workbookBytes((workbook) => {
      const old = workbook.addWorksheet("旧");
      old.addRow(["考勤号码", "日期时间"]);
      old.addRow([1001, "2026-09-01 08:00"]);
      const current = workbook.addWorksheet("新");
      current.addRow(["考勤号码", "日期时间"]);
      current.addRow([1001, "2026-10-13 08:25"]);
    });
    // the user dragged 新 in front of 旧: sheet2.xml is now the first tab
    const reordered = await patchWorkbook(built, {
      "xl/workbook.xml": (xml) => {
        const sheets = xml.match(/<sheet [^>]*\/>/g)!;
        return xml.replace(sheets.join(""), [...sheets].reverse().join(""));
      },
    });
    expect(await read("attendance/a.xlsx", reordered, ["punched_at"])).toMatchObject({
      status: "loaded",
      rows: [[2, "2026-10-13 08:25"]],
    });
  });
});

describe("xlsx parts: read from the zip's directory, not in the order the zip stores them", () => {
  it("reads every one of 400 workbooks whose worksheet comes before its shared strings and workbook part", async () => {
    // exceljs' streaming pass over such a zip (Excel's order, and exceljs' own) dropped the parts
    // after the first worksheet in about one read in a hundred (exceljs#3064; fuzz seed 20261223,
    // case 362): the file was rejected as damaged, or its shared strings were lost
    const files: Record<string, Buffer> = {};
    for (let index = 0; index < 400; index++) {
      files[`queue/流水_${index}.xlsx`] = await workbookBytes(
        sheetOf([queueHeader, [`T${index}`, "2026-10-09 09:00", "A01", "受理"]]),
      );
    }
    const stored = Object.keys((await JSZip.loadAsync(files["queue/流水_0.xlsx"]!)).files);
    expect(stored.indexOf("xl/worksheets/sheet1.xml")).toBeLessThan(stored.indexOf("xl/sharedStrings.xml"));
    expect(stored.at(-1)).toBe("xl/workbook.xml");
    const ingested = await ingestOnly(files);
    expect(ingested.files.filter((file) => file.status !== "loaded")).toEqual([]);
    expect(
      [...ingested.rows.entries()].filter(
        ([path, rows]) => rows[0]?.cells.ticket_no !== `T${/_(\d+)\./.exec(path)![1]}`,
      ),
    ).toEqual([]);
  }, 120_000);
});

describe("xlsx text: characters split across the reader's chunks", () => {
  it("reads every character of 3,000 distinct Chinese values (a part of many chunks)", async () => {
    // the sample's 评价器 once read as ��价器: a character that straddled two chunks was decoded in halves
    const tickets = Array.from({ length: 3000 }, (_, index) => `甲乙丙丁票号${index}号`);
    // strings in the cells themselves, as the generator and many exporters write them
    const chunks: Buffer[] = [];
    const sink = new PassThrough().on("data", (chunk: Buffer) => chunks.push(chunk));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false });
    const sheet = writer.addWorksheet("Sheet1");
    sheet.addRow(queueHeader).commit();
    for (const ticket of tickets) sheet.addRow([ticket, "2026-10-09 09:00", "A01", "受理"]).commit();
    sheet.commit();
    await writer.commit();
    const bytes = Buffer.concat(chunks);
    const read = await ingestOnly({ "queue/流水.xlsx": bytes });
    const shown = (read.rows.get("queue/流水.xlsx") ?? []).map((row) => row.cells.ticket_no);
    expect(shown.filter((ticket, index) => ticket !== tickets[index])).toEqual([]);
    expect(shown).toHaveLength(3000);
  }, 120_000);
});
