/**
 * One working day of punches as the hall receives them: on odd days of the month the ZKTeco
 * device log pulled off the machine (`*.dat`: tab-separated, no header, right-aligned numbers,
 * CRLF), on even days the attendance software's GBK CSV export (登记号码, 姓名, 部门, 日期时间, …).
 */
import type { Staff } from "./hall-model.ts";
import type { InboxTable, InboxWriter } from "./inbox-writer.ts";

export interface Punch {
  readonly s: number;
  readonly staff: Staff;
  /** 0 = 上班签到, 1 = 下班签退, as the device records it. */
  readonly state: 0 | 1;
}

const EXPORT_COLUMNS = ["attendance_no", "name", "department", "punched_at", "device", "verify"];
const EXPORT_HEADERS = { attendance_no: "登记号码" };
const DEVICE_LOG_COLUMNS = ["attendance_no", "punched_at", "device", "state", "verify", "workcode"];

export const attendanceFile = (day: string): { file: string; deviceLog: boolean } =>
  Number(day.slice(8)) % 2 === 1
    ? { file: `${day}_1_attlog.dat`, deviceLog: true }
    : { file: `考勤导出_${day}.csv`, deviceLog: false };

export function openAttendance(inbox: InboxWriter, day: string): InboxTable {
  const { file, deviceLog } = attendanceFile(day);
  return deviceLog
    ? inbox.open("attendance", file, DEVICE_LOG_COLUMNS, { kind: "dat" })
    : inbox.open(
        "attendance",
        file,
        EXPORT_COLUMNS,
        { kind: "csv", encoding: "gbk", eol: "\r\n" },
        EXPORT_HEADERS,
      );
}

/** Writes the day's punches in time order, as the device stores them. */
export async function writeAttendanceDay(inbox: InboxWriter, day: string, punches: Punch[]): Promise<number> {
  const table = openAttendance(inbox, day);
  const deviceLog = attendanceFile(day).deviceLog;
  punches.sort((a, b) => a.s - b.s || (a.staff.attendanceNo < b.staff.attendanceNo ? -1 : 1));
  for (const punch of punches) {
    const time = { day, s: punch.s };
    const device = 1 + (Number(punch.staff.attendanceNo) % 2);
    if (deviceLog) table.row([punch.staff.attendanceNo.padStart(9, " "), time, device, punch.state, 1, 0]);
    else
      table.row([
        punch.staff.attendanceNo,
        punch.staff.name,
        punch.staff.department.name,
        time,
        device,
        "指纹",
      ]);
  }
  await table.close();
  return table.rows;
}
