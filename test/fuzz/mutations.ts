/**
 * Perturbations of a valid hall inbox, the way real exports and people damage one. Each mutation
 * is plain data (what fast-check draws and shrinks, and what a regression test spells out); its
 * numbers pick a file, row or column modulo what there is, so any draw applies to any hall.
 * Applying one edits the in-memory inbox and says in one line what it did.
 */
import { addDays } from "../../pipeline/generate/calendar.ts";
import { sourceByFolder } from "../../pipeline/ingest/sources.ts";
import type { BaseHall } from "./base-hall.ts";
import {
  columnIndex,
  encodeText,
  expectedRows,
  type InboxFile,
  type TableFile,
  tableText,
} from "./inbox-model.ts";
import {
  BOUNDARY_CLOCKS,
  BOUNDARY_DAYS,
  boundaryDay,
  complainant,
  dayOf,
  FUTURE_DAYS,
  formatTime,
  MANGLE_STYLES,
  mangle,
  ODD_NUMBERS,
  TIME_STYLES,
  VARIANT_STYLES,
  variant,
} from "./values.ts";

export type Mutation =
  | { kind: "blank"; file: number; row: number; column: number }
  | { kind: "blankColumn"; file: number; column: number }
  | { kind: "number"; file: number; row: number; column: number; value: number }
  | { kind: "time"; file: number; row: number; column: number; day: number; clock: number; style: number }
  | {
      kind: "futureTime";
      file: number;
      row: number;
      column: number;
      day: number;
      clock: number;
      style: number;
    }
  | { kind: "mangleId"; file: number; row: number; column: number; style: number }
  | { kind: "excelNumber"; file: number; row: number; column: number; style: number }
  | { kind: "variant"; file: number; row: number; column: number; style: number }
  | { kind: "repeatRow"; file: number; row: number; elsewhere: boolean }
  | { kind: "changeRow"; file: number; row: number; column: number; from: number }
  | { kind: "shuffle"; file: number; seed: number }
  | { kind: "shiftRow"; file: number; row: number; column: number; keepCount: boolean }
  | { kind: "blankLine"; file: number; row: number }
  | { kind: "skew"; file: number; row: number; seconds: number }
  | { kind: "doublePress"; file: number; row: number; seconds: number }
  | { kind: "orphan"; file: number; row: number; event: number; seconds: number }
  | { kind: "quickPause"; file: number; row: number; length: number; skew: number }
  | { kind: "reuseAccount"; staff: number; account: number; startOffset: number; ends: boolean }
  | { kind: "rosterReexport"; staff: number; field: number; offset: number }
  | { kind: "numericTickets" }
  | {
      kind: "complaint";
      staff: number;
      day: number;
      minute: number;
      category: number;
      finding: number;
      decidedAfter: number;
    }
  | { kind: "misfiled"; row: number; column: number; phone: boolean }
  | { kind: "commendation"; staff: number; day: number; type: number; verified: number }
  | {
      kind: "leave";
      staff: number;
      day: number;
      from: number;
      to: number;
      approval: number;
      type: number;
      cover: number;
    }
  | { kind: "patrol"; staff: number; day: number; clock: number; finding: number; byWindow: boolean }
  | {
      kind: "awayFinding";
      staff: number;
      day: number;
      clock: number;
      finding: number;
      minutes: number;
      byWindow: boolean;
    }
  | {
      kind: "investigation";
      staff: number;
      day: number;
      trigger: number;
      decision: number;
      severity: number;
      byId: boolean;
    }
  | { kind: "appeal"; staff: number; day: number; rule: number; result: number; byId: boolean }
  | { kind: "calendar"; day: number; workday: boolean }
  | { kind: "damage"; file: number; damage: number; fraction: number }
  | { kind: "truncate"; file: number; fraction: number; large: boolean }
  | { kind: "mixedEncoding"; file: number; fraction: number; large: boolean }
  | { kind: "copy"; file: number; as: number }
  | { kind: "format"; file: number; to: number }
  | { kind: "stray"; what: number };

export interface CaseContext {
  readonly base: BaseHall;
  readonly files: InboxFile[];
  readonly asOf: string;
  /** Complainants' names, phones and words that the inbox holds: never to be published. */
  readonly secrets: Set<string>;
  /** What each mutation did, one line each. */
  readonly log: string[];
  /** Rows the run must quarantine, whatever else happens to them: a cell that must not be matched. */
  readonly mustQuarantine: {
    file: TableFile;
    row: readonly string[];
    column: number;
    value: string;
    why: string;
  }[];
  counter: number;
}

const at = <T>(items: readonly T[], index: number): T | undefined =>
  items.length === 0 ? undefined : items[Math.abs(index) % items.length];

const tables = (context: CaseContext, folder?: string): TableFile[] =>
  context.files.filter(
    (file): file is TableFile => file.kind === "table" && (folder === undefined || file.folder === folder),
  );

