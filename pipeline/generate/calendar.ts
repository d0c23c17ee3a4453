/**
 * Dates and clock times without Date objects in local time: a day is `YYYY-MM-DD`, a time is
 * seconds since that day's midnight, so the output never depends on the machine's time zone.
 */
import { createRequire } from "node:module";

interface ChineseDays {
  isWorkday(date: string): boolean;
}

const chineseDays = createRequire(import.meta.url)("chinese-days") as ChineseDays;

const DAY_MS = 86_400_000;

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** Every day from `first` through `last`, inclusive. */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

const officialWorkdays = new Map<string, boolean>();

/** China's official calendar (holidays and 调休 make-up working days) from the chinese-days package. */
export function isOfficialWorkday(day: string): boolean {
  let work = officialWorkdays.get(day);
  if (work === undefined) {
    work = chineseDays.isWorkday(day);
    officialWorkdays.set(day, work);
  }
  return work;
}

/**
 * The years chinese-days has China's official arrangements for (those with a holiday listed):
 * outside them the package silently answers Monday–Friday.
 */
const officialYears = new Set(
  Object.keys(
    (createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as { holidays: object }).holidays,
  ).map((day) => day.slice(0, 4)),
);

/** Whether China's official calendar for `day`'s year is known, not the weekday fallback. */
export const officialCalendarCovers = (day: string): boolean => officialYears.has(day.slice(0, 4));

export const isMakeUpWorkday = (day: string): boolean => {
  const dow = weekday(day);
  return (dow === 0 || dow === 6) && isOfficialWorkday(day);
};

/** Every `HH:MM:SS` of a day: the scale presets format tens of millions of times. */
const CLOCK = Array.from(
  { length: 86_400 },
  (_, s) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`,
);

/** `HH:MM:SS` of seconds since midnight (clamped to the day). */
export const clock = (seconds: number): string => CLOCK[Math.max(0, Math.min(86_399, Math.round(seconds)))]!;

/** `YYYY-MM-DD HH:MM:SS`. */
export const stamp = (day: string, seconds: number): string => `${day} ${clock(seconds)}`;

/** `YYYY/M/D H:MM`, the way hand-kept Excel registers often write times. */
export function slashStamp(day: string, seconds: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const s = Math.round(seconds);
  return `${year}/${month}/${date} ${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}`;
}

/** Seconds since midnight of `HH:MM[:SS]`. */
export function at(time: string): number {
  const [h, m, s] = time.split(":").map(Number) as [number, number, number | undefined];
  return h * 3600 + m * 60 + (s ?? 0);
}

/** An Excel date cell for a local wall-clock time (exceljs writes a Date's UTC fields). */
export const excelDate = (day: string, seconds: number): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) + Math.round(seconds) * 1000);

const workdaysAfter = new WeakMap<(day: string) => boolean, Map<string, string>>();

/** The n-th working day after `day` (n = 0 → `day` itself); memoised, the scale presets ask millions of times. */
export function workdayAfter(day: string, n: number, isWorkday: (day: string) => boolean): string {
  let known = workdaysAfter.get(isWorkday);
  if (!known) {
    known = new Map();
    workdaysAfter.set(isWorkday, known);
  }
  const key = `${day}+${n}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  let current = day;
  for (let left = n; left > 0; ) {
    current = addDays(current, 1);
    if (isWorkday(current)) left--;
  }
  known.set(key, current);
  return current;
}
