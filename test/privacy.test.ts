/**
 * data-contract §3: the warehouse holds no complainant name or phone anywhere, not even in
 * quarantined rows; phone numbers written into free text (complaint content, evaluation
 * comments, patrol notes) are not published either.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outLayout } from "../pipeline/run.ts";
import { type FileInbox, fileInbox, textFile, xlsxFile } from "./support/inbox.ts";
import { everySource } from "./support/staff.ts";
import { findTextInDatabase } from "./support/text-scan.ts";

const complainants = [
  { name: "钱七七", phone: "13912345678" },
  { name: "孙八八", phone: "15800001111" },
  { name: "周九九", phone: "18699990000" },
  { name: "吴十十", phone: "13655554444" },
];
const inFreeText = { evaluation: "13887654321", patrol: "13700001111", content: "17712340000" };
const secrets = [
  ...complainants.flatMap((person) => [person.name, person.phone]),
  ...Object.values(inFreeText),
];

const complaintHeader = [
  "投诉编号",
  "受理时间",
  "被投诉人工号",
  "投诉类别",
  "投诉人姓名",
  "联系电话",
  "投诉内容",
  "调查结论",
];
const complaint = (id: string, staffId: string, index: number, finding = "不属实") => {
  const person = complainants[index]!;
  return [
    id,
    "2026-10-13 11:00",
    staffId,
    "未一次性告知",
    person.name,
    person.phone,
    `我是${person.name}，电话${person.phone}，另一个号码${inFreeText.content}`,
    finding,
  ];
};

describe("privacy of complainants", () => {
  let inbox: FileInbox;
  beforeAll(async () => {
    inbox = await fileInbox();
    for (const [path, table] of Object.entries(everySource)) {
      if (!path.startsWith("complaints/")) await inbox.write(path, textFile(table));
    }
    await inbox.write(
      "complaints/投诉.csv",
      textFile([
        complaintHeader,
        complaint("K001", "S0001", 0), // line 2: fine
        complaint("K002", "S0001", 1, "查了"), // line 3: finding not in the list
        complaint("K003", "S9999", 2), // line 4: staff unknown
        [...complaint("K004", "S0002", 3), "多一格"], // line 5: one cell too many
      ]),
    );
    await inbox.write(
      "complaints/投诉补充.xlsx",
      await xlsxFile([complaintHeader, complaint("K005", "S0002", 3)]),
    );
    await inbox.write(
      "evaluations/评价-留言.csv",
      textFile([
        ["评价编号", "评价时间", "评价等级", "工作人员账号", "评价内容"],
        ["E009", "2026-10-13 10:30", "非常不满意", "ck0001", `态度差，请回电${inFreeText.evaluation}`],
      ]),
    );
    await inbox.write(
      "patrol/巡查-留言.csv",
      textFile([
        ["巡查编号", "巡查时间", "巡查人", "窗口号", "工号", "问题类型", "情况描述"],
        [
          "P009",
          "2026-10-13 15:00",
          "王督查",
          "A01",
          "S0001",
          "正常",
          `群众留电话${inFreeText.patrol}反映排队久`,
        ],
      ]),
    );
    await inbox.run();
  });
  afterAll(() => inbox?.cleanup());

  it("loads the complaints (the test is not vacuous)", async () => {
    expect(
      await inbox.query(
        "select path, rows, quarantined from ops.loads where source = 'complaints' order by path",
      ),
    ).toEqual([
      // four rows: one loaded, three quarantined (the one with a cell too many among them)
      { path: "complaints/投诉.csv", rows: 4, quarantined: 3 },
      { path: "complaints/投诉补充.xlsx", rows: 1, quarantined: 0 },
    ]);
    expect(await inbox.queryState("select count(*)::integer as n from staging.stg_complaints")).toEqual([
      { n: 4 },
    ]);
  });

  it("no text column of any table in the published warehouse holds a complainant's name or any phone number", async () => {
    // the scan finds them where they are allowed: the private state keeps the raw rows
    expect(await findTextInDatabase(outLayout(inbox.out).stateDb, secrets)).toEqual(
      expect.arrayContaining([`raw.complaints.complainant_name: ${complainants[0]!.name}`]),
    );
    expect(await findTextInDatabase(outLayout(inbox.out).warehouse, secrets)).toEqual([]);
  });

  it("the warehouse file's bytes do not hold them either", async () => {
    const bytes = await readFile(outLayout(inbox.out).warehouse);
    for (const secret of secrets) expect(bytes.includes(Buffer.from(secret, "utf8")), secret).toBe(false);
  });

  it("quarantined complaint rows keep no complainant field in ops.quarantine.raw", async () => {
    const rows = await inbox.query<{ line: number; reason: string; raw: string | null }>(
      "select line, reason, raw from ops.quarantine where source = 'complaints' order by line",
    );
    expect(rows.map((row) => [row.line, row.reason])).toEqual([
      [3, "取值不在列表中：调查结论 查了（应为 查实/部分属实/不属实）"],
      [4, "人员不在名册：工号 S9999"],
      [5, "列数与表头不符：应为 8 列，实为 9 列"],
    ]);
    for (const row of rows) {
      for (const field of ["投诉人姓名", "联系电话", "投诉内容"]) expect(row.raw ?? "").not.toContain(field);
    }
    expect(JSON.parse(rows[0]!.raw!)).toMatchObject({ 投诉编号: "K002", 调查结论: "查了" });
  });
});
