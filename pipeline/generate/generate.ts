/**
 * Generates a whole hall inbox for a preset: the roster and leave up front, then day by day the
 * punches, tickets, window events, evaluations, cases, patrols, complaints and commendations,
 * streamed to one file per day (events) or per month (registers). Same preset and options, same
 * bytes: every draw comes from a seeded stream named after what it is for.
 */
import { mkdir, readdir, rm } from "node:fs/promises";
import { Accountability, APPEAL_COLUMNS, INVESTIGATION_COLUMNS } from "./accountability.ts";
import { type Punch, writeAttendanceDay } from "./attendance.ts";
import { addDays, at, daysBetween, isOfficialWorkday } from "./calendar.ts";
import { CASE_COLUMNS, caseCells, caseFor } from "./cases.ts";
import { dayKey, HOURS, type Leave, planSession, randomLeaves, SESSIONS, type SessionDuty } from "./duty.ts";
import { EVALUATION_COLUMNS, evaluate } from "./evaluations.ts";
import { buildHall, type Hall, onRoster, type Staff } from "./hall-model.ts";
import type { HallParameters } from "./hall-parameters.ts";
import { type FileSpec, inboxFiles } from "./inbox-files.ts";
import { type InboxTable, InboxWriter, type RowRecord, type WrittenFile } from "./inbox-writer.ts";
import { emptyPlan, type Plan, type Scenario } from "./plan.ts";
import { Rng } from "./prng.ts";
import { randomPauses, serveSession } from "./queue.ts";
import {
  CALENDAR_COLUMNS,
  COMMENDATION_COLUMNS,
  COMPLAINT_COLUMNS,
  type Complainant,
  commendationRecord,
  complaintRecord,
  LEAVE_COLUMNS,
  leaveRecord,
  PATROL_COLUMNS,
  patrolRecord,
  ROSTER_COLUMNS,
  rosterRecord,
} from "./registers.ts";
import type { Cell } from "./table-writer.ts";

export interface GenerateOptions {
  readonly preset: HallParameters;
  readonly out: string;
  /** Only the first N calendar days of the preset's period. */
  readonly days?: number;
  /** Override the preset's staff count. */
  readonly staff?: number;
  readonly scenario?: Scenario;
  /** The hall's evaluations go to the root-level provincial export instead of its own folder. */
  readonly evaluationsTo?: EvaluationSink;
}

/** A root-level export that takes a hall's rows of one day (it adds the 大厅编码 itself). */
export interface EvaluationSink {
  row(day: string, cells: readonly Cell[]): void;
  /** Rows appended to the day's file when it is closed. */
  plant(day: string, records: readonly RowRecord[]): void;
}

export interface GenerateResult {
  readonly files: readonly WrittenFile[];
  readonly rows: Readonly<Record<string, number>>;
  readonly complainants: readonly Complainant[];
  readonly notes: readonly string[];
  readonly hall: Hall;
  readonly workdays: readonly string[];
}

const QUEUE_COLUMNS = [
  "ticket_no",
  "issued_at",
  "called_at",
  "started_at",
  "finished_at",
  "window_no",
  "queue_login",
  "item",
  "outcome",
];
const QUEUE_EVENT_COLUMNS = ["window_no", "queue_login", "event", "at", "reason"];
const PATROLLERS = ["督查室 陈立新", "督查室 周晓东", "督查室 吴海燕"];

/** A one-hall inbox in `out` (emptied first). */
export async function generateHall(options: GenerateOptions): Promise<GenerateResult> {
  await clearInbox(options.out);
  return writeHall(options, new InboxWriter(options.out));
}

