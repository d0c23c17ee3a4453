/**
 * October 2026 for a hall of six in two departments, worked out by hand from rules.md and run
 * through the real command line. The working is in the comments next to each expectation.
 *
 * Calendar (§1): 10-01..07 National Day; Sat 10-10 a make-up working day; working days are
 * 8, 9, 10, 12–16, 19–23, 26–30 = 18. Everyone punches 08:25 / 12:05 / 14:25 / 17:05 on every
 * working day except where planted below, so all 18 days have data (no missing-data days).
 *
 * Roster (every window has an A and a B holder):
 *   市场监管局  S0001 张三 A01 (B of A02) · S0002 李四 A02 (B of A03) · S0003 王五 A03 (B of A01)
 *   税务局      S0004 赵六 A04 (B of A05) · S0005 钱七 A05 (B of A06) · S0006 孙八 A06 (B of A04)
 *
 * Planted:
 *   S0001  in 08:45 on Fri 10-09 → 08:45 > 08:40 → ATT_LATE −1 (§2).
 *          approved whole-day leave on 10-30, no punches → 请假 both sessions, no event, 17 duty
 *          days; A01 covered by its B holder S0003 (present) → no empty post (§12).
 *          Thu 10-22, an absence across lunch (§3 rev 2): punches 08:25 / 12:05 / 14:25 / 17:05, so
 *          on post 08:30–12:00 and 14:30–17:00; queue 登录 08:30, 退出 11:20, 登录 17:00. Away
 *          11:20 until 17:00: the lunch break is not a gap, so one incident of 40 + 150 = 190
 *          on-post minutes > 360 / 2 = 180 → one AWAY_HALF −5, named by its start:
 *          AWAY_HALF:S0001:2026-10-22:1120 (not two AWAY_30 of 40 and 150 minutes) → case
 *          INV:R03:S0001:2026-10-22, 建议, 告诫. §12 (rev 2): S0001 is not present in A01 that
 *          morning nor afternoon; its B holder S0003 is → no empty post.
 *   S0002  no PM punch on Tue 10-13 → ABSENT_HALF −5 (§2) → case INV:R03:S0002:2026-10-13,
 *         proposed (建议) at 较轻 → 告诫 (§10), not blocking. A02's B holder S0001 was present.
 *          ticket 20261022A02001 受理 Thu 10-22 09:00; its case BJ-HAND (即办件, accepted 09:05,
 *          completed 09:30) is entered Mon 10-26 09:00: after the end of its acceptance day, and
 *          after its entry deadline too (the next working day, Fri 10-23, at its end). Rev 2 §5: the
 *          two are alternatives for one ticket, so CASE_LATE_ENTRY:S0002:2026-10-22:BJ-HAND −2 only
 *          (rev 1 gave CASE_NOT_ENTERED −5 as well, and an R06 case). 1 served ticket.
 *   S0003  verified 表扬信 on 10-15 → PRAISE +2 (§7); an unverified 锦旗 on 10-16 → nothing.
 *          register: manual case M1 (R13, 10-16, 较重, 已认定) → 取消评优评先资格 → blocks
 *          优秀 and 文明服务标兵 in October (§9, §10).
 *   S0004  patrol P1 DRESS_BADGE on 10-20 → −2 (§4); verified 锦旗 on 10-22 → PRAISE +2.
 *   S0005  nothing.
 *          Mon 10-26, a cover who is late (§3 rev 2 顶岗): approved leave L2 10:00–12:00 naming
 *          顶岗人 S0006 (A04's B holder). Punches 08:25, out 10:00:30 (leave over the end moves the
 *          expected end to 10:00: not early), 14:25 / 17:05. Queue at A04: S0004 登录 08:30, 退出
 *          10:00 (the departure), 登录 14:28, 退出 17:00; S0006 leaves A06 at 10:39 and logs in at
 *          A04 at 10:40 (the arrival), out 12:00, back at A06 14:28–17:00. The gap 10:00–10:40 is
 *          40 minutes > the 15-minute 暂时离岗 allowance → an away interval of S0004 that the leave
 *          does not excuse; 40 > 30 → AWAY_30 −3, AWAY_30:S0004:2026-10-26:1000 → case
 *          INV:R03:S0004:2026-10-26, 建议, 告诫. S0006's minute between windows scores nothing.
 *   S0006  queue pause 09:00–09:40 on Wed 10-21 → one 40-minute incident > 30 → AWAY_30 −3
 *          (§3) → case INV:R03:S0006:2026-10-21, 建议, 告诫.
 *
 * Scores (§9, 100 + points): S0001 100 − 1 − 5 = 94 · S0002 100 − 5 − 2 = 93 · S0003 102
 *   · S0004 100 − 2 + 2 − 3 = 97 (2 deduction events) · S0005 100 · S0006 97 (1 deduction event).
 * Strict order: S0003 102 · S0005 100 · S0006 97 · S0004 97 (no evaluations and no tickets for
 *   either, so 扣分事件数 1 < 2 decides) · S0001 94 · S0002 93.
 * Rank (competition): 1, 2, 3, 3, 5, 6.
 * Grades, n = 6: 优秀 round(1.08) = 1, 末位 round(0.12) = 0. The first, S0003, is sanctioned:
 *   the slot passes to S0005 → S0005 优秀, everyone else 合格.
 * 文明服务标兵 (§11): S0003 not eligible (sanction); S0005 eligible (18 ≥ 9 duty days) → S0005,
 *   decided against the next eligible S0006 (97) by 得分.
 * 文明服务窗口: 市场监管局 (94 + 93 + 102) / 3 = 96.33; 税务局 (97 + 100 + 97) / 3 = 98.00;
 *   both eligible (no empty post, nobody 通报批评并调离岗位) → 税务局 by 平均分.
 * As of 2026-11-04 October is 公示 (the appeal window ends 2026-11-06).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, runHallCli } from "./support/cli-hall.ts";
import {
  awards,
  day,
  investigations,
  normalDays,
  octoberWorkdays,
  quarantined,
  queueDay,
  queueEvents,
  type RosterRow,
  scoreEvents,
  staff,
  staffMonth,
} from "./support/rules.ts";

const month = "2026-10";
const market = "市场监管局";
const tax = "税务局";
const roster: RosterRow[] = [
  staff(1, { department: market, backup_window_no: "A02" }),
  staff(2, { department: market, backup_window_no: "A03" }),
  staff(3, { department: market, backup_window_no: "A01" }),
  staff(4, { department: tax, backup_window_no: "A05" }),
  staff(5, { department: tax, backup_window_no: "A06" }),
  staff(6, { department: tax, backup_window_no: "A04" }),
];
const [s1, s2, s3, s4, , s6] = roster as [RosterRow, RosterRow, RosterRow, RosterRow, RosterRow, RosterRow];
const planted: Record<string, string> = { S0001: "2026-10-09", S0002: "2026-10-13", S0004: "2026-10-26" };

const attendance = [
  ...roster.flatMap((person) =>
    normalDays(
      [person],
      octoberWorkdays.filter((d) => d !== planted[person.staff_id] && !(person === s1 && d === "2026-10-30")),
    ),
  ),
  ...day(s1, "2026-10-09", { amIn: "08:45:00" }),
  ...day(s4, "2026-10-26", { amOut: "10:00:30" }),
  ...day(s2, "2026-10-13", { pmIn: null, pmOut: null }),
];

// §3 (rev 2) cases: S0001 away across lunch on 10-22, S0004's cover late on 10-26.
const acrossLunch = queueEvents(s1, "2026-10-22", [
  ["登录", "08:30"],
  ["退出", "11:20"],
  ["登录", "17:00"],
  ["退出", "17:02"],
]);
const lateCover = [
  ...queueEvents(s4, "2026-10-26", [
    ["登录", "08:30"],
    ["退出", "10:00"],
    ["登录", "14:28"],
    ["退出", "17:00"],
  ]),
  ...queueEvents(s6, "2026-10-26", [
    ["登录", "08:30"],
    ["退出", "10:39"],
  ]),
  ...queueEvents(
    s6,
    "2026-10-26",
    [
      ["登录", "10:40"],
      ["退出", "12:00"],
    ],
    s4.window_no,
  ),
  ...queueEvents(s6, "2026-10-26", [
    ["登录", "14:28"],
    ["退出", "17:00"],
  ]),
];

describe("a hand-computed October 2026 through the command line", () => {
  let run: CliRun;
  beforeAll(async () => {
    run = await runHallCli(
      {
        roster,
        attendance,
        leave: [
          {
            id: "L1",
            staff_id: s1.staff_id,
            kind: "事假",
            starts_at: "2026-10-30 08:30",
            ends_at: "2026-10-30 17:00",
            approval: "已批准",
          },
          {
            id: "L2",
            staff_id: s4.staff_id,
            kind: "事假",
            starts_at: "2026-10-26 10:00",
            ends_at: "2026-10-26 12:00",
            approval: "已批准",
            cover_staff_id: s6.staff_id,
          },
        ],
        commendations: [
          { id: "C1", date: "2026-10-15", staff_id: s3.staff_id, kind: "表扬信", verified: "是" },
          { id: "C2", date: "2026-10-16", staff_id: s3.staff_id, kind: "锦旗", verified: "否" },
          { id: "C3", date: "2026-10-22", staff_id: s4.staff_id, kind: "锦旗", verified: "是" },
        ],
        patrol: [
          {
            id: "P1",
            at: "2026-10-20 10:00",
            patroller: "巡查员",
            staff_id: s4.staff_id,
            finding: "DRESS_BADGE",
          },
        ],
        queue: [
          {
            ticket_no: "20261022A02001",
            issued_at: "2026-10-22 08:55",
            called_at: "2026-10-22 09:00",
            window_no: s2.window_no,
            queue_login: s2.queue_login,
            outcome: "受理",
          },
        ],
        cases: [
          {
            case_id: "BJ-HAND",
            item: "个体户登记",
            kind: "即办件",
            promised_days: 0,
            accepted_at: "2026-10-22 09:05",
            entered_at: "2026-10-26 09:00",
            completed_at: "2026-10-22 09:30",
            status: "办结",
            platform_account: s2.platform_account,
            ticket_no: "20261022A02001",
          },
        ],
        "queue-events": [
          ...roster.flatMap((p) => queueDay(p, "2026-10-21", p === s6 ? [["09:00", "09:40"]] : [])),
          ...acrossLunch,
          ...lateCover,
        ],
        investigations: [
          {
            case_id: "M1",
            staff_id: s3.staff_id,
            trigger: "R13",
            occurred_on: "2026-10-16",
            severity: "较重",
            decision: "已认定",
            decided_on: "2026-10-23",
          },
        ],
      },
      "2026-11-04",
    );
    // the command line builds the site too: minutes on a machine shared by several test runs
  }, 600_000);
  afterAll(() => run?.cleanup());

  it("the command exits 0 and quarantines nothing", async () => {
    expect(run.status, run.output).toBe(0);
    expect(await quarantined(run)).toEqual([]);
  });

  it("has 18 working days, all with data, and is 公示", async () => {
    const rows = await run.query(
      "select status, working_days, data_days, missing_data_days, staff_ranked, appeal_window_end::varchar as end from marts.months where month = $month",
      { month },
    );
    expect(rows).toEqual([
      {
        status: "公示",
        working_days: 18,
        data_days: 18,
        missing_data_days: 0,
        staff_ranked: 6,
        end: "2026-11-06",
      },
    ]);
  });

  it("publishes exactly the planted events", async () => {
    const events = (await scoreEvents(run)).map((e) => [e.event_id, e.points, e.void]);
    expect(events).toEqual([
      ["ABSENT_HALF:S0002:2026-10-13:PM", -5, false],
      ["ATT_LATE:S0001:2026-10-09:AM", -1, false],
      ["AWAY_30:S0004:2026-10-26:1000", -3, false],
      ["AWAY_30:S0006:2026-10-21:0900", -3, false],
      ["AWAY_HALF:S0001:2026-10-22:1120", -5, false],
      ["CASE_LATE_ENTRY:S0002:2026-10-22:BJ-HAND", -2, false],
      ["DRESS_BADGE:S0004:2026-10-20:P1", -2, false],
      ["PRAISE:S0003:2026-10-15:C1", 2, false],
      ["PRAISE:S0004:2026-10-22:C3", 2, false],
    ]);
  });

  it("has the four proposed R03 cases and the confirmed manual case", async () => {
    const cases = (await investigations(run)).map((c) => [
      c.case_id,
      c.staff_id,
      c.status,
      c.final_tier,
      c.void ?? false,
    ]);
    expect(cases).toEqual([
      ["INV:R03:S0001:2026-10-22", "S0001", "建议", "告诫", false],
      ["INV:R03:S0002:2026-10-13", "S0002", "建议", "告诫", false],
      ["INV:R03:S0004:2026-10-26", "S0004", "建议", "告诫", false],
      ["INV:R03:S0006:2026-10-21", "S0006", "建议", "告诫", false],
      ["M1", "S0003", "已认定", "取消评优评先资格", false],
    ]);
  });

  it("scores, ranks, orders and grades everyone as worked out by hand", async () => {
    const rows = (await staffMonth(run, month)).map((r) => [
      r.staff_id,
      r.score,
      r.rank,
      r.order_no,
      r.tie_break,
      r.grade,
      r.eligible,
      r.duty_days,
      r.status,
    ]);
    expect(rows).toEqual([
      ["S0003", 102, 1, 1, null, "合格", false, 18, "公示"],
      ["S0005", 100, 2, 2, null, "优秀", true, 18, "公示"],
      ["S0006", 97, 3, 3, "扣分事件数", "合格", true, 18, "公示"],
      ["S0004", 97, 3, 4, "扣分事件数", "合格", true, 18, "公示"],
      ["S0001", 94, 5, 5, null, "合格", true, 17, "公示"],
      ["S0002", 93, 6, 6, null, "合格", true, 18, "公示"],
    ]);
  });

  it("counts S0001 absent from A01 on 10-22 (AWAY_HALF), its B holder S0003 keeping it open", async () => {
    const posts = await run.query(
      `select work_date::varchar as day, window_no, session, a_present, b_present, away_half_holders, is_empty
       from marts.ab_post_sessions where window_no = 'A01' and work_date = '2026-10-22' order by session`,
    );
    const row = (session: string) => ({
      day: "2026-10-22",
      window_no: "A01",
      session,
      a_present: false,
      b_present: true,
      away_half_holders: "S0001",
      is_empty: false,
    });
    expect(posts).toEqual([row("AM"), row("PM")]);
  });

  it("awards 文明服务标兵 to S0005 and 文明服务窗口 to 税务局", async () => {
    expect(
      (await awards(run, month)).map((a) => [a.award, a.winner_id, a.winner_name, a.decided_by]),
    ).toEqual([
      ["文明服务标兵", "S0005", "钱七", "得分"],
      ["文明服务窗口", tax, tax, "平均分"],
    ]);
    const departments = await run.query(
      "select department, avg_score::double as avg, empty_post_sessions as empty, eligible, rank from marts.department_month where month = $month order by rank",
      { month },
    );
    expect(departments).toEqual([
      { department: tax, avg: 98, empty: 0, eligible: true, rank: 1 },
      { department: market, avg: 96.33, empty: 0, eligible: true, rank: 2 },
    ]);
  });
});
