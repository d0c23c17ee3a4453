/**
 * rules.md §4 patrol findings (one finding, one event; codes or Chinese names; 正常 scores
 * nothing; every finding code of the table scored once, R01/R05/R11 raised by QUARREL, NOTIFY_ONCE
 * and CASE_FALSE_CLOSE) and §13 attribution of a finding that names only a window: the queue login
 * at that window then, else the A holder if present that session, else the B holder; else
 * quarantine, with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall, writeInbox } from "./support/hall.ts";
import {
  day,
  investigations,
  normalDays,
  quarantined,
  queueDay,
  scoreEvents,
  staff,
} from "./support/rules.ts";

const fri = "2026-10-09";

describe("§4 findings and §13 who was on duty", () => {
  const named = staff(1, { backup_window_no: "A03" });
  const loggedIn = staff(2);
  const aHolder = staff(3);
  const awayA = staff(4);
  const bHolder = staff(5, { backup_window_no: "A04" });
  const alone = staff(6);
  const everyone = [named, loggedIn, aHolder, awayA, bHolder, alone];
  const finding = (
    id: string,
    time: string,
    code: string,
    where: { staff_id?: string; window_no?: string },
  ) => ({
    id,
    at: `${fri} ${time}`,
    patroller: "巡查员甲",
    finding: code,
    ...where,
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: [
          ...normalDays([named, loggedIn, aHolder, bHolder], [fri]),
          // A04's and A06's A holders are on approved leave all morning: not present.
          ...day(awayA, fri, { amIn: null, amOut: null }),
          ...day(alone, fri, { amIn: null, amOut: null }),
        ],
        leave: [awayA, alone].map((who, i) => ({
          id: `L${i + 1}`,
          staff_id: who.staff_id,
          kind: "年休假",
          starts_at: `${fri} 08:30`,
          ends_at: `${fri} 12:00`,
          approval: "已批准",
        })),
        // S0002 is logged in at window A01 (not their own) all day.
        "queue-events": queueDay(loggedIn, fri, [], "A01"),
        patrol: [
          finding("P001", "09:30", "DRESS_BADGE", { staff_id: named.staff_id }),
          finding("P002", "09:40", "在窗口吸烟或吃零食", { staff_id: named.staff_id }),
          finding("P003", "09:50", "正常", { staff_id: named.staff_id }),
          finding("P004", "10:00", "DESK_SIGN", { window_no: "A01" }),
          finding("P005", "10:10", "DESK_SIGN", { window_no: "A03" }),
          finding("P006", "10:20", "DESK_SIGN", { window_no: "A04" }),
          finding("P007", "10:30", "DESK_SIGN", { window_no: "A06" }),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("a finding that names the staff member is one event, by code or by Chinese name; 正常 is none", async () => {
    const events = await scoreEvents(hall, named.staff_id);
    expect(events.map((e) => [e.event_id, e.rule_code, e.points])).toEqual([
      ["DISC_SMOKE_SNACK:S0001:2026-10-09:P002", "DISC_SMOKE_SNACK", -1],
      ["DRESS_BADGE:S0001:2026-10-09:P001", "DRESS_BADGE", -2],
    ]);
    expect(events.map((e) => e.source_ref)).toEqual([
      expect.stringContaining("P002"),
      expect.stringContaining("P001"),
    ]);
  });

  it("a window-only finding goes to the person logged in at that window then", async () => {
    const events = await scoreEvents(hall, loggedIn.staff_id);
    expect(events.map((e) => [e.event_id, e.points])).toEqual([["DESK_SIGN:S0002:2026-10-09:P004", -2]]);
  });

  it("no queue login: the A holder present that session", async () => {
    const events = await scoreEvents(hall, aHolder.staff_id);
    expect(events.map((e) => e.event_id)).toEqual(["DESK_SIGN:S0003:2026-10-09:P005"]);
  });

  it("A holder not present: the B holder present that session", async () => {
    expect((await scoreEvents(hall, awayA.staff_id)).map((e) => e.event_id)).toEqual([]);
    expect((await scoreEvents(hall, bHolder.staff_id)).map((e) => e.event_id)).toEqual([
      "DESK_SIGN:S0005:2026-10-09:P006",
    ]);
  });

  it("a finding nobody can be given is quarantined with that reason and scores nothing", async () => {
    const rows = await quarantined(hall, "patrol");
    expect(rows).toEqual([
      expect.stringMatching(
        /^patrol patrol\/data\.csv:8 无法确定当班人员：窗口 A06 在 2026-10-09 10:30 无叫号登录，A岗、B岗人员均不在岗$/,
      ),
    ]);
    const raw = await hall.query<{ raw: string }>(
      "select raw::varchar as raw from ops.quarantine where source = 'patrol'",
    );
    expect(raw[0]?.raw).toContain("P007");
    const all = await scoreEvents(hall);
    expect(all.filter((e) => e.event_id.endsWith(":P007"))).toEqual([]);
    expect(all).toHaveLength(5);
  });

  it("nothing else is quarantined", async () => {
    expect((await quarantined(hall)).filter((row) => !row.startsWith("patrol "))).toEqual([]);
  });

  // Last in this block: these run the hall again. rules.md §14: on 2026-11-20 October's appeal window
  // has passed, so that run confirms and freezes it; the next run reads October frozen.
  it("the run after a month freezes still finds who was on duty for its window-only findings", async () => {
    const frozen = await hall.rerun({ asOf: "2026-11-20" });
    const again = await frozen.rerun({ asOf: "2026-11-20" });
    expect(await quarantined(again, "patrol")).toEqual([
      "patrol patrol/data.csv:8 无法确定当班人员：窗口 A06 在 2026-10-09 10:30 无叫号登录，A岗、B岗人员均不在岗",
    ]);
    const byWindow = (await scoreEvents(again)).filter((e) => /:P00[4-7]$/.test(e.event_id));
    expect(byWindow.map((e) => e.event_id).sort()).toEqual([
      "DESK_SIGN:S0002:2026-10-09:P004",
      "DESK_SIGN:S0003:2026-10-09:P005",
      "DESK_SIGN:S0005:2026-10-09:P006",
    ]);
  });

  it("a finding that reaches the frozen month later, naming someone the roster does not know, is quarantined", async () => {
    await writeInbox(hall.inbox, {
      patrol: { "late.csv": [finding("P008", "11:00", "DESK_SIGN", { staff_id: "S0099" })] },
    });
    const late = await hall.rerun({ asOf: "2026-11-20" });
    expect(await quarantined(late, "patrol")).toEqual([
      "patrol patrol/data.csv:8 无法确定当班人员：窗口 A06 在 2026-10-09 10:30 无叫号登录，A岗、B岗人员均不在岗",
      "patrol patrol/late.csv:2 人员不在名册：工号 S0099",
    ]);
  });
});

/** rules.md §4: every finding code, its Chinese name as the rule book gives it, and its points. */
const findings: [code: string, name: string, points: number][] = [
  ["DISC_ENTERTAIN", "工作时间打游戏、看电影、听音乐、网上聊天、炒股票等", -5],
  ["DISC_SMOKE_SNACK", "在窗口吸烟或吃零食", -1],
  ["DISC_ALCOHOL", "酒后上岗", -5],
  ["DRESS_BADGE", "上班未佩戴胸卡、未按规定穿着工作服", -2],
  ["DESK_SIGN", "未摆放桌牌或摆放不规范", -2],
  ["QUARREL", "与服务对象发生争吵，影响中心正常工作秩序", -5],
  ["NOTIFY_ONCE", "未履行“一次性告知”义务，让服务对象反复跑腿", -5],
  ["ENV_MESSY", "办公场地物品乱堆乱放、地面不卫生", -5],
  ["DESK_CLUTTER", "办公桌面资料摆放杂乱或放有水果、零食", -5],
  ["DESK_AFTER_WORK", "下班后未整理窗口办公桌面", -5],
  ["CASE_FALSE_CLOSE", "承诺件未办结但作办结处理", -5],
  ["CASE_ERROR_REDO", "办理结果有差错(操作失误)，导致服务对象二次办结", -5],
];

