/**
 * `explain`: what a staff member asks for before appealing — the month's score, rank, grade and
 * eligibility, then every point with its rule, date, evidence and appeal status, then the
 * responsibility cases and how to appeal. Reads only the published warehouse, read-only; the base
 * score and the appeal window are the month's own (marts.rule_parameters), never restated here.
 */
import { access } from "node:fs/promises";
import { Db, type Row } from "./db.ts";
import { outLayout } from "./out-layout.ts";

export class NotFound extends Error {}

const text = (value: unknown): string => (value === null || value === undefined ? "" : String(value));
const day = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : text(value).slice(0, 10);
const signed = (value: unknown): string => {
  const n = Number(value);
  return n > 0 ? `+${n}` : String(n);
};
const percent = (value: unknown): string =>
  value === null || value === undefined ? "无评价" : `${(Number(value) * 100).toFixed(1)}%`;

type Setting = { number: number | null; display: string };

/**
 * The month's settings in force by configuration key (marts.rule_parameters); none for a month
 * frozen before the warehouse published them.
 */
async function monthSettings(db: Db, month: string, hall: string): Promise<Map<string, Setting>> {
  const rows = await db.all<Setting & { key: string }>(
    "select key, number, display from marts.rule_parameters where month = $month and hall_code = $hall",
    { month, hall },
  );
  return new Map(rows.map((row) => [row.key, row]));
}

/** `（基础分 100 − 扣分 3 + 加分 2）`, with the hall's cap and floor when it sets them. */
function scoreBreakdown(person: Row, settings: Map<string, Setting>): string {
  const points = `扣分 ${Number(person.deduction_points)} + 加分 ${Number(person.addition_points)}`;
  const base = settings.get("score.base")?.number;
  if (base === undefined || base === null) return `（${points}；本月的规则参数未发布）`;
  const cap = settings.get("score.addition_cap");
  const floor = settings.get("score.floor");
  return (
    `（基础分 ${base} − ${points}` +
    (cap?.number == null ? "" : `；加分每月最多计 ${cap.display}`) +
    (floor?.number == null ? "" : `；得分不低于 ${floor.display}`) +
    "）"
  );
}

/** The published warehouse's path, or NotFound when no run has published one. */
export async function publishedWarehouse(out: string): Promise<string> {
  const { warehouse } = outLayout(out);
  try {
    await access(warehouse);
  } catch {
    throw new NotFound(`找不到数据仓库 ${warehouse}：请先运行一次数据处理`);
  }
  return warehouse;
}

/** The published warehouse of an `--out`, opened read-only; NotFound before the first run. */
export async function openPublished(out: string): Promise<Db> {
  return Db.open(await publishedWarehouse(out), { readOnly: true });
}

/**
 * The hall whose staff member is meant: `hallCode` when given, else the warehouse's only hall (two
 * halls may both have a 工号 S0001: with several, the operator names one).
 */
async function chosenHall(db: Db, hallCode: string | undefined): Promise<string> {
  const halls = await db.all<{ hall_code: string; hall_name: string }>(
    "select distinct hall_code, hall_name from marts.staff_month order by hall_code",
  );
  if (hallCode !== undefined) {
    if (!halls.some((hall) => hall.hall_code === hallCode))
      throw new NotFound(`数据仓库中没有大厅编码 ${hallCode} 的考核结果`);
    return hallCode;
  }
  if (halls.length > 1)
    throw new NotFound(
      `数据仓库中有 ${halls.length} 个大厅（${halls.map((hall) => `${hall.hall_code} ${hall.hall_name}`).join("、")}）：请用 --hall 指定大厅编码`,
    );
  return halls[0]?.hall_code ?? "";
}

