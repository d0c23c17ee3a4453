/**
 * Silent misattribution (issue 11, defect 6). An account that the roster gives to two people on
 * the same days, and a person with no 考勤号码, are data-quality findings (marts.roster_findings,
 * the run summary, the 数据质量 page and sheet). A person without an attendance number on a day
 * has missing data, not an absence, as rules.md §1 treats a day whose export is missing: no rule
 * that reads attendance scores them, they are not absent from an AB post, and the day is not held
 * against them for the §11 duty share.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import { day, normalDays, quarantined, queueDay, scoreEvents, staff } from "./support/rules.ts";

const days = [12, 13, 14, 15, 16, 19, 20, 21, 22, 23].map((d) => `2026-10-${d}`);
const zhang = staff(1);
const li = staff(2);
// a newcomer given 张三's number while 张三's row has no 离岗日期
const wang = staff(3, { attendance_no: "1001", start_date: "2026-10-21" });
// a new hire whose number HR has not entered yet; the backup of 李四's window
const zhao = staff(4, { attendance_no: "", start_date: "2026-10-12", backup_window_no: "A02" });
// given 李四's queue login from 10-19
const qian = staff(5, { queue_login: "ck0002", start_date: "2026-10-19" });

describe("roster conflicts and staff without an attendance number", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster: [zhang, li, wang, zhao, qian],
        attendance: [
          // 张三 keeps punching on 1001 every day
          ...normalDays([zhang], days),
          ...normalDays([qian], days.slice(5)),
          // 李四 is away on the afternoon of 10-14
          ...days.flatMap((date) => day(li, date, date === "2026-10-14" ? { pmIn: null, pmOut: null } : {})),
        ],
        // 赵六 works the queue and pauses for an hour: without attendance there is no time on post to judge
        "queue-events": queueDay(zhao, "2026-10-13", [["09:00", "10:00"]]),
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("lists each conflict with its disputed days and holder, and each person without a number", async () => {
    expect(
      await hall.query(
        `select finding, staff_id, account_kind, account, holder_staff_id, start_date::varchar as start_date,
           end_date, unscored_days, detail, source_ref
         from marts.roster_findings order by finding, staff_id`,
      ),
    ).toEqual([
      {
        finding: "无考勤号码",
        staff_id: "S0004",
        account_kind: "考勤号码",
        account: null,
        holder_staff_id: null,
        start_date: "2026-10-12",
        end_date: null,
        unscored_days: 10,
        detail:
          "名册未登记 S0004 赵六 的考勤号码：不计考勤（未确认月份中 10 个有考勤数据的工作日），不按旷工处理。请在名册中补登考勤号码",
        source_ref: "roster/data.csv:5",
      },
      {
        finding: "账号冲突",
        staff_id: "S0001",
        account_kind: "考勤号码",
        account: "1001",
        holder_staff_id: "S0003",
        start_date: "2026-10-21",
        end_date: null,
        unscored_days: 3,
        detail:
          "考勤号码 1001 自 2026-10-21 起同时登记给 S0001 张三 与 S0003 王五，按名册由 S0003 持有；这些日子的打卡无法区分，S0001 不计考勤（未确认月份中 3 个有考勤数据的工作日）。请在名册中补填离岗日期或更正账号",
        source_ref: "roster/data.csv:2、roster/data.csv:4",
      },
      {
        finding: "账号冲突",
        staff_id: "S0002",
        account_kind: "叫号账号",
        account: "ck0002",
        holder_staff_id: "S0005",
        start_date: "2026-10-19",
        end_date: null,
        unscored_days: 0,
        detail:
          "叫号账号 ck0002 自 2026-10-19 起同时登记给 S0002 李四 与 S0005 钱七，按名册由 S0005 持有；这些日子该账号的叫号记录、窗口状态都记在 S0005 名下。请在名册中补填离岗日期或更正账号",
        source_ref: "roster/data.csv:3、roster/data.csv:6",
      },
    ]);
  });

  it("says so in the run summary, one line each", async () => {
    const details = await hall.query<{ detail: string }>(
      "select detail from marts.roster_findings order by finding, staff_id",
    );
    const at = hall.lines.indexOf("名册问题：3 处（看板“数据质量”页与工作簿“数据质量”表逐条列出）");
    expect(at).toBeGreaterThan(0);
    expect(hall.lines.slice(at + 1, at + 4)).toEqual(details.map((row) => `  ${row.detail}`));
  });

  it("scores no absence for the disputed days or for the person without a number", async () => {
    expect((await scoreEvents(hall)).map((event) => event.event_id)).toEqual([
      "ABSENT_HALF:S0002:2026-10-14:PM",
    ]);
    expect(
      await hall.query(
        `select staff_id, count(*)::integer as sessions, max(work_date)::varchar as last_day
         from marts.attendance_sessions group by staff_id order by staff_id`,
      ),
    ).toEqual([
      { staff_id: "S0001", sessions: 14, last_day: "2026-10-20" },
      { staff_id: "S0002", sessions: 20, last_day: "2026-10-23" },
      { staff_id: "S0003", sessions: 6, last_day: "2026-10-23" },
      { staff_id: "S0005", sessions: 10, last_day: "2026-10-23" },
    ]);
    expect(await hall.query("select staff_id, grade from marts.staff_month where grade = '末位'")).toEqual(
      [],
    );
    expect(await quarantined(hall)).toEqual([]);
  });

  it("does not call a post empty because its other holder has no attendance data", async () => {
    expect(
      await hall.query(
        `select session, a_present, b_present, is_empty from marts.ab_post_sessions
         where window_no = 'A02' and work_date = '2026-10-14' order by session`,
      ),
    ).toEqual([{ session: "AM", a_present: true, b_present: false, is_empty: false }]);
  });

  it("leaves the days without a number out of the duty base (§11), as days whose export is missing", async () => {
    expect(
      await hall.query(
        `select staff_id, duty_days, duty_required_days::double as duty_required_days, eligible
         from marts.staff_month where staff_id in ('S0001', 'S0004') order by staff_id`,
      ),
    ).toEqual([
      { staff_id: "S0001", duty_days: 7, duty_required_days: 3.5, eligible: true },
      { staff_id: "S0004", duty_days: 0, duty_required_days: 0, eligible: true },
    ]);
  });
});

// Found by `npm run fuzz -- --seed 20261215` (case 40): a conflict that had ended in a month final by
// the as-of date was listed by the run that froze the month and gone from the same inbox's next run.
describe("a roster problem that ended in a month final by the as-of date (rules.md §14)", () => {
  const october = [26, 27, 28, 29, 30].map((d) => `2026-10-${d}`);
  const november = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-09"];
  // 王五 holds 张三's number from 10-28 until he leaves on 10-29; 赵六 has no number until he leaves on 10-30
  const roster = [
    zhang,
    li,
    staff(3, { attendance_no: "1001", start_date: "2026-10-28", end_date: "2026-10-29" }),
    staff(4, { attendance_no: "", start_date: "2026-10-26", end_date: "2026-10-30" }),
  ];
  const findingsOf = (hall: Hall) =>
    hall.query(
      "select finding, staff_id, unscored_days from marts.roster_findings order by finding, staff_id",
    );
  const findingsAsOf = async (asOf: string) => {
    const hall = await runHall(
      { roster, attendance: normalDays([zhang, li], [...october, ...november]) },
      { asOf },
    );
    try {
      const october = await hall.query("select status from marts.months where month = '2026-10'");
      const first = await findingsOf(hall);
      const again = await findingsOf(await hall.rerun());
      return { october, first, again };
    } finally {
      await hall.cleanup();
    }
  };

  it("is listed while October is 公示 (its appeal window ends on the fifth working day after it, 11-06)", async () => {
    const { october, first, again } = await findingsAsOf("2026-11-06");
    expect(october).toEqual([{ status: "公示" }]);
    expect(first).toEqual([
      { finding: "无考勤号码", staff_id: "S0004", unscored_days: 5 },
      { finding: "账号冲突", staff_id: "S0001", unscored_days: 2 },
    ]);
    expect(again).toEqual(first);
  });

  it("is settled once October is 确认: not listed by the run that freezes October, nor by the next", async () => {
    const { october, first, again } = await findingsAsOf("2026-11-07");
    expect(october).toEqual([{ status: "确认" }]);
    expect(first).toEqual([]);
    expect(again).toEqual([]);
  });
});
