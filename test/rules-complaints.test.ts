/**
 * rules.md §6 (complaints) and §7 (commendations) from the rule text; working days from the 2026
 * official calendar (Saturday 10-10 is a make-up working day).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";

const roster = [
  {
    staff_id: "S0001",
    name: "张三",
    department: "市场监管局",
    window_no: "A01",
    attendance_no: "1001",
    queue_login: "ck0001",
    platform_account: "sp0001",
    start_date: "2026-01-01",
  },
];

const attendance = [{ attendance_no: "1001", punched_at: "2026-10-09 08:30:00" }];

const complaint = (id: string, fields: Record<string, string | null>) => ({
  id,
  received_at: "2026-10-12 09:00:00",
  staff_id: "S0001",
  category: "服务态度",
  complainant_name: "王五",
  complainant_phone: "13912345678",
  ...fields,
});

const decided = { decided_at: "2026-10-12 16:00:00", feedback_at: "2026-10-13 10:00:00" };

const complaints = [
  complaint("TS-QUARREL", { category: "争吵", finding: "查实", at_fault: "窗口工作人员", ...decided }),
  complaint("TS-FALSE", { category: "争吵", finding: "不属实", at_fault: "窗口工作人员", ...decided }),
  complaint("TS-OTHER-FAULT", { category: "争吵", finding: "查实", at_fault: "其他", ...decided }),
  complaint("TS-RETURN", {
    category: "退件未充分说明理由",
    finding: "部分属实",
    at_fault: "窗口工作人员",
    decided_at: "2026-10-13 10:00:00",
    feedback_at: "2026-10-14 10:00:00",
  }),
  complaint("TS-MISC", { category: "环境卫生", finding: "查实", at_fault: "窗口工作人员", ...decided }),
  complaint("TS-NO-REPLY", { category: "不予答复", finding: "查实", at_fault: "窗口工作人员", ...decided }),
  // simple (default): decided the next day → overdue; feedback the 2nd working day after decision → overdue
  complaint("TS-SIMPLE-LATE", {
    finding: "不属实",
    decided_at: "2026-10-13 09:00:00",
    feedback_at: "2026-10-14 09:00:00",
  }),
  complaint("TS-NO-FEEDBACK", { finding: "不属实", decided_at: "2026-10-12 16:00:00" }),
  // complex, received Fri 10-09: 10-10 make-up Sat (1), 10-12 (2), 10-13 (3) → deadline 10-13
  complaint("TS-COMPLEX-OK", {
    received_at: "2026-10-09 09:00:00",
    complexity: "复杂",
    finding: "不属实",
    decided_at: "2026-10-13 17:00:00",
    feedback_at: "2026-10-14 09:00:00",
  }),
  complaint("TS-COMPLEX-LATE", {
    received_at: "2026-10-09 09:00:00",
    complexity: "复杂",
    finding: "不属实",
    decided_at: "2026-10-14 09:00:00",
    feedback_at: "2026-10-14 10:00:00",
  }),
  // complex, received Fri 10-30: deadline Wed 11-04 = as_of, not yet overdue
  complaint("TS-COMPLEX-PENDING", { received_at: "2026-10-30 09:00:00", complexity: "复杂" }),
];

const commendations = [
  { id: "BY-LETTER", date: "2026-10-15", staff_id: "S0001", kind: "表扬信", verified: "是" },
  { id: "BY-FLAG", date: "2026-10-16", staff_id: "S0001", kind: "锦旗", verified: "否" },
  { id: "BY-PROVINCE", date: "2026-10-19", staff_id: "S0001", kind: "省级表扬", verified: "是" },
];

describe("rules.md §6 complaints and §7 commendations", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall({ roster, attendance, complaints, commendations }, { asOf: "2026-11-04" });
  });
  afterAll(() => hall?.cleanup());

  const events = (source: string) =>
    hall.query(
      `select event_id, rule_code, points::double as points, event_date::varchar as event_date
       from marts.score_events where source = $source order by event_id`,
      { source },
    );

  it("scores only complaints verified with the fault on the window staff, by category, on the decision day", async () => {
    expect(await events("投诉")).toEqual([
      {
        event_id: "CASE_RETURN_UNEXPLAINED:S0001:2026-10-13:TS-RETURN",
        rule_code: "CASE_RETURN_UNEXPLAINED",
        points: -2,
        event_date: "2026-10-13",
      },
      {
        event_id: "COMPLAINT_VERIFIED:S0001:2026-10-12:TS-MISC",
        rule_code: "COMPLAINT_VERIFIED",
        points: -5,
        event_date: "2026-10-12",
      },
      {
        event_id: "COMPLAINT_VERIFIED:S0001:2026-10-12:TS-NO-REPLY",
        rule_code: "COMPLAINT_VERIFIED",
        points: -5,
        event_date: "2026-10-12",
      },
      {
        event_id: "QUARREL:S0001:2026-10-12:TS-QUARREL",
        rule_code: "QUARREL",
        points: -5,
        event_date: "2026-10-12",
      },
    ]);
  });

  it("raises R01 for a quarrel and R07 for 不予答复", async () => {
    const rows = await hall.query<{ trigger: string; event_id: string }>(
      "select trigger, unnest(event_ids) as event_id from marts.investigations order by event_id",
    );
    expect(rows).toContainEqual({ trigger: "R01", event_id: "QUARREL:S0001:2026-10-12:TS-QUARREL" });
    expect(rows).toContainEqual({
      trigger: "R07",
      event_id: "COMPLAINT_VERIFIED:S0001:2026-10-12:TS-NO-REPLY",
    });
  });

  it("applies the time limits: simple on the day, complex within 3 working days, feedback within 1", async () => {
    const rows = await hall.query<{ complaint_id: string; is_overdue: boolean; decision_deadline: string }>(
      `select complaint_id, is_overdue, decision_deadline::varchar as decision_deadline, feedback_deadline::varchar as feedback_deadline,
         complexity from marts.complaints order by complaint_id`,
    );
    const byId = Object.fromEntries(rows.map((row) => [row.complaint_id, row]));
    expect(byId["TS-QUARREL"]).toMatchObject({
      is_overdue: false,
      complexity: "简单",
      decision_deadline: "2026-10-12",
      feedback_deadline: "2026-10-13",
    });
    expect(byId["TS-SIMPLE-LATE"]).toMatchObject({ is_overdue: true, feedback_deadline: "2026-10-14" });
    expect(byId["TS-NO-FEEDBACK"]).toMatchObject({ is_overdue: true });
    expect(byId["TS-COMPLEX-OK"]).toMatchObject({ is_overdue: false, decision_deadline: "2026-10-13" });
    expect(byId["TS-COMPLEX-LATE"]).toMatchObject({ is_overdue: true, decision_deadline: "2026-10-13" });
    expect(byId["TS-COMPLEX-PENDING"]).toMatchObject({ is_overdue: false, decision_deadline: "2026-11-04" });
  });

  it("says why a complaint is overdue, in Chinese", async () => {
    const [row] = await hall.query<{ overdue_reason: string }>(
      "select overdue_reason from marts.complaints where complaint_id = 'TS-NO-FEEDBACK'",
    );
    expect(row!.overdue_reason).toContain("仍未反馈");
  });

  it("never publishes the complainant's name or phone", async () => {
    const columns = await hall.query<{ table_schema: string; table_name: string; column_name: string }>(
      `select table_schema, table_name, column_name from information_schema.columns
       where data_type = 'VARCHAR' and table_schema in ('marts', 'ops')`,
    );
    const probes = columns.map(
      ({ table_schema, table_name, column_name }) =>
        `select '${table_schema}.${table_name}.${column_name}' as hit from "${table_schema}"."${table_name}"
         where "${column_name}" like '%13912345678%' or "${column_name}" like '%王五%'`,
    );
    expect(columns.length).toBeGreaterThan(10);
    expect(await hall.query(probes.join(" union all "))).toEqual([]);
  });

  it("scores verified commendations and lists unverified ones as pending", async () => {
    expect(await events("表扬")).toEqual([
      {
        event_id: "HONOR_PROVINCE:S0001:2026-10-19:BY-PROVINCE",
        rule_code: "HONOR_PROVINCE",
        points: 3,
        event_date: "2026-10-19",
      },
      {
        event_id: "PRAISE:S0001:2026-10-15:BY-LETTER",
        rule_code: "PRAISE",
        points: 2,
        event_date: "2026-10-15",
      },
    ]);
    const pending = await hall.query(
      "select commendation_id, event_id from marts.commendations where not is_verified order by commendation_id",
    );
    expect(pending).toEqual([{ commendation_id: "BY-FLAG", event_id: null }]);
  });
});

describe("rules.md §6 default complexity from the configuration", () => {
  let hall: Hall;
  beforeAll(async () => {
    hall = await runHall(
      {
        roster,
        attendance,
        complaints: [
          // no 复杂程度: the configured default 复杂 gives 3 working days (10-10 make-up, 10-12, 10-13)
          complaint("TS-DEFAULT", {
            received_at: "2026-10-09 09:00:00",
            finding: "不属实",
            decided_at: "2026-10-13 09:00:00",
          }),
          complaint("TS-EXPLICIT", {
            received_at: "2026-10-09 09:00:00",
            complexity: "简单",
            finding: "不属实",
            decided_at: "2026-10-13 09:00:00",
            feedback_at: "2026-10-13 10:00:00",
          }),
        ],
      },
      { asOf: "2026-11-04", config: { complaints: { default_complexity: "复杂" } } },
    );
  });
  afterAll(() => hall?.cleanup());

  it("uses the configured default only when the row leaves it empty", async () => {
    expect(
      await hall.query(
        `select complaint_id, complexity, decision_deadline::varchar as decision_deadline, overdue_reason
         from marts.complaints order by complaint_id`,
      ),
    ).toEqual([
      {
        complaint_id: "TS-DEFAULT",
        complexity: "复杂",
        decision_deadline: "2026-10-13",
        overdue_reason: "超过反馈期限 2026-10-14 仍未反馈",
      },
      {
        complaint_id: "TS-EXPLICIT",
        complexity: "简单",
        decision_deadline: "2026-10-09",
        overdue_reason: "处理决定晚于期限 2026-10-09",
      },
    ]);
  });
});
