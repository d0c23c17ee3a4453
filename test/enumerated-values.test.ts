/**
 * rules.md §4 (rev 2): "Finding names, like every enumerated value in every source (levels, kinds,
 * statuses, categories), are matched after Unicode NFKC normalization and with full-width and
 * half-width punctuation, quotes and spaces treated alike, so a name copied from this page or typed
 * in Excel with full-width commas matches its code." The names below are copied from rules.md as
 * it prints them (ASCII commas and quotes); the registers' lists have full-width ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outLayout } from "../pipeline/out-layout.ts";
import { type Hall, runHall } from "./support/hall.ts";
import { queryDuckDb } from "./support/inbox.ts";
import { normalDays, quarantined, staff } from "./support/rules.ts";

/** rules.md §3–§4, each finding's 中文 name exactly as the page prints it. */
const printedNames: [string, string][] = [
  ["DISC_ENTERTAIN", "工作时间打游戏、看电影、听音乐、网上聊天、炒股票等"],
  ["DISC_SMOKE_SNACK", "在窗口吸烟或吃零食"],
  ["DISC_ALCOHOL", "酒后上岗"],
  ["DRESS_BADGE", "上班未佩戴胸卡、未按规定穿着工作服"],
  ["DESK_SIGN", "未摆放桌牌或摆放不规范"],
  ["QUARREL", "与服务对象发生争吵,影响中心正常工作秩序"],
  ["NOTIFY_ONCE", '未履行"一次性告知"义务,让服务对象反复跑腿'],
  ["ENV_MESSY", "办公场地物品乱堆乱放、地面不卫生"],
  ["DESK_CLUTTER", "办公桌面资料摆放杂乱或放有水果、零食"],
  ["DESK_AFTER_WORK", "下班后未整理窗口办公桌面"],
  ["CASE_FALSE_CLOSE", "承诺件未办结但作办结处理"],
  ["CASE_ERROR_REDO", "办理结果有差错(操作失误),导致服务对象二次办结"],
  ["AWAY_30", "擅自离岗超过30分钟"],
  ["AWAY_HALF", "擅自离岗超过半天"],
];

/** As typed with a Chinese input method: full-width ASCII, 、 for a comma, Chinese quotes. */
const fullWidth = (text: string): string =>
  [...text]
    .map((c) => (c >= "!" && c <= "~" ? String.fromCodePoint(c.codePointAt(0)! - 0x21 + 0xff01) : c))
    .join("")
    .replace(/＂(.*?)＂/g, "“$1”");
/** With stray spaces, as a cell pasted from a document has them. */
const spaced = (text: string): string => ` ${[...text].join(" ")}\u3000`;

const zhang = staff(1);
const october = ["2026-10-12", "2026-10-13", "2026-10-14"];

const patrolRow = (id: string, finding: string, minute: number, away_minutes?: number) => ({
  id,
  at: `2026-10-13 10:${String(minute).padStart(2, "0")}`,
  patroller: "王督查",
  staff_id: "S0001",
  finding,
  away_minutes,
});