export async function explainScore(
  out: string,
  staffId: string,
  month: string,
  hallCode?: string,
): Promise<string[]> {
  const db = await openPublished(out);
  try {
    const hall = await chosenHall(db, hallCode);
    const params = { staff: staffId, month, hall };
    const person = await db.one<Row>(
      "select * from marts.staff_month where staff_id = $staff and month = $month and hall_code = $hall",
      params,
    );
    if (!person) {
      const known = await db.one<Row>(
        "select staff_name from marts.staff_month where staff_id = $staff and hall_code = $hall limit 1",
        { staff: staffId, hall },
      );
      throw new NotFound(
        known
          ? `${staffId}（${text(known.staff_name)}）在 ${month} 没有考核结果：该月未参加排名或尚无考勤数据`
          : `找不到工号 ${staffId} 的考核结果`,
      );
    }
    const ranked = await db.one<{ n: number }>(
      "select staff_ranked as n from marts.months where month = $month and hall_code = $hall",
      { month, hall },
    );
    const events = await db.all<Row>(
      `select * from marts.score_events where staff_id = $staff and month = $month and hall_code = $hall
       order by event_date, event_id`,
      params,
    );
    const cases = await db.all<Row>(
      `select * from marts.investigations where staff_id = $staff and month = $month and hall_code = $hall
       order by occurred_on, case_id`,
      params,
    );
    const isWinner = await db.one(
      `select 1 from marts.awards
       where award = '文明服务标兵' and winner_id = $staff and month = $month and hall_code = $hall`,
      params,
    );
    const settings = await monthSettings(db, month, hall);
    const publication = await db.one<Row>(
      "select status, appeal_window_end from marts.months where month = $month and hall_code = $hall",
      { month, hall },
    );
    const lines: string[] = [];
    lines.push(
      `${text(person.staff_name)}（${staffId}，${text(person.department)} ${text(person.window_no)} 窗口）${month} 月度考核（${text(person.status)}）`,
    );
    lines.push(
      `  得分 ${Number(person.score).toFixed(1)}${scoreBreakdown(person, settings)}` +
        `，名次 ${text(person.rank)}/${text(ranked?.n)}，严格排序第 ${text(person.order_no)} 位` +
        (person.tie_break ? `（同分者之间按${text(person.tie_break)}排序）` : ""),
    );
    lines.push(
      `  等级 ${text(person.grade)}；好评率 ${percent(person.good_rate)}（${text(person.evaluations)} 条评价）；` +
        `办件量 ${text(person.served_tickets)}；在岗 ${text(person.duty_days)} 天`,
    );
    lines.push(
      person.eligible
        ? `  可参加文明服务标兵评选${isWinner ? "，本月当选文明服务标兵" : ""}`
        : `  不能参加文明服务标兵评选：${text(person.ineligible_reason)}`,
    );
    lines.push("");
    lines.push(events.length === 0 ? "本月无加扣分事件。" : `加扣分明细（${events.length} 项）：`);
    for (const event of events) {
      const appeal = event.appeal_status
        ? `；申诉 ${text(event.appeal_id)}：${text(event.appeal_status)}${event.void ? "，本项已撤销、不计分" : ""}`
        : "";
      lines.push(
        `  ${day(event.event_date)} ${signed(event.points)} 分 ${text(event.rule_code)} ${text(event.rule_name)}` +
          `\n      编号 ${text(event.event_id)}\n      证据 ${text(event.source)}：${text(event.source_ref)}` +
          (event.detail ? `\n      说明 ${text(event.detail)}` : "") +
          appeal,
      );
    }
    lines.push("");
    lines.push(cases.length === 0 ? "本月无责任追究案件。" : `责任追究（${cases.length} 件）：`);
    for (const item of cases) {
      const circumstances = [
        item.aggravating ? `从重：${text(item.aggravating)}` : "",
        item.mitigating ? `从轻：${text(item.mitigating)}` : "",
      ].filter(Boolean);
      lines.push(
        `  ${text(item.case_id)} ${text(item.trigger)} ${text(item.trigger_name)}；${text(item.status)}；` +
          `情节 ${text(item.base_tier)} → 处理 ${text(item.final_tier)}` +
          (circumstances.length > 0 ? `（${circumstances.join("；")}）` : "") +
          (item.void ? `；已因申诉 ${text(item.appeal_id)} 撤销` : "") +
          (item.blocks_eligibility ? "；影响本月评优" : ""),
      );
    }
    lines.push("");
    const window = settings.get("appeals.window_working_days")?.display;
    const end = day(publication?.appeal_window_end);
    lines.push(
      publication?.status === "确认"
        ? `本月结果已确认：申诉期${window ? `（月末后 ${window}）` : ""}已于 ${end} 结束。`
        : `如有异议，请于 ${end}（含）前申诉${window ? `（申诉期为月末后 ${window}）` : ""}，注明上面的事件编号或案件编号；写法见《规则说明》§17。`,
    );
    return lines;
  } finally {
    db.close();
  }
}
