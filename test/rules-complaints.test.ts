/**
 * rules.md §6 (complaints) and §7 (commendations) from the rule text; working days from the 2026
 * official calendar (Saturday 10-10 is a make-up working day). Revision 2: 部分属实 counts as
 * verified, a blank 复杂程度 is 简单, and 首问不负责 is COMPLAINT_VERIFIED raising R13.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";
import { normalDays, staff } from "./support/rules.ts";

const roster = [staff(1)];

// a blameless working day makes October scored and leaves only the complaints' events
const attendance = normalDays(roster, ["2026-10-09"]);

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
  complaint("TS-NOTIFY", { category: "未一次性告知", finding: "查实", at_fault: "窗口工作人员", ...decided }),
  // rev 2: 首问不负责 ([004] 首问负责制) is COMPLAINT_VERIFIED and raises R13
  complaint("TS-FIRST", { category: "首问不负责", finding: "查实", at_fault: "窗口工作人员", ...decided }),
  // 部分属实 counts as verified (rev 2)
  complaint("TS-ATTITUDE", {
    received_at: "2026-10-13 09:00:00",
    category: "态度/刁难",
    finding: "部分属实",
    at_fault: "窗口工作人员",
    decided_at: "2026-10-13 15:00:00",
    feedback_at: "2026-10-14 09:00:00",
  }),
  // never decided: overdue from the day after it was received
  complaint("TS-NO-DECISION", { received_at: "2026-10-20 09:00:00" }),
  // decided the next day, and the feedback 2 working days after that: both limits missed
  complaint("TS-BOTH-LATE", {
    finding: "不属实",
    decided_at: "2026-10-13 09:00:00",
    feedback_at: "2026-10-15 09:00:00",
  }),
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
  { id: "BY-CITY", date: "2026-10-20", staff_id: "S0001", kind: "市级表扬", verified: "是" },
  { id: "BY-SUGGEST", date: "2026-10-21", staff_id: "S0001", kind: "建议采纳", verified: "是" },
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
    const event = (rule: string, date: string, id: string, points: number) => ({
      event_id: `${rule}:S0001:${date}:${id}`,
      rule_code: rule,
      points,
      event_date: date,
    });
    expect(await events("投诉")).toEqual([
      event("CASE_RETURN_UNEXPLAINED", "2026-10-13", "TS-RETURN", -2),
      event("COMPLAINT_VERIFIED", "2026-10-12", "TS-FIRST", -5),
      event("COMPLAINT_VERIFIED", "2026-10-12", "TS-MISC", -5),
      event("COMPLAINT_VERIFIED", "2026-10-12", "TS-NO-REPLY", -5),
      event("COMPLAINT_VERIFIED", "2026-10-13", "TS-ATTITUDE", -5),
      event("NOTIFY_ONCE", "2026-10-12", "TS-NOTIFY", -5),
      event("QUARREL", "2026-10-12", "TS-QUARREL", -5),
    ]);
    const [detail] = await hall.query(
      "select detail from marts.score_events where event_id = 'COMPLAINT_VERIFIED:S0001:2026-10-13:TS-ATTITUDE'",
    );
    expect(detail).toEqual({ detail: "投诉 TS-ATTITUDE（态度/刁难）调查结论部分属实，过错方为窗口工作人员" });
  });

  it("raises R01 for 争吵 and 态度/刁难, R05 for 未一次性告知, R07 for 不予答复 and R13 for 首问不负责", async () => {
    expect(
      await hall.query(
        "select case_id, trigger_name, event_ids, status from marts.investigations order by case_id",
      ),
    ).toEqual(
      [
        ["INV:R01:S0001:2026-10-12", "对申请人推诿或者粗暴刁难", "QUARREL:S0001:2026-10-12:TS-QUARREL"],
        [
          "INV:R01:S0001:2026-10-13",
          "对申请人推诿或者粗暴刁难",
          "COMPLAINT_VERIFIED:S0001:2026-10-13:TS-ATTITUDE",
        ],
        [
          "INV:R05:S0001:2026-10-12",
          "不一次性告知或者不能准确一次性告知申请人所需要补正的全部材料致使申请人因材料不合格多次申报",
          "NOTIFY_ONCE:S0001:2026-10-12:TS-NOTIFY",
        ],
        [
          "INV:R07:S0001:2026-10-12",
          "应当给予代办员和申请人答复而不予答复",
          "COMPLAINT_VERIFIED:S0001:2026-10-12:TS-NO-REPLY",
        ],
        [
          "INV:R13:S0001:2026-10-12",
          "其他违反首问首办责任制度、限时办结制度等相关制度的情形",
          "COMPLAINT_VERIFIED:S0001:2026-10-12:TS-FIRST",
        ],
      ].map(([case_id, trigger_name, event_id]) => ({
        case_id,
        trigger_name,
        event_ids: [event_id],
        status: "建议",
      })),
    );
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

  it("says exactly why a complaint is overdue", async () => {
    expect(
      await hall.query(
        "select complaint_id, overdue_reason from marts.complaints where is_overdue order by complaint_id",
      ),
    ).toEqual([
      {
        complaint_id: "TS-BOTH-LATE",
        overdue_reason: "处理决定晚于期限 2026-10-12；反馈晚于期限 2026-10-14",
      },
      { complaint_id: "TS-COMPLEX-LATE", overdue_reason: "处理决定晚于期限 2026-10-13" },
      { complaint_id: "TS-NO-DECISION", overdue_reason: "超过处理期限 2026-10-20 仍未作出处理决定" },
      { complaint_id: "TS-NO-FEEDBACK", overdue_reason: "超过反馈期限 2026-10-13 仍未反馈" },
      { complaint_id: "TS-RETURN", overdue_reason: "处理决定晚于期限 2026-10-12" },
      { complaint_id: "TS-SIMPLE-LATE", overdue_reason: "处理决定晚于期限 2026-10-12" },
    ]);
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

  it("scores verified commendations by kind and lists unverified ones as pending", async () => {
    expect(await events("表扬")).toEqual([
      {
        event_id: "HONOR_CITY:S0001:2026-10-20:BY-CITY",
        rule_code: "HONOR_CITY",
        points: 2,
        event_date: "2026-10-20",
      },
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
      {
        event_id: "SUGGESTION:S0001:2026-10-21:BY-SUGGEST",
        rule_code: "SUGGESTION",
        points: 1,
        event_date: "2026-10-21",
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