const TIME_COLUMNS = new Set([
  "punched_at",
  "issued_at",
  "called_at",
  "started_at",
  "finished_at",
  "at",
  "starts_at",
  "ends_at",
  "accepted_at",
  "entered_at",
  "completed_at",
  "received_at",
  "decided_at",
  "feedback_at",
  "rectified_at",
  "start_date",
  "end_date",
  "date",
  "occurred_on",
  "decided_on",
  "submitted_on",
  "resolved_on",
  "event_date",
]);
const NUMBER_COLUMNS = new Set([
  "away_minutes",
  "promised_days",
  "level",
  "attendance_no",
  "device",
  "verify",
]);
const ID_COLUMNS = new Set([
  "attendance_no",
  "staff_id",
  "window_no",
  "backup_window_no",
  "queue_login",
  "platform_account",
  "ticket_no",
  "case_id",
  "id",
  "cover_staff_id",
  "target_id",
]);
const EXCEL_NUMBER_COLUMNS = new Set([...ID_COLUMNS, ...NUMBER_COLUMNS]);
const EXCEL_NUMBER_STYLES = ["trailingZero", "thousands", "fullWidth", "spaces"] as const;

/** Whether Excel shows this cell in that style: thousands separators only from 1,000 (10 is never `10,`). */
const excelWouldShow = (cell: string, style: (typeof EXCEL_NUMBER_STYLES)[number]): boolean =>
  style === "spaces" ? cell !== "" : style === "thousands" ? /^[1-9]\d{3,}$/.test(cell) : /^\d+$/.test(cell);
const ENUM_COLUMNS = new Set([
  "outcome",
  "event",
  "level",
  "kind",
  "approval",
  "status",
  "finding",
  "category",
  "complexity",
  "verified",
  "is_workday",
  "decision",
  "severity",
  "result",
  "channel",
  "at_fault",
  "trigger",
  "rule_code",
  "reason",
]);

/** A column of the file among `wanted` (any column when it has none of them). */
function pickColumn(file: TableFile, index: number, wanted?: ReadonlySet<string>): number {
  const positions = file.names.flatMap((name, position) => (name && wanted?.has(name) ? [position] : []));
  return at(positions.length > 0 ? positions : file.names.map((_, position) => position), index) ?? 0;
}

const describe = (file: TableFile, row: number, column: number): string =>
  `${file.path} 第 ${row + 1} 行 ${file.headers?.[column] ?? file.names[column] ?? `第 ${column + 1} 列`}`;

function setCell(
  context: CaseContext,
  fileIndex: number,
  rowIndex: number,
  columnIndex: number,
  wanted: ReadonlySet<string> | undefined,
  value: (old: string, file: TableFile, column: number) => string,
  what: string,
): { file: TableFile; cells: string[]; column: number } | undefined {
  const file = at(tables(context), fileIndex);
  if (!file || file.rows.length === 0) return;
  const row = Math.abs(rowIndex) % file.rows.length;
  const column = pickColumn(file, columnIndex, wanted);
  const cells = file.rows[row]!;
  while (cells.length <= column) cells.push("");
  const old = cells[column]!;
  cells[column] = value(old, file, column);
  context.log.push(
    `${what}：${describe(file, row, column)} ${JSON.stringify(old)} → ${JSON.stringify(cells[column])}`,
  );
  return { file, cells, column };
}

/** A new file beside `file`, named so that it loads after it (lexical order). */
function siblingPath(file: InboxFile, suffix: string, extension?: string): string {
  const dot = file.path.lastIndexOf(".");
  const stem = dot > file.path.indexOf("/") ? file.path.slice(0, dot) : file.path;
  return `${stem}_${suffix}${extension ?? (dot > 0 ? file.path.slice(dot) : "")}`;
}

const cloneTable = (file: TableFile, path: string): TableFile => ({
  ...file,
  path,
  headers: file.headers ? [...file.headers] : null,
  names: [...file.names],
  rows: file.rows.map((row) => [...row]),
  unquotedRows: file.unquotedRows ? new Set(file.unquotedRows) : undefined,
  preamble: file.preamble ? [...file.preamble] : undefined,
});

/** The register file of `folder` for `day`'s month (or its only file), created with every column when missing. */
function registerFile(context: CaseContext, folder: string, day: string): TableFile {
  const files = tables(context, folder);
  const month = day.slice(0, 7);
  const existing = files.find((file) => file.path.includes(month)) ?? files[0];
  if (existing) return existing;
  const source = sourceByFolder.get(folder)!;
  const created: TableFile = {
    kind: "table",
    path: `${folder}/登记_${month}.csv`,
    folder,
    headers: source.columns.map((column) => column.header),
    names: source.columns.map((column) => column.name),
    rows: [],
    format: { kind: "csv", encoding: "utf-8", separator: ",", eol: "\n" },
  };
  context.files.push(created);
  return created;
}

/** The position of a source column in the file, added (empty in every row) when the file lacks it. */
function ensureColumn(file: TableFile, name: string): number {
  const existing = columnIndex(file, name);
  if (existing >= 0) return existing;
  const column = sourceByFolder.get(file.folder)!.columns.find((candidate) => candidate.name === name)!;
  file.names.push(name);
  file.headers?.push(column.header);
  for (const row of file.rows) row.push("");
  return file.names.length - 1;
}

function appendRecord(file: TableFile, record: Readonly<Record<string, string>>): void {
  for (const name of Object.keys(record)) if (record[name] !== "") ensureColumn(file, name);
  file.rows.push(file.names.map((name) => (name ? (record[name] ?? "") : "")));
}

const staffAt = (context: CaseContext, index: number) => at(context.base.staff, index)!;
const workdayAt = (context: CaseContext, index: number): string =>
  at(context.base.workdays, index) ?? context.base.firstDay;
