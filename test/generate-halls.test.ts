import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test as property } from "@fast-check/vitest";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GenerateResult, generateHall } from "../pipeline/generate/generate.ts";
import { generateHalls, type HallsResult } from "../pipeline/generate/generate-halls.ts";
import { generateInbox, generatePreset } from "../pipeline/generate/generate-preset.ts";
import { fitSizes } from "../pipeline/generate/hall-network.ts";
import { presets } from "../pipeline/generate/presets.ts";
import { writeSampleCityReadme } from "../pipeline/generate/sample-readme.ts";
import { sources } from "../pipeline/ingest/sources.ts";
import { digest, hashes } from "./support/folder-hashes.ts";

type Row = Record<string, string>;
const readCsv = async (path: string): Promise<Row[]> =>
  parse(await readFile(path), { columns: true, bom: true, skip_empty_lines: true });

async function csvRows(root: string, folder: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const file of (await readdir(join(root, folder))).filter((name) => name.endsWith(".csv")).sort())
    rows.push(...(await readCsv(join(root, folder, file))));
  return rows;
}

const directories = async (root: string) =>
  (await readdir(root, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

/** The provincial 好差评 export: the evaluations source's headers after the routing 大厅编码. */
const ROOT_HEADERS = [
  "大厅编码",
  "评价编号",
  "评价时间",
  "评价等级",
  "评价渠道",
  "窗口号",
  "工作人员账号",
  "流水号",
  "评价内容",
  "整改完成时间",
];
const sourceFolders = new Set(sources.map((source) => source.folder));

describe("many-hall inboxes (the sample city)", () => {
  let scratch: string;
  let city: string;
  let result: HallsResult;
  let sample: GenerateResult;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "generate-halls-"));
    city = join(scratch, "sample-city");
    result = await generateHalls(presets["sample-city"], city);
    await writeSampleCityReadme(city, presets["sample-city"], result);
    sample = await generatePreset(presets.sample, join(scratch, "sample"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("registers exactly the halls that have a folder, with the contract's headers and codes", async () => {
    const register = await readFile(join(city, "halls", "大厅名册.csv"), "utf8");
    expect(register.split("\n")[0]).toBe("大厅编码,大厅名称,上级大厅编码,地区,启用日期,停用日期");
    const halls = await readCsv(join(city, "halls", "大厅名册.csv"));
    expect(halls).toEqual([
      {
        大厅编码: "SXX",
        大厅名称: "示例县政务服务中心",
        上级大厅编码: "",
        地区: "示例县",
        启用日期: "2016-03-01",
        停用日期: "",
      },
      {
        大厅编码: "SXX-KFQ",
        大厅名称: "示例县经济开发区政务服务分中心",
        上级大厅编码: "SXX",
        地区: "示例县经济开发区",
        启用日期: "2021-07-01",
        停用日期: "",
      },
    ]);
    const root = await directories(city);
    expect(root.filter((name) => name !== "halls" && !sourceFolders.has(name))).toEqual(["SXX", "SXX-KFQ"]);
    expect(root.filter((name) => sourceFolders.has(name))).toEqual(["evaluations"]);
  });

  it("lays out each hall's folder like a one-hall inbox: source folders only, the routed hall without evaluations/", async () => {
    expect(await directories(join(city, "SXX"))).toEqual([...sourceFolders].sort());
    expect(await directories(join(city, "SXX-KFQ"))).toEqual(
      [...sourceFolders].filter((folder) => folder !== "evaluations").sort(),
    );
  });

  it("keeps the sample hall's folder byte for byte the one-hall sample preset (its README aside)", async () => {
    expect(await hashes(join(city, "SXX"))).toEqual(
      await hashes(join(scratch, "sample"), (path) => path === "README.md"),
    );
  });

  it("gives both halls the same ids: 工号, windows, departments, tickets, complaints, appeals and evaluations", async () => {
    const ids = async (hall: string, folder: string, column: string) =>
      new Set((await csvRows(join(city, hall), folder)).map((row) => row[column]));
    const both = (a: Set<string | undefined>, b: Set<string | undefined>) => [...a].filter((id) => b.has(id));
    const branchRoster = await csvRows(join(city, "SXX-KFQ"), "roster");
    expect(branchRoster[0]).toMatchObject({ 工号: "S0001", 窗口号: "A01", 部门: "市场监管局" });
    expect(branchRoster.map((row) => row.部门)).toContain("税务局");
    expect(result.halls.map((hall) => hall.departments.includes("税务局"))).toEqual([true, true]);
    // 2026-09-01: both halls' window A01 serve tickets numbered by day, window and sequence
    const tickets = async (hall: string) =>
      new Set(
        (await readFile(join(city, hall, "queue", "叫号流水_2026-09-01.csv")))
          .toString("latin1")
          .split("\r\n")
          .slice(1)
          .map((line) => line.split(",")[0]),
      );
    expect(both(await tickets("SXX"), await tickets("SXX-KFQ"))).toContain("20260901A01001");
    expect(
      both(await ids("SXX", "complaints", "投诉编号"), await ids("SXX-KFQ", "complaints", "投诉编号")),
    ).toContain("TSP001");
    expect(
      both(await ids("SXX", "appeals", "申诉编号"), await ids("SXX-KFQ", "appeals", "申诉编号")),
    ).toEqual(["SSP001"]);
    const sampleEvaluations = await ids("SXX", "evaluations", "评价编号");
    const routed = new Set(
      (await csvRows(city, "evaluations"))
        .filter((row) => row.大厅编码 === "SXX-KFQ")
        .map((row) => row.评价编号),
    );
    expect(both(sampleEvaluations, routed)).toContain("PJP0001");
    expect(both(sampleEvaluations, routed)).toContain("PJ20261015A02001");
    expect(both(sampleEvaluations, routed).length).toBeGreaterThan(100);
  });

  it("routes every root-level row to a registered hall except the one planted with an unknown 大厅编码", async () => {
    const rows = await csvRows(city, "evaluations");
    expect(Object.keys(rows[0]!)).toEqual(ROOT_HEADERS);
    const unknown = rows.filter((row) => row.大厅编码 !== "SXX-KFQ");
    expect(unknown.map(Object.values)).toEqual([
      ["SXX-GXQ", "PJR0001", "2026-10-16 11:02:00", "满意", "政务服务网", "A01", "ck0001", "", "", ""],
    ]);
    expect(result.halls[1]!.rows.evaluations).toBeUndefined();
    expect(result.rows.evaluations).toBe(result.halls[0]!.rows.evaluations! + rows.length);
  });

  it("plants the branch's routed 差评 PJP0001 unrectified, and lists every complainant of both halls", async () => {
    const routed = (await csvRows(city, "evaluations")).filter((row) => row.评价编号 === "PJP0001");
    expect(routed.map(Object.values)).toEqual([
      [
        "SXX-KFQ",
        "PJP0001",
        "2026-10-15 10:15:30",
        "非常不满意",
        "“好差评”小程序",
        "A09",
        "ck0009",
        "",
        "等候时间太长",
        "",
      ],
    ]);
    expect(result.complainants.slice(0, sample.complainants.length)).toEqual(sample.complainants);
    expect(result.complainants.slice(sample.complainants.length)).toContainEqual({
      name: "韩立平",
      phone: "13905719901",
    });
  });

  it("writes the same bytes for the same preset (the sample city, twice)", async () => {
    await generateInbox(presets["sample-city"], join(scratch, "again"));
    expect(await hashes(join(scratch, "again"))).toEqual(await hashes(city));
  });
});

describe("the scale presets' halls", () => {
  it("city: one 市政务服务中心 and twelve 分中心 under it, 1,000 staff", () => {
    const [centre, ...branches] = presets.city.halls;
    expect(centre).toMatchObject({
      code: "SZ-00",
      parentCode: null,
      hall: { hallName: "示例市政务服务中心" },
    });
    expect(branches).toHaveLength(12);
    for (const branch of branches) {
      expect(branch.parentCode).toBe("SZ-00");
      expect(branch.hall.hallName).toMatch(/^示例市.+(区|县)政务服务分中心$/);
    }
    expect(presets.city.halls.reduce((sum, entry) => sum + entry.hall.staff, 0)).toBe(
      presets.city.targets.staff,
    );
    expect(presets.city.halls.filter((entry) => entry.evaluationsAtRoot).length).toBeGreaterThanOrEqual(2);
  });

  it("province: about 100 halls of 50–500 staff, 20,000 in all, under the provincial hall, codes of letters, digits and -", () => {
    const { halls, targets } = presets.province;
    expect(targets).toEqual({ halls: 100, staff: 20_000, hallStaff: [50, 500] });
    expect(halls.length).toBeGreaterThanOrEqual(90);
    expect(halls.length).toBeLessThanOrEqual(110);
    expect(halls.reduce((sum, entry) => sum + entry.hall.staff, 0)).toBe(20_000);
    for (const entry of halls) {
      expect(entry.hall.staff, entry.code).toBeGreaterThanOrEqual(50);
      expect(entry.hall.staff, entry.code).toBeLessThanOrEqual(500);
      expect(entry.code).toMatch(/^[A-Za-z0-9-]+$/);
    }
    const codes = new Set(halls.map((entry) => entry.code));
    expect(codes.size).toBe(halls.length);
    expect(halls.filter((entry) => entry.parentCode === null).map((entry) => entry.code)).toEqual(["SHENG"]);
    for (const entry of halls)
      if (entry.parentCode) expect(codes.has(entry.parentCode), entry.code).toBe(true);
    expect(new Set(halls.map((entry) => entry.hall.seed)).size).toBe(halls.length);
  });

  property.prop([
    fc.array(fc.integer({ min: -100, max: 1000 }), { minLength: 1, maxLength: 120 }),
    fc.nat(5000),
  ])(
    "fitSizes keeps every hall within its bounds and sums to the total whenever the bounds can hold it",
    (drawn, extra) => {
      const bounds = [50, 500] as const;
      const total = Math.min(drawn.length * 500, drawn.length * 50 + extra);
      const sizes = fitSizes(drawn, total, bounds);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(total);
      for (const size of sizes) expect(size >= 50 && size <= 500).toBe(true);
    },
  );

  it("fitSizes refuses a total the bounds cannot hold", () => {
    expect(() => fitSizes([100, 100], 1001, [50, 500])).toThrow("2 个大厅（每个 50–500 人）容纳不下 1001 人");
  });
});

describe("the many-hall province, scaled down (1,000 staff, two days)", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "generate-province-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("writes as many rows per source as one hall of the same staff at the province's rates, every root row routed", async () => {
    const inbox = join(scratch, "province");
    const many = await generateHalls(presets.province, inbox, { days: 2, staff: 1000 });
    expect(many.halls).toHaveLength(presets.province.halls.length);
    expect(many.halls.reduce((sum, hall) => sum + hall.staff, 0)).toBe(1000);
    // the one-hall province preset of main @ 26d0044 (20,000 staff, 400 departments), at 1,000 staff
    const one = await generateHall({
      preset: {
        hallName: "示例省政务服务中心（全省汇总）",
        seed: 20260903,
        firstDay: "2026-09-01",
        lastDay: "2026-09-30",
        staff: 1000,
        departments: 20,
        ticketsPerStaffDay: 39,
        evaluationRate: 0.73,
        xlsx: false,
        missingAttendanceDays: [],
      },
      out: join(scratch, "one"),
      days: 2,
    });
    for (const folder of ["attendance", "queue", "queue-events", "evaluations", "cases"]) {
      const ratio = many.rows[folder]! / one.rows[folder]!;
      expect(ratio, folder).toBeGreaterThan(0.95);
      expect(ratio, folder).toBeLessThan(1.05);
    }
    const codes = new Set(presets.province.halls.map((entry) => entry.code));
    const routed = new Set((await csvRows(inbox, "evaluations")).map((row) => row.大厅编码));
    expect([...routed].filter((code) => !codes.has(code!))).toEqual([]);
    expect(routed).toEqual(
      new Set(presets.province.halls.filter((entry) => entry.evaluationsAtRoot).map((entry) => entry.code)),
    );
    expect((await directories(inbox)).filter((name) => !sourceFolders.has(name) && name !== "halls")).toEqual(
      [...codes].sort(),
    );
  }, 120_000);
});

describe("one-hall presets", () => {
  it("tiny writes what it wrote before many halls (digest of main @ 26d0044)", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "generate-tiny-"));
    try {
      await generateInbox(presets.tiny, join(scratch, "tiny"));
      expect(await digest(join(scratch, "tiny"))).toBe(
        "4ef5b12e3225650d3a8367a4be82010b559e67f12f048b084e732e635f8577ae",
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
