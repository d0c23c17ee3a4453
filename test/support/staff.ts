/**
 * A small hall's roster for ingest tests: two staff with every account, as header + rows in the
 * Chinese headers of data-contract §1, so a test can write it in any format.
 */
import { type FileCell, textFile } from "./inbox.ts";

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

/**
 * One small file for each of the thirteen sources, every row valid, on 2026-10-13 (a Tuesday):
 * S0001 works window A01 all day, serves ticket T001 (evaluated, case C001), is patrolled,
 * complained about, commended, investigated and appeals; S0002 takes the morning of 10-14 off (approved leave).
 * Keyed by inbox path; values are header + rows in the Chinese headers of data-contract §1.
 */
export const everySource: Record<string, FileCell[][]> = {
  "roster/名册.csv": roster,
  "calendar/调休.csv": [
    ["日期", "是否工作日", "说明"],
    ["2026-10-16", "是", "照常上班"],
  ],
  "attendance/考勤.csv": [
    ["考勤号码", "日期时间"],
    ...["08:25", "12:02", "14:20", "17:05"].map((time) => ["1001", `2026-10-13 ${time}`]),
    ...["08:29", "12:01", "14:28", "17:01"].map((time) => ["1002", `2026-10-13 ${time}`]),
    ...["08:26", "12:03", "14:21", "17:04"].map((time) => ["1001", `2026-10-14 ${time}`]),
    ...["14:27", "17:02"].map((time) => ["1002", `2026-10-14 ${time}`]),
  ],
  "leave/请假.csv": [
    ["编号", "工号", "类型", "开始时间", "结束时间", "审批状态"],
    ["L001", "S0002", "事假", "2026-10-14 08:30", "2026-10-14 12:00", "已批准"],
  ],
  "queue/流水.csv": [
    [
      "流水号",
      "取号时间",
      "叫号时间",
      "开始办理时间",
      "办结时间",
      "窗口号",
      "工作人员账号",
      "事项名称",
      "办理结果",
    ],
    [
      "T001",
      "2026/10/13 9:00",
      "2026/10/13 9:05",
      "2026/10/13 9:06",
      "2026/10/13 9:20",
      "A01",
      "ck0001",
      "营业执照",
      "受理",
    ],
  ],
  "queue-events/窗口.csv": [
    ["窗口号", "工作人员账号", "事件", "时间"],
    ["A01", "ck0001", "登录", "2026-10-13 08:30"],
    ["A01", "ck0001", "退出", "2026-10-13 17:00"],
  ],
  "evaluations/评价.csv": [
    ["评价编号", "评价时间", "评价等级", "窗口号", "工作人员账号", "流水号", "评价内容"],
    ["E001", "2026-10-13 09:21", "非常满意", "A01", "ck0001", "T001", "很快"],
  ],
  "cases/办件.csv": [
    [
      "办件编号",
      "事项名称",
      "办件类型",
      "承诺时限",
      "受理时间",
      "录入时间",
      "办结时间",
      "办件状态",
      "受理人账号",
      "流水号",
    ],
    [
      "C001",
      "营业执照",
      "承诺件",
      "5",
      "2026-10-13 09:10",
      "2026-10-13 09:15",
      "2026-10-15 10:00",
      "办结",
      "sp0001",
      "T001",
    ],
  ],
  "patrol/巡查.csv": [
    ["巡查编号", "巡查时间", "巡查人", "窗口号", "工号", "问题类型", "情况描述"],
    ["P001", "2026-10-13 10:00", "王督查", "A01", "S0001", "正常", "在岗"],
  ],
  "complaints/投诉.csv": [
    ["投诉编号", "受理时间", "被投诉人工号", "投诉类别", "调查结论"],
    ["K001", "2026-10-13 11:00", "S0001", "未一次性告知", "不属实"],
  ],
  "commendations/表扬.csv": [
    ["编号", "日期", "工号", "类型", "是否核定"],
    ["M001", "2026-10-13", "S0001", "表扬信", "是"],
  ],
  "investigations/追责.csv": [
    ["工号", "触发条款", "发生日期", "认定结果"],
    ["S0001", "R01", "2026-10-13", "不予追究"],
  ],
  "appeals/申诉.csv": [
    ["申诉编号", "工号", "规则代码", "发生日期", "提交日期"],
    ["A001", "S0001", "ATT_LATE", "2026-10-13", "2026-10-20"],
  ],
};

/** A larger roster and its punches (every working day of October 2026), for runs that must take a while. */
export function largeHall(staffCount: number): { roster: FileCell[][]; attendance: FileCell[][] } {
  const ids = Array.from({ length: staffCount }, (_, index) => index + 1);
  const days = [9, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30];
  return {
    roster: [
      rosterHeader,
      ...ids.map((n) => [
        `S${String(n).padStart(4, "0")}`,
        `员工${n}`,
        `部门${n % 7}`,
        `A${String(n).padStart(2, "0")}`,
        "",
        String(1000 + n),
        `ck${n}`,
        `sp${n}`,
        "2026-01-01",
        "",
      ]),
    ],
    attendance: [
      ["考勤号码", "日期时间"],
      ...ids.flatMap((n) =>
        days.flatMap((day) =>
          ["08:2", "12:0", "14:2", "17:0"].map((time) => [
            String(1000 + n),
            `2026-10-${day} ${time}${n % 10}`,
          ]),
        ),
      ),
    ],
  };
}

/** S0001's four punches (attendance number 1001) on `date`, all on time, as an attendance file. */
export const punchesOn = (date: string) =>
  textFile([
    ["考勤号码", "日期时间"],
    ...["08:25", "12:02", "14:20", "17:05"].map((time) => ["1001", `${date} ${time}`]),
  ]);
