import { afterAll, describe, expect, it } from "vitest";
import { type Hall, runHall } from "./support/hall.ts";

const roster = [
  {
    staff_id: "S0001",
    name: "张三",
    department: "市场监管局",
    window_no: "A01",
    backup_window_no: "A02",
    attendance_no: "1001",
    queue_login: "ck0001",
    platform_account: "sp0001",
    start_date: "2026-01-01",
  },
  {
    staff_id: "S0002",
    name: "李四",
    department: "市场监管局",
    window_no: "A02",
    backup_window_no: "A01",
    attendance_no: "1002",
    queue_login: "ck0002",
    platform_account: "sp0002",
    start_date: "2026-01-01",
  },
];

describe("smoke", () => {
  let hall: Hall;
  afterAll(() => hall?.cleanup());
  it("publishes a warehouse", async () => {
    hall = await runHall(
      {
        roster,
        attendance: [
          { attendance_no: "1001", punched_at: "2026-10-09 08:35:00" },
          { attendance_no: "1001", punched_at: "2026-10-09 12:01:00" },
          { attendance_no: "1001", punched_at: "2026-10-09 14:25:00" },
          { attendance_no: "1001", punched_at: "2026-10-09 17:02:00" },
        ],
      },
      { asOf: "2026-11-04" },
    );
    const loads = await hall.query("select * from ops.loads");
    expect(loads.length).toBe(2);
  });
});