const nextId = (context: CaseContext, prefix: string): string =>
  `${prefix}${String(++context.counter).padStart(3, "0")}`;

const EVENTS = ["登录", "暂停", "恢复", "退出"];
const ACCOUNTS = ["attendance_no", "queue_login", "platform_account"] as const;
const CATEGORIES = [
  "态度/刁难",
  "未一次性告知",
  "退件未充分说明理由",
  "争吵",
  "不予答复",
  "首问不负责",
  "办事效率",
];
const FINDINGS = ["查实", "部分属实", "不属实", ""];
/** Columns of the complaints register a complainant's name or phone gets typed into by mistake. */
const MISFILED = [
  "channel",
  "category",
  "finding",
  "at_fault",
  "complexity",
  "staff_id",
  "decided_at",
] as const;
const COMMENDATION_TYPES = [
  "表扬信",
  "锦旗",
  "镜框",
  "口头表扬",
  "建议采纳",
  "市级表扬",
  "省级表扬",
  "感谢信",
];
const LEAVE_TYPES = ["事假", "病假", "年休假", "公出", "会议", "培训", "调休"];
const APPROVALS = ["已批准", "未批准", "待审批", "已批准　"];
const AWAY_FINDINGS = ["AWAY_30", "AWAY_HALF", "擅自离岗超过30分钟", "擅自离岗超过半天"];
const PATROL_FINDINGS = [
  "DRESS_BADGE",
  "在窗口吸烟或吃零食",
  "在窗口吸烟，或吃零食",
  "工作时间打游戏、看电影、听音乐、网上聊天、炒股票等",
  "正常",
  "CASE_FALSE_CLOSE",
  "迟到",
];
const AWAY_MINUTES = ["", "0", "45", "200", "-5", "abc", "30", "0.5"];
const TRIGGERS = ["R03", "R01", "R06", "R11", "R13", "r03", "R14"];
const DECISIONS = ["已认定", "不予追究", "合并", ""];
const SEVERITIES = ["", "较轻", "较重", "严重", "特别严重"];
const APPEAL_RULES = ["ATT_LATE", "ABSENT_HALF", "ATT_MISS", "AWAY_30", "CASE_NOT_ENTERED", "R03"];
const RESULTS = ["撤销", "维持", "", "驳回"];
const DAMAGES = ["empty", "headerOnly", "binary", "xls", "titleRow", "noFinalNewline"] as const;
const COPIES = ["sameBytes", "gbk", "xlsx", "tab", "bom"] as const;
const FORMATS = ["xlsx", "gbk", "tab", "bom", "crlf"] as const;
const STRAYS = ["rootFile", "unknownFolder", "hiddenFile", "officeLockFile", "nestedFolder"] as const;

