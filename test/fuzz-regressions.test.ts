/**
 * Counterexamples of the fuzz harness (npm run fuzz), each a named regression test: the case as
 * small as it shrinks — a generated hall of two staff on one Monday, 2026-10-12, and one or two
 * mutations — and the property it broke. The comment above each says what the harness reports
 * while the defect is open. A defect whose fix belongs to another area is `it.fails` until that fix
 * lands; whoever fixes it turns it into `it` and deletes its entry in test/fuzz/open-defects.ts.
 */
import { describe, expect, it } from "vitest";
import { maskEvidence } from "./fuzz/compare-marts.ts";
import { columnIndex, type TableFile, tableText } from "./fuzz/inbox-model.ts";
import type { Mutation } from "./fuzz/mutations.ts";
import { type CaseOptions, type FuzzCase, prepareCase, runCase } from "./fuzz/run-case.ts";

const TIMEOUT = 180_000;

/** The generated hall every regression starts from, with the as-of date 20 days after it. */
const hall = (mutations: Mutation[], extra: Partial<FuzzCase> = {}): FuzzCase => ({
  hall: { seed: 1, staff: 2, firstDay: "2026-10-12", days: 1 },
  asOfOffset: 20,
  scoreLimits: { additionCap: null, floor: null },
  mutations,
  ...extra,
});

/** A verified complaint against S0001 on the day (态度/刁难), decided that day, or not yet (−1). */
const complaint = (decidedAfter: number): Mutation => ({
  kind: "complaint",
  staff: 0,
  day: 0,
  minute: 0,
  category: 0,
  finding: 0,
  decidedAfter,
});

const failuresOf = async (fuzzCase: FuzzCase, options: CaseOptions = {}) =>
  (await runCase(fuzzCase, { timeoutMs: 60_000, ...options })).failures;

