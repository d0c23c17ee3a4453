/**
 * The values people and Excel put into exports: boundary times in every format the contract
 * accepts (and some it does not), odd numbers, identifiers as Excel mangles them, enumerated
 * values with full-width or half-width characters, and complainants' details that must never be
 * published. Pure functions of their arguments, so a shrunk case replays exactly.
 */
import { addDays } from "../../pipeline/generate/calendar.ts";

/** Clock times on the rules' edges: session starts and ends, the grace, the midpoints, midnight. */
export const BOUNDARY_CLOCKS = [
  "08:30:00",
  "00:00:00",
  "08:29:59",
  "08:40:00",
  "08:40:01",
  "10:15:00",
  "11:59:59",
  "12:00:00",
  "13:14:59",
  "13:15:00",
  "14:30:00",
  "14:40:01",
  "15:45:00",
  "16:59:59",
  "17:00:00",
  "23:59:59",
] as const;

/** Days chosen relative to the case: its own, the period's edges, month ends, holidays, after as-of. */
export const BOUNDARY_DAYS = [
  "same",
  "first",
  "last",
  "monthEnd",
  "nextMonthStart",
  "asOf",
  "nationalDay",
  "makeUpSaturday",
  "newYearsEve",
  "uncoveredYear",
  "longAgo",
  "impossible",
] as const;
/** Days after the as-of date: a device clock set wrong, a row typed with next year's date. */
export const FUTURE_DAYS = ["afterAsOf", "farFuture", "nextYear"] as const;
export type BoundaryDay = (typeof BOUNDARY_DAYS)[number] | (typeof FUTURE_DAYS)[number];

export const TIME_STYLES = ["iso", "isoMinutes", "slash", "chinese", "dateOnly", "isoT", "serial"] as const;
export type TimeStyle = (typeof TIME_STYLES)[number];

export interface DayContext {
  firstDay: string;
  lastDay: string;
  asOf: string;
}

const monthEnd = (day: string): string => addDays(`${nextMonth(day)}-01`, -1);
const nextMonth = (day: string): string => {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
};

export function boundaryDay(choice: BoundaryDay, own: string, context: DayContext): string {
  switch (choice) {
    case "same":
      return own;
    case "first":
      return context.firstDay;
    case "last":
      return context.lastDay;
    case "monthEnd":
      return monthEnd(own);
    case "nextMonthStart":
      return `${nextMonth(own)}-01`;
    case "asOf":
      return context.asOf;
    case "afterAsOf":
      return addDays(context.asOf, 1);
    case "nationalDay":
      return "2026-10-01";
    case "makeUpSaturday":
      return "2026-10-10";
    case "newYearsEve":
      return "2026-12-31";
    case "uncoveredYear":
      return "2027-01-04";
    case "farFuture":
      return "2036-01-07";
    case "nextYear":
      return `${Number(context.asOf.slice(0, 4)) + 1}${context.asOf.slice(4)}`;
    case "longAgo":
      return "2016-10-12";
    case "impossible":
      return `${own.slice(0, 4)}-02-30`;
  }
}