describe("enumerated values matched after normalization", () => {
  let hall: Hall;
  const state = <T extends Record<string, unknown>>(sql: string) =>
    queryDuckDb<T>(outLayout(hall.out).stateDb, sql);

  beforeAll(async () => {
    const spellings = printedNames.flatMap(([code, name]) =>
      [name, fullWidth(name), spaced(name)].map((finding) => ({ finding, away: code.startsWith("AWAY") })),
    );
    hall = await runHall(
      {
        roster: [zhang, staff(2)],
        attendance: normalDays([zhang, staff(2)], october),
        patrol: [
          ...spellings.map(({ finding, away }, i) =>
            patrolRow(`P${i + 1}`, finding, i, away ? 45 : undefined),
          ),
          patrolRow("P-CODE-FW", "ＤＥＳＫ＿ＳＩＧＮ", 50),
          patrolRow("P-CODE-LOWER", "desk_clutter", 51),
          patrolRow("P-NORMAL", "正 常", 52),
          patrolRow("P-UNKNOWN", "睡觉", 53),
        ],
        evaluations: ["非常 满意", "５", "4.0", "基本满意\u3000", "不 满意", "１"].map((level, i) => ({
          id: `E${i + 1}`,
          at: "2026-10-13 11:00",
          level,
          queue_login: "ck0001",
        })),
        queue: ["受 理", "补正\u3000告知", " 过号", "转窗"].map((outcome, i) => ({
          ticket_no: `T${i + 1}`,
          issued_at: `2026-10-13 09:0${i}`,
          window_no: "A01",
          queue_login: "ck0001",
          outcome,
        })),
        "queue-events": [
          { window_no: "A01", queue_login: "ck0001", event: "登 录", at: "2026-10-13 08:30" },
          { window_no: "A01", queue_login: "ck0001", event: " 暂停", at: "2026-10-13 09:40" },
          { window_no: "A01", queue_login: "ck0001", event: "恢复\u3000", at: "2026-10-13 09:45" },
          { window_no: "A01", queue_login: "ck0001", event: "退 出", at: "2026-10-13 17:00" },
        ],
        cases: [
          {
            case_id: "BJ1",
            item: "个体户登记",
            kind: "即办件 ",
            promised_days: 0,
            accepted_at: "2026-10-13 09:10",
            entered_at: "2026-10-13 09:10",
            completed_at: "2026-10-13 09:30",
            status: "办\u3000结",
            platform_account: "sp0001",
            ticket_no: "T1",
          },
        ],
        leave: [
          {
            id: "L1",
            staff_id: "S0002",
            kind: "事假",
            starts_at: "2026-10-14 08:00",
            ends_at: "2026-10-14 12:00",
            approval: "已 批准",
          },
        ],
        complaints: [
          {
            id: "K1",
            received_at: "2026-10-13 11:00",
            channel: "１２３４５",
            staff_id: "S0001",
            category: "态度／刁难",
            complexity: "复 杂",
            finding: "部分 属实",
            at_fault: "窗口 工作人员",
            decided_at: "2026-10-14 10:00",
          },
        ],
        commendations: [
          { id: "M1", date: "2026-10-13", staff_id: "S0001", kind: " 锦旗 ", verified: "ＹＥＳ" },
        ],
        calendar: [{ date: "2026-10-17", is_workday: "否 " }],
        investigations: [
          {
            staff_id: "S0001",
            trigger: "ｒ０１",
            occurred_on: "2026-10-13",
            severity: "较 重",
            aggravating: "打击报复，干扰调查",
            mitigating: "道歉谅解 、挽回损失",
            decision: "已 认定",
          },
        ],
        appeals: [
          {
            id: "A1",
            staff_id: "S0001",
            rule_code: "desk_sign",
            event_date: "2026-10-13",
            submitted_on: "2026-10-20",
            result: "撤 销",
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("matches every finding name as rules.md prints it, full-width and with spaces", async () => {
    const rows = await state<{ patrol_id: string; finding_code: string | null }>(
      "select patrol_id, finding_code from staging.stg_patrol order by line",
    );
    const expected = printedNames.flatMap(([code]) => [code, code, code]);
    expect(rows.slice(0, expected.length).map((row) => row.finding_code)).toEqual(expected);
    expect(rows.slice(expected.length)).toEqual([
      { patrol_id: "P-CODE-FW", finding_code: "DESK_SIGN" },
      { patrol_id: "P-CODE-LOWER", finding_code: "DESK_CLUTTER" },
      { patrol_id: "P-NORMAL", finding_code: "NORMAL" },
      { patrol_id: "P-UNKNOWN", finding_code: null },
    ]);
  });

  it("scores QUARREL and NOTIFY_ONCE written with ASCII commas, and quarantines only the unknown finding", async () => {
    const events = await hall.query<{ rule_code: string; n: number }>(
      `select rule_code, count(*)::integer as n from marts.score_events
       where source_ref like 'P%' and rule_code in ('QUARREL', 'NOTIFY_ONCE', 'CASE_ERROR_REDO') group by all order by rule_code`,
    );
    expect(events).toEqual([
      { rule_code: "CASE_ERROR_REDO", n: 3 },
      { rule_code: "NOTIFY_ONCE", n: 3 },
      { rule_code: "QUARREL", n: 3 },
    ]);
    expect(await quarantined(hall)).toEqual([
      "patrol patrol/data.csv:47 取值不在列表中：问题类型 睡觉（应为《规则说明》§4 的代码或名称，或“正常”）",
    ]);
  });

  it("matches levels (5…1 too), outcomes, window events, kinds, statuses and approvals", async () => {
    expect(
      await state(
        "select evaluation_id, level, rating, rejection from staging.stg_evaluations order by line",
      ),
    ).toEqual([
      { evaluation_id: "E1", level: 5, rating: "好评", rejection: null },
      { evaluation_id: "E2", level: 5, rating: "好评", rejection: null },
      { evaluation_id: "E3", level: 4, rating: "好评", rejection: null },
      { evaluation_id: "E4", level: 3, rating: "中评", rejection: null },
      { evaluation_id: "E5", level: 2, rating: "差评", rejection: null },
      { evaluation_id: "E6", level: 1, rating: "差评", rejection: null },
    ]);
    expect(await state("select outcome, rejection from staging.stg_queue order by line")).toEqual(
      ["受理", "补正告知", "过号", "转窗"].map((outcome) => ({ outcome, rejection: null })),
    );
    expect(await state("select window_event, rejection from staging.stg_queue_events order by line")).toEqual(
      ["登录", "暂停", "恢复", "退出"].map((window_event) => ({ window_event, rejection: null })),
    );
    expect(await state("select case_kind, case_status, rejection from staging.stg_cases")).toEqual([
      { case_kind: "即办件", case_status: "办结", rejection: null },
    ]);
    expect(await state("select approval, is_approved, rejection from staging.stg_leave")).toEqual([
      { approval: "已批准", is_approved: true, rejection: null },
    ]);
  });

  it("matches complaint categories, channels, findings, fault and complexity", async () => {
    expect(
      await state(
        "select channel, category, complexity, finding, at_fault, rejection from staging.stg_complaints",
      ),
    ).toEqual([
      {
        channel: "12345热线",
        category: "态度/刁难",
        complexity: "复杂",
        finding: "部分属实",
        at_fault: "窗口工作人员",
        rejection: null,
      },
    ]);
    // 态度/刁难 verified (部分属实) raises R01
    expect(
      await hall.query("select event_id, trigger from marts.investigations where event_id like 'COMPLAINT%'"),
    ).toEqual([{ event_id: "COMPLAINT_VERIFIED:S0001:2026-10-14:K1", trigger: "R01" }]);
  });

  it("matches 是/否, commendation kinds, triggers, tiers, circumstances, decisions, rule codes and results", async () => {
    expect(await state("select is_workday, rejection from staging.stg_calendar")).toEqual([
      { is_workday: false, rejection: null },
    ]);
    expect(
      await state(
        "select commendation_kind, rule_code, is_verified, rejection from staging.stg_commendations",
      ),
    ).toEqual([{ commendation_kind: "锦旗", rule_code: "PRAISE", is_verified: true, rejection: null }]);
    expect(
      await state(
        "select trigger, severity, aggravating, mitigating, decision, rejection from staging.stg_investigations",
      ),
    ).toEqual([
      {
        trigger: "R01",
        severity: "较重",
        aggravating: ["打击报复", "干扰调查"],
        mitigating: ["道歉谅解", "挽回损失"],
        decision: "已认定",
        rejection: null,
      },
    ]);
    expect(await state("select rule_code, result, rejection from staging.stg_appeals")).toEqual([
      { rule_code: "DESK_SIGN", result: "撤销", rejection: null },
    ]);
  });
});
