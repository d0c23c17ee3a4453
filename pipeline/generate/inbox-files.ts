/**
 * The inbox's file names and formats. Event exports come one file per day with the date in the
 * name (the benchmark's nightly case adds the last day's files by that date); registers one file
 * per month, or one file for the whole period.
 */
import type { HeaderStyle } from "./inbox-writer.ts";
import type { TableFormat } from "./table-writer.ts";

export interface FileSpec {
  readonly folder: string;
  readonly file: string;
  readonly format: TableFormat;
  readonly headers?: HeaderStyle;
}

const utf8: TableFormat = { kind: "csv", encoding: "utf-8" };

export const inboxFiles = {
  roster: (xlsx: boolean): FileSpec =>
    xlsx
      ? { folder: "roster", file: "人员名册.xlsx", format: { kind: "xlsx", sheet: "人员名册" } }
      : { folder: "roster", file: "人员名册.csv", format: utf8 },
  calendar: (): FileSpec => ({ folder: "calendar", file: "工作日调整.csv", format: utf8 }),
  /** The first month's leave register uses the Chinese headers; later months come from a newer form with English headers and slash times. */
  leave: (month: string, first: boolean): FileSpec =>
    first
      ? { folder: "leave", file: `请假登记_${month}.csv`, format: utf8 }
      : {
          folder: "leave",
          file: `请假登记_${month}.csv`,
          format: { kind: "csv", encoding: "utf-8", times: "slash" },
          headers: "english",
        },
  patrol: (month: string): FileSpec => ({
    folder: "patrol",
    file: `巡查记录_${month}.csv`,
    format: { kind: "csv", encoding: "utf-8", times: "slash" },
  }),
  complaints: (month: string): FileSpec => ({
    folder: "complaints",
    file: `投诉登记_${month}.csv`,
    format: utf8,
  }),
  commendations: (month: string): FileSpec => ({
    folder: "commendations",
    file: `表扬登记_${month}.csv`,
    format: utf8,
  }),
  investigations: (): FileSpec => ({ folder: "investigations", file: "责任追究登记.csv", format: utf8 }),
  appeals: (): FileSpec => ({ folder: "appeals", file: "申诉登记.csv", format: utf8 }),
  queue: (day: string): FileSpec => ({
    folder: "queue",
    file: `叫号流水_${day}.csv`,
    format: { kind: "csv", encoding: "gbk", eol: "\r\n" },
  }),
  queueEvents: (day: string): FileSpec => ({
    folder: "queue-events",
    file: `窗口状态_${day}.csv`,
    format: utf8,
  }),
  cases: (day: string): FileSpec => ({ folder: "cases", file: `办件_${day}.csv`, format: utf8 }),
  evaluationsMonth: (month: string): FileSpec => ({
    folder: "evaluations",
    file: `评价器导出_${month}.xlsx`,
    format: { kind: "xlsx", sheet: "评价明细" },
  }),
  evaluationsDay: (day: string): FileSpec => ({
    folder: "evaluations",
    file: `评价_${day}.csv`,
    format: { kind: "csv", encoding: "utf-8-bom" },
  }),
} as const;

export const fileKey = (spec: FileSpec): string => `${spec.folder}/${spec.file}`;
