/**
 * data/sample/README.md: what the sample inbox holds and where each planted anomaly is. Written
 * from the scenario's own notes and the files actually generated, so it cannot drift from the data.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sources } from "../ingest/sources.ts";
import type { GenerateResult } from "./generate.ts";
import type { Preset } from "./presets.ts";

export async function writeSampleReadme(out: string, preset: Preset, result: GenerateResult): Promise<void> {
  const byFolder = new Map<string, { files: number; rows: number }>();
  for (const file of result.files) {
    const folder = file.path.split("/")[0]!;
    const entry = byFolder.get(folder) ?? { files: 0, rows: 0 };
    byFolder.set(folder, { files: entry.files + 1, rows: entry.rows + file.rows });
  }
  const lines = [
    `# 样例收件箱：${preset.hallName}`,
    "",
    "本目录由生成器写出，请勿手工修改：`npm run generate:sample`（种子固定，重复运行得到逐字节相同的文件；`test/generate.test.ts` 会检查本目录是否与生成器一致）。",
    "`npm start` 直接在本目录上运行管道（基准日期 2026-11-04：9 月为“确认”，10 月为“公示”）。",
    "",
    "## 概况",
    "",
    `- 期间 ${preset.firstDay} 至 ${preset.lastDay}，共 ${result.workdays.length} 个工作日（按 chinese-days 官方日历：中秋 2026-09-25、国庆 2026-10-01～07 放假，2026-09-20 周日、2026-10-10 周六调休上班）。`,
    `- ${result.hall.departments.length} 个部门：${result.hall.departments.map((department) => department.name).join("、")}。`,
    `- ${result.hall.staff.length} 名工作人员：工号 S0001…，考勤号码 1001…，叫号账号 ck0001…，审批账号 sp0001…，窗口 A01…（第 n 人的 A 岗为窗口 A{n}）。`,
    "- 大厅作息：上午 08:30–12:00，下午 14:30–17:00。多数人 08:15–08:38 签到；约 2% 的半天迟到、1% 早退、1% 缺一次卡、3% 有 60 秒内的重复打卡、0.15% 整个半天无打卡；约 2% 的人日有请假（多数已批准）。",
    "",
    "## 文件",
    "",
    "| 目录 | 来源 | 文件数 | 行数（含坏行） |",
    "| --- | --- | ---: | ---: |",
    ...sources.map((source) => {
      const entry = byFolder.get(source.folder) ?? { files: 0, rows: 0 };
      return `| \`${source.folder}/\` | ${source.title} | ${entry.files} | ${entry.rows} |`;
    }),
    "",
    "# 埋设的异常（按来源）",
    "",
    "下文中的事件编号是管道应当生成的编号（`<规则>:<工号>:<日期>:<AM/PM 或记录编号>`）。",
    "",
    ...result.notes,
  ];
  await writeFile(join(out, "README.md"), `${lines.join("\n").trimEnd()}\n`);
}
