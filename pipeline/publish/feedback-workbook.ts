/**
 * The month's 个人考核反馈单 ([001] 反馈原则: results go back to each person): one printed A4 page
 * per staff member, one sheet per department, a manual page break between people. Everything on a
 * page comes from the published warehouse: the person's row of marts.staff_feedback (where the
 * 肯定成绩 / 改进方向 text is decided), their events in marts.score_events, and the appeal window
 * from marts.months and marts.rule_parameters. A page holds as many events as fit; the rest are
 * counted and left to the month workbook, so that each person prints on exactly one page.
 */
import { join } from "node:path";
import type { Alignment, Borders, Font, Style, stream, Worksheet } from "exceljs";
import { type Db, quoteIdentifier } from "../db.ts";
import { displayWidth } from "./workbook/display-width.ts";
import { settingsShown } from "./workbook/explanation.ts";
import { bodyFont, headerFill, headingFont, titleFont } from "./workbook/formats.ts";
import { asOfDate, writeWorkbookFile } from "./workbook/write-workbook.ts";
import { monthLabel, type WorkbookOptions, workbookFileName } from "./workbook.ts";

type WorksheetWriter = ReturnType<stream.xlsx.WorkbookWriter["addWorksheet"]>;

export const feedbackKind = "个人反馈单";

/**
 * 事件编号, 日期, 规则, 分值, 证据: some 100 units, which fit-to-width prints at about 90 % on A4
 * portrait. The events table is in a smaller font (tableLineHeight) so that evidence wraps less.
 */
const columnWidths = [34, 10, 13, 6, 36] as const;
const span = columnWidths.length;
const pageChars = columnWidths.reduce((sum, width) => sum + width, 0) - 4;
const lineHeight = 15;
const tableLineHeight = 12;
const tableFont: Partial<Font> = { ...bodyFont, size: 9 };
/** Characters of the table's font per unit of column width (units are measured in an 11 pt font). */
const tableChars = 1.3;
/**
 * Lines of evidence shown per event: a long detail (a month's 提前办结 lists every case) is cut, the
 * file and line first; the month workbook's 加扣分明细 has it whole.
 */
const evidenceLines = 3;
/**
 * Height a person's page may take, in points: A4 (842 pt) less the margins below (0.5 in each, 72 pt)
 * and some room to spare. Every row's height is set, so the page's height is known here whatever a
 * spreadsheet program makes of the wrapping: the events listed stop where the page would overflow,
 * and the rest are counted in a line that points to the month workbook.
 */
export const pageHeight = 755;
const margins = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 };

const thin = { style: "thin", color: { argb: "FFBFBFBF" } } as const;
const borders: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const wrapped: Partial<Alignment> = { vertical: "top", wrapText: true };
const styles = {
  title: { font: titleFont, alignment: { horizontal: "center", vertical: "middle" } },
  heading: { font: headingFont, alignment: { vertical: "middle" } },
  text: { font: bodyFont, alignment: wrapped },
  header: {
    font: { ...tableFont, bold: true },
    fill: headerFill,
    border: borders,
    alignment: { horizontal: "center" },
  },
  cell: { font: tableFont, border: borders, alignment: wrapped },
  points: { font: tableFont, border: borders, alignment: { vertical: "top", horizontal: "right" } },
} satisfies Record<string, Partial<Style>>;

export interface FeedbackRow extends Record<string, unknown> {
  staff_id: string;
  staff_name: string;
  department: string;
  window_no: string | null;
  score: string;
  rank: number;
  staff_ranked: number;
  grade: string;
  deduction_points: string;
  addition_points: string;
  good_rate: string | null;
  evaluations: number;
  served_tickets: number;
  duty_days: number;
  eligible: boolean;
  ineligible_reason: string | null;
  is_award_winner: boolean;
  events: number;
  late: number;
  early: number;
  missing_punches: number;
  absent: number;
  anomaly_list: string | null;
  previous: { month: string; score: string | null; grade: string | null }[];
  strengths: string;
  improvements: string;
}

