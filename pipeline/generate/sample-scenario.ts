/**
 * The sample hall's planted anomalies: each one sits on a named staff member, day and session so
 * that rule tests can find it (data/sample/README.md lists them, from the notes written here).
 * Everything else in the sample is the generator's normal, random-but-seeded behaviour.
 */

import { attendanceFile } from "./attendance.ts";
import { at } from "./calendar.ts";
import type { Approval, Leave } from "./duty.ts";
import type { Staff } from "./hall-model.ts";
import { inboxFiles } from "./inbox-files.ts";
import type { RowRecord } from "./inbox-writer.ts";
import { emptyPlan, type Plan, type PlanContext, type Scenario } from "./plan.ts";
import { findingName } from "./registers.ts";
import { scenarioTools } from "./scenario-tools.ts";
import type { Time } from "./table-writer.ts";

const LEAVER = 19; // S0020 leaves; S0043 takes his window and 考勤号码 1020.
const LEAVER_LAST_DAY = "2026-10-16";

const t = (day: string, time: string): Time => ({ day, s: at(time) });
const key = (file: { folder: string; file: string }) => `${file.folder}/${file.file}`;

export const sampleScenario: Scenario = {
  replacements: [{ staffIndex: LEAVER, lastDay: LEAVER_LAST_DAY }],
  build(context: PlanContext): Plan {
    const plan = emptyPlan();
    const { hall } = context;
    const { staff, workday, note, plant, register, force, reserve, pause } = scenarioTools(
      plan,
      context,
      "sample",
    );
    const backupOf = (member: Staff) => hall.staff.find((other) => other.backupWindow === member.window);
    const leave = (id: string, n: number, kind: string, from: Time, to: Time, approval: Approval) => {
      reserve(n, from.day);
      const member = staff(n);
      const backup = backupOf(member);
      const record: Leave = {
        id,
        staff: member,
        kind,
        from,
        to,
        approval,
        approver: member.department.head,
        cover: backup?.id ?? null,
      };
      plan.leaves.push(record);
    };

    note("## 考勤（attendance/）");
    note(
      "单日期为考勤机 `*_attlog.dat` 设备日志（无表头、制表符分隔、考勤号码右对齐），双日期为考勤软件导出的 GBK 编码 CSV（表头 登记号码/姓名/部门/日期时间/机器号/比对方式）。",
    );
    force(3, "2026-09-08", "AM", { inPunch: at("08:40:00") });
    note("- S0003 2026-09-08 上午签到 08:40:00：恰在 10 分钟宽限之内，**不算迟到**。");
    force(4, "2026-09-08", "AM", { inPunch: at("08:40:01") });
    note("- S0004 2026-09-08 上午签到 08:40:01：迟到 `ATT_LATE:S0004:2026-09-08:AM`（申诉 SSP002 维持）。");
    force(2, "2026-09-14", "PM", { inPunch: at("14:40:00") });
    force(5, "2026-09-14", "PM", { inPunch: at("14:40:01") });
    note(
      "- 下午边界：S0002 2026-09-14 下午签到 14:40:00 不迟到；S0005 同日 14:40:01 迟到 `ATT_LATE:S0005:2026-09-14:PM`。",
    );
    force(7, "2026-10-09", "AM", { inPunch: at("08:52:13") });
    note(
      "- S0007 2026-10-09 上午 08:52:13 签到：迟到 `ATT_LATE:S0007:2026-10-09:AM`，申诉 SSP001 **撤销**。",
    );
    force(8, "2026-10-12", "PM", { outPunch: at("16:41:30") });
    note(
      "- S0008 2026-10-12 下午 16:41:30 签退：早退 `ATT_EARLY:S0008:2026-10-12:PM`，申诉 SSP003 按 工号+规则代码+发生日期 撤销。",
    );
    force(6, "2026-09-29", "AM", { outPunch: at("11:50:00") });
    note("- S0006 2026-09-29 上午 11:50:00 签退：早退 `ATT_EARLY:S0006:2026-09-29:AM`。");
    force(9, "2026-09-15", "AM", { outPunch: null });
    note("- S0009 2026-09-15 上午缺签退卡：未签到 `ATT_MISS:S0009:2026-09-15:AM`（−2）。");
    force(10, "2026-10-14", "PM", { present: false });
    note(
      "- S0010 2026-10-14 下午无任何打卡、无请假：旷工半天 `ABSENT_HALF:S0010:2026-10-14:PM`；责任追究登记以案件编号 `INV:R03:S0010:2026-10-14` 认定。",
    );
    force(11, "2026-10-22", "AM", { present: false });
    force(11, "2026-10-22", "PM", { present: false });
    note(
      "- S0011 2026-10-22 全天无打卡：上午、下午各一条 `ABSENT_HALF`，同人同日同条款合为一个案件 `INV:R03:S0011:2026-10-22`；登记表按 工号+触发条款(R03)+发生日期 认定，情节 较重。",
    );
    force(12, "2026-09-10", "AM", { inPunch: at("08:21:05"), extra: [at("08:21:40")] });
    note("- S0012 2026-09-10 上午 08:21:05 与 08:21:40 重复打卡（60 秒内只算一次）。");
    plan.offDayPunches.set("2026-10-03", [
      [staff(13).id, at("09:02:11")],
      [staff(13).id, at("11:31:45")],
    ]);
    note("- S0013 在国庆假期 2026-10-03 有两次打卡（非工作日，应被忽略）。");
    note(
      "- 调休上班日 2026-09-20（周日）与 2026-10-10（周六）全员正常打卡；中秋 2026-09-25、国庆 2026-10-01～07 无打卡。",
    );
    note(
      "- **2026-10-20 全中心无考勤导出**（缺数据日，任何读取考勤的规则都不应对当天评分）；当天叫号、评价、办件照常。",
    );
    note(
      `- S0020 于 ${LEAVER_LAST_DAY} 离岗（名册 离岗日期），新人 S0043 自 2026-10-17 入岗，沿用考勤号码 1020 和窗口 ${staff(20).window}。`,
    );
    const attendanceCsv = (day: string) => `attendance/${attendanceFile(day).file}`;
    plant(attendanceCsv("2026-10-14"), {
      attendance_no: "9999",
      name: "临时人员",
      department: "",
      punched_at: t("2026-10-14", "08:25:00"),
      device: 1,
      verify: "指纹",
    });
    plant(attendanceCsv("2026-10-14"), {
      attendance_no: "1001",
      name: staff(1).name,
      punched_at: "2026-10-14 8:6o",
      device: 1,
      verify: "指纹",
    });
    plant(attendanceCsv("2026-10-13"), {
      attendance_no: "     8888",
      punched_at: t("2026-10-13", "08:29:00"),
      device: 1,
      state: 0,
      verify: 1,
      workcode: 0,
    });
    note(
      "- 坏行：`考勤导出_2026-10-14.csv` 末尾有未知考勤号码 9999 与无法识别的时间 `2026-10-14 8:6o`；`2026-10-13_1_attlog.dat` 末尾有未知考勤号码 8888。",
    );

    note("");
    note("## 请假/公出（leave/）");
    note(
      "9 月登记表用中文表头；10 月登记表用英文别名表头（id, staff_id, kind, starts_at…）和 `YYYY/M/D H:MM` 时间。",
    );
    leave("QJP001", 14, "事假", t("2026-09-17", "08:30"), t("2026-09-17", "17:00"), "已批准");
    note("- QJP001 S0014 2026-09-17 全天事假 已批准：两个半天均免考勤。");
    leave("QJP002", 15, "事假", t("2026-09-22", "08:30"), t("2026-09-22", "12:00"), "未批准");
    note(
      "- QJP002 S0015 2026-09-22 上午事假 **未批准**（无打卡）：按旷工 `ABSENT_HALF:S0015:2026-09-22:AM`，责任追究 `INV:R03:S0015:2026-09-22` 不予追究。",
    );
    leave("QJP003", 16, "病假", t("2026-10-15", "08:00"), t("2026-10-15", "09:30"), "已批准");
    force(16, "2026-10-15", "AM", { inPunch: at("09:36:00") });
    note(
      "- QJP003 S0016 2026-10-15 病假 08:00–09:30 已批准，覆盖上班时间，09:36 签到：应到时间顺延至 09:30，宽限内，不迟到。",
    );
    leave("QJP004", 18, "病假", t("2026-10-19", "08:00"), t("2026-10-19", "09:00"), "已批准");
    force(18, "2026-10-19", "AM", { inPunch: at("09:15:00") });
    note(
      "- QJP004 S0018 2026-10-19 病假 08:00–09:00 已批准，09:15 签到：晚于 09:00+10 分钟，迟到 `ATT_LATE:S0018:2026-10-19:AM`。",
    );
    leave("QJP005", 17, "公出", t("2026-10-16", "15:30"), t("2026-10-16", "17:30"), "已批准");
    force(17, "2026-10-16", "PM", { outPunch: at("15:31:00") });
    note("- QJP005 S0017 2026-10-16 公出 15:30–17:30 已批准，覆盖下班时间，15:31 签退：不算早退。");
    leave("QJP006", 19, "年休假", t("2026-09-23", "14:30"), t("2026-09-23", "17:00"), "待审批");
    note(
      "- QJP006 S0019 2026-09-23 下午年休假 **待审批**（无打卡）：未批准不生效，`ABSENT_HALF:S0019:2026-09-23:PM`。",
    );
    leave("QJP007", 21, "会议", t("2026-10-26", "08:30"), t("2026-10-26", "17:00"), "已批准");
    note("- QJP007 S0021 2026-10-26 全天会议 已批准（顶岗人为其 B 岗）。");
    const octoberLeave = key(inboxFiles.leave("2026-10", false));
    plant(octoberLeave, {
      id: "QJP901",
      staff_id: staff(22).id,
      kind: "事假",
      starts_at: t("2026-10-27", "15:00"),
      ends_at: t("2026-10-27", "14:00"),
      approval: "已批准",
    });
    plant(octoberLeave, {
      id: "QJP902",
      staff_id: staff(23).id,
      kind: "",
      starts_at: t("2026-10-28", "08:30"),
      ends_at: t("2026-10-28", "12:00"),
      approval: "已批准",
    });
    plant(octoberLeave, {
      id: "QJP903",
      staff_id: "S0999",
      kind: "病假",
      starts_at: t("2026-10-28", "08:30"),
      ends_at: t("2026-10-28", "17:00"),
      approval: "已批准",
    });
    plant(octoberLeave, {
      id: "QJP904",
      staff_id: staff(24).id,
      kind: "事假",
      starts_at: "2026/10/32 9:00",
      ends_at: t("2026-10-29", "12:00"),
      approval: "已批准",
    });
    note(
      "- 坏行（`请假登记_2026-10.csv` 末尾）：QJP901 结束早于开始；QJP902 缺类型；QJP903 工号 S0999 名册中不存在；QJP904 开始时间 `2026/10/32 9:00` 无法识别。",
    );

    note("");
    note("## 窗口状态日志（queue-events/）");
    note("暂停原因中 系统故障/培训/中心指派任务 属于可豁免原因（配置 away.excused_reasons）。");
    pause(21, "2026-09-16", "AM", [
      { from: at("09:40"), to: at("10:30"), reason: "系统故障", closing: "恢复" },
    ]);
    pause(22, "2026-10-13", "PM", [{ from: at("14:40"), to: at("16:40"), reason: "培训", closing: "恢复" }]);
    pause(23, "2026-10-21", "AM", [
      { from: at("09:00"), to: at("10:00"), reason: "中心指派任务", closing: "恢复" },
    ]);
    note(
      "- 豁免的长暂停：S0021 2026-09-16 09:40–10:30 系统故障；S0022 2026-10-13 14:40–16:40 培训；S0023 2026-10-21 09:00–10:00 中心指派任务（均不是离岗事件）。",
    );
    pause(24, "2026-09-24", "AM", [{ from: at("10:05"), to: at("10:48"), reason: "", closing: "恢复" }]);
    note(
      "- S0024 2026-09-24 10:05–10:48 无原因暂停 43 分钟：擅自离岗超过30分钟 `AWAY_30`（当前管道编号 `AWAY_30:S0024:2026-09-24:1005`）；同一时段内的巡查离岗记录 XCP003 属同一事件，不另计。",
    );
    pause(25, "2026-10-27", "AM", [{ from: at("08:50"), to: at("11:58"), reason: "外出", closing: "恢复" }]);
    note(
      "- S0025 2026-10-27 08:50–11:58 暂停 188 分钟（原因“外出”，不可豁免）：擅自离岗超过半天 `AWAY_HALF`（>180 分钟，当前管道编号 `AWAY_HALF:S0025:2026-10-27:0850`）。下午 14:36 签到、14:38 才登录：午休不算间隔，11:58 恢复到下午在岗开始只隔 2 分钟在岗时间（不足 5 分钟），两段是同一次离岗，说明为“离岗 08:50–14:38，共 191 分钟 49 秒”。这次离岗跨上下午，S0025 两个半天都不计为 AB 岗在岗；当天下午 A25 的 B 岗 S0024 公出，A25 下午空岗，不动产登记中心不具备当月文明服务窗口资格。",
    );
    pause(26, "2026-10-28", "AM", [
      { from: at("09:00"), to: at("09:20"), reason: "", closing: "恢复" },
      { from: at("09:23"), to: at("09:36"), reason: "如厕", closing: "恢复" },
    ]);
    note(
      "- S0026 2026-10-28 09:00–09:20 与 09:23–09:36 两次暂停相隔 3 分钟（<5 分钟）合并为一次 36 分钟：`AWAY_30`（`AWAY_30:S0026:2026-10-28:0900`）。",
    );
    pause(27, "2026-10-29", "PM", [
      { from: at("15:00:00"), to: at("15:30:00"), reason: "", closing: "恢复" },
    ]);
    pause(28, "2026-10-29", "PM", [
      { from: at("15:00:00"), to: at("15:30:01"), reason: "", closing: "恢复" },
    ]);
    note(
      "- 边界：S0027 2026-10-29 15:00:00–15:30:00 暂停恰好 30 分钟，不算；S0028 同日 15:00:00–15:30:01 超过 30 分钟，`AWAY_30`（`AWAY_30:S0028:2026-10-29:1500`）。",
    );
    note(
      "- 随机部分：每个在岗半天先“登录”（签到后约 2 分钟）、最后“退出”（签退前后）；约半数半天有 2–14 分钟的短暂停，约 0.8% 的暂停为 32–66 分钟且无可豁免原因。登录跟随签到，所以迟到、早退或缺勤的半天在叫号系统里也有一段无人登录的时间；管道只在签到至签退之间计离岗（迟到、早退、旷工按 §2 计，不再重复计为离岗）。",
    );
    const eventsFile = key(inboxFiles.queueEvents("2026-10-12"));
    plant(eventsFile, {
      window_no: staff(1).window,
      queue_login: "ck9999",
      event: "登录",
      at: t("2026-10-12", "08:31:00"),
    });
    plant(eventsFile, {
      window_no: staff(2).window,
      queue_login: staff(2).queueLogin,
      event: "离开",
      at: t("2026-10-12", "10:00:00"),
    });
    note("- 坏行（`窗口状态_2026-10-12.csv` 末尾）：未知账号 ck9999；事件“离开”不在列表中。");

    // rules.md §3 (rev 2): an absence across the lunch break, and a cover (顶岗) who comes late.
    const acrossLunch = "2026-10-21";
    const lunchBackup = backupOf(staff(4));
    if (!lunchBackup) throw new Error(`sample scenario: window ${staff(4).window} has no B holder`);
    force(4, acrossLunch, "AM", { outPunch: at("12:05:00") });
    force(4, acrossLunch, "PM", { inPunch: at("14:25:00"), outPunch: at("17:05:00"), atWindow: false });
    pause(4, acrossLunch, "AM", [{ from: at("11:20"), to: at("12:00"), reason: "", closing: "退出" }]);
    note(
      `- 跨午休离岗：S0004 ${acrossLunch} 上午 11:20 暂停、12:00 退出，下午照常打卡（14:25、17:05）却未再登录窗口。午休不算间隔，在岗时间 11:20–12:00 的 40 分钟与 14:30–17:00 的 150 分钟合为一次 190 分钟的离岗：超过半天（180 分钟），一条擅自离岗超过半天 \`AWAY_HALF:S0004:${acrossLunch}:1120\`（以离岗开始时刻命名），而不是两条 \`AWAY_30\`；责任追究 \`INV:R03:S0004:${acrossLunch}\`（建议）。S0004 两个半天都不计为 AB 岗在岗，${staff(4).window} 由 B 岗 ${lunchBackup.id} 在岗，不空岗。`,
    );
    const coverDay = "2026-10-28";
    const taker = staff(38);
    const cover = backupOf(taker);
    if (!cover) throw new Error(`sample scenario: window ${taker.window} has no B holder to cover it`);
    const coverNo = Number(cover.id.slice(1));
    leave("QJP008", 38, "事假", t(coverDay, "10:00"), t(coverDay, "12:00"), "已批准");
    force(38, coverDay, "AM", { outPunch: at("10:01:00") });
    force(38, coverDay, "PM", { inPunch: at("14:25:00"), outPunch: at("17:05:00") });
    pause(38, coverDay, "AM", [{ from: at("10:00"), to: at("10:00:20"), reason: "", closing: "退出" }]);
    force(coverNo, coverDay, "AM", { outPunch: at("12:05:00") });
    pause(coverNo, coverDay, "AM", [{ from: at("10:39"), to: at("12:00"), reason: "顶岗", closing: "退出" }]);
    const coverEvents = key(inboxFiles.queueEvents(coverDay));
    plant(coverEvents, {
      window_no: taker.window,
      queue_login: cover.queueLogin,
      event: "登录",
      at: t(coverDay, "10:40:00"),
    });
    plant(coverEvents, {
      window_no: taker.window,
      queue_login: cover.queueLogin,
      event: "退出",
      at: t(coverDay, "11:59:30"),
    });
    note(
      `- 顶岗人迟到：QJP008 S0038 ${coverDay} 10:00–12:00 事假 已批准，顶岗人为其 B 岗 ${cover.id}。S0038 10:00 在窗口 ${taker.window} 暂停后离开；${cover.id} 10:39 暂停自己的窗口，10:40 才登录 ${taker.window}（\`${coverEvents.split("/")[1]}\` 末尾）。离开到顶岗人到岗相隔 40 分钟，超过暂时离岗的 15 分钟：整段为 S0038 的离岗（批准的请假不能免除），超过 30 分钟，\`AWAY_30:S0038:${coverDay}:1000\`；责任追究 \`INV:R03:S0038:${coverDay}\`（建议）。`,
    );

    note("");
    note("## 叫号流水（queue/，GBK 编码）");
    const correctedDay = "2026-10-09";
    const corrected = (finished: Time | null): RowRecord => ({
      ticket_no: `20261009${staff(7).window}901`,
      issued_at: t(correctedDay, "15:02:10"),
      called_at: t(correctedDay, "15:05:40"),
      started_at: t(correctedDay, "15:06:20"),
      finished_at: finished,
      window_no: staff(7).window,
      queue_login: staff(7).queueLogin,
      item: "企业变更登记",
      outcome: "咨询",
    });
    const queueFile = key(inboxFiles.queue(correctedDay));
    plant(queueFile, corrected(null));
    plant(queueFile, {
      ticket_no: "20261009Z99001",
      issued_at: t(correctedDay, "09:00:00"),
      window_no: "Z99",
      queue_login: "ck9999",
      item: "企业变更登记",
      outcome: "咨询",
    });
    plant(queueFile, {
      ticket_no: "20261009A01902",
      issued_at: "10/9 9点",
      window_no: staff(1).window,
      outcome: "咨询",
    });
    plant(queueFile, {
      ticket_no: "20261009A01903",
      issued_at: t(correctedDay, "09:10:00"),
      window_no: staff(1).window,
      queue_login: staff(1).queueLogin,
      outcome: "办理中",
    });
    plant(queueFile, {
      ticket_no: "",
      issued_at: t(correctedDay, "09:20:00"),
      window_no: staff(1).window,
      outcome: "咨询",
    });
    note(
      `- 更正重导：\`叫号流水_${correctedDay}.csv\` 中流水号 20261009${staff(7).window}901 无办结时间；\`叫号流水_${correctedDay}_补导.csv\` 重导同一张票并补上办结时间 15:12:30（后加载的行替换先前的行）。`,
    );
    note(
      `- 坏行（\`叫号流水_${correctedDay}.csv\` 末尾）：未知窗口 Z99/账号 ck9999；取号时间 \`10/9 9点\` 无法识别；办理结果“办理中”不在列表中；缺流水号。`,
    );
    plan.unentered.add(`${staff(34).id}|${workday("2026-10-15")}`);
    note(
      "- S0034 2026-10-15 当天第一张“受理”票在审批平台没有对应办件：受理业务不录入 `CASE_NOT_ENTERED`。其余“受理”票都有办件。",
    );
    plan.lateEntered.set(`${staff(37).id}|${workday("2026-10-21")}`, t(workday("2026-10-26"), "09:12:00"));
    note(
      "- S0037 2026-10-21 当天第一张“受理”票 20261021A37001 的办件 BJ20261021A37001 到 2026-10-26 09:12 才录入审批平台，晚于录入期限（次一工作日 10-22 下班）：只计延期录入 `CASE_LATE_ENTRY:S0037:2026-10-21:BJ20261021A37001`（−2），不计受理未录入、不引发 R06；公示期内此前运行计出的 `CASE_NOT_ENTERED:S0037:2026-10-21:20261021A37001` 由它取代，针对原编号的申诉对它有效。",
    );
    note(
      "- 每张票的叫号、办理时间与窗口暂停一致（暂停期间不叫号）；上午 09:30–10:30、下午 15:00–16:00 为取号高峰。",
    );

    note("");
    note("## 评价（evaluations/）");
    note(
      "2026-09 为评价器导出的 xlsx（`评价器导出_2026-09.xlsx`，评价时间为真正的 Excel 日期单元格）；2026-10 为每日 UTF-8 BOM CSV。约 3% 为差评（不满意/非常不满意），其中约四分之三有整改完成时间。约一成评价只有窗口号和流水号（无工作人员账号）。",
    );
    const badEval = (day: string, id: string, rectified: Time | null): RowRecord => ({
      id,
      at: t(day, "10:15:30"),
      level: "非常不满意",
      channel: "评价器",
      window_no: staff(9).window,
      queue_login: staff(9).queueLogin,
      comment: "材料要求讲得不清楚，跑了两趟",
      rectified_at: rectified,
    });
    plant(key(inboxFiles.evaluationsDay("2026-10-15")), badEval("2026-10-15", "PJP0001", null));
    plant(key(inboxFiles.evaluationsDay("2026-10-16")), badEval("2026-10-16", "PJP0002", null));
    note(
      "- PJP0001 S0009 2026-10-15 差评，首次导出无整改完成时间；`评价_差评整改补录_2026-10-30.csv` 重导后补上 2026-10-19 10:30（替换）。",
    );
    note("- PJP0002 S0009 2026-10-16 差评，始终无整改完成时间：超过 5 个工作日整改期限即逾期。");
    plant(key(inboxFiles.evaluationsDay("2026-10-12")), {
      id: "PJP0901",
      at: t("2026-10-12", "10:00:00"),
      level: "很好",
      window_no: staff(1).window,
      queue_login: staff(1).queueLogin,
    });
    plant(key(inboxFiles.evaluationsDay("2026-10-13")), {
      id: "PJP0902",
      at: null,
      level: "满意",
      window_no: staff(1).window,
      queue_login: staff(1).queueLogin,
    });
    plant(key(inboxFiles.evaluationsDay("2026-10-14")), {
      id: "PJP0903",
      at: t("2026-10-14", "10:00:00"),
      level: "满意",
      window_no: "A99",
      queue_login: "ck9999",
    });
    plant(key(inboxFiles.evaluationsMonth("2026-09")), {
      id: "PJP0904",
      at: "2026-09-31 10:00",
      level: "满意",
      window_no: staff(1).window,
      queue_login: staff(1).queueLogin,
    });
    note(
      "- 坏行：PJP0901 评价等级“很好”不在列表中（10-12 文件）；PJP0902 缺评价时间（10-13）；PJP0903 未知窗口 A99/账号 ck9999（10-14）；PJP0904 评价时间 `2026-09-31 10:00` 无法识别（9 月 xlsx 末行，文本单元格）。",
    );

    note("");
    note("## 疑似异常评价（督查线索，不计分）");
    note(
      "以下每类各埋一例，供 `marts.evaluation_flags` 找出；它们只增加评价行（改写一例另有两个文件），不改变任何人的得分与名次。",
    );

    /** A 非常满意 pressed at staff n's evaluator at `time` on `day`, of a ticket when given. */
    const pressed = (id: string, n: number, day: string, time: string, ticketNo?: string) =>
      plant(key(inboxFiles.evaluationsDay(day)), {
        id,
        at: t(day, time),
        level: "非常满意",
        channel: "评价器",
        window_no: staff(n).window,
        queue_login: staff(n).queueLogin,
        ticket_no: ticketNo,
      });
    const ticketOf = (n: number, day: string, seq: string) =>
      `${day.replaceAll("-", "")}${staff(n).window}${seq}`;

    // Impossible timing: a second rating of S0021's ticket 003 on 10-23, twelve minutes after A21
    // called ticket 004 (10:38:03), so it rates the next citizen's service.
    pressed("PJP0101", 21, "2026-10-23", "10:50:00", ticketOf(21, "2026-10-23", "003"));
    note(
      `- 评价时间不可能：PJP0101 2026-10-23 10:50:00 评价 S0021 的流水号 ${ticketOf(21, "2026-10-23", "003")}（09:46 已办结），而窗口 ${staff(21).window} 10:38:03 已叫下一号 ${ticketOf(21, "2026-10-23", "004")} → \`EVF_TIMING:PJP0101\`。`,
    );

    // Unserved ticket: a rating of S0017's ticket 001 on 10-26, a 过号 (called 09:35:23, never served).
    pressed("PJP0201", 17, "2026-10-26", "09:36:10", ticketOf(17, "2026-10-26", "001"));
    note(
      `- 评价未办理的票：PJP0201 2026-10-26 09:36:10 评价 S0017 的流水号 ${ticketOf(17, "2026-10-26", "001")}，该票已过号 → \`EVF_UNSERVED:PJP0201\`。`,
    );

    // Burst: four ratings at S0015's window in the lunch break of 10-22, when no ticket finishes.
    for (const [index, time] of ["13:00:00", "13:01:10", "13:02:30", "13:03:40"].entries())
      pressed(`PJP030${index + 1}`, 15, "2026-10-22", time);
    note(
      `- 集中评价：PJP0301–PJP0304 2026-10-22 13:00:00–13:03:40 午休时在窗口 ${staff(15).window}（S0015）连续 4 条“非常满意”，其间没有办结任何票 → \`EVF_BURST:${staff(15).window}:2026-10-22:130000\`。`,
    );

    // Machine-like delays: in October S0006 presses 非常满意… himself 8–10 s after every 办结 (the
    // same ratings as otherwise, only their times move).
    plan.pressedEvaluations.set(`${staff(6).id}|2026-10`, 8);
    note(
      "- 评价间隔固定：2026-10 S0006 的每条评价都在办结后 8–10 秒作出（其他人 5–120 秒不等）→ `EVF_DELAY:S0006:2026-10`。",
    );

    // Rewritten ratings: two evaluator exports of S0014's window on 10-27 (written in finish below);
    // the re-export turns PJP0501's 差评 into 非常满意 and leaves out PJP0502's.
    const rewritten = (id: string, time: string, level: string): RowRecord => ({
      id,
      at: t("2026-10-27", time),
      level,
      channel: "评价器",
      window_no: staff(14).window,
      queue_login: staff(14).queueLogin,
    });
    const firstExport = [
      rewritten("PJP0501", "10:20:00", "非常不满意"),
      rewritten("PJP0502", "10:40:00", "不满意"),
      rewritten("PJP0503", "11:00:00", "满意"),
    ];
    const reExport = [rewritten("PJP0501", "10:20:00", "非常满意"), rewritten("PJP0503", "11:00:00", "满意")];
    note(
      `- 差评被改写：\`评价器补充导出_2026-10-27.csv\` 有 S0014（窗口 ${staff(14).window}）的 PJP0501 非常不满意、PJP0502 不满意、PJP0503 满意；\`评价器补充导出_2026-10-27_重新导出.csv\` 把 PJP0501 改为非常满意、不再含 PJP0502 → \`EVF_REWRITE:PJP0501\`、\`EVF_REWRITE:PJP0502\`（PJP0502 仍按差评计入，逾期未整改）。`,
    );

    note("");
    note("## 审批平台办件（cases/）");
    note(
      "每个“受理”票生成一个办件（办件编号 = `BJ` + 流水号）。即办件承诺时限 0；承诺件 3/5/10 个工作日，约 77% 提前办结、20% 在截止日办结、0.3% 逾期、2.2% 退件、0.2% 至导出时仍在办（期限在导出日之后的也显示为在办）。约 2% 次日才录入平台（延期录入）；约 0.2% 即办件次日才办结、1% 退件。9 月 28–30 日受理的承诺件期限跨越国庆长假。每位工作人员每月都有 5 件以上办结的承诺件，多数提前办结。",
    );
    const casesFile = key(inboxFiles.cases("2026-10-13"));
    plant(casesFile, {
      case_id: "BJP0901",
      item: "企业变更登记",
      kind: "普通件",
      promised_days: 3,
      accepted_at: t("2026-10-13", "10:00"),
      status: "在办",
      platform_account: staff(1).platformAccount,
    });
    plant(casesFile, {
      case_id: "BJP0902",
      item: "发票领用",
      kind: "即办件",
      promised_days: 3,
      accepted_at: t("2026-10-13", "10:00"),
      status: "在办",
      platform_account: staff(35).platformAccount,
    });
    plant(casesFile, {
      case_id: "BJP0903",
      item: "企业变更登记",
      kind: "承诺件",
      promised_days: 3,
      accepted_at: t("2026-10-13", "10:00"),
      completed_at: t("2026-10-12", "16:00"),
      status: "办结",
      platform_account: staff(1).platformAccount,
    });
    plant(casesFile, {
      case_id: "BJP0904",
      item: "企业变更登记",
      kind: "承诺件",
      promised_days: 3,
      accepted_at: t("2026-10-13", "10:00"),
      status: "在办",
      platform_account: "sp9999",
    });
    note(
      "- 坏行（`办件_2026-10-13.csv` 末尾）：BJP0901 办件类型“普通件”；BJP0902 即办件承诺时限 3；BJP0903 办结早于受理；BJP0904 未知受理人账号 sp9999。",
    );

    note("");
    note("## 巡查（patrol/，时间写作 `YYYY/M/D H:MM`）");
    note(
      "每天 10:00、15:30 两轮巡查，约 94% 为“正常”；问题类型随机写作代码、中文全称或简称，约三成只写窗口号。",
    );
    const patrol = (id: string, day: string, time: string, fields: RowRecord) =>
      plant(key(inboxFiles.patrol(day.slice(0, 7))), {
        id,
        at: t(workday(day), time),
        patroller: "督查室 陈立新",
        ...fields,
      });
    reserve(27, "2026-09-09");
    patrol("XCP001", "2026-09-09", "10:15", {
      window_no: staff(27).window,
      finding: "DESK_SIGN",
      evidence: "JKP001",
    });
    reserve(28, "2026-09-11");
    patrol("XCP002", "2026-09-11", "15:40", {
      window_no: staff(28).window,
      staff_id: staff(28).id,
      finding: findingName("DISC_SMOKE_SNACK").name,
      evidence: "JKP002",
    });
    patrol("XCP003", "2026-09-24", "10:20", {
      window_no: staff(24).window,
      staff_id: staff(24).id,
      finding: "AWAY_30",
      away_minutes: 15,
      note: "窗口无人，已暂停15分钟",
    });
    reserve(32, "2026-10-23");
    patrol("XCP004", "2026-10-23", "10:30", {
      window_no: staff(32).window,
      staff_id: staff(32).id,
      finding: findingName("AWAY_30").name,
      away_minutes: 45,
      evidence: "JKP004",
      note: "离开窗口约45分钟",
    });
    reserve(29, "2026-10-13");
    patrol("XCP005", "2026-10-13", "09:50", {
      window_no: staff(29).window,
      staff_id: staff(29).id,
      finding: findingName("QUARREL").short,
      evidence: "JKP005",
    });
    reserve(30, "2026-10-21");
    patrol("XCP006", "2026-10-21", "14:50", {
      window_no: staff(30).window,
      staff_id: staff(30).id,
      finding: "NOTIFY_ONCE",
      evidence: "JKP006",
    });
    reserve(31, "2026-10-22");
    patrol("XCP007", "2026-10-22", "16:00", {
      window_no: staff(31).window,
      staff_id: staff(31).id,
      finding: "CASE_FALSE_CLOSE",
      case_id: "BJ-待核实",
      evidence: "JKP007",
      note: "系统显示办结但材料仍在窗口",
    });
    reserve(5, "2026-09-30");
    patrol("XCP008", "2026-09-30", "10:10", {
      window_no: staff(5).window,
      finding: findingName("DRESS_BADGE").short,
    });
    note(
      "- XCP001 2026-09-09 10:15 只写窗口 " +
        staff(27).window +
        "，`DESK_SIGN`（按代码）→ 归属当班的 S0027。",
    );
    note("- XCP002 2026-09-11 S0028 按中文全称“在窗口吸烟或吃零食” → `DISC_SMOKE_SNACK`。");
    note(
      "- XCP003 2026-09-24 10:20 S0024 离岗（离岗时长 15），落在其 10:05–10:48 的暂停之内：与暂停是同一事件，只计一次 `AWAY_30`。",
    );
    note(
      "- XCP004 2026-10-23 10:30 S0032 “擅自离岗超过30分钟”，离岗时长(分钟) 45：`AWAY_30`（叫号系统中无对应暂停）。",
    );
    note(
      "- XCP005 2026-10-13 09:50 S0029 “与服务对象争吵”（简称）→ `QUARREL`，触发 R01；责任追究登记以 `INV:R01:S0029:2026-10-13` 认定并有从轻情形“道歉谅解”。",
    );
    note(
      "- XCP006 2026-10-21 S0030 `NOTIFY_ONCE` → R05。XCP007 2026-10-22 S0031 `CASE_FALSE_CLOSE` → R11。XCP008 2026-09-30 只写窗口 " +
        staff(5).window +
        "，“未戴胸卡或着装不规范”（简称）。",
    );
    patrol("XCP901", "2026-10-26", "10:05", {
      window_no: staff(1).window,
      staff_id: staff(1).id,
      finding: "睡觉",
    });
    patrol("XCP902", "2026-10-26", "10:10", { patroller: "", window_no: staff(2).window, finding: "正常" });
    patrol("XCP903", "2026-10-26", "10:15", { window_no: "A99", finding: "DESK_SIGN" });
    note(
      "- 坏行（10 月巡查表末尾）：XCP901 问题类型“睡觉”不在列表中；XCP902 缺巡查人；XCP903 窗口 A99 不存在。",
    );

    note("");
    note("## 投诉（complaints/）");
    note(
      "投诉人姓名、联系电话、投诉内容为保密字段，只存在于原始层；test/fixtures/sample-complainants.json 列出样例中的全部投诉人（PII 测试据此扫描数据仓库）。",
    );
    const complaint = (id: string, n: number, received: Time, fields: RowRecord) => {
      const name = `${["赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈", "褚", "卫"][plan.complainants.length % 12]}${["建国", "秀英", "志强", "丽华", "海涛", "桂兰", "晓峰", "玉梅", "文斌", "春燕", "国平", "淑珍"][plan.complainants.length % 12]}`;
      const phone = `1390571${String(1000 + plan.complainants.length * 37).padStart(4, "0")}`;
      plan.complainants.push({ name, phone });
      plant(key(inboxFiles.complaints(received.day.slice(0, 7))), {
        id,
        received_at: received,
        channel: "12345热线",
        staff_id: staff(n).id,
        content: `投诉人反映在${staff(n).window}号窗口办事时遇到的问题`,
        complainant_name: name,
        complainant_phone: phone,
        complexity: "简单",
        ...fields,
      });
    };
    complaint("TSP001", 5, t("2026-09-09", "10:20"), {
      category: "态度/刁难",
      finding: "查实",
      at_fault: "窗口工作人员",
      decided_at: t("2026-09-09", "16:00"),
      feedback_at: t("2026-09-09", "17:00"),
    });
    complaint("TSP002", 6, t("2026-09-16", "09:40"), {
      category: "不予答复",
      finding: "查实",
      at_fault: "窗口工作人员",
      decided_at: t("2026-09-16", "15:00"),
      feedback_at: t("2026-09-17", "09:30"),
    });
    complaint("TSP003", 30, t("2026-10-12", "11:00"), {
      category: "未一次性告知",
      finding: "部分属实",
      at_fault: "窗口工作人员",
      decided_at: t("2026-10-12", "16:30"),
      feedback_at: t("2026-10-12", "17:10"),
    });
    complaint("TSP004", 31, t("2026-10-13", "09:10"), {
      category: "争吵",
      finding: "不属实",
      at_fault: "其他",
      decided_at: t("2026-10-13", "15:00"),
      feedback_at: t("2026-10-13", "16:00"),
    });
    complaint("TSP005", 33, t("2026-10-15", "14:50"), {
      category: "退件未充分说明理由",
      finding: "查实",
      at_fault: "窗口工作人员",
      decided_at: t("2026-10-15", "17:00"),
      feedback_at: t("2026-10-16", "09:00"),
    });
    complaint("TSP006", 35, t("2026-10-19", "10:00"), {
      category: "办事效率",
      finding: "查实",
      at_fault: "其他",
      decided_at: t("2026-10-19", "16:00"),
      feedback_at: t("2026-10-19", "16:30"),
    });
    complaint("TSP007", 36, t("2026-09-28", "10:30"), {
      category: "态度/刁难",
      complexity: "复杂",
      finding: "部分属实",
      at_fault: "窗口工作人员",
      decided_at: t("2026-10-08", "11:00"),
      feedback_at: t("2026-10-08", "15:00"),
    });
    complaint("TSP008", 37, t("2026-10-26", "15:20"), { category: "态度/刁难" });
    complaint("TSP009", 38, t("2026-10-14", "09:30"), {
      category: "服务态度",
      finding: "不属实",
      at_fault: "其他",
      decided_at: t("2026-10-14", "16:00"),
      feedback_at: t("2026-10-16", "10:00"),
    });
    note("- TSP001 S0005 2026-09-09 态度/刁难 查实（过错方 窗口工作人员）：`COMPLAINT_VERIFIED`，触发 R01。");
    note("- TSP002 S0006 2026-09-16 不予答复 查实：`COMPLAINT_VERIFIED`，触发 R07。");
    note("- TSP003 S0030 2026-10-12 未一次性告知 部分属实：`NOTIFY_ONCE`，触发 R05。");
    note(
      "- TSP004 S0031 争吵 不属实（无事件）。TSP005 S0033 退件未充分说明理由 查实：`CASE_RETURN_UNEXPLAINED`（−2）。TSP006 S0035 办事效率 查实但过错方“其他”（无事件）。",
    );
    note(
      "- TSP007 S0036 **复杂**投诉，2026-09-28 受理，2026-10-08（第 3 个工作日，跨国庆）作出决定：未逾期；部分属实 → R01。",
    );
    note(
      "- TSP008 S0037 2026-10-26 受理至今未处理：**逾期**。TSP009 S0038 2026-10-14 决定、10-16 才反馈（超过 1 个工作日）：反馈逾期。",
    );
    const octoberComplaints = key(inboxFiles.complaints("2026-10"));
    plant(octoberComplaints, {
      id: "TSP901",
      received_at: t("2026-10-20", "10:00"),
      staff_id: "",
      category: "态度/刁难",
    });
    plant(octoberComplaints, {
      id: "TSP902",
      received_at: t("2026-10-20", "10:30"),
      staff_id: staff(1).id,
      category: "态度/刁难",
      finding: "属实",
    });
    plant(octoberComplaints, {
      id: "TSP903",
      received_at: t("2026-10-21", "10:30"),
      staff_id: staff(2).id,
      category: "争吵",
      finding: "不属实",
      at_fault: "其他",
      decided_at: t("2026-10-20", "10:00"),
    });
    note(
      "- 坏行（`投诉登记_2026-10.csv` 末尾）：TSP901 缺被投诉人工号；TSP902 调查结论“属实”不在列表中；TSP903 处理决定时间早于受理时间。",
    );
    note(
      "- `投诉登记_2026-10（重新导出）.csv` 与 `投诉登记_2026-10.csv` 内容完全相同：按内容哈希跳过（重复文件）。",
    );

    note("");
    note("## 表扬（commendations/）");
    const commend = (id: string, n: number, day: string, kind: string, verified: string) =>
      plant(key(inboxFiles.commendations(day.slice(0, 7))), {
        id,
        date: day,
        staff_id: staff(n).id,
        kind,
        verified,
        note: "样例",
      });
    commend("BYP001", 1, "2026-09-10", "表扬信", "是");
    commend("BYP002", 2, "2026-09-18", "锦旗", "是");
    commend("BYP003", 3, "2026-09-22", "镜框", "否");
    commend("BYP004", 4, "2026-10-09", "口头表扬", "是");
    commend("BYP005", 39, "2026-10-13", "建议采纳", "是");
    commend("BYP006", 40, "2026-10-15", "市级表扬", "是");
    commend("BYP007", 41, "2026-10-21", "省级表扬", "是");
    commend("BYP008", 42, "2026-10-23", "表扬信", "否");
    commend("BYP009", 42, "2026-10-27", "建议采纳", "否");
    commend("BYP901", 1, "2026-10-28", "感谢信", "是");
    commend("BYP902", 2, "2026-10-28", "表扬信", "待定");
    note(
      "- 已核定：BYP001 S0001 表扬信、BYP002 S0002 锦旗、BYP004 S0004 口头表扬（`PRAISE` +2）；BYP005 S0039 建议采纳（`SUGGESTION` +1）；BYP006 S0040 市级表扬（`HONOR_CITY` +2）；BYP007 S0041 省级表扬（`HONOR_PROVINCE` +3）。",
    );
    note(
      "- 未核定（待定，不加分）：BYP003 S0003 镜框、BYP008 S0042 表扬信、BYP009 S0042 建议采纳。坏行：BYP901 类型“感谢信”；BYP902 是否核定“待定”。",
    );

    note("");
    note("## 责任追究登记（investigations/）与申诉（appeals/）");
    register("investigations", {
      case_id: "INV:R03:S0010:2026-10-14",
      staff_id: staff(10).id,
      decision: "已认定",
      decided_on: "2026-10-20",
    });
    register("investigations", {
      staff_id: staff(11).id,
      trigger: "R03",
      occurred_on: "2026-10-22",
      severity: "较重",
      decision: "已认定",
      decided_on: "2026-10-28",
    });
    register("investigations", {
      case_id: "INV:R03:S0015:2026-09-22",
      staff_id: staff(15).id,
      decision: "不予追究",
      decided_on: "2026-09-25",
    });
    register("investigations", {
      case_id: "INV:R01:S0029:2026-10-13",
      staff_id: staff(29).id,
      mitigating: "道歉谅解",
      decision: "已认定",
      decided_on: "2026-10-16",
    });
    register("investigations", {
      case_id: "MAN-2026-10-001",
      staff_id: staff(33).id,
      trigger: "R13",
      occurred_on: "2026-10-19",
      severity: "较轻",
      decision: "已认定",
      decided_on: "2026-10-23",
    });
    register("investigations", {
      case_id: "INV:R03:S0025:2026-10-27",
      staff_id: staff(25).id,
      decision: "同意",
    });
    note(
      "- `INV:R03:S0010:2026-10-14` 按案件编号 已认定；S0011 按 工号+R03+2026-10-22 已认定、情节 较重；`INV:R03:S0015:2026-09-22` 不予追究；`INV:R01:S0029:2026-10-13` 已认定、从轻情形 道歉谅解；MAN-2026-10-001 S0033 手工立案 R13（其他）2026-10-19 较轻 已认定。",
    );
    note("- 坏行：S0025 的认定结果“同意”不在列表中。");
    register("appeals", {
      id: "SSP001",
      staff_id: staff(7).id,
      target_id: "ATT_LATE:S0007:2026-10-09:AM",
      submitted_on: "2026-10-12",
      result: "撤销",
      resolved_on: "2026-10-14",
      note: "当日考勤机故障，有门禁记录佐证",
    });
    register("appeals", {
      id: "SSP002",
      staff_id: staff(4).id,
      target_id: "ATT_LATE:S0004:2026-09-08:AM",
      submitted_on: "2026-09-09",
      result: "维持",
      resolved_on: "2026-09-11",
      note: "08:40:01 已超过宽限",
    });
    register("appeals", {
      id: "SSP003",
      staff_id: staff(8).id,
      rule_code: "ATT_EARLY",
      event_date: "2026-10-12",
      submitted_on: "2026-10-13",
      result: "撤销",
      resolved_on: "2026-10-15",
      note: "经批准提前离开",
    });
    register("appeals", {
      id: "SSP004",
      staff_id: staff(11).id,
      target_id: "INV:R03:S0011:2026-10-22",
      submitted_on: "2026-10-29",
      note: "处理中",
    });
    register("appeals", {
      id: "SSP901",
      staff_id: staff(12).id,
      target_id: "ATT_LATE:S0012:2026-10-09:AM",
      result: "维持",
    });
    note(
      "- 申诉：SSP001 撤销 `ATT_LATE:S0007:2026-10-09:AM`；SSP002 维持 `ATT_LATE:S0004:2026-09-08:AM`；SSP003 按 S0008+ATT_EARLY+2026-10-12 撤销；SSP004 针对案件 `INV:R03:S0011:2026-10-22` 尚未处理。坏行：SSP901 缺提交日期。",
    );

    register("calendar", { date: "2026-09-20", is_workday: "是", note: "中秋、国庆调休上班（周日）" });
    register("calendar", { date: "2026-10-10", is_workday: "是", note: "国庆调休上班（周六）" });

    note("");
    note("## 名册（roster/人员名册.xlsx）");
    note(`- 5 个部门、42 人 + 接替者 S0043；每人 A 岗为自己的窗口，约九成人在本部门另有一个 B 岗窗口。`);
    plant(key(inboxFiles.roster(true)), {
      staff_id: "S0099",
      name: "测试人员",
      department: "",
      window_no: "A99",
      start_date: "2026-01-01",
    });
    note("- 坏行：S0099 缺部门。");

    plan.notes.push("");
    plan.finish = async (inbox) => {
      const spec = inboxFiles.queue(correctedDay);
      await inbox.write(
        spec.folder,
        `叫号流水_${correctedDay}_补导.csv`,
        Object.keys(corrected(null)),
        spec.format,
        [corrected(t(correctedDay, "15:12:30"))],
      );
      const evaluations = inboxFiles.evaluationsDay("2026-10-30");
      await inbox.write(
        evaluations.folder,
        "评价_差评整改补录_2026-10-30.csv",
        Object.keys(badEval("2026-10-15", "PJP0001", null)),
        evaluations.format,
        [badEval("2026-10-15", "PJP0001", t("2026-10-19", "10:30"))],
      );
      for (const [file, rows] of [
        ["评价器补充导出_2026-10-27.csv", firstExport],
        ["评价器补充导出_2026-10-27_重新导出.csv", reExport],
      ] as const)
        await inbox.write(evaluations.folder, file, Object.keys(firstExport[0]!), evaluations.format, rows);
      await inbox.copy("complaints", "投诉登记_2026-10.csv", "投诉登记_2026-10（重新导出）.csv");
    };
    return plan;
  },
};