function shiftedTime(cell: string, seconds: number): string | null {
  const day = dayOf(cell);
  const clock = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(cell);
  if (!day || !clock) return null;
  const ms =
    Date.parse(`${day}T00:00:00Z`) +
    ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3] ?? 0) + seconds) * 1000;
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export function applyMutation(context: CaseContext, mutation: Mutation): void {
  const dayContext = { firstDay: context.base.firstDay, lastDay: context.base.lastDay, asOf: context.asOf };
  switch (mutation.kind) {
    case "blank":
      setCell(context, mutation.file, mutation.row, mutation.column, undefined, () => "", "空白单元格");
      return;
    case "blankColumn": {
      const file = at(tables(context), mutation.file);
      if (!file) return;
      const source = sourceByFolder.get(file.folder)!;
      const optional = new Set(
        source.columns.filter((column) => !column.required).map((column) => column.name),
      );
      const column = pickColumn(file, mutation.column, optional);
      for (const row of file.rows) if (column < row.length) row[column] = "";
      context.log.push(`整列留空：${file.path} ${file.headers?.[column] ?? file.names[column]}`);
      return;
    }
    case "number":
      setCell(
        context,
        mutation.file,
        mutation.row,
        mutation.column,
        NUMBER_COLUMNS,
        () => at(ODD_NUMBERS, mutation.value)!,
        "异常数值",
      );
      return;
    case "time":
    case "futureTime": {
      const future = mutation.kind === "futureTime";
      const days = future ? FUTURE_DAYS : BOUNDARY_DAYS;
      setCell(
        context,
        mutation.file,
        mutation.row,
        mutation.column,
        TIME_COLUMNS,
        (old) => {
          const own = dayOf(old) ?? context.base.firstDay;
          const chosen = boundaryDay(at(days, mutation.day)!, own, dayContext);
          // only futureTime writes times after the as-of date (rows the run must set aside)
          const day = !future && chosen > context.asOf ? context.asOf : chosen;
          return formatTime(day, at(BOUNDARY_CLOCKS, mutation.clock)!, at(TIME_STYLES, mutation.style)!);
        },
        future ? "基准日期之后的时间" : "边界时间",
      );
      return;
    }
    case "mangleId": {
      const style = at(MANGLE_STYLES, mutation.style)!;
      const changed = setCell(
        context,
        mutation.file,
        mutation.row,
        mutation.column,
        ID_COLUMNS,
        (old) => (old === "" ? old : mangle(old, style)),
        "Excel 改写编号",
      );
      // issue 11: a number shown in scientific notation has lost digits; it must never be matched.
      // A file without identifiers had another column mangled: that cell is no key.
      const value = changed?.cells[changed.column];
      const isIdentifier = changed !== undefined && ID_COLUMNS.has(changed.file.names[changed.column] ?? "");
      if (changed && isIdentifier && style === "scientific" && value)
        context.mustQuarantine.push({ ...changed, row: changed.cells, value, why: "科学计数法的编号" });
      return;
    }
    case "excelNumber": {
      // what Excel does to a number, which the pipeline must undo: 1005 → 1005.0, 1,005, １００５, or padding
      const style = at(EXCEL_NUMBER_STYLES, mutation.style)!;
      setCell(
        context,
        mutation.file,
        mutation.row,
        mutation.column,
        EXCEL_NUMBER_COLUMNS,
        (old) => (excelWouldShow(old, style) ? mangle(old, style) : old),
        "Excel 数字格式",
      );
      return;
    }
    case "variant": {
      // Only an enumerated value is matched after NFKC (rules.md §4): a time or a name written in
      // full-width characters is another value, so a file without enumerated columns is left alone.
      const file = at(tables(context), mutation.file);
      if (!file?.names.some((name) => name !== null && ENUM_COLUMNS.has(name))) return;
      setCell(
        context,
        mutation.file,
        mutation.row,
        mutation.column,
        ENUM_COLUMNS,
        (old) => (old === "" ? old : variant(old, at(VARIANT_STYLES, mutation.style)!)),
        "取值变体",
      );
      return;
    }
    case "repeatRow": {
      const file = at(tables(context), mutation.file);
      if (!file || file.rows.length <= 0) return;
      const row = Math.abs(mutation.row) % file.rows.length;
      const copy = [...file.rows[row]!];
      if (mutation.elsewhere) {
        const supplement = cloneTable(file, siblingPath(file, "补充"));
        supplement.rows = [copy];
        supplement.unquotedRows = undefined;
        context.files.push(supplement);
        context.log.push(`重复行（另一个文件）：${describe(file, row, 0)} 复制到 ${supplement.path}`);
      } else {
        file.rows.splice(row + 1, 0, copy);
        context.log.push(`重复行（同一文件）：${describe(file, row, 0)}`);
      }
      return;
    }
    case "changeRow": {
      const file = at(tables(context), mutation.file);
      if (!file || file.rows.length <= 1) return;
      const reexport = cloneTable(file, siblingPath(file, "更正"));
      const row = Math.abs(mutation.row) % file.rows.length;
      const column = pickColumn(file, mutation.column);
      const donor = file.rows[Math.abs(mutation.from) % file.rows.length]!;
      const cells = reexport.rows[row]!;
      while (cells.length <= column) cells.push("");
      const old = cells[column]!;
      cells[column] = donor[column] ?? "";
      context.files.push(reexport);
      context.log.push(
        `重新导出并改动一行：${reexport.path} ${describe(file, row, column)} ${JSON.stringify(old)} → ${JSON.stringify(cells[column])}`,
      );
      return;
    }
    case "shuffle": {
      const file = at(tables(context), mutation.file);
      if (!file || file.rows.length <= 1) return;
      let state = mutation.seed + 1;
      for (let i = file.rows.length - 1; i > 0; i--) {
        state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
        const j = state % (i + 1);
        [file.rows[i], file.rows[j]] = [file.rows[j]!, file.rows[i]!];
      }
      file.unquotedRows = undefined;
      context.log.push(`打乱行序：${file.path}（种子 ${mutation.seed}）`);
      return;
    }
    case "shiftRow": {
      const file = at(tables(context), mutation.file);
      if (!file || file.rows.length === 0 || file.format.kind !== "csv") return;
      const row = Math.abs(mutation.row) % file.rows.length;
      const column = pickColumn(file, mutation.column);
      const cells = file.rows[row]!;
      cells[column] = `${cells[column] ?? ""},另附说明`;
      // an export that leaves out an empty last cell keeps the count: every later cell moves one to the right
      if (mutation.keepCount && cells.length > 1 && cells[cells.length - 1] === "") cells.pop();
      file.unquotedRows = new Set([...(file.unquotedRows ?? []), row]);
      context.log.push(
        `未加引号的逗号：${describe(file, row, column)}${mutation.keepCount ? "（末尾空格省略，整行错位）" : ""}`,
      );
      return;
    }
    case "blankLine": {
      const file = at(
        tables(context).filter((candidate) => candidate.format.kind !== "xlsx"),
        mutation.file,
      );
      if (!file) return;
      const row = file.rows.length === 0 ? 0 : Math.abs(mutation.row) % (file.rows.length + 1);
      file.rows.splice(row, 0, [""]);
      file.unquotedRows = undefined;
      context.log.push(`空行：${file.path} 第 ${row + 1} 行之前`);
      return;
    }
    case "skew":
    case "doublePress":
    case "orphan": {
      const file = at(
        tables(context, "queue-events").filter((candidate) => candidate.rows.length > 0),
        mutation.file,
      );
      if (!file) return;
      const row = Math.abs(mutation.row) % file.rows.length;
      const timeColumn = columnIndex(file, "at");
      const eventColumn = columnIndex(file, "event");
      const original = file.rows[row]!;
      const moved = shiftedTime(original[timeColumn] ?? "", mutation.seconds);
      if (!moved) return;
      if (mutation.kind === "skew") {
        const old = original[timeColumn];
        original[timeColumn] = moved;
        context.log.push(
          `窗口事件时钟偏差 ${mutation.seconds} 秒：${describe(file, row, timeColumn)} ${old} → ${moved}（${original[eventColumn]}）`,
        );
        return;
      }
      const copy = [...original];
      copy[timeColumn] = moved;
      if (mutation.kind === "orphan") copy[eventColumn] = at(EVENTS, mutation.event)!;
      file.rows.splice(row + 1, 0, copy);
      context.log.push(
        mutation.kind === "doublePress"
          ? `重复按键：${describe(file, row, eventColumn)} ${original[eventColumn]} 相隔 ${mutation.seconds} 秒再记一次`
          : `孤立事件：${file.path} 在 ${moved} 加一条 ${copy[eventColumn]}（${original[eventColumn]} 之后）`,
      );
      return;
    }
    case "quickPause": {
      // A pause of up to two minutes, on its own (over five minutes from any other away time), whose
      // resume a second clock logs early, even before the pause: by the rules no incident at all.
      const file = at(tables(context, "queue-events"), mutation.file);
      if (!file || file.rows.length === 0) return;
      const row = Math.abs(mutation.row) % file.rows.length;
      const column = (name: string) => columnIndex(file, name);
      const original = file.rows[row]!;
      const seconds = (cells: readonly string[]) =>
        Date.parse(`${(cells[column("at")] ?? "").replace(" ", "T")}Z`) / 1000;
      const start = seconds(original) + 390;
      const later = file.rows.filter(
        (cells) =>
          cells[column("window_no")] === original[column("window_no")] && seconds(cells) > seconds(original),
      );
      const next = Math.min(...later.map(seconds));
      const active = ["登录", "恢复"].includes(original[column("event")] ?? "");
      if (!active || Number.isNaN(start) || next < start + mutation.length + 390) return;
      const paused = shiftedTime(original[column("at")]!, 390)!;
      const resumed = shiftedTime(original[column("at")]!, 390 + mutation.length + mutation.skew)!;
      const event = (name: string, time: string) => {
        const cells = original.map(() => "");
        cells[column("window_no")] = original[column("window_no")] ?? "";
        cells[column("queue_login")] = original[column("queue_login")] ?? "";
        cells[column("event")] = name;
        cells[column("at")] = time;
        return cells;
      };
      file.rows.splice(row + 1, 0, event("暂停", paused), event("恢复", resumed));
      context.log.push(
        `短暂停：${file.path} ${original[column("queue_login")]} 暂停 ${paused}，恢复记为 ${resumed}（暂停 ${mutation.length} 秒，恢复的时钟偏差 ${mutation.skew} 秒）`,
      );
      return;
    }
    case "reuseAccount": {
      const roster = tables(context, "roster")[0];
      if (!roster) return;
      const holder = staffAt(context, mutation.staff);
      const account = at(ACCOUNTS, mutation.account)!;
      const start = addDays(context.base.firstDay, mutation.startOffset);
      const id = nextId(context, "S9");
      appendRecord(roster, {
        staff_id: id,
        name: "新来的",
        department: holder.department.name,
        window_no: `B${context.counter}`,
        attendance_no: account === "attendance_no" ? holder.attendanceNo : `9${context.counter}`,
        queue_login: account === "queue_login" ? holder.queueLogin : `ck9${context.counter}`,
        platform_account: account === "platform_account" ? holder.platformAccount : `sp9${context.counter}`,
        start_date: start,
        end_date: mutation.ends ? addDays(start, 2) : "",
      });
      context.log.push(
        `账号重复使用：新人 ${id} 自 ${start} 使用 ${holder.id} 的 ${account}${mutation.ends ? "（两天后离岗）" : "，原持有人无离岗日期"}`,
      );
      return;
    }
    case "rosterReexport": {
      const roster = tables(context, "roster")[0];
      if (!roster) return;
      const holder = staffAt(context, mutation.staff);
      const reexport = cloneTable(roster, siblingPath(roster, "更正", ".csv"));
      reexport.format = { kind: "csv", encoding: "utf-8", separator: ",", eol: "\n" };
      const row = reexport.rows.find((cells) => cells[columnIndex(reexport, "staff_id")] === holder.id);
      if (!row) return;
      const fields = ["end_date", "start_date", "window_no", "department", "backup_window_no"] as const;
      const field = at(fields, mutation.field)!;
      const column = columnIndex(reexport, field);
      if (column < 0) return;
      const old = row[column]!;
      row[column] =
        field === "end_date" || field === "start_date"
          ? addDays(context.base.firstDay, mutation.offset)
          : field === "department"
            ? `${old}（调整）`
            : `${old}${mutation.offset >= 0 ? "X" : ""}`;
      context.files.push(reexport);
      context.log.push(
        `名册重新导出：${reexport.path} ${holder.id} ${field} ${JSON.stringify(old)} → ${JSON.stringify(row[column])}`,
      );
      return;
    }
    case "numericTickets": {
      // some queue systems number tickets with digits only: the form Excel turns into 2.02610E+17
      const numbers = new Map<string, string>();
      for (const file of tables(context)) {
        const column = columnIndex(file, "ticket_no");
        if (column < 0) continue;
        for (const row of file.rows) {
          const ticket = row[column];
          if (!ticket) continue;
          if (!numbers.has(ticket))
            numbers.set(ticket, String(202_610_000_000_000_000n + BigInt(numbers.size + 1) * 1_000_003n));
          row[column] = numbers.get(ticket)!;
        }
      }
      context.log.push(`流水号改为纯数字（${numbers.size} 个）`);
      return;
    }
    case "complaint": {
      const member = staffAt(context, mutation.staff);
      const day = workdayAt(context, mutation.day);
      const who = complainant(context.counter + mutation.staff * 13 + mutation.day);
      const received = formatTime(
        day,
        `${String(9 + (Math.abs(mutation.minute) % 7)).padStart(2, "0")}:${String(Math.abs(mutation.minute) % 60).padStart(2, "0")}:00`,
        "iso",
      );
      const finding = at(FINDINGS, mutation.finding)!;
      const decided =
        mutation.decidedAfter < 0 || finding === ""
          ? ""
          : formatTime(addDays(day, mutation.decidedAfter), "16:00:00", "iso");
      const record: Record<string, string> = {
        id: nextId(context, "TSFZ"),
        received_at: received,
        channel: "12345热线",
        staff_id: member.id,
        category: at(CATEGORIES, mutation.category)!,
        content: who.content,
        complainant_name: who.name,
        complainant_phone: who.phone,
        complexity: "",
        finding,
        at_fault: finding === "" ? "" : "窗口工作人员",
        decided_at: decided,
        feedback_at: decided,
      };
      appendRecord(registerFile(context, "complaints", day), record);
      for (const secret of [who.name, who.phone, who.content]) context.secrets.add(secret);
      context.log.push(`投诉：${record.id} ${member.id} ${day} ${record.category} ${finding || "未结论"}`);
      return;
    }
    case "misfiled": {
      // a complainant's name or phone typed into another column of the register
      const rows = tables(context, "complaints").flatMap((file) =>
        file.rows.map((row, index) => ({ file, row, index })),
      );
      const target = at(rows, mutation.row);
      if (!target) return;
      const from = columnIndex(target.file, mutation.phone ? "complainant_phone" : "complainant_name");
      const value = target.row[from];
      if (from < 0 || !value) return;
      const column = ensureColumn(target.file, at(MISFILED, mutation.column)!);
      target.row[column] = value;
      context.log.push(
        `投诉人信息填错列：${describe(target.file, target.index, column)} 填入${mutation.phone ? "电话" : "姓名"}`,
      );
      return;
    }
    case "commendation": {
      const member = staffAt(context, mutation.staff);
      const day = workdayAt(context, mutation.day);
      const record = {
        id: nextId(context, "BYFZ"),
        date: day,
        staff_id: member.id,
        kind: at(COMMENDATION_TYPES, mutation.type)!,
        verified: at(["是", "否", "", "待定"], mutation.verified)!,
        note: "群众来信表扬",
      };
      appendRecord(registerFile(context, "commendations", day), record);
      context.log.push(`表扬：${record.id} ${member.id} ${day} ${record.kind} 核定=${record.verified}`);
      return;
    }
    case "leave": {
      const member = staffAt(context, mutation.staff);
      const day = workdayAt(context, mutation.day);
      const from = at(BOUNDARY_CLOCKS, mutation.from)!;
      const to = at(BOUNDARY_CLOCKS, mutation.to)!;
      const covers = ["", member.id, "S9999", staffAt(context, mutation.staff + 1).id];
      const record = {
        id: nextId(context, "QJFZ"),
        staff_id: member.id,
        kind: at(LEAVE_TYPES, mutation.type)!,
        starts_at: formatTime(day, from, "iso"),
        ends_at: formatTime(day, to, "iso"),
        approval: at(APPROVALS, mutation.approval)!,
        approver: "科长",
        cover_staff_id: at(covers, mutation.cover)!,
      };
      appendRecord(registerFile(context, "leave", day), record);
      context.log.push(
        `请假：${record.id} ${member.id} ${record.starts_at}–${record.ends_at} ${record.kind} ${record.approval} 顶岗=${record.cover_staff_id || "无"}`,
      );
      return;
    }
    case "patrol":
    case "awayFinding": {
      const member = staffAt(context, mutation.staff);
      const day = workdayAt(context, mutation.day);
      const away = mutation.kind === "awayFinding";
      const record = {
        id: nextId(context, "XCFZ"),
        at: formatTime(day, at(BOUNDARY_CLOCKS, mutation.clock)!, "slash"),
        patroller: "督查室 陈立新",
        window_no: member.window,
        staff_id: mutation.byWindow ? "" : member.id,
        finding: at(away ? AWAY_FINDINGS : PATROL_FINDINGS, mutation.finding)!,
        away_minutes: away ? at(AWAY_MINUTES, mutation.minutes)! : "",
        note: "巡查发现",
      };
      appendRecord(registerFile(context, "patrol", day), record);
      context.log.push(
        `巡查：${record.id} ${record.at} ${mutation.byWindow ? `窗口 ${member.window}` : member.id} ${record.finding}${away ? ` 离岗时长=${JSON.stringify(record.away_minutes)}` : ""}`,
      );
      return;
    }
    case "investigation": {
      const member = staffAt(context, mutation.staff);
      const day = workdayAt(context, mutation.day);
      const trigger = at(TRIGGERS, mutation.trigger)!;
      const decision = at(DECISIONS, mutation.decision)!;
      const record = {
        case_id: mutation.byId ? `INV:${trigger}:${member.id}:${day}` : "",
        staff_id: member.id,
        trigger: mutation.byId ? "" : trigger,
        occurred_on: mutation.byId ? "" : day,
        severity: at(SEVERITIES, mutation.severity)!,
        decision,
        merged_into: decision === "合并" ? `INV:R03:${member.id}:${day}` : "",
        decided_on: addDays(day, 2),
      };
      appendRecord(registerFile(context, "investigations", day), record);
      context.log.push(
        `责任追究登记：${record.case_id || `${member.id}+${trigger}+${day}`} ${decision || "（空）"} 情节=${record.severity || "（空）"}`,
      );
      return;
    }
    case "appeal": {
      const member = staffAt(context, mutation.staff);
      const day = workdayAt(context, mutation.day);
      const rule = at(APPEAL_RULES, mutation.rule)!;
      const record = {
        id: nextId(context, "SSFZ"),
        staff_id: member.id,
        target_id: mutation.byId ? `${rule}:${member.id}:${day}:AM` : "",
        rule_code: mutation.byId ? "" : rule,
        event_date: mutation.byId ? "" : day,
        submitted_on: addDays(day, 1),
        result: at(RESULTS, mutation.result)!,
        resolved_on: addDays(day, 3),
        note: "申诉",
      };
      appendRecord(registerFile(context, "appeals", day), record);
      context.log.push(
        `申诉：${record.id} ${record.target_id || `${member.id}+${rule}+${day}`} ${record.result || "处理中"}`,
      );
      return;
    }
    case "calendar": {
      const days = [
        ...context.base.workdays,
        addDays(context.base.lastDay, 1),
        "2026-10-01",
        "2026-10-10",
        context.asOf,
      ];
      const day = at(days, mutation.day)!;
      const record = { date: day, is_workday: mutation.workday ? "是" : "否", note: "临时调整" };
      appendRecord(registerFile(context, "calendar", day), record);
      context.log.push(`工作日调整：${day} ${record.is_workday}`);
      return;
    }
    case "damage":
      damageFile(context, mutation.file, at(DAMAGES, mutation.damage)!, mutation.fraction);
      return;
    case "truncate":
      truncate(context, mutation.file, mutation.fraction, mutation.large);
      return;
    case "mixedEncoding":
      mixEncodings(context, mutation.file, mutation.fraction, mutation.large);
      return;
    case "copy": {
      const file = at(tables(context), mutation.file);
      if (!file) return;
      const as = at(COPIES, mutation.as)!;
      const copy = cloneTable(
        file,
        siblingPath(file, "副本", as === "xlsx" ? ".xlsx" : as === "sameBytes" ? undefined : ".csv"),
      );
      if (as !== "sameBytes") Object.assign(copy, converted(file, as));
      context.files.push(copy);
      context.log.push(`文件副本：${file.path} → ${copy.path}（${as}）`);
      return;
    }
    case "format": {
      const file = at(tables(context), mutation.file);
      if (!file) return;
      const to = at(FORMATS, mutation.to)!;
      const index = context.files.indexOf(file);
      // a text export is named as one: a workbook's or device log's extension would make it another
      // file (data-contract §1), which ingest rightly rejects whole
      const path =
        to === "xlsx"
          ? siblingPath(file, "表格", ".xlsx")
          : file.format.kind === "dat" || file.format.kind === "xlsx"
            ? siblingPath(file, "导出", ".csv")
            : file.path;
      context.files[index] = { ...file, path, ...converted(file, to) };
      context.log.push(`文件格式：${file.path} → ${path}（${to}）`);
      return;
    }
    case "stray": {
      const what = at(STRAYS, mutation.what)!;
      const paths: Record<(typeof STRAYS)[number], string> = {
        rootFile: "说明.txt",
        unknownFolder: "其他/数据.csv",
        hiddenFile: "queue/.~lock.叫号流水.csv#",
        officeLockFile: "roster/~$人员名册.xlsx",
        nestedFolder: "attendance/备份/考勤.txt",
      };
      const path = paths[what];
      const nested = what === "nestedFolder";
      context.files.push({
        kind: "bytes",
        path,
        folder: path.split("/")[0]!,
        bytes: nested ? Buffer.from("考勤号码,日期时间\n", "utf8") : Buffer.from("这不是导出文件\n", "utf8"),
        // the hidden and lock files are no exports; a nested folder's file is read (header only)
        expectedRows: nested ? 0 : null,
      });
      context.log.push(`收件箱杂项：${path}`);
      return;
    }
  }
}

