/**
 * rules.md §3 (rev 2) cover (顶岗): approved leave that begins mid-session and names a cover lets the
 * leave-taker go only once the cover is at the window. The gap from the departure (the leave-taker's
 * 退出/暂停 there, else the leave's start) to the arrival (the cover's login there, else the cover's
 * punch) is an away interval when longer than the 15-minute 暂时离岗 allowance; a cover who never
 * comes makes the session 旷工. §12: the cover counts for the A holder's post while present.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import {
  attendanceSession,
  day,
  eventIds,
  normalDays,
  quarantined,
  queueEvents,
  type RosterRow,
  scoreEvents,
  staff,
} from "./support/rules.ts";

const mon = "2026-10-12";

const leave = (id: string, who: RosterRow, from: string, to: string, cover?: RosterRow) => ({
  id,
  staff_id: who.staff_id,
  kind: "事假",
  starts_at: `${mon} ${from}`,
  ends_at: `${mon} ${to}`,
  approval: "已批准",
  cover_staff_id: cover?.staff_id ?? "",
});

/** The leave-taker's day at the window: the morning's events given, back in the afternoon. */
const takerDay = (who: RosterRow, morning: [string, string][]) =>
  queueEvents(who, mon, [["登录", "08:30"], ...morning, ["登录", "14:28"], ["退出", "17:00"]]);

/** The cover logs in at the leave-taker's window at `at` until noon, and at their own in the afternoon. */
const coverAt = (cover: RosterRow, taker: RosterRow, at: string) => [
  ...queueEvents(
    cover,
    mon,
    [
      ["登录", at],
      ["退出", "12:00"],
    ],
    taker.window_no,
  ),
  ...queueEvents(cover, mon, [
    ["登录", "14:28"],
    ["退出", "17:00"],
  ]),
];

