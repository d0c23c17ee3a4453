/**
 * The hall: departments, windows and staff. Staff i holds the A post of window i; most back up
 * (B post) the next window of their own department. A replaced staff member's successor takes
 * over his window and his 考勤号码 from the day after he left.
 */
import { addDays } from "./calendar.ts";
import type { HallParameters } from "./hall-parameters.ts";
import { personName } from "./names.ts";
import type { Rng } from "./prng.ts";

export interface Department {
  readonly name: string;
  /** Index into the item catalogue (queue.ts) for the kind of work it does. */
  readonly kind: number;
  readonly head: string;
}

export interface Staff {
  readonly id: string;
  readonly name: string;
  readonly department: Department;
  readonly window: string;
  backupWindow: string | null;
  readonly attendanceNo: string;
  readonly queueLogin: string;
  readonly platformAccount: string;
  readonly startDate: string;
  endDate: string | null;
}

export interface Replacement {
  /** Index (0-based) of the staff member who leaves. */
  readonly staffIndex: number;
  /** His last day on the roster; the successor starts the next day. */
  readonly lastDay: string;
}

export interface Hall {
  readonly departments: readonly Department[];
  /** Everyone on the roster, successors last. */
  readonly staff: readonly Staff[];
  readonly byId: ReadonlyMap<string, Staff>;
}

export const DEPARTMENT_KINDS = [
  "市场监管局",
  "人社局",
  "不动产登记中心",
  "公安户政",
  "税务局",
  "医保局",
  "公积金中心",
  "住建局",
  "交通运输局",
  "民政局",
] as const;

const digits = (count: number, minimum: number) => Math.max(minimum, String(count).length);

export function departmentName(index: number): string {
  const kind = DEPARTMENT_KINDS[index % DEPARTMENT_KINDS.length]!;
  const round = Math.floor(index / DEPARTMENT_KINDS.length);
  return round === 0 ? kind : `第${round + 1}分中心${kind}`;
}

export function buildHall(
  preset: Pick<HallParameters, "staff" | "departments">,
  rng: Rng,
  replacements: readonly Replacement[] = [],
): Hall {
  const total = preset.staff + replacements.length;
  const idWidth = digits(total, 4);
  const windowWidth = digits(preset.staff, 2);
  const departments: Department[] = Array.from({ length: preset.departments }, (_, index) => ({
    name: departmentName(index),
    kind: index % DEPARTMENT_KINDS.length,
    head: personName(rng),
  }));
  const staff: Staff[] = [];
  const members: Staff[][] = departments.map(() => []);
  const person = (
    index: number,
    department: number,
    window: string,
    attendanceNo: string,
    start: string,
  ): Staff => {
    const number = String(index + 1).padStart(idWidth, "0");
    return {
      id: `S${number}`,
      name: personName(rng),
      department: departments[department]!,
      window,
      backupWindow: null,
      attendanceNo,
      queueLogin: `ck${number}`,
      platformAccount: `sp${number}`,
      startDate: start,
      endDate: null,
    };
  };
  for (let index = 0; index < preset.staff; index++) {
    const department = Math.floor((index * preset.departments) / preset.staff);
    const start = `20${rng.int(18, 25)}-${String(rng.int(1, 12)).padStart(2, "0")}-01`;
    const member = person(
      index,
      department,
      `A${String(index + 1).padStart(windowWidth, "0")}`,
      String(1001 + index),
      start,
    );
    staff.push(member);
    members[department]!.push(member);
  }
  // B posts: the next window in the department, for about nine in ten staff.
  for (const group of members) {
    if (group.length < 2) continue;
    group.forEach((member, position) => {
      if (rng.chance(0.88)) member.backupWindow = group[(position + 1) % group.length]!.window;
    });
  }
  replacements.forEach((replacement, offset) => {
    const leaver = staff[replacement.staffIndex]!;
    leaver.endDate = replacement.lastDay;
    const successor = person(
      preset.staff + offset,
      departments.indexOf(leaver.department),
      leaver.window,
      leaver.attendanceNo,
      addDays(replacement.lastDay, 1),
    );
    successor.backupWindow = leaver.backupWindow;
    staff.push(successor);
  });
  return { departments, staff, byId: new Map(staff.map((member) => [member.id, member])) };
}

export const onRoster = (member: Staff, day: string): boolean =>
  member.startDate <= day && (member.endDate === null || day <= member.endDate);
