/**
 * A small hall's roster for ingest tests: two staff with every account, as header + rows in the
 * Chinese headers of data-contract §1, so a test can write it in any format.
 */
import type { FileCell } from "./inbox.ts";

export const rosterHeader = [
  "工号",
  "姓名",
  "部门",
  "窗口号",
  "B岗窗口",
  "考勤号码",
  "叫号账号",
  "审批账号",
  "入岗日期",
  "离岗日期",
];

export const rosterRows: FileCell[][] = [
  ["S0001", "张三", "市场监管局", "A01", "A02", "1001", "ck0001", "sp0001", "2026-01-01", ""],
  ["S0002", "李四", "市场监管局", "A02", "A01", "1002", "ck0002", "sp0002", "2026-01-01", ""],
];

export const roster: FileCell[][] = [rosterHeader, ...rosterRows];
