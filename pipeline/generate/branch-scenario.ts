/**
 * The sample city's second hall, 开发区分中心 (15 staff), and its planted cases. Its ids collide
 * with the sample hall's on purpose — the same 工号, windows, days, complaint, commendation,
 * appeal and evaluation ids — with different outcomes, so a pipeline that lets two halls' keys
 * meet gets one of them wrong. Its evaluations all come in the root-level provincial export.
 */
import { at } from "./calendar.ts";
import { inboxFiles } from "./inbox-files.ts";
import type { RowRecord } from "./inbox-writer.ts";
import { emptyPlan, type Plan, type PlanContext, type Scenario } from "./plan.ts";
import { scenarioTools } from "./scenario-tools.ts";
import type { Time } from "./table-writer.ts";

const t = (day: string, time: string): Time => ({ day, s: at(time) });
const key = (file: { folder: string; file: string }) => `${file.folder}/${file.file}`;

export const branchScenario: Scenario = {
  replacements: [],
  build(context: PlanContext): Plan {
    const plan = emptyPlan();
    const { staff, workday, note, plant, register, force, pause } = scenarioTools(plan, context, "branch");

    note(
      "与示例县政务服务中心（SXX）同样从 S0001、窗口 A01、市场监管局…税务局 编起；下列异常与 SXX 的同编号、同日期，但结果不同。",
    );
    force(3, "2026-09-08", "AM", { inPunch: at("08:47:30") });
    note(
      "- S0003 2026-09-08 上午 08:47:30 签到：迟到 `ATT_LATE:S0003:2026-09-08:AM`（SXX 的 S0003 同日 08:40:00 不迟到）；申诉 SSP001 **维持**（SXX 的 SSP001 撤销的是 S0007 的迟到）。",
    );
    register("appeals", {
      id: "SSP001",
      staff_id: staff(3).id,
      target_id: "ATT_LATE:S0003:2026-09-08:AM",
      submitted_on: "2026-09-09",
      result: "维持",
      resolved_on: "2026-09-11",
      note: "路上堵车，理由不成立",
    });
    force(10, "2026-10-14", "PM", { present: false });
    note(
      "- S0010 2026-10-14 下午无任何打卡、无请假：旷工半天 `ABSENT_HALF:S0010:2026-10-14:PM`，责任追究 `INV:R03:S0010:2026-10-14` 为**建议**（本中心登记表未认定；SXX 登记表认定的同编号案件是 SXX 的）。",
    );
    pause(7, "2026-10-13", "AM", [{ from: at("09:10"), to: at("09:50"), reason: "", closing: "恢复" }]);
    note(
      "- S0007 2026-10-13 09:10–09:50 无原因暂停 40 分钟：擅自离岗超过30分钟 `AWAY_30:S0007:2026-10-13:0910`。",
    );

    const complainant = { name: "韩立平", phone: "13905719901" };
    plan.complainants.push(complainant);
    plant(key(inboxFiles.complaints("2026-09")), {
      id: "TSP001",
      received_at: t("2026-09-15", "10:20"),
      channel: "12345热线",
      staff_id: staff(2).id,
      category: "态度/刁难",
      content: `投诉人反映在${staff(2).window}号窗口办事时遇到的问题`,
      complainant_name: complainant.name,
      complainant_phone: complainant.phone,
      complexity: "简单",
      finding: "查实",
      at_fault: "窗口工作人员",
      decided_at: t("2026-09-15", "16:00"),
      feedback_at: t("2026-09-15", "17:00"),
    });
    note(
      "- TSP001 S0002 2026-09-15 态度/刁难 查实：`COMPLAINT_VERIFIED`，触发 R01（SXX 的 TSP001 投诉的是 S0005）。",
    );
    plant(key(inboxFiles.commendations("2026-09")), {
      id: "BYP001",
      date: "2026-09-10",
      staff_id: staff(6).id,
      kind: "锦旗",
      verified: "是",
      note: "开发区分中心",
    });
    note("- BYP001 S0006 2026-09-10 锦旗 已核定：`PRAISE` +2（SXX 的 BYP001 表扬的是 S0001）。");

    plan.routedEvaluations.set(workday("2026-10-15"), [
      {
        id: "PJP0001",
        at: t("2026-10-15", "10:15:30"),
        level: "非常不满意",
        channel: "“好差评”小程序",
        window_no: staff(9).window,
        queue_login: staff(9).queueLogin,
        comment: "等候时间太长",
        rectified_at: null,
      },
    ]);
    note(
      "- 评价全部来自根目录的省好差评系统导出（`evaluations/好差评系统导出_<日期>.csv`，大厅编码 SXX-KFQ），本中心目录下没有 evaluations/。其中 PJP0001 S0009 2026-10-15 非常不满意，始终无整改完成时间：逾期未整改（SXX 的 PJP0001 同为 S0009 当日差评，但已补录整改）。",
    );

    register("calendar", { date: "2026-09-20", is_workday: "是", note: "中秋、国庆调休上班（周日）" });
    register("calendar", { date: "2026-10-10", is_workday: "是", note: "国庆调休上班（周六）" });
    plan.notes.push("");
    return plan;
  },
};

/** The root-level rows that belong to no registered hall: quarantined, never routed. */
export function strayEvaluations(known: ReadonlySet<string>): {
  rows: Map<string, RowRecord[]>;
  notes: string[];
} {
  const code = "SXX-GXQ";
  if (known.has(code)) throw new Error(`the stray evaluation's hall ${code} is registered`);
  const day = "2026-10-16";
  return {
    rows: new Map([
      [
        day,
        [
          {
            hall_code: code,
            id: "PJR0001",
            at: t(day, "11:02:00"),
            level: "满意",
            channel: "政务服务网",
            window_no: "A01",
            queue_login: "ck0001",
          },
        ],
      ],
    ]),
    notes: [
      `- 坏行：\`evaluations/好差评系统导出_${day}.csv\` 末尾 PJR0001 的大厅编码 ${code} 不在大厅名册中（其余各列有效）：应隔离，不归入任何大厅。`,
    ],
  };
}
