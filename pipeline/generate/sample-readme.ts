/**
 * The sample inbox's README.md: what it holds and where each planted anomaly is. Written from the
 * scenarios' own notes and the files actually generated, so it cannot drift from the data. One
 * hall (`sample`) or the sample as a small city (`sample-city`).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sources } from "../ingest/sources.ts";
import type { GenerateResult } from "./generate.ts";
import type { HallsResult } from "./generate-halls.ts";
import type { HallParameters } from "./hall-parameters.ts";
import type { WrittenFile } from "./inbox-writer.ts";
import type { ManyHallPreset, Preset } from "./presets.ts";

interface FolderCount {
  files: number;
  rows: number;
}

function countByFolder(files: readonly WrittenFile[], folderOf = (path: string) => path.split("/")[0]!) {
  const byFolder = new Map<string, FolderCount>();
  for (const file of files) {
    const folder = folderOf(file.path);
    const entry = byFolder.get(folder) ?? { files: 0, rows: 0 };
    byFolder.set(folder, { files: entry.files + 1, rows: entry.rows + file.rows });
  }
  return byFolder;
}

const HOURS_LINE =
  "- 大厅作息：上午 08:30–12:00，下午 14:30–17:00。多数人 08:15–08:38 签到；约 2% 的半天迟到、1% 早退、1% 缺一次卡、3% 有 60 秒内的重复打卡、0.15% 整个半天无打卡；约 2% 的人日有请假（多数已批准）。";

const periodLine = (hall: Pick<HallParameters, "firstDay" | "lastDay">, workdays: number) =>
  `- 期间 ${hall.firstDay} 至 ${hall.lastDay}，共 ${workdays} 个工作日（按 chinese-days 官方日历：中秋 2026-09-25、国庆 2026-10-01～07 放假，2026-09-20 周日、2026-10-10 周六调休上班）。`;

const eventIdsLine = "下文中的事件编号是管道应当生成的编号（`<规则>:<工号>:<日期>:<AM/PM 或记录编号>`）。";

export async function writeSampleReadme(out: string, preset: Preset, result: GenerateResult): Promise<void> {
  const byFolder = countByFolder(result.files);
  const lines = [
    `# 样例收件箱：${preset.hallName}`,
    "",
    "本目录由生成器写出，请勿手工修改：`npm run generate:sample`（种子固定，重复运行得到逐字节相同的文件；`test/generate.test.ts` 会检查本目录是否与生成器一致）。",
    "`npm start` 直接在本目录上运行管道（基准日期 2026-11-04：9 月为“确认”，10 月为“公示”）。",
    "",
    "## 概况",
    "",
    periodLine(preset, result.workdays.length),
    `- ${result.hall.departments.length} 个部门：${result.hall.departments.map((department) => department.name).join("、")}。`,
    `- ${result.hall.staff.length} 名工作人员：工号 S0001…，考勤号码 1001…，叫号账号 ck0001…，审批账号 sp0001…，窗口 A01…（第 n 人的 A 岗为窗口 A{n}）。`,
    HOURS_LINE,
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
    eventIdsLine,
    "",
    ...result.notes,
  ];
  await writeFile(join(out, "README.md"), `${lines.join("\n").trimEnd()}\n`);
}

/** A hall's notes one heading level down, under the hall's own heading. */
const nested = (notes: readonly string[]) => notes.map((line) => (line.startsWith("#") ? `#${line}` : line));

export async function writeSampleCityReadme(
  out: string,
  preset: ManyHallPreset,
  result: HallsResult,
): Promise<void> {
  const cell = (count: FolderCount | undefined) => (count ? `${count.files} / ${count.rows}` : "—");
  const perHall = result.halls.map((hall) =>
    countByFolder(
      result.files.filter((file) => file.path.startsWith(`${hall.entry.code}/`)),
      (path) => path.split("/")[1]!,
    ),
  );
  const atRoot = countByFolder(result.files.filter((file) => file.path.split("/").length === 2));
  const codes = result.halls.map((hall) => hall.entry.code);
  const lines = [
    `# 样例收件箱：${preset.title}（多个大厅）`,
    "",
    `本目录由生成器写出，请勿手工修改：\`npm run generate -- --preset ${preset.name} --out data/sample\`（种子固定，重复运行得到逐字节相同的文件）。`,
    "",
    "## 布局",
    "",
    "- `halls/大厅名册.csv`：大厅名册（大厅编码、大厅名称、上级大厅编码、地区、启用日期、停用日期）。",
    "- 每个大厅一个目录，以大厅编码命名，结构与单个大厅的收件箱相同。各大厅各自编号：工号 S0001…、窗口 A01…、部门名称、流水号、评价编号在大厅之间相互重复，只在本大厅内唯一。",
    "- 根目录的 `evaluations/` 是省好差评系统的导出，每行第一列“大厅编码”指明所属大厅。",
    "",
    "## 大厅",
    "",
    "| 大厅编码 | 大厅名称 | 上级大厅编码 | 地区 | 工作人员 | 部门 | 评价来源 |",
    "| --- | --- | --- | --- | ---: | --- | --- |",
    ...result.halls.map(
      (hall) =>
        `| ${hall.entry.code} | ${hall.entry.hall.hallName} | ${hall.entry.parentCode ?? ""} | ${hall.entry.region} | ${hall.staff} | ${hall.departments.join("、")} | ${hall.entry.evaluationsAtRoot ? "根目录 evaluations/" : "本大厅 evaluations/"} |`,
    ),
    "",
    periodLine(preset, result.workdays.length),
    HOURS_LINE,
    "",
    "## 文件（文件数 / 行数，含坏行）",
    "",
    `| 目录 | 来源 | ${codes.join(" | ")} | 根目录 |`,
    `| --- | --- | ${codes.map(() => "---:").join(" | ")} | ---: |`,
    `| \`halls/\` | 大厅名册 | ${codes.map(() => "—").join(" | ")} | ${cell(atRoot.get("halls"))} |`,
    ...sources.map(
      (source) =>
        `| \`${source.folder}/\` | ${source.title} | ${perHall.map((counts) => cell(counts.get(source.folder))).join(" | ")} | ${cell(atRoot.get(source.folder))} |`,
    ),
    "",
    "# 埋设的异常（按大厅、按来源）",
    "",
    eventIdsLine,
    "",
    ...result.halls.flatMap((hall) => [
      `## ${hall.entry.code} ${hall.entry.hall.hallName}`,
      "",
      ...nested(hall.notes),
    ]),
    "## 根目录",
    "",
    ...result.notes,
  ];
  await writeFile(join(out, "README.md"), `${lines.join("\n").trimEnd()}\n`);
}
