// zh-CN formatting shared by the pages: months, dates, numbers, rates, durations, and the
// Chinese names of the codes the marts use.
export const monthLabel = (month) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export const num = (value, digits = 0) =>
  value == null
    ? "—"
    : Number(value).toLocaleString("zh-CN", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A rate or share (0–1) as a percentage; "—" when there is none (no ticket called, say). */
export const share = (rate, digits = 1) => (rate == null ? "—" : `${(rate * 100).toFixed(digits)}%`);

/** 好评率 as a percentage; "无评价" when there is none. */
export const pct = (rate, digits = 1) => (rate == null ? "无评价" : share(rate, digits));

export const dateLabel = (date) =>
  date ? `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : "—";

export const dateTimeLabel = (value) => (value ? `${dateLabel(value)} ${value.slice(11, 16)}` : "—");

export const minutes = (seconds) => (seconds == null ? "—" : `${num(seconds / 60, 1)} 分钟`);

export const points = (value) => (value > 0 ? `+${num(value, 1)}` : num(value, 1)).replace(".0", "");

export const yesNo = (value) => (value == null ? "—" : value ? "是" : "否");

export const sessionName = { AM: "上午", PM: "下午" };

export const weekdayName = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];

export const statusNote = {
  公示: "公示中：申诉期内，结果可能变化",
  确认: "已确认：申诉期已过，结果冻结",
};

/** Inbox folders (ops tables) by their Chinese names, data-contract §1. */
export const sourceName = {
  roster: "人员名册",
  calendar: "工作日调整",
  attendance: "考勤机记录",
  leave: "请假/公出登记",
  queue: "叫号系统办件流水",
  "queue-events": "窗口状态日志",
  evaluations: "评价器/好差评",
  cases: "审批平台办件",
  patrol: "巡查/督查记录",
  complaints: "投诉登记",
  commendations: "表扬与建议",
  investigations: "责任追究登记",
  appeals: "申诉登记",
};

export const sourceLabel = (source) => (sourceName[source] ? `${sourceName[source]}（${source}）` : source);

/** Attendance outcomes in display order with their colours. */
export const outcomes = [
  "正常",
  "请假",
  "迟到",
  "早退",
  "迟到早退",
  "缺卡",
  "缺卡迟到",
  "缺卡早退",
  "旷工",
  "缺数据",
];
export const outcomeColors = [
  "#d9ead3",
  "#9fc5e8",
  "#f6b26b",
  "#f9cb9c",
  "#e69138",
  "#ffd966",
  "#f1c232",
  "#bf9000",
  "#cc0000",
  "#cccccc",
];