describe("§3 (rev 2) a cover who arrives late, or never", () => {
  const exactly15 = staff(1);
  const over15 = staff(2);
  const pausedLater = staff(3);
  const noQueue = staff(4);
  const neverCovered = staff(5);
  const leaveAtStart = staff(6);
  const leaveAfterStart = staff(9);
  const backLate = staff(10);
  const [cover1, cover2, cover3, cover4, cover5, cover6, cover7] = [11, 12, 13, 14, 15, 16, 17].map((n) =>
    staff(n),
  ) as [RosterRow, RosterRow, RosterRow, RosterRow, RosterRow, RosterRow, RosterRow];
  const everyone = [
    exactly15,
    over15,
    pausedLater,
    noQueue,
    neverCovered,
    leaveAtStart,
    leaveAfterStart,
    backLate,
    cover1,
    cover2,
    cover3,
    cover4,
    cover5,
    cover6,
    cover7,
  ];
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: everyone,
        attendance: [
          ...normalDays([exactly15, over15, pausedLater, noQueue, neverCovered, leaveAfterStart], [mon]),
          ...normalDays([backLate, cover1, cover2, cover3, cover7], [mon]),
          ...day(leaveAtStart, mon, { amIn: "10:05:00" }),
          // the cover without queue data punches in at 10:10
          ...day(cover4, mon, { amIn: "10:10:00" }),
          // these covers are not in the hall in the morning
          ...day(cover5, mon, { amIn: null, amOut: null }),
          ...day(cover6, mon, { amIn: null, amOut: null }),
        ],
        leave: [
          leave("L1", exactly15, "10:00", "12:00", cover1),
          leave("L2", over15, "10:00", "12:00", cover2),
          leave("L3", pausedLater, "10:00", "12:00", cover3),
          leave("L4", noQueue, "09:00", "12:00", cover4),
          leave("L5", neverCovered, "10:00", "12:00", cover5),
          // over the session's start: not a handover, the cover is not needed
          leave("L6", leaveAtStart, "08:30", "10:00", cover6),
          leave("L9", leaveAfterStart, "08:31", "10:00", cover6),
          leave("L10", backLate, "10:00", "12:00", cover7),
        ],
        "queue-events": [
          // 18 minutes paused, back, then out at 10:00 for the leave: the gap to the cover joins the pause
          // when it is an interval (2 minutes apart)
          ...takerDay(exactly15, [
            ["暂停", "09:40"],
            ["恢复", "09:58"],
            ["退出", "10:00"],
          ]),
          ...coverAt(cover1, exactly15, "10:15:00"),
          ...takerDay(over15, [
            ["暂停", "09:40"],
            ["恢复", "09:58"],
            ["退出", "10:00"],
          ]),
          ...coverAt(cover2, over15, "10:15:01"),
          // still at the window when the leave begins; leaves with a 暂停 at 10:05
          ...takerDay(pausedLater, [["暂停", "10:05"]]),
          ...coverAt(cover3, pausedLater, "10:40"),
          // 40 minutes paused (AWAY_30), then out for the leave; the cover never comes
          ...takerDay(neverCovered, [
            ["暂停", "09:00"],
            ["恢复", "09:40"],
            ["退出", "10:00"],
          ]),
          // the cover 40 minutes late, and the leave-taker back at the window only at 14:36
          ...queueEvents(backLate, mon, [
            ["登录", "08:30"],
            ["退出", "10:00"],
            ["登录", "14:36"],
            ["退出", "17:00"],
          ]),
          ...coverAt(cover7, backLate, "10:40"),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing (the inbox itself is valid)", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("a cover at the window 15:00 after the departure is in time: the 18-minute pause alone scores nothing", async () => {
    expect(await eventIds(hall, exactly15.staff_id)).toEqual([]);
  });

  it("15:01 after is late: the whole gap is away and joins the pause 2 minutes before it (09:40–10:15:01)", async () => {
    const events = await hall.query<{ event_id: string; detail: string; source_ref: string }>(
      "select event_id, detail, source_ref from marts.score_events where staff_id = 'S0002'",
    );
    expect(events).toEqual([
      {
        event_id: "AWAY_30:S0002:2026-10-12:0940",
        detail: "离岗 09:40–10:15，共 35 分钟 1 秒（暂停；请假 L2：10:00 离开窗口，顶岗人 S0012 10:15 到岗）",
        source_ref:
          "leave/data.csv:3；queue-events/data.csv:13；queue-events/data.csv:15；queue-events/data.csv:18",
      },
    ]);
  });

  it("the departure is the leave-taker's 暂停 at the window after the leave's start; the leave does not excuse the gap", async () => {
    expect(await eventIds(hall, pausedLater.staff_id)).toEqual(["AWAY_30:S0003:2026-10-12:1005"]);
  });

  it("without queue data the departure is the leave's start and the arrival the cover's punch", async () => {
    expect(await eventIds(hall, noQueue.staff_id)).toEqual(["AWAY_30:S0004:2026-10-12:0900"]);
    expect(await eventIds(hall, cover4.staff_id)).toEqual(["ATT_LATE:S0014:2026-10-12:AM"]);
  });

  it("a cover who never comes makes the session ABSENT_HALF, replacing its AWAY_30", async () => {
    const events = await scoreEvents(hall, neverCovered.staff_id);
    expect(events.map((e) => [e.event_id, e.points, e.source_ref])).toEqual([
      ["ABSENT_HALF:S0005:2026-10-12:AM", -5, "leave/data.csv:6；queue-events/data.csv:33"],
    ]);
    const [detail] = await hall.query<{ detail: string }>(
      "select detail from marts.score_events where event_id = 'ABSENT_HALF:S0005:2026-10-12:AM'",
    );
    expect(detail?.detail).toBe("上午：顶岗人 S0015 本时段未到岗（10:00 离开窗口），视为旷工；请假 L5");
    expect((await attendanceSession(hall, neverCovered.staff_id, mon, "AM"))?.outcome).toBe("旷工");
    expect((await attendanceSession(hall, neverCovered.staff_id, mon, "PM"))?.outcome).toBe("正常");
  });

  it("leave from the session's expected start needs no cover; from a minute after it does", async () => {
    expect(await eventIds(hall, leaveAtStart.staff_id)).toEqual([]);
    expect(await eventIds(hall, leaveAfterStart.staff_id)).toEqual(["ABSENT_HALF:S0009:2026-10-12:AM"]);
  });

  it("a late cover's gap runs to the morning's end: the absence from the afternoon's start joins it", async () => {
    const events = await hall.query<{ event_id: string; detail: string }>(
      "select event_id, detail from marts.score_events where staff_id = 'S0010'",
    );
    expect(events).toEqual([
      {
        event_id: "AWAY_30:S0010:2026-10-12:1000",
        detail:
          "离岗 10:00–14:36，共 46 分钟（在岗时间，不含午休）（请假 L10：10:00 离开窗口，顶岗人 S0017 10:40 到岗；退出）",
      },
    ]);
  });

  it("raises nothing else", async () => {
    expect((await scoreEvents(hall)).map((e) => e.event_id)).toEqual([
      "ABSENT_HALF:S0005:2026-10-12:AM",
      "ABSENT_HALF:S0009:2026-10-12:AM",
      "ABSENT_HALF:S0015:2026-10-12:AM",
      "ABSENT_HALF:S0016:2026-10-12:AM",
      "ATT_LATE:S0014:2026-10-12:AM",
      "AWAY_30:S0002:2026-10-12:0940",
      "AWAY_30:S0003:2026-10-12:1005",
      "AWAY_30:S0004:2026-10-12:0900",
      "AWAY_30:S0010:2026-10-12:1000",
    ]);
  });
});

describe("§12 (rev 2) the cover counts for the A holder's post while present", () => {
  const covered = staff(1);
  const uncovered = staff(2);
  const cover = staff(3);
  const coverAbsent = staff(4);
  const absentCover = staff(5);
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        // nobody names A01, A02 or A04 as a B岗窗口: only the cover can keep them open
        roster: [covered, uncovered, cover, coverAbsent, absentCover],
        attendance: [...normalDays([cover], [mon]), ...day(absentCover, mon, { pmIn: null, pmOut: null })],
        leave: [
          leave("L1", covered, "08:30", "17:00", cover),
          leave("L2", uncovered, "08:30", "17:00"),
          leave("L4", coverAbsent, "08:30", "17:00", absentCover),
          // the cover is itself on leave that afternoon
          leave("L5", absentCover, "14:30", "17:00"),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("keeps a post open while the cover is present, and only then", async () => {
    const posts = await hall.query(
      `select window_no, session, a_present, b_present, covers, cover_present, is_empty from marts.ab_post_sessions
       where window_no in ('A01', 'A02', 'A04') order by window_no, session`,
    );
    const row = (window_no: string, session: string, covers: string | null, present: boolean) => ({
      window_no,
      session,
      a_present: false,
      b_present: false,
      covers,
      cover_present: present,
      is_empty: !present,
    });
    expect(posts).toEqual([
      row("A01", "AM", "S0003", true),
      row("A01", "PM", "S0003", true),
      row("A02", "AM", null, false),
      row("A02", "PM", null, false),
      row("A04", "AM", "S0005", true),
      row("A04", "PM", "S0005", false),
    ]);
  });
});
