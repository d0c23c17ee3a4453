/**
 * data-contract §3: the warehouse holds no complainant name or phone anywhere, not even in
 * quarantined rows; phone numbers written into free text (complaint content, evaluation
 * comments, patrol notes) are not published either. Nor when they are in the wrong column
 * (issue 11, defect 3): typed into 投诉渠道, 投诉类别 or 被投诉人工号, or shifted there by an
 * unquoted comma; and the site's data loaders publish none of them.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outLayout } from "../pipeline/out-layout.ts";
import { repoRoot } from "./support/cli.ts";
import { type FileInbox, fileInbox, textFile, xlsxFile } from "./support/inbox.ts";
import { everySource } from "./support/staff.ts";
import { findTextInDatabase } from "./support/text-scan.ts";

const complainants = [
  { name: "钱七七", phone: "13912345678" },
  { name: "孙八八", phone: "15800001111" },
  { name: "周九九", phone: "18699990000" },
  { name: "吴十十", phone: "13655554444" },
  // in the wrong columns
  { name: "郑十一", phone: "13511112222" },
  { name: "王十二", phone: "13633334444" },
  { name: "冯十三", phone: "13755556666" },
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
type Complainant = (typeof complainants)[number];
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
    const [zheng, wang, feng] = complainants.slice(4) as [Complainant, Complainant, Complainant];
    await inbox.write(
      "complaints/投诉-填错列.csv",
      textFile([
        [
          "投诉编号",
          "受理时间",
          "投诉渠道",
          "被投诉人工号",
          "投诉类别",
          "调查结论",
          "过错方",
          "处理决定时间",
        ],
        // line 2: the complainant's name typed as the channel, the phone as the category
        [
          "K006",
          "2026-10-14 09:00",
          zheng.name,
          "S0001",
          zheng.phone,
          "查实",
          "窗口工作人员",
          "2026-10-14 16:00",
        ],
        // line 3: the name as the person complained about
        ["K007", "2026-10-14 10:00", "现场", wang.name, "争吵", "不属实", "", ""],
        // line 4: the phone where the finding goes
        ["K009", "2026-10-14 11:00", "电话", "S0002", "争吵", wang.phone, "", ""],
      ]),
    );
    // line 2: 投诉内容 written with an unquoted comma and no 备注 cell: every later cell shifts right
    await inbox.write(
      "complaints/投诉-错位.csv",
      Buffer.from(
        [
          "投诉编号,受理时间,被投诉人工号,投诉内容,投诉人姓名,联系电话,投诉渠道,投诉类别,备注",
          `K008,2026-10-15 09:00,S0002,态度差,还吵架,${feng.name},${feng.phone},现场投诉,争吵`,
          "",
        ].join("\n"),
      ),
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
      { path: "complaints/投诉-填错列.csv", rows: 3, quarantined: 2 },
      { path: "complaints/投诉-错位.csv", rows: 1, quarantined: 0 },
      // four rows: one loaded, three quarantined (the one with a cell too many among them)
      { path: "complaints/投诉.csv", rows: 4, quarantined: 3 },
      { path: "complaints/投诉补充.xlsx", rows: 1, quarantined: 0 },
    ]);
    expect(await inbox.queryState("select count(*)::integer as n from staging.stg_complaints")).toEqual([
      { n: 8 },
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

  it("quarantines a complaint by its key and reason alone: the reason names the column, never the value", async () => {
    const rows = await inbox.query<{ path: string; line: number; reason: string; raw: string | null }>(
      "select path, line, reason, raw from ops.quarantine where source = 'complaints' order by path, line",
    );
    expect(rows).toEqual([
      {
        path: "complaints/投诉-填错列.csv",
        line: 3,
        reason: "人员不在名册：被投诉人工号",
        raw: '{"投诉编号":"K007"}',
      },
      {
        path: "complaints/投诉-填错列.csv",
        line: 4,
        reason: "取值不在列表中：调查结论（应为 查实/部分属实/不属实）",
        raw: '{"投诉编号":"K009"}',
      },
      {
        path: "complaints/投诉.csv",
        line: 3,
        reason: "取值不在列表中：调查结论（应为 查实/部分属实/不属实）",
        raw: '{"投诉编号":"K002"}',
      },
      {
        path: "complaints/投诉.csv",
        line: 4,
        reason: "人员不在名册：被投诉人工号",
        raw: '{"投诉编号":"K003"}',
      },
      {
        path: "complaints/投诉.csv",
        line: 5,
        reason: "列数与表头不符：应为 8 列，实为 9 列",
        raw: "（含保密字段，原文不予保存）",
      },
    ]);
  });

  it("publishes a channel or category only from its list, else 其他, and no complaint about an unknown person", async () => {
    expect(
      await inbox.query(
        "select complaint_id, channel, staff_id, category, finding from marts.complaints order by complaint_id",
      ),
    ).toEqual([
      { complaint_id: "K001", channel: null, staff_id: "S0001", category: "未一次性告知", finding: "不属实" },
      { complaint_id: "K005", channel: null, staff_id: "S0002", category: "未一次性告知", finding: "不属实" },
      { complaint_id: "K006", channel: "其他", staff_id: "S0001", category: "其他", finding: "查实" },
      // shifted: the phone under 投诉渠道, a channel under 投诉类别
      { complaint_id: "K008", channel: "其他", staff_id: "S0002", category: "其他", finding: null },
    ]);
  });

  it("the data of the pages that list complaints and quarantined rows holds no complainant's name or phone", async () => {
    // the scan of the warehouse above covers every other page: loaders only read the warehouse
    const loaders = ["investigations.json.ts", "quality.json.ts"];
    const outputs = await Promise.all(
      loaders.map((loader) =>
        promisify(execFile)(`${repoRoot}/node_modules/.bin/tsx`, [`dashboards/data/${loader}`], {
          cwd: repoRoot,
          env: { ...process.env, HALL_WAREHOUSE: outLayout(inbox.out).warehouse },
          maxBuffer: 64 * 1024 * 1024,
        }),
      ),
    );
    const json = outputs.map((output) => output.stdout).join("\n");
    expect(json).toContain("K006");
    for (const secret of secrets) expect(json, secret).not.toContain(secret);
  }, 120_000);
});
