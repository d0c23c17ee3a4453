/**
 * rules.md §11 awards and §12 AB posts: 文明服务标兵 is the first eligible in strict order, where
 * eligible needs duty on at least half of the month's working days with data (leave is not
 * duty) and no blocking sanction; 文明服务窗口 is the department with the best average among
 * those with no empty AB post and nobody 通报批评并调离岗位; ties between departments go to the
 * higher 好评率, then fewer verified complaints, then the department name, and the award says which.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import {
  awards,
  day,
  normalDays,
  quarantined,
  type RosterRow,
  staff,
  staffMonthOf,
} from "./support/rules.ts";

const month = "2026-10";
const market = "市场监管局";
const tax = "税务局";
/** Two departments of two, each pair backing up the other's window. */
const halls = (): RosterRow[] => [
  staff(1, { department: market, backup_window_no: "A02" }),
  staff(2, { department: market, backup_window_no: "A01" }),
  staff(3, { department: tax, backup_window_no: "A04" }),
  staff(4, { department: tax, backup_window_no: "A03" }),
];
const wholeDayLeave = (id: string, who: RosterRow, date: string) => ({
  id,
  staff_id: who.staff_id,
  kind: "年休假",
  starts_at: `${date} 08:30`,
  ends_at: `${date} 17:00`,
  approval: "已批准",
});