describe("§4 every finding code and Chinese name scores once; bad rows are quarantined with their reason", () => {
  const byCode = staff(1);
  const byName = staff(2);
  // findings at 09:00, 09:05 … one per code; the away findings end at 11:50 (200 min) and 16:00 (40 min)
  const at = (i: number) => `${fri} 09:${String(i * 5).padStart(2, "0")}`;
  const rows = (who: typeof byCode, prefix: string, spell: (code: string, name: string) => string) => [
    ...findings.map(([code, name], i) => ({
      id: `${prefix}${String(i + 1).padStart(2, "0")}`,
      at: at(i),
      patroller: "巡查员甲",
      staff_id: who.staff_id,
      finding: spell(code, name),
      evidence: `JK-${prefix}${i + 1}`,
    })),
    {
      id: `${prefix}-HALF`,
      at: `${fri} 11:50`,
      patroller: "巡查员甲",
      staff_id: who.staff_id,
      finding: spell("AWAY_HALF", "擅自离岗超过半天"),
      away_minutes: 200,
    },
    {
      id: `${prefix}-30`,
      at: `${fri} 16:00`,
      patroller: "巡查员甲",
      staff_id: who.staff_id,
      finding: spell("AWAY_30", "擅自离岗超过30分钟"),
      away_minutes: 40,
    },
  ];
  const bad = (id: string, fields: Record<string, string>) => ({
    id,
    at: `${fri} 10:00`,
    patroller: "巡查员乙",
    staff_id: byCode.staff_id,
    finding: "DESK_SIGN",
    ...fields,
  });
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [byCode, byName],
        attendance: normalDays([byCode, byName], [fri]),
        patrol: {
          "by-code.csv": rows(byCode, "C", (code) => code),
          "by-name.csv": rows(byName, "N", (_, name) => name),
          "bad.csv": [
            bad("B1", { patroller: "" }),
            bad("B2", { finding: "睡觉" }),
            bad("B3", { finding: "" }),
            bad("B4", { at: "10/9 上午" }),
            bad("B5", { away_minutes: "半小时", finding: "AWAY_30" }),
            bad("B6", { staff_id: "", window_no: "" }),
            bad("B7", { staff_id: "S0999" }),
            bad("B8", { staff_id: "", window_no: "A99" }),
          ],
        },
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("each of the twelve desk findings is one event with its points, by code and by Chinese name", async () => {
    const expected = (who: typeof byCode, prefix: string) =>
      findings
        .map(([code, , points], i) => [
          `${code}:${who.staff_id}:${fri}:${prefix}${String(i + 1).padStart(2, "0")}`,
          code,
          points,
        ])
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
    const desk = async (who: typeof byCode) =>
      (await scoreEvents(hall, who.staff_id))
        .filter((e) => !e.rule_code.startsWith("AWAY_"))
        .map((e) => [e.event_id, e.rule_code, e.points]);
    expect(await desk(byCode)).toEqual(expected(byCode, "C"));
    expect(await desk(byName)).toEqual(expected(byName, "N"));
  });

  it("AWAY_HALF and AWAY_30 observed by the patrol score as §3 incidents, once each", async () => {
    for (const who of [byCode, byName]) {
      const away = (await scoreEvents(hall, who.staff_id)).filter((e) => e.rule_code.startsWith("AWAY_"));
      expect(away.map((e) => [e.rule_code, e.points, e.event_date])).toEqual([
        ["AWAY_30", -3, fri],
        ["AWAY_HALF", -5, fri],
      ]);
    }
  });

  it("the month's score is 100 plus the table's points, once each", async () => {
    // 12 desk findings −50, AWAY_HALF −5, AWAY_30 −3
    const scores = await hall.query(
      "select staff_id, score::double as score, deduction_events from marts.staff_month order by staff_id",
    );
    expect(scores).toEqual([
      { staff_id: "S0001", score: 42, deduction_events: 14 },
      { staff_id: "S0002", score: 42, deduction_events: 14 },
    ]);
  });

  it("QUARREL raises R01, NOTIFY_ONCE R05 and CASE_FALSE_CLOSE R11, each a proposed case of its own", async () => {
    const cases = (await investigations(hall, byCode.staff_id)).map((c) => [c.case_id, c.event_id, c.status]);
    expect(cases).toEqual([
      ["INV:R01:S0001:2026-10-09", "QUARREL:S0001:2026-10-09:C06", "建议"],
      ["INV:R03:S0001:2026-10-09", expect.stringMatching(/^AWAY_(30|HALF):S0001:2026-10-09:/), "建议"],
      ["INV:R05:S0001:2026-10-09", "NOTIFY_ONCE:S0001:2026-10-09:C07", "建议"],
      ["INV:R11:S0001:2026-10-09", "CASE_FALSE_CLOSE:S0001:2026-10-09:C11", "建议"],
    ]);
    expect(
      await hall.query(
        "select trigger, trigger_name from marts.investigations where trigger in ('R05', 'R11') group by all order by trigger",
      ),
    ).toEqual([
      {
        trigger: "R05",
        trigger_name:
          "不一次性告知或者不能准确一次性告知申请人所需要补正的全部材料致使申请人因材料不合格多次申报",
      },
      { trigger: "R11", trigger_name: "不按时或者不如实上报办理情况" },
    ]);
    const [detail] = await hall.query(
      "select detail, source_ref from marts.score_events where event_id = 'NOTIFY_ONCE:S0001:2026-10-09:C07'",
    );
    expect(detail).toEqual({
      detail: "巡查 09:30，巡查人 巡查员甲（按记录人员认定当班人员）；证据 JK-C7",
      source_ref: "C07（patrol/by-code.csv:8）",
    });
  });

  it("quarantines each bad row with its file, line and reason", async () => {
    expect(await quarantined(hall)).toEqual([
      "patrol patrol/bad.csv:2 缺少必填项：巡查人",
      "patrol patrol/bad.csv:3 取值不在列表中：问题类型 睡觉（应为《规则说明》§4 的代码或名称，或“正常”）",
      "patrol patrol/bad.csv:4 缺少必填项：问题类型",
      "patrol patrol/bad.csv:5 时间无法识别：巡查时间 10/9 上午",
      "patrol patrol/bad.csv:6 取值不在列表中：离岗时长(分钟) 半小时（应为整数分钟）",
      "patrol patrol/bad.csv:7 缺少必填项：窗口号或工号至少填写一项",
      "patrol patrol/bad.csv:8 人员不在名册：工号 S0999",
      "patrol patrol/bad.csv:9 窗口不在名册：窗口号 A99",
    ]);
  });
});
