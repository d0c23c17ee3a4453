/**
 * npm run generate -- --preset sample|tiny|sample-city|city|province --out DIR [--months N] [--days N] [--staff N] [--complainants FILE]
 * Writes a deterministic inbox into DIR (emptied first): one hall's, or many halls' (--staff then
 * scales every hall so that they sum to N). --months N: N calendar months ending with the preset's
 * last month (history.ts); --days then counts from the first of them.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { generateInbox } from "./generate-preset.ts";
import { isManyHall, isPresetName, presets } from "./presets.ts";

const usage = `用法：
  npm run generate -- --preset sample|tiny|sample-city|city|province --out 输出目录 [--months 月数] [--days 天数] [--staff 人数] [--complainants 投诉人清单.json]`;

class UsageError extends Error {}

const positiveInteger = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`${name} ${value} 无效：应为正整数`);
  return Number(value);
};

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      preset: { type: "string" },
      out: { type: "string" },
      months: { type: "string" },
      days: { type: "string" },
      staff: { type: "string" },
      complainants: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.preset || !values.out) throw new UsageError("需要 --preset 和 --out");
  if (!isPresetName(values.preset))
    throw new UsageError(`未知的预设：${values.preset}（应为 sample/tiny/sample-city/city/province）`);
  const preset = presets[values.preset];
  const started = performance.now();
  const title = isManyHall(preset) ? preset.title : preset.hallName;
  console.log(`正在生成 ${title}（预设 ${preset.name}）到 ${values.out} …`);
  const result = await generateInbox(preset, values.out, {
    months: positiveInteger("--months", values.months),
    days: positiveInteger("--days", values.days),
    staff: positiveInteger("--staff", values.staff),
  });
  if (values.complainants)
    await writeFile(values.complainants, `${JSON.stringify(result.complainants, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `完成：${result.files.length} 个文件，${result.halls} 个大厅，${result.staff} 名工作人员，${result.workdays} 个工作日，用时 ${seconds} 秒`,
  );
  for (const [folder, rows] of Object.entries(result.rows).sort())
    console.log(`  ${folder.padEnd(15)} ${rows} 行`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(
    error instanceof UsageError
      ? `${error.message}\n${usage}`
      : `生成失败：${(error as Error).message ?? String(error)}`,
  );
  process.exitCode = 1;
});