/** A wall-clock time written the way some export or person writes it. */
export function formatTime(day: string, clock: string, style: TimeStyle): string {
  const [year, month, date] = day.split("-") as [string, string, string];
  const [hour, minute] = clock.split(":") as [string, string, string];
  switch (style) {
    case "iso":
      return `${day} ${clock}`;
    case "isoMinutes":
      return `${day} ${hour}:${minute}`;
    case "slash":
      return `${year}/${Number(month)}/${Number(date)} ${Number(hour)}:${minute}`;
    case "chinese":
      return `${year}年${Number(month)}月${Number(date)}日 ${hour}:${minute}`;
    case "dateOnly":
      return day;
    case "isoT":
      return `${day}T${clock}`;
    case "serial": {
      // what a time cell looks like when a sheet is saved as CSV without its format
      const days = (Date.parse(`${day}T${clock}Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
      return Number.isNaN(days) ? `${day} ${clock}` : days.toFixed(5);
    }
  }
}

/** The day of a time cell as the exports write it, or null. */
export function dayOf(cell: string): string | null {
  const match = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})/.exec(cell.trim());
  if (!match) return null;
  return `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
}

export const ODD_NUMBERS = [
  "0",
  "-1",
  "-30",
  "0.5",
  "30.0",
  "1e3",
  "99999999999999999999",
  "abc",
  "３０",
  " 45 ",
  "1,000",
  "NaN",
  "45分钟",
] as const;

export const MANGLE_STYLES = [
  "trailingZero",
  "thousands",
  "fullWidth",
  "scientific",
  "leadingZeros",
  "spaces",
  "lowerCase",
] as const;
export type MangleStyle = (typeof MANGLE_STYLES)[number];

const toFullWidth = (text: string): string =>
  text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

/** What Excel (or a person) does to an identifier. */
export function mangle(value: string, style: MangleStyle): string {
  switch (style) {
    case "trailingZero":
      return `${value}.0`;
    case "thousands":
      return /^\d{4,}$/.test(value) ? Number(value).toLocaleString("en-US") : `${value},`;
    case "fullWidth":
      return toFullWidth(value);
    case "scientific": {
      const digits = value.replace(/\D/g, "");
      if (digits.length === 0) return `${value}E+00`;
      // Excel shows six significant digits: the rest of the number is gone
      const mantissa = `${digits[0]}.${digits.slice(1, 6).padEnd(5, "0")}`;
      return `${mantissa}E+${String(digits.length - 1).padStart(2, "0")}`;
    }
    case "leadingZeros":
      return `00${value}`;
    case "spaces":
      return ` ${value}\u3000`;
    case "lowerCase":
      return value === value.toLowerCase() ? value.toUpperCase() : value.toLowerCase();
  }
}

export const VARIANT_STYLES = ["fullWidth", "halfWidth", "padded", "innerSpace", "synonym"] as const;
export type VariantStyle = (typeof VARIANT_STYLES)[number];

const HALF_WIDTH: Record<string, string> = {
  "（": "(",
  "）": ")",
  "，": ",",
  "／": "/",
  "：": ":",
  "、": ",",
};
const SYNONYMS: Record<string, string> = {
  非常满意: "5",
  满意: "4",
  基本满意: "3",
  不满意: "2",
  非常不满意: "1",
  是: "Y",
  否: "N",
  已批准: "批准",
  已认定: "认定",
  即办件: "即办",
  受理: "已受理",
};

/** An enumerated value written another way: full-width or half-width characters, padding, a synonym. */
export function variant(value: string, style: VariantStyle): string {
  switch (style) {
    case "fullWidth":
      return /[!-~]/.test(value) ? toFullWidth(value) : `${value}\u3000`;
    case "halfWidth":
      return [...value].map((char) => HALF_WIDTH[char] ?? char).join("");
    case "padded":
      return ` ${value} `;
    case "innerSpace":
      return value.length > 1 ? `${value[0]} ${value.slice(1)}` : ` ${value}`;
    case "synonym":
      return SYNONYMS[value] ?? value;
  }
}

/**
 * Complainants drawn from names and numbers no staff member or identifier of the generator can
 * have (compound surnames; a 199 number), so that finding one published is a leak, never a coincidence.
 */
const COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "慕容", "令狐", "皇甫"];
const GIVEN = ["翠花", "铁柱", "春妮", "大壮", "秋菊", "满囤", "桂芝", "二丫"];

export interface Complainant {
  name: string;
  phone: string;
  content: string;
}

export function complainant(index: number): Complainant {
  const name = COMPOUND_SURNAMES[index % 8]! + GIVEN[Math.floor(index / 8) % 8]!;
  const phone = `199${String(70_000_000 + ((index * 7919) % 10_000_000)).padStart(8, "0")}`;
  return { name, phone, content: `${name}反映窗口办事拖沓，来回跑了三趟（回电${phone}）` };
}
