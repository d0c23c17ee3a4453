/**
 * Identifiers as Excel leaves them (issue 11, defect 4): a number shown as `1005.0`, `1,005`, in
 * full-width digits or with stray spaces is the identifier 1005 in every source; a number shown in
 * scientific notation has lost its digits, so its row is quarantined with that reason and never
 * matched (a ticket it names is not a ticket that no case references).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import { normalDays, quarantined, scoreEvents, staff } from "./support/rules.ts";

const days = ["2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16"];
const people = [1, 2, 3, 4, 5].map((n) => staff(n));
// the roster as Excel saved it; the devices and systems write the numbers plainly
const roster = [
  staff(1, { attendance_no: "1001.0" }),
  staff(2, { attendance_no: "1,002", queue_login: "ｃｋ０００２" }),
  staff(3, { attendance_no: "１００３" }),
  staff(4, { attendance_no: " 1004 ", staff_id: "S0004 " }),
  staff(5, { platform_account: "5005.0" }),
];

const ticket = (ticket_no: string, time: string) => ({
  ticket_no,
  issued_at: `2026-10-13 ${time}`,
  window_no: "A01",
  queue_login: "ck0001",
  outcome: "受理",
});
const sameDayCase = (case_id: string, ticket_no: string, account = "sp0001") => ({
  case_id,
  item: "个体户登记",
  kind: "即办件",
  promised_days: 0,
  accepted_at: "2026-10-13 10:00:00",
  entered_at: "2026-10-13 10:00:00",
  completed_at: "2026-10-13 11:00:00",
  status: "办结",
  platform_account: account,
  ticket_no,
});

describe("identifiers mangled by Excel", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster,
        attendance: normalDays(people, days),
        queue: [
          ticket("202610130000000001", "09:00"),
          // two 18-digit tickets after the export was opened and saved in Excel
          ticket("2.02610E+17", "09:10"),
          ticket("2.02610E+17", "09:20"),
          ticket("２．０２６１０Ｅ＋１７", "09:30"),
        ],
        cases: [
          sameDayCase("BJ1", "202610130000000001"),
          sameDayCase("BJ2", "202610130000000002"),
          sameDayCase("BJ3", "202610130000000003"),
          sameDayCase("BJ4", "202610130000000004"),
          sameDayCase("BJ5", "2.02610E+17"),
          sameDayCase("BJ6", "20261013000000000６", "5,005"),
        ],
        "queue-events": [
          { window_no: "A02", queue_login: "ck0002", event: "登录", at: "2026-10-13 08:30" },
          { window_no: "A02", queue_login: "ck0002", event: "退出", at: "2026-10-13 17:00" },
        ],
      },
      { asOf: "2026-11-04" },
    );
  });
  afterAll(() => hall?.cleanup());

  it("matches each person's punches and accounts through the roster's 1001.0, 1,002, １００３ and ' 1004 '", async () => {
    const sessions = await hall.query<{ staff_id: string; outcomes: string }>(
      `select staff_id, string_agg(distinct outcome, '、') as outcomes
       from marts.attendance_sessions group by staff_id order by staff_id`,
    );
    expect(sessions).toEqual(people.map((person) => ({ staff_id: person.staff_id, outcomes: "正常" })));
    expect(await scoreEvents(hall)).toEqual([]);
  });

  it("quarantines a 流水号 in scientific notation with that reason, and no ticket counts as not entered", async () => {
    expect(await quarantined(hall)).toEqual([
      "cases cases/data.csv:6 科学计数法，位数已丢失：流水号 2.02610E+17",
      "queue queue/data.csv:3 科学计数法，位数已丢失：流水号 2.02610E+17",
      "queue queue/data.csv:4 科学计数法，位数已丢失：流水号 2.02610E+17",
      "queue queue/data.csv:5 科学计数法，位数已丢失：流水号 2.02610E+17",
    ]);
    expect((await scoreEvents(hall)).filter((event) => event.rule_code === "CASE_NOT_ENTERED")).toEqual([]);
    expect(await hall.query("select case_id, trigger from marts.investigations")).toEqual([]);
  });

  it("keeps the one intact ticket, and the cases whose 流水号 or account only look different", async () => {
    expect(
      await hall.query<{ tickets: number }>("select sum(tickets)::integer as tickets from marts.queue_daily"),
    ).toEqual([{ tickets: 1 }]);
    expect(await hall.query("select case_id, staff_id, ticket_no from marts.cases order by case_id")).toEqual(
      [
        { case_id: "BJ1", staff_id: "S0001", ticket_no: "202610130000000001" },
        { case_id: "BJ2", staff_id: "S0001", ticket_no: "202610130000000002" },
        { case_id: "BJ3", staff_id: "S0001", ticket_no: "202610130000000003" },
        { case_id: "BJ4", staff_id: "S0001", ticket_no: "202610130000000004" },
        { case_id: "BJ6", staff_id: "S0005", ticket_no: "202610130000000006" },
      ],
    );
  });
});