export interface EventRow extends Record<string, unknown> {
  staff_id: string;
  event_id: string;
  event_date: string;
  rule_name: string;
  points: string;
  evidence: string;
}

/** Rows by key, in their order (Map.groupBy needs Node 21). */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** Lines a text takes in a cell `chars` units wide. */
const linesOf = (text: string, chars: number): number =>
  text.split("\n").reduce((lines, part) => lines + Math.max(1, Math.ceil(displayWidth(part) / chars)), 0);

const evidenceChars = Math.floor((columnWidths[4] - 1) * tableChars * evidenceLines);

/** The evidence cut to `evidenceLines` lines, ending in “…” when cut. */
function shortened(evidence: string): string {
  if (displayWidth(evidence) <= evidenceChars) return evidence;
  let kept = "";
  let width = displayWidth("…");
  for (const character of evidence) {
    width += displayWidth(character);
    if (width > evidenceChars) break;
    kept += character;
  }
  return `${kept}…`;
}

/** Sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
function sheetName(department: string, taken: Set<string>): string {
  const base = department.replace(/[[\]:*?/\\]/g, "_").slice(0, 31) || "未分部门";
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  taken.add(name);
  return name;
}

/** One row of a page: a line of text across the page, or a row of the events table. */
export type Item = { text: string; style: Partial<Style> } | { cells: string[]; styles: Partial<Style>[] };

const headingHeight = 17;
const titleHeight = 24;

function itemHeight(item: Item): number {
  if ("cells" in item) {
    const lines = Math.max(
      ...item.cells.map((value, index) => linesOf(value, ((columnWidths[index] ?? 10) - 1) * tableChars)),
    );
    // a spare line for long cells: programs break lines at words, so a long list of ids takes more
    return tableLineHeight * (lines > 2 ? lines + 1 : lines);
  }
  if (item.style === styles.title) return titleHeight;
  if (item.style === styles.heading) return headingHeight;
  return lineHeight * linesOf(item.text, pageChars);
}

export const heightOf = (items: Item[]): number => items.reduce((sum, item) => sum + itemHeight(item), 0);

const line = (text: string): Item => ({ text, style: styles.text });
const heading = (text: string): Item => ({ text, style: styles.heading });

const percent = (rate: string | null) => (rate === null ? "—" : `${rate}%`);

function headItems(person: FeedbackRow, title: string): Item[] {
  return [
    { text: title, style: styles.title },
    line(
      `姓名：${person.staff_name}　工号：${person.staff_id}　部门：${person.department}　窗口：${person.window_no ?? "—"}`,
    ),
    heading("一、考核结果"),
    line(
      `得分 ${person.score} 分　名次 第 ${person.rank} 名（共 ${person.staff_ranked} 人）　等级 ${person.grade}`,
    ),
    line(
      `加分 +${person.addition_points} 分　扣分 −${person.deduction_points} 分　办件 ${person.served_tickets} 件　` +
        `好评率 ${percent(person.good_rate)}（${person.evaluations} 条评价）　在岗 ${person.duty_days} 天`,
    ),
    heading(`二、加扣分事件（共 ${person.events} 条；申诉时请引用事件编号）`),
  ];
}

function tailItems(person: FeedbackRow, appeal: string): Item[] {
  const previous = person.previous.map(
    ({ month, score, grade }) =>
      `${monthLabel(month)}：${score === null ? "无考核结果" : `${score} 分（${grade}）`}`,
  );
  return [
    heading("三、考勤异常"),
    line(
      `迟到 ${person.late} 个半天　早退 ${person.early} 个半天　缺卡 ${person.missing_punches} 次　旷工 ${person.absent} 个半天`,
    ),
    line(person.anomaly_list ? `明细：${person.anomaly_list}` : "本月无考勤异常。"),
    heading("四、此前三个月得分"),
    line(previous.join("　")),
    heading("五、文明服务标兵评选资格"),
    line(
      person.is_award_winner
        ? "具备资格，当选本月文明服务标兵。"
        : person.eligible
          ? "具备资格。"
          : `不具备资格：${person.ineligible_reason}。`,
    ),
    heading("六、肯定成绩与改进方向"),
    line(`肯定成绩：${person.strengths}`),
    line(`改进方向：${person.improvements}`),
    heading("七、申诉"),
    line(appeal),
    line(""),
    line("本人签字：____________________　　　　日期：________年____月____日"),
  ];
}