/** The format, and the header a headerless device log gains, of a table written another way. */
function converted(
  file: TableFile,
  to: (typeof COPIES)[number] | (typeof FORMATS)[number],
): Pick<TableFile, "format" | "headers"> {
  const format = convertedFormat(file, to);
  if (file.headers || format.kind === "dat") return { format, headers: file.headers };
  const columns = sourceByFolder.get(file.folder)!.columns;
  // the log's own fields (state, workcode) keep their names: extra columns, ignored by ingest
  const headers = file.names.map(
    (name) => columns.find((column) => column.name === name)?.header ?? name ?? "",
  );
  return { format, headers };
}

function convertedFormat(
  file: TableFile,
  to: (typeof COPIES)[number] | (typeof FORMATS)[number],
): TableFile["format"] {
  const csv =
    file.format.kind === "csv"
      ? file.format
      : { kind: "csv" as const, encoding: "utf-8" as const, separator: "," as const, eol: "\n" as const };
  switch (to) {
    case "xlsx":
      return { kind: "xlsx" };
    case "gbk":
      return { ...csv, encoding: "gbk" };
    case "tab":
      return { ...csv, separator: "\t" };
    case "bom":
      return { ...csv, encoding: "utf-8-bom" };
    case "crlf":
      return { ...csv, eol: "\r\n" };
    case "sameBytes":
      return file.format;
  }
}

