/**
 * What a scenario plants with: staff by number, checked working days, notes, planted and register
 * rows, forced sessions and pauses. Shared by the sample hall's and the branch hall's scenarios.
 */
import type { ForcedSession, Session } from "./duty.ts";
import type { Staff } from "./hall-model.ts";
import type { RowRecord } from "./inbox-writer.ts";
import type { Plan, PlanContext } from "./plan.ts";
import type { Pause } from "./queue.ts";

/** `name` names the scenario in the errors that catch a mistake in it. */
export function scenarioTools(plan: Plan, { hall, isWorkday }: PlanContext, name: string) {
  const staff = (n: number): Staff => {
    const member = hall.byId.get(`S${String(n).padStart(4, "0")}`);
    if (!member) throw new Error(`${name} scenario names unknown staff S${n}`);
    return member;
  };
  const workday = (day: string) => {
    if (!isWorkday(day)) throw new Error(`${name} scenario plants on ${day}, which is not a working day`);
    return day;
  };
  const reserve = (n: number, day: string) => plan.reserved.add(`${staff(n).id}|${workday(day)}`);
  return {
    staff,
    workday,
    reserve,
    note: (line: string) => plan.notes.push(line),
    plant: (file: string, record: RowRecord) =>
      plan.planted.set(file, [...(plan.planted.get(file) ?? []), record]),
    register: (folder: string, record: RowRecord) =>
      plan.registers.set(folder, [...(plan.registers.get(folder) ?? []), record]),
    force: (n: number, day: string, session: Session, forced: ForcedSession) => {
      reserve(n, day);
      plan.forced.set(`${staff(n).id}|${day}|${session}`, forced);
    },
    pause: (n: number, day: string, session: Session, pauses: Pause[]) => {
      reserve(n, day);
      plan.pauses.set(`${staff(n).id}|${day}|${session}`, pauses);
    },
  };
}