/**
 * The events table: every event while the page has room, then a line counting the rest, which the
 * month workbook's 加扣分明细 lists.
 */
function eventItems(events: EventRow[], room: number): Item[] {
  if (events.length === 0) return [line("本月无加扣分事件。")];
  const items: Item[] = [
    { cells: ["事件编号", "日期", "规则", "分值", "证据"], styles: Array(span).fill(styles.header) },
  ];
  let left = room - itemHeight(items[0]!);
  for (const [index, event] of events.entries()) {
    const item: Item = {
      cells: [event.event_id, event.event_date, event.rule_name, event.points, shortened(event.evidence)],
      styles: [styles.cell, styles.cell, styles.cell, styles.points, styles.cell],
    };
    const more = index + 1 < events.length ? lineHeight : 0; // the line counting the rest
    if (itemHeight(item) + more > left) {
      items.push(line(`另有 ${events.length - index} 条，见月度工作簿“加扣分明细”。`));
      break;
    }
    items.push(item);
    left -= itemHeight(item);
  }
  return items;
}

/** A person's page, row by row: the events take the room that head and tail leave. */
export function pageItems(person: FeedbackRow, events: EventRow[], title: string, appeal: string): Item[] {
  const head = headItems(person, title);
  const tail = tailItems(person, appeal);
  const room = pageHeight - heightOf(head) - heightOf(tail);
  return [...head, ...eventItems(events, room), ...tail];
}

/**
 * Writes a person's page from row `first`, with a manual page break after its last row unless it is
 * the sheet's last page; returns the page's last row.
 */
function writePage(sheet: WorksheetWriter, first: number, items: Item[], lastPage: boolean): number {
  let rowNumber = first;
  for (const [index, item] of items.entries()) {
    const row = sheet.getRow(rowNumber);
    if ("cells" in item) {
      item.cells.forEach((value, index) => {
        row.getCell(index + 1).value = value;
        row.getCell(index + 1).style = item.styles[index] ?? styles.cell;
      });
    } else {
      row.getCell(1).value = item.text;
      row.getCell(1).style = item.style;
      sheet.mergeCells(rowNumber, 1, rowNumber, span);
    }
    row.height = itemHeight(item);
    if (index === items.length - 1 && !lastPage) row.addPageBreak();
    row.commit();
    rowNumber++;
  }
  return rowNumber - 1;
}

/** A4 portrait, one page wide; pages as long as the manual breaks make them. */
function addPageSheet(workbook: stream.xlsx.WorkbookWriter, name: string): WorksheetWriter {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins,
    },
    headerFooter: { oddFooter: "&C&P / &N", evenFooter: "&C&P / &N" },
  } as Partial<Worksheet>);
  sheet.columns = columnWidths.map((width) => ({ width }));
  return sheet;
}