function damageFile(
  context: CaseContext,
  fileIndex: number,
  damage: (typeof DAMAGES)[number],
  fraction: number,
): void {
  const file = at(tables(context), fileIndex);
  if (!file) return;
  const index = context.files.indexOf(file);
  const text = file.format.kind === "xlsx" ? null : tableText(file);
  const encoding = file.format.kind === "csv" ? file.format.encoding : "utf-8";
  switch (damage) {
    case "empty":
      context.files[index] = {
        kind: "bytes",
        path: file.path,
        folder: file.folder,
        bytes: Buffer.alloc(0),
        expectedRows: 0,
      };
      break;
    case "headerOnly":
      file.rows = [];
      file.unquotedRows = undefined;
      break;
    case "binary": {
      const bytes = Buffer.alloc(512 + (Math.abs(fraction) % 100) * 7);
      let state = fraction + 17;
      for (let i = 0; i < bytes.length; i++) {
        state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
        bytes[i] = state & 0xff;
      }
      context.files[index] = {
        kind: "bytes",
        path: file.path,
        folder: file.folder,
        bytes,
        expectedRows: null,
      };
      break;
    }
    case "xls":
      // an old-format workbook: not readable, rejected whole by its extension
      context.files[index] = {
        kind: "bytes",
        path: siblingPath(file, "旧版", ".xls"),
        folder: file.folder,
        bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.from(text ?? "")]),
        expectedRows: 0,
      };
      break;
    case "titleRow":
      // a headerless device log has no title either: its first line is a punch
      if (!file.headers) return;
      file.preamble = [`${sourceByFolder.get(file.folder)!.title}（导出）`, ""];
      break;
    case "noFinalNewline":
      if (text === null) return;
      context.files[index] = {
        kind: "bytes",
        path: file.path,
        folder: file.folder,
        bytes: encodeText(text.replace(/\r?\n$/, ""), encoding),
        expectedRows: expectedRows(file),
      };
      break;
  }
  context.log.push(`文件损坏：${file.path}（${damage}）`);
}