/** Writes one hall's folders through `inbox`: a one-hall inbox, or one hall's folder of many. */
export async function writeHall(options: GenerateOptions, inbox: InboxWriter): Promise<GenerateResult> {
  const base = options.preset;
  const preset: HallParameters = {
    ...base,
    staff: options.staff ?? base.staff,
    lastDay: options.days ? minDay(base.lastDay, addDays(base.firstDay, options.days - 1)) : base.lastDay,
  };
  const root = new Rng(preset.seed);
  const hall = buildHall(preset, root.fork("hall"), options.scenario?.replacements ?? []);
  const days = daysBetween(preset.firstDay, preset.lastDay);
  const workdays = days.filter(isOfficialWorkday);
  const isWorkday = isOfficialWorkday;
  const context = { hall, isWorkday, firstDay: preset.firstDay, lastDay: preset.lastDay };
  const plan: Plan = options.scenario ? options.scenario.build(context) : emptyPlan();
  for (const [key, records] of plan.planted) {
    const [folder, ...file] = key.split("/");
    inbox.plant(folder!, file.join("/"), records);
  }
  for (const [day, records] of plan.routedEvaluations) {
    if (!options.evaluationsTo)
      throw new Error(`scenario routes evaluations of ${day} but the hall has no root-level export`);
    options.evaluationsTo.plant(day, records);
  }
  const open = (spec: FileSpec, columns: readonly string[]) =>
    inbox.open(spec.folder, spec.file, columns, spec.format, spec.headers);
  const write = (spec: FileSpec, columns: readonly string[], records: readonly RowRecord[]) =>
    inbox.write(spec.folder, spec.file, columns, spec.format, records, spec.headers);

  const backupsOf = new Map<string, Staff>();
  for (const member of hall.staff) if (member.backupWindow) backupsOf.set(member.backupWindow, member);
  const rules = { reserved: plan.reserved, forced: plan.forced };
  const leaves = [
    ...plan.leaves,
    ...randomLeaves(
      hall.staff,
      workdays,
      root.fork("leave"),
      rules,
      (member) => member.department.head,
      (member) => backupsOf.get(member.window)?.id ?? null,
    ),
  ];
  const leavesOf = new Map<string, Leave[]>();
  for (const leave of leaves) {
    const key = dayKey(leave.staff, leave.from.day);
    leavesOf.set(key, [...(leavesOf.get(key) ?? []), leave]);
  }

  await write(inboxFiles.roster(preset.xlsx), ROSTER_COLUMNS, hall.staff.map(rosterRecord));
  const calendarRows = plan.registers.get("calendar");
  if (calendarRows) await write(inboxFiles.calendar(), CALENDAR_COLUMNS, calendarRows);
  const months = [...new Set(days.map((day) => day.slice(0, 7)))];
  for (const [index, month] of months.entries()) {
    const monthLeaves = leaves
      .filter((leave) => leave.from.day.startsWith(month))
      .sort((a, b) => (a.from.day < b.from.day ? -1 : a.from.day > b.from.day ? 1 : a.id < b.id ? -1 : 1));
    await write(inboxFiles.leave(month, index === 0), LEAVE_COLUMNS, monthLeaves.map(leaveRecord));
  }

  const complainants: Complainant[] = [...plan.complainants];
  const accountability = new Accountability();
  let monthTables = null as MonthTables | null;
  const closeMonth = async () => {
    if (!monthTables) return;
    for (const table of [
      monthTables.patrol,
      monthTables.complaints,
      monthTables.commendations,
      monthTables.evaluations,
    ])
      await table?.close();
  };
  const sequence = new Map<string, number>();
  const nextId = (prefix: string, width: number) => {
    const n = (sequence.get(prefix) ?? 0) + 1;
    sequence.set(prefix, n);
    return `${prefix}${String(n).padStart(width, "0")}`;
  };

  for (const day of days) {
    const month = day.slice(0, 7);
    if (monthTables?.month !== month) {
      await closeMonth();
      monthTables = {
        month,
        patrol: open(inboxFiles.patrol(month), PATROL_COLUMNS),
        complaints: open(inboxFiles.complaints(month), COMPLAINT_COLUMNS),
        commendations: open(inboxFiles.commendations(month), COMMENDATION_COLUMNS),
        evaluations:
          preset.xlsx && month === months[0] && !options.evaluationsTo
            ? open(inboxFiles.evaluationsMonth(month), EVALUATION_COLUMNS)
            : null,
      };
    }
    const compact = day.replaceAll("-", "");
    if (!isWorkday(day)) {
      const punches = plan.offDayPunches.get(day);
      if (punches)
        await writeAttendanceDay(
          inbox,
          day,
          punches.map(([id, s]) => ({ s, staff: hall.byId.get(id)!, state: s < at("13:15") ? 0 : 1 })),
        );
      continue;
    }
    const attendanceMissing = preset.missingAttendanceDays.includes(day);
    const punches: Punch[] = [];
    const duties = new Map<Staff, SessionDuty[]>();
    const queue = open(inboxFiles.queue(day), QUEUE_COLUMNS);
    const events = open(inboxFiles.queueEvents(day), QUEUE_EVENT_COLUMNS);
    const cases = open(inboxFiles.cases(day), CASE_COLUMNS);
    const evaluations = options.evaluationsTo
      ? routedEvaluations(options.evaluationsTo, day)
      : (monthTables.evaluations ?? open(inboxFiles.evaluationsDay(day), EVALUATION_COLUMNS));
    for (const member of hall.staff) {
      if (!onRoster(member, day)) continue;
      const key = dayKey(member, day);
      const dutyRng = root.fork(`duty:${key}`);
      const queueRng = root.fork(`queue:${key}`);
      const memberLeaves = leavesOf.get(key) ?? [];
      const sessions = SESSIONS.map((session) =>
        planSession(member, day, session, memberLeaves, rules, dutyRng),
      );
      duties.set(member, sessions);
      let seq = 1;
      let unentered = plan.unentered.has(key);
      let lateEntry = plan.lateEntered.get(key);
      for (const duty of sessions) {
        if (duty.inPunch !== null) punches.push({ s: duty.inPunch, staff: member, state: 0 });
        for (const s of duty.extra) punches.push({ s, staff: member, state: 0 });
        if (duty.outPunch !== null) punches.push({ s: duty.outPunch, staff: member, state: 1 });
        if (!attendanceMissing) accountability.observe(member, day, duty, memberLeaves);
        const pauses = plan.pauses.get(`${key}|${duty.session}`) ?? randomPauses(duty, queueRng);
        const activity = serveSession(member, day, duty, pauses, preset.ticketsPerStaffDay, seq, queueRng);
        seq += activity.tickets.length;
        for (const [s, event, reason] of activity.events)
          events.row([member.window, member.queueLogin, event, { day, s }, reason]);
        for (const ticket of activity.tickets) {
          queue.row([
            ticket.no,
            { day, s: ticket.issued },
            { day, s: ticket.called },
            ticket.started === null ? null : { day, s: ticket.started },
            ticket.finished === null ? null : { day, s: ticket.finished },
            member.window,
            member.queueLogin,
            ticket.item.name,
            ticket.outcome,
          ]);
          const pressedAfter = plan.pressedEvaluations.get(`${member.id}|${month}`);
          const rated = evaluate(ticket, preset.evaluationRate, isWorkday, queueRng, pressedAfter);
          if (rated) evaluations.row(rated.cells);
          const platformCase = caseFor(ticket, { isWorkday, lastDay: preset.lastDay }, queueRng);
          if (platformCase && unentered) unentered = false;
          else if (platformCase && lateEntry) {
            cases.row(caseCells({ ...platformCase, entered: lateEntry }));
            lateEntry = undefined;
          } else if (platformCase) cases.row(caseCells(platformCase));
        }
      }
    }
    if (!attendanceMissing) await writeAttendanceDay(inbox, day, punches);
    for (const table of [queue, events, cases]) await table.close();
    if (!monthTables.evaluations) await evaluations.close();

    // Patrols: two rounds a day, each looking at about one window in eight.
    const patrolRng = root.fork(`patrol:${day}`);
    const present = (member: Staff, session: 0 | 1) => duties.get(member)?.[session]?.present === true;
    const onDuty = [...duties.keys()];
    for (const [session, round] of [
      [0, at("10:00")],
      [1, at("15:30")],
    ] as const) {
      const visits = Math.max(2, Math.ceil(onDuty.length / 8));
      for (let visit = 0; visit < visits; visit++) {
        const member = patrolRng.pick(onDuty);
        const s = round + visit * 20 + patrolRng.int(0, 15);
        if (!present(member, session)) continue;
        monthTables.patrol.record(
          patrolRecord(
            nextId(`XC${compact}`, 3),
            { member, at: { day, s } },
            patrolRng.pick(PATROLLERS),
            patrolRng,
          ),
        );
      }
    }
    // Complaints and commendations arrive now and then.
    const peopleRng = root.fork(`people:${day}`);
    for (const member of onDuty) {
      if (peopleRng.chance(0.0015) && present(member, 0)) {
        const received = { day, s: HOURS.AM[0] + peopleRng.int(1800, 5 * 3600) };
        const { record, complainant } = complaintRecord(
          nextId(`TS${compact.slice(0, 6)}`, 4),
          member,
          received,
          { isWorkday, lastDay: preset.lastDay },
          peopleRng,
        );
        monthTables.complaints.record(record);
        complainants.push(complainant);
      }
      if (peopleRng.chance(0.002))
        monthTables.commendations.record(
          commendationRecord(nextId(`BY${compact.slice(0, 6)}`, 4), member, day, peopleRng),
        );
    }
  }
  await closeMonth();

  // The sample's registers are written by hand (documented); elsewhere the office acts on a share of what happened.
  const registers = options.scenario
    ? {
        investigations: plan.registers.get("investigations") ?? [],
        appeals: plan.registers.get("appeals") ?? [],
      }
    : accountability.records(isWorkday);
  await write(inboxFiles.investigations(), INVESTIGATION_COLUMNS, registers.investigations);
  await write(inboxFiles.appeals(), APPEAL_COLUMNS, registers.appeals);
  await plan.finish(inbox);
  inbox.assertAllPlanted();
  const rows: Record<string, number> = {};
  for (const file of inbox.written) {
    const folder = file.path.split("/")[0]!;
    rows[folder] = (rows[folder] ?? 0) + file.rows;
  }
  return { files: inbox.written, rows, complainants, notes: plan.notes, hall, workdays };
}

interface MonthTables {
  month: string;
  patrol: InboxTable;
  complaints: InboxTable;
  commendations: InboxTable;
  /** The month's single evaluator export, when the preset writes xlsx and this is the first month. */
  evaluations: InboxTable | null;
}

/** A day's evaluations as a table the day loop writes and closes, routed to the root-level export. */
const routedEvaluations = (sink: EvaluationSink, day: string) => ({
  row: (cells: readonly Cell[]) => sink.row(day, cells),
  close: async () => {},
});

/**
 * Empties the output folder, but only when it is empty or already an inbox (one hall's, with
 * `roster/`, or many halls', with `halls/`): `--out .` must not wipe a checkout.
 */
export async function clearInbox(out: string): Promise<void> {
  const entries = await readdir(out).catch(() => [] as string[]);
  if (entries.length > 0 && !entries.includes("roster") && !entries.includes("halls"))
    throw new Error(`输出目录 ${out} 非空且不是收件箱（没有 roster/ 或 halls/），拒绝清空`);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
}

const minDay = (a: string, b: string) => (a < b ? a : b);