export async function writeFeedbackWorkbook(
  db: Db,
  options: WorkbookOptions,
): Promise<{ path: string; pages: number }> {
  const { month, hallName } = options;
  const label = monthLabel(month);
  const marts = `${quoteIdentifier(options.catalog)}.marts`;
  const people = await db.all<FeedbackRow>(
    `select staff_id, staff_name, department, window_no, printf('%.1f', score) as score, rank,
       staff_ranked, grade, printf('%.1f', deduction_points) as deduction_points,
       printf('%.1f', addition_points) as addition_points, printf('%.1f', good_rate * 100) as good_rate,
       evaluations, served_tickets, duty_days, eligible, ineligible_reason,
       exists (
         select 1 from ${marts}.awards
         where awards.month = staff_feedback.month and awards.award = '文明服务标兵'
           and awards.winner_id = staff_feedback.staff_id
       ) as is_award_winner,
       events, late, early, missing_punches,
       absent, anomaly_list,
       [{month: previous_1_month, score: printf('%.1f', previous_1_score), grade: previous_1_grade},
        {month: previous_2_month, score: printf('%.1f', previous_2_score), grade: previous_2_grade},
        {month: previous_3_month, score: printf('%.1f', previous_3_score), grade: previous_3_grade}] as previous,
       strengths, improvements
     from ${marts}.staff_feedback where month = $month
     order by department, staff_id`,
    { month },
  );
  // the appeal's mark first: a long evidence is cut at its end
  const events = await db.all<EventRow>(
    `select events.staff_id, events.event_id, strftime(events.event_date, '%Y-%m-%d') as event_date,
       coalesce(rule_codes.short_name, events.rule_name) as rule_name, printf('%+.1f', events.points) as points,
       concat_ws('；',
         case when events.void then '已撤销（申诉 ' || events.appeal_id || '），不计分'
           when events.appeal_status = '申诉中' then '申诉中（' || events.appeal_id || '）' end,
         events.source_ref, events.detail) as evidence
     from ${marts}.score_events as events
     left join ${marts}.rule_codes using (rule_code)
     where events.month = $month
     order by events.staff_id, events.event_date, events.event_id`,
    { month },
  );
  const eventsOf = groupBy(events, (event) => event.staff_id);
  const facts = await db.one<{ status: string; appeal_window_end: string }>(
    `select status, strftime(appeal_window_end, '%Y-%m-%d') as appeal_window_end
     from ${marts}.months where month = $month`,
    { month },
  );
  if (!facts) throw new Error(`仓库中没有 ${month} 月的结果（${options.catalog}.marts.months 无此月份）`);
  const setting = await settingsShown({ db, marts, month });
  const appeal =
    facts.status === "确认"
      ? `本月结果已确认：申诉期已于 ${facts.appeal_window_end} 结束。`
      : `对本月结果有异议的，请于 ${facts.appeal_window_end}（月末后 ${setting("appeals.window_working_days")}，含当天）前，` +
        "注明事件编号（见上表）或“工号 + 规则 + 日期”，经中心考核部门提出申诉；怎样申诉见《规则说明》§17。";
  const title = `${hallName} ${label} 个人考核反馈单（${facts.status}）`;

  const path = join(options.directory, workbookFileName(hallName, month, feedbackKind));
  const departments = groupBy(people, (person) => person.department);
  await writeWorkbookFile(
    path,
    {
      author: hallName,
      title: `${hallName} ${label} 个人考核反馈单`,
      subject: `${label} 个人考核反馈（${facts.status}）`,
      created: asOfDate(options.asOf),
    },
    async (workbook) => {
      const taken = new Set<string>();
      // a workbook needs a sheet: a month without staff (never in a run) gets one saying so
      if (departments.size === 0) {
        const sheet = addPageSheet(workbook, "反馈单");
        writePage(sheet, 1, [{ text: title, style: styles.title }, line("本月没有参加考核的人员。")], true);
        sheet.commit();
      }
      for (const [department, members] of departments) {
        const sheet = addPageSheet(workbook, sheetName(department, taken));
        let last = 0;
        for (const [index, person] of members.entries()) {
          const items = pageItems(person, eventsOf.get(person.staff_id) ?? [], title, appeal);
          last = writePage(sheet, last + 1, items, index === members.length - 1);
        }
        sheet.pageSetup.printArea = `A1:${String.fromCharCode(64 + span)}${last}`;
        sheet.commit();
      }
    },
  );
  return { path, pages: people.length };
}