/**
 * A file whose later lines are in the other encoding (two exports pasted together). `large` puts
 * the switch beyond the first 256 KiB, where an encoding guessed from the file's head goes wrong.
 */
function mixEncodings(context: CaseContext, fileIndex: number, fraction: number, large: boolean): void {
  const file = at(tables(context), fileIndex);
  if (!file || file.format.kind === "xlsx" || file.rows.length < 2) return;
  const encoding = file.format.kind === "csv" ? file.format.encoding : "utf-8";
  const lines = tableText(file).split(/(?<=\n)/);
  const headerLines = lines.length - file.rows.length;
  const cut = headerLines + (Math.abs(fraction) % file.rows.length);
  const head = lines.slice(0, cut);
  // padded with copies of the first row (the same key again: superseded, not new data)
  while (large && Buffer.byteLength(head.join("")) < 300 * 1024) head.push(lines[headerLines]!);
  const bytes = Buffer.concat([
    encodeText(head.join(""), encoding),
    encodeText(lines.slice(cut).join(""), encoding === "gbk" ? "utf-8" : "gbk"),
  ]);
  const index = context.files.indexOf(file);
  context.files[index] = { kind: "bytes", path: file.path, folder: file.folder, bytes, expectedRows: null };
  context.log.push(
    `混合编码：${file.path} 第 ${cut + 1} 行起改用${encoding === "gbk" ? " UTF-8" : " GBK"}${large ? "（前面补足 300 KB）" : ""}`,
  );
}

/**
 * A file cut off part way (a copy interrupted). `large` makes it a workbook of some 3,000 rows
 * (copies of its first row: one key, so superseded), the size at which a cut zip once left
 * exceljs' streaming reader waiting forever.
 */
function truncate(context: CaseContext, fileIndex: number, fraction: number, large: boolean): void {
  const file = at(tables(context), fileIndex);
  if (!file || (large && file.rows.length === 0)) return;
  if (large) {
    const first = file.rows[0]!;
    while (file.rows.length < 3000) file.rows.push([...first]);
    if (file.format.kind !== "xlsx") file.path = siblingPath(file, "表格", ".xlsx");
    file.format = { kind: "xlsx" };
    file.unquotedRows = undefined;
  }
  // cut when the case is written: a workbook's bytes exist only then
  file.truncateAt = (Math.abs(fraction) % 100) / 100;
  context.log.push(
    `文件截断：${file.path} 在 ${Math.abs(fraction) % 100}% 处${large ? "（3000 行的工作簿）" : ""}`,
  );
}