describe("§11 duty threshold and §12 empty AB posts", () => {
  const [s1, s2, s3, s4] = halls() as [RosterRow, RosterRow, RosterRow, RosterRow];
  // Attendance exists for four working days (12–15 Oct); the month's other working days are
  // missing data, so the duty threshold is half of 4 = 2 days.
  const dataDays = ["2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15"];
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [s1, s2, s3, s4],
        attendance: [
          ...normalDays([s1], ["2026-10-12"]),
          ...normalDays([s2], ["2026-10-12", "2026-10-15"]),
          ...normalDays([s3], dataDays),
          ...day(s4, "2026-10-12", { amIn: "08:45:00" }),
          ...normalDays([s4], dataDays.slice(1)),
        ],
        // On the 13th both 市场监管局 staff are on leave: A01 and A02 are empty all day.
        leave: [
          wholeDayLeave("L1", s1, "2026-10-13"),
          wholeDayLeave("L2", s1, "2026-10-14"),
          wholeDayLeave("L3", s1, "2026-10-15"),
          wholeDayLeave("L4", s2, "2026-10-13"),
          wholeDayLeave("L5", s2, "2026-10-14"),
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("duty on 1 of 4 data days is not eligible; 2 of 4 (exactly half) is", async () => {
    const first = await staffMonthOf(hall, month, s1.staff_id);
    expect([first.order_no, first.duty_days, first.eligible]).toEqual([1, 1, false]);
    // rev 2: the base is the 4 working days with attendance data, not October's 18 working days
    expect(first.ineligible_reason).toBe("在岗 1 天，不足当月有考勤数据工作日的一半（需 2.0 天）");
    const second = await staffMonthOf(hall, month, s2.staff_id);
    expect([second.order_no, second.duty_days, second.eligible]).toEqual([2, 2, true]);
  });

  it("文明服务标兵 is the first eligible in order; 文明服务窗口 skips the department with an empty post", async () => {
    // 市场监管局 averages 100 but left A01/A02 empty on the 13th; 税务局 averages 99.5.
    expect((await awards(hall, month)).map((a) => [a.award, a.winner_id, a.decided_by])).toEqual([
      ["文明服务标兵", "S0002", "工号"],
      ["文明服务窗口", tax, expect.any(String)],
    ]);
    const departments = await hall.query<{ department: string; empty: number; eligible: boolean }>(
      "select department, empty_post_sessions as empty, eligible from marts.department_month where month = $month order by department",
      { month },
    );
    expect(departments.find((d) => d.department === market)).toMatchObject({ eligible: false });
    expect(departments.find((d) => d.department === market)?.empty).toBeGreaterThan(0);
    expect(departments.find((d) => d.department === tax)).toMatchObject({ empty: 0, eligible: true });
  });
});

describe("§10–§11 a 通报批评并调离岗位 sanction blocks the person and the department", () => {
  const [s1, s2, s3, s4] = halls() as [RosterRow, RosterRow, RosterRow, RosterRow];
  const fri = "2026-10-09";
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [s1, s2, s3, s4],
        attendance: [...normalDays([s1, s2, s4], [fri]), ...day(s3, fri, { amIn: "08:45:00" })],
        investigations: [
          {
            case_id: "M1",
            staff_id: s1.staff_id,
            trigger: "R13",
            occurred_on: fri,
            severity: "严重",
            decision: "已认定",
            decided_on: "2026-10-20",
          },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("the sanctioned first in order is passed over, and so is their department", async () => {
    const first = await staffMonthOf(hall, month, s1.staff_id);
    expect([first.order_no, first.eligible, first.grade]).toEqual([1, false, "合格"]);
    expect((await awards(hall, month)).map((a) => [a.award, a.winner_id])).toEqual([
      ["文明服务标兵", "S0002"],
      ["文明服务窗口", tax],
    ]);
  });
});

describe("§11 文明服务窗口 ties: 好评率, then fewer verified complaints, then the department name", () => {
  const [s1, s2, s3, s4] = halls() as [RosterRow, RosterRow, RosterRow, RosterRow];
  // one day of data in each month; both departments average 100 every month
  const aug = "2026-08-03";
  const sep = "2026-09-01";
  const oct = "2026-10-09";
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [s1, s2, s3, s4],
        attendance: [...normalDays([s2, s3, s4], [aug, sep, oct]), ...normalDays([s1], [aug, sep])],
        // S0001 is on approved leave on the only October data day: no duty, so not eligible
        leave: [wholeDayLeave("L1", s1, oct)],
        // August: 税务局 has 1 of 1 evaluations good, 市场监管局 0 of 1
        evaluations: [
          { id: "E1", at: `${aug} 10:00`, level: "非常满意", staff_id: s3.staff_id },
          { id: "E2", at: `${aug} 10:00`, level: "不满意", staff_id: s1.staff_id },
        ],
        // September: a verified complaint against S0001 (−2), made up by a verified 表扬信 (+2)
        complaints: [
          {
            id: "TS1",
            received_at: `${sep} 09:00`,
            staff_id: s1.staff_id,
            category: "退件未充分说明理由",
            finding: "查实",
            at_fault: "窗口工作人员",
            decided_at: `${sep} 16:00`,
            feedback_at: `${sep} 17:00`,
          },
        ],
        commendations: [{ id: "C1", date: sep, staff_id: s1.staff_id, kind: "表扬信", verified: "是" }],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("orders equal averages by 好评率, then 查实投诉数, then name, every month", async () => {
    expect(
      await hall.query(
        `select month, department, avg_score::double as avg, good_rate, verified_complaints as complaints, order_no, eligible
         from marts.department_month order by month, order_no`,
      ),
    ).toEqual([
      {
        month: "2026-08",
        department: tax,
        avg: 100,
        good_rate: 1,
        complaints: 0,
        order_no: 1,
        eligible: true,
      },
      {
        month: "2026-08",
        department: market,
        avg: 100,
        good_rate: 0,
        complaints: 0,
        order_no: 2,
        eligible: true,
      },
      {
        month: "2026-09",
        department: tax,
        avg: 100,
        good_rate: null,
        complaints: 0,
        order_no: 1,
        eligible: true,
      },
      {
        month: "2026-09",
        department: market,
        avg: 100,
        good_rate: null,
        complaints: 1,
        order_no: 2,
        eligible: true,
      },
      {
        month: "2026-10",
        department: market,
        avg: 100,
        good_rate: null,
        complaints: 0,
        order_no: 1,
        eligible: true,
      },
      {
        month: "2026-10",
        department: tax,
        avg: 100,
        good_rate: null,
        complaints: 0,
        order_no: 2,
        eligible: true,
      },
    ]);
  });

  it("names the key that decided 文明服务窗口 against the runner-up", async () => {
    const rows = await hall.query(
      `select month, winner_id, runner_up_id, decided_by, reason from marts.awards
       where award = '文明服务窗口' order by month`,
    );
    expect(rows).toEqual([
      {
        month: "2026-08",
        winner_id: tax,
        runner_up_id: market,
        decided_by: "好评率",
        reason: "平均分 100.00 分（2 人），好评率 100.0%，无人受到通报批评，AB岗无空岗",
      },
      {
        month: "2026-09",
        winner_id: tax,
        runner_up_id: market,
        decided_by: "查实投诉数",
        reason: "平均分 100.00 分（2 人），无人受到通报批评，AB岗无空岗",
      },
      {
        month: "2026-10",
        winner_id: market,
        runner_up_id: tax,
        decided_by: "部门名称",
        reason: "平均分 100.00 分（2 人），无人受到通报批评，AB岗无空岗",
      },
    ]);
  });

  it("says exactly why a person on leave all the month's data days is not eligible for 文明服务标兵", async () => {
    const row = await staffMonthOf(hall, "2026-10", s1.staff_id);
    expect([row.duty_days, row.eligible, row.ineligible_reason]).toEqual([
      0,
      false,
      "在岗 0 天，不足当月有考勤数据工作日的一半（需 0.5 天）",
    ]);
  });
});

describe("§12 (rev 2) posts without a valid B holder are listed, and block 文明服务窗口 only when configured", () => {
  const fri = "2026-10-09";
  const mon = "2026-10-12";
  const hr = "人社局";
  // 市场监管局: A01 and A02 back each other up. 税务局: nobody names A03; A04 is backed by S0003 (and
  // by its own A holder, which does not matter); A05 only by its own A holder. 人社局: S0007 backs A06
  // until he leaves on Friday; nobody backs A07.
  const roster: RosterRow[] = [
    staff(1, { department: market, backup_window_no: "A02" }),
    staff(2, { department: market, backup_window_no: "A01" }),
    staff(3, { department: tax, backup_window_no: "A04" }),
    staff(4, { department: tax, backup_window_no: "A04" }),
    staff(5, { department: tax, backup_window_no: "A05" }),
    staff(6, { department: hr }),
    staff(7, { department: hr, backup_window_no: "A06", end_date: fri }),
  ];
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster,
        attendance: [...normalDays(roster.slice(0, 6), [fri, mon]), ...normalDays(roster.slice(6), [fri])],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("quarantines nothing", async () => {
    expect(await quarantined(hall)).toEqual([]);
  });

  it("lists each post and problem with the working days it held", async () => {
    const rows = await hall.query(
      `select month, department, window_no, a_holders, b_holders, problem, days,
         first_day::varchar as first_day, last_day::varchar as last_day
       from marts.ab_posts_without_backup order by window_no`,
    );
    const row = (
      department: string,
      window_no: string,
      a: string,
      b: string | null,
      problem: string,
      days: string[],
    ) => ({
      month,
      department,
      window_no,
      a_holders: a,
      b_holders: b,
      problem,
      days: days.length,
      first_day: days[0],
      last_day: days.at(-1),
    });
    expect(rows).toEqual([
      row(tax, "A03", "S0003", null, "无B岗：名册中没有人员以本窗口为B岗窗口", [fri, mon]),
      row(tax, "A05", "S0005", "S0005", "B岗即本窗口A岗：S0005", [fri, mon]),
      row(hr, "A06", "S0006", "S0007", "B岗人员当日不在名册（未入岗或已离岗）：S0007", [mon]),
      row(hr, "A07", "S0007", null, "无B岗：名册中没有人员以本窗口为B岗窗口", [fri]),
    ]);
  });

  it("counts them per department without blocking by default", async () => {
    const departments = await hall.query(
      "select department, posts_without_backup as posts, empty_post_sessions as empty, eligible, ineligible_reason from marts.department_month where month = $month order by department",
      { month },
    );
    expect(departments).toEqual([
      { department: hr, posts: 2, empty: 0, eligible: true, ineligible_reason: null },
      { department: market, posts: 0, empty: 0, eligible: true, ineligible_reason: null },
      { department: tax, posts: 2, empty: 0, eligible: true, ineligible_reason: null },
    ]);
  });

  it("blocks the departments that have them when the configuration says so", async () => {
    const blocking = await hall.rerun({ config: { awards: { post_without_backup_blocks: true } } });
    const departments = await blocking.query(
      "select department, eligible, ineligible_reason from marts.department_month where month = $month order by department",
      { month },
    );
    expect(departments).toEqual([
      { department: hr, eligible: false, ineligible_reason: "无有效B岗的窗口 2 个" },
      { department: market, eligible: true, ineligible_reason: null },
      { department: tax, eligible: false, ineligible_reason: "无有效B岗的窗口 2 个" },
    ]);
    expect((await awards(blocking, month)).find((a) => a.award === "文明服务窗口")?.winner_id).toBe(market);
  });
});