describe("fuzz regressions", () => {
  it(
    "the generated hall itself publishes with every property holding (the harness is not vacuous)",
    async () => {
      expect(await failuresOf(hall([]), { workbooks: true })).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.1 (area: away intervals and window events). Property (c):
  // "数据校验失败：intermediate.int_away_intervals 按 (staff_id, starts_at, origin, origin_id) 不唯一，1 组重复"
  it(
    "a patrol AWAY_30 finding at 10:15 with a blank 离岗时长 publishes (rules.md §3 rev 2: the moment t)",
    async () => {
      const finding: Mutation = {
        kind: "awayFinding",
        staff: 0,
        day: 0,
        clock: 5,
        finding: 0,
        minutes: 0,
        byWindow: false,
      };
      expect(await failuresOf(hall([finding]))).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.2 (area: ingest robustness). Property (a): the run never settles
  // ("运行在 45 秒内没有结束（挂起）"); from the command line the process exits 0 with nothing published.
  it(
    "a 3,000-row queue workbook cut at 94 % is rejected and the rest publishes",
    async () => {
      // cut inside the parts after the sheet: exceljs' streaming reader waits for an entry that never ends
      const cut: Mutation = { kind: "truncate", file: 10, fraction: 94, large: true };
      expect(await failuresOf(hall([cut]), { timeoutMs: 45_000 })).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.3 (area: cases/complaints/investigations rules; the quarantine's raw cells: staging
  // hygiene). Property (e): "投诉人信息出现在数据仓库：marts.complaints.channel: 欧阳翠花", and in
  // the workbook's 投诉 sheet.
  it(
    "a complainant's name typed into 投诉渠道 is published nowhere",
    async () => {
      const misfiled: Mutation = { kind: "misfiled", row: 0, column: 0, phone: false };
      expect(await failuresOf(hall([complaint(0), misfiled]), { workbooks: true })).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.3 (area: staging hygiene, the quarantine's reason and raw cells). Property (e): an
  // unquoted comma in 投诉内容 and no trailing empty cell shift the row, the phone lands in 复杂程度,
  // and "取值不在列表中：复杂程度 199…" publishes it in ops.quarantine.reason.
  it(
    "a complaint row shifted by an unquoted comma publishes no complainant value, not even in a reason",
    async () => {
      const shifted: Mutation = { kind: "shiftRow", file: 4, row: 0, column: 5, keepCount: true };
      expect(await failuresOf(hall([complaint(-1), shifted]), { workbooks: true })).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.4 (area: staging hygiene and identifiers). Property (f): with 考勤号码 1001.0 in the
  // roster, S0001's punches match no one: two ABSENT_HALF, −10, and the marts differ from the hall's.
  it(
    "a roster 考勤号码 written 1001.0 by Excel gives the results of 1001",
    async () => {
      const excel: Mutation = { kind: "excelNumber", file: 11, row: 0, column: 3, style: 0 };
      expect(await failuresOf(hall([excel], { neutral: true }))).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.4 (area: staging hygiene and identifiers). Property (b): "cases/办件_2026-10-12.csv:2
  // 的科学计数法的编号 2.02610E+17 应被隔离，却被采用了".
  it(
    "a case whose 流水号 Excel shows as 2.02610E+17 is quarantined, never matched",
    async () => {
      const digits: Mutation = { kind: "numericTickets" };
      const scientific: Mutation = { kind: "mangleId", file: 2, row: 0, column: 2, style: 3 };
      expect(await failuresOf(hall([digits, scientific]))).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.5 (area: the one fixing rows after --as-of). Property (d): a punch dated 2036-01-07
  // publishes month 2036-01 in marts.months, staff_month, score_events, awards….
  it(
    "a punch dated 2036 publishes no month after the as-of month",
    async () => {
      const future: Mutation = { kind: "futureTime", file: 1, row: 0, column: 0, day: 1, clock: 0, style: 0 };
      expect(await failuresOf(hall([future]))).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.7 (area: away intervals and window events). Property (f): a 10-second pause at 08:35
  // whose 恢复 is logged 24 s before its 暂停 becomes AWAY_30:S0001:2026-10-12:… of over an hour.
  it(
    "a 10-second pause whose resume is logged 24 s before it changes no result",
    async () => {
      const pause: Mutation = { kind: "quickPause", file: 0, row: 0, length: 10, skew: -34 };
      expect(await failuresOf(hall([pause], { neutral: true }))).toEqual([]);
    },
    TIMEOUT,
  );

  // Found by the harness (area: attribution of window records, rules.md §13, in a month that is
  // final and frozen — int_unattributed_records). Property (f), rerun: the first run attributed a
  // window-only finding at 13:14 to the A holder present that morning; the second, with October
  // frozen and its sessions no longer computed, quarantined it ("无法确定当班人员：窗口 A01 在
  // 2026-10-12 13:14 无叫号登录，A岗、B岗人员均不在岗"): ops.loads and ops.quarantine changed.
  it(
    "the same inbox twice changes nothing, also for a window-only finding in a frozen month",
    async () => {
      const windowOnly: Mutation = { kind: "patrol", staff: 0, day: 0, clock: 8, finding: 0, byWindow: true };
      expect(await failuresOf(hall([windowOnly], { asOfOffset: 30 }), { rerun: true })).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.9 (area: figures, ranges and invariant messages). Property (d): "看板数据
  // windows.within_target_rate 不在 [0, 1] 内：1.1428…": window A01's 8 tickets were all called within
  // 20 minutes, one of them a no-show, and the loader divides by the 7 that were not.
  it(
    "the queue page's share called within the target wait is at most 100 %",
    async () => {
      const seed2 = hall([], { hall: { seed: 2, staff: 2, firstDay: "2026-10-12", days: 1 } });
      expect(await failuresOf(seed2, { pageData: true })).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.8 (area: ingest robustness). Property (b): "乱码（U+FFFD）出现在 ops.quarantine.reason"
  // and raw: a UTF-8 file that turns GBK after 300 KB is decoded as UTF-8 throughout.
  it(
    "a window-event file that turns GBK after its first 300 KB publishes no U+FFFD",
    async () => {
      const mixed: Mutation = { kind: "mixedEncoding", file: 9, fraction: 5, large: true };
      expect(await failuresOf(hall([mixed]))).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.10, found on main by `npm run fuzz -- --seed 20261203` (area: staging). Property (a):
  // "运行失败，未发布：模型 staging.stg_cases 执行失败：Conversion Error: Type DOUBLE with value 1e+20
  // can't be cast … INT32" — one 承诺时限 of 99999999999999999999 stopped the whole run.
  it(
    "a 承诺时限 or a 离岗时长 past an integer's range is quarantined and the rest publishes",
    async () => {
      const promisedDays: Mutation = { kind: "number", file: 2, row: 0, column: 0, value: 6 };
      const awayMinutes: Mutation = { kind: "number", file: 8, row: 0, column: 0, value: 6 };
      expect(await failuresOf(hall([promisedDays]))).toEqual([]);
      expect(await failuresOf(hall([awayMinutes]))).toEqual([]);
    },
    TIMEOUT,
  );

  // Defect 11.11, found on main by `npm run fuzz -- --seed 20261204` (area: staging; and the harness).
  // Property (f): "marts.cases 与未改动的同一大厅不同：缺 1 行 {"case_id":"BJ20261012A01002",…" — a
  // 承诺时限 as Excel shows it was quarantined. The harness first wrote 10 as `10,`, which Excel never
  // shows (now only 1,000 and up get separators); the product did not read `１０` or `1,000` either.
  it(
    "a 承诺时限 as Excel shows a number (full-width １０, or 10 left alone by the thousands style) scores as the plain number",
    async () => {
      const asExcelShows = (style: number): FuzzCase =>
        hall([{ kind: "excelNumber", file: 254, row: 0, column: 33, style }], {
          neutral: true,
          asOfOffset: 0,
        });
      expect(await failuresOf(asExcelShows(425))).toEqual([]);
      expect(await failuresOf(asExcelShows(2))).toEqual([]);
    },
    TIMEOUT,
  );

  // Harness defect, found on main by `npm run fuzz -- --seed 20261212` (case 29): "(b)
  // calendar/登记_2027-01.csv:3 的科学计数法的编号 临时调整E+00 应被隔离，却被采用了" — in a file
  // without identifiers (the calendar register) the mutation mangled its 说明 as if it were one,
  // and the harness expected the row quarantined.
  it(
    "a calendar register whose 说明 is mangled into scientific notation keeps its row: a 说明 is no identifier",
    async () => {
      const adjusted: Mutation = { kind: "calendar", day: 0, workday: true };
      const calendar = (await prepareCase(hall([adjusted]))).files
        .filter((file) => file.kind === "table")
        .findIndex((file) => file.path.startsWith("calendar/"));
      const mangled = hall([adjusted, { kind: "mangleId", file: calendar, row: 0, column: 2, style: 3 }]);
      expect((await prepareCase(mangled)).log.join("\n")).toContain('"临时调整E+00"');
      expect(await failuresOf(mangled)).toEqual([]);
    },
    TIMEOUT,
  );

  // Harness defect, found on main by `npm run fuzz -- --seed 20261214` (case 300): "(f)
  // marts.score_events 与未改动的同一大厅不同：…多 1 行 {"event_id":"ATT_MISS:S0001:2026-10-12:AM",…"
  // — in a file without enumerated columns (a punch export) the neutral 取值变体 wrote a punch's
  // 日期时间 in full-width digits, which is no time format of data-contract §1 and is rightly quarantined.
  it(
    "a neutral 取值变体 leaves a punch export (no enumerated column) as it was, and the hall publishes unchanged",
    async () => {
      const fullWidthPunch = {
        ...hall([
          { kind: "variant", file: 2, row: 0, column: 579, style: 0 },
          { kind: "format", file: 0, to: 0 },
        ]),
        hall: { seed: 1, staff: 2, firstDay: "2026-10-12", days: 2 },
        neutral: true as const,
        asOfOffset: 0,
      };
      expect((await prepareCase(fullWidthPunch)).log.join("\n")).not.toContain("取值变体");
      expect(await failuresOf(fullWidthPunch)).toEqual([]);
    },
    TIMEOUT,
  );

  // Harness defect, found on main by `npm run fuzz -- --seed 20261230` (case 389): "(b)
  // queue/叫号流水_2026-10-12_表格.xlsx：14 行数据的文件被整体拒收（不是 Excel 工作簿（.xlsx 文件应是 zip
  // 压缩格式），可能是改了扩展名的其他文件…）" — a file turned into a workbook (named _表格.xlsx) and then
  // into a tab-separated export kept the workbook's name: text under .xlsx, which ingest rightly
  // rejects whole with that reason (data-contract §1: .xlsx is a workbook).
  it(
    "a workbook saved again as a tab-separated export is named .csv, and its rows are read",
    async () => {
      const resaved = hall([
        { kind: "format", file: 10, to: 0 },
        { kind: "format", file: 10, to: 2 },
      ]);
      expect((await prepareCase(resaved)).log.join("\n")).toContain(
        "queue/叫号流水_2026-10-12_表格.xlsx → queue/叫号流水_2026-10-12_表格_导出.csv（tab）",
      );
      expect(await failuresOf(resaved)).toEqual([]);
    },
    TIMEOUT,
  );

  // Harness defect, found on main by `npm run fuzz -- --seed 20261216` (case 50): "(f) marts.score_events
  // 与未改动的同一大厅不同：缺 1 行 {"event_id":"ABSENT_HALF:S0002:2026-10-15:AM",…；多 1 行 {…同一事件…}" —
  // a neutral copy of the day's punch export (另存为 .csv) holds the day's latest punches, so the
  // absence cites the copy; the harness masked evidence only as `path:line`, not a whole file.
  it("an absence's evidence (the day's export that lacks the punch) is evidence like path:line, however many files", () => {
    const cited = (files: string) =>
      `{"event_id":"ABSENT_HALF:S0002:2026-10-15:AM","source_ref":"${files}（当日考勤记录中无本人上午打卡）","points":-5}`;
    const original = maskEvidence(cited("attendance/2026-10-15_1_attlog.dat"));
    expect(maskEvidence(cited("attendance/2026-10-15_1_attlog_副本.csv"))).toBe(original);
    expect(
      maskEvidence(cited("attendance/2026-10-15_1_attlog.dat、attendance/2026-10-15_1_attlog_副本.csv")),
    ).toBe(original);
    expect(original).not.toContain("attlog");
    // what is not evidence stays: the event, its points, the reason in brackets
    expect(original).toContain("ABSENT_HALF:S0002:2026-10-15:AM");
    expect(original).toContain("当日考勤记录中无本人上午打卡");
    expect(maskEvidence('{"source_ref":"queue/叫号_2026-10-15.csv:12"}')).toBe('{"source_ref":"〈证据〉"}');
  });

  // Harness defect, found on main by `npm run fuzz -- --seed 20261217` (case 112): "(b)
  // queue-events/窗口状态_2026-10-10_表格.xlsx:9 的科学计数法的编号 0.00200E+03 应被隔离，却被采用了" —
  // the workbook holding the mangled 账号 was cut short by a later mutation and rejected whole
  // (拒收, 0 rows), so none of its rows is quarantined one by one, nor used.
  it(
    "an identifier in scientific notation inside a file that is then cut short: the file is rejected whole, its rows expect nothing",
    async () => {
      const queueEvents = (await prepareCase(hall([]))).files
        .filter((file) => file.kind === "table")
        .findIndex((file) => file.path.startsWith("queue-events/"));
      const cut = hall([
        { kind: "mangleId", file: queueEvents, row: 0, column: 1, style: 3 },
        { kind: "truncate", file: queueEvents, fraction: 50, large: true },
      ]);
      expect((await prepareCase(cut)).log.join("\n")).toMatch(/Excel 改写编号.*E\+0\d[\s\S]*文件截断/);
      expect(await failuresOf(cut)).toEqual([]);
    },
    TIMEOUT,
  );

  // Harness defect, found on main by `npm run fuzz -- --seed 20261206`: "用例本身出错：TypeError: Cannot
  // read properties of undefined (reading 'includes')" — the sample workbooks read back left empty
  // cells as holes, which the CSV writer of a re-export could not quote.
  it(
    "a roster re-export of the sample hall (read back from its workbook, empty cells and all) sets 离职日期 and writes a whole file",
    async () => {
      const sample = { sample: true as const, seed: 20260901, staff: 42, firstDay: "2026-09-01", days: 61 };
      const context = await prepareCase(
        hall([{ kind: "rosterReexport", staff: 0, field: 0, offset: 0 }], { hall: sample, asOfOffset: 0 }),
      );
      const reexport = context.files.find((file) => file.path.includes("更正")) as TableFile;
      const row = reexport.rows.find((cells) => cells[columnIndex(reexport, "staff_id")] === "S0001")!;
      expect(row[columnIndex(reexport, "end_date")]).toBe("2026-09-01");
      expect(tableText(reexport).split("\n").length).toBe(reexport.rows.length + 2);
    },
    TIMEOUT,
  );

  // Harness defect, found on 7642c9b by `npm run fuzz -- --seed 20261226` (case 316): "(d)
  // marts.score_distribution.score_from 为负（2 行）", also staff_year.total_score, best_score,
  // worst_score and staff_feedback.previous_1_score — a newcomer who never punched scored −100 in
  // a month. A score has no floor unless the configuration sets one (rules.md §9), so every score
  // column is signed, not only those named `score`.
  it(
    "a newcomer whose attendance number never punches scores below zero in eleven working days, and every property holds",
    async () => {
      const newcomer = hall([{ kind: "reuseAccount", staff: 0, account: 1, startOffset: 0, ends: false }], {
        hall: { seed: 1, staff: 2, firstDay: "2026-10-12", days: 15 },
      });
      const { log } = await prepareCase(newcomer);
      expect(log.join("\n")).toMatch(/新人 S9\d+ 自 2026-10-12 使用 S0001 的 queue_login/);
      expect(await failuresOf(newcomer)).toEqual([]);
    },
    TIMEOUT,
  );
});
