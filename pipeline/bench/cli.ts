/**
 * npm run bench -- --scale tiny|city|province [--dir DIR] [--publish] [--history-months N | --skip-history]
 * Generates the preset's inbox (or reuses DIR/inbox), then measures the floor
 * (DuckDB reading the raw files), the real pipeline from cold, and the nightly case (the month
 * minus its last day loaded, then the last day added); then the same nightly case on the preset
 * with N months of history (default 12, but none at province scale unless asked; generated into or
 * reused from DIR/inbox-Nm). The last
 * three lines are the ratios:
 *   ratio_to_floor    = cold pipeline seconds without workbook and site ÷ floor seconds (GBK
 *                       decoding not in the floor)
 *   incremental_ratio = nightly run seconds ÷ cold pipeline seconds
 *   history_ratio     = nightly run seconds with N months of history ÷ nightly run seconds with
 *                       the preset's own month (left out with --skip-history, and at province
 *                       scale by default: 12 months of the province would be ≈ 44 GB of inbox)
 * The runs build the warehouse only; --publish adds the HR workbooks and the site, as `npm start` does.
 * The floor runs in a child process, so the peak RSS reported is the pipeline's own.
 */
import { execFile } from "node:child_process";
import { access, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { addDays } from "../generate/calendar.ts";
import { generateInbox } from "../generate/generate-preset.ts";
import { type AnyPreset, isPresetName, type PresetName, presets } from "../generate/presets.ts";
import { publishSite } from "../publish/site.ts";
import { publishWorkbooks } from "../publish/workbooks.ts";
import { type RunOptions, runPipeline } from "../run.ts";
import { type FloorResult, measureFloor } from "./floor.ts";
import { splitInbox } from "./nightly.ts";

const usage =
  "用法：npm run bench -- --scale tiny|city|province [--dir 工作目录] [--publish] [--history-months 月数 | --skip-history]";

const seconds = (started: number) => (performance.now() - started) / 1000;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const fixed = (value: number) => value.toFixed(2);

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The floor runs in a child process of its own: its in-memory tables (6 GB at province scale)
 * would otherwise be the peak RSS reported for the pipeline.
 */
async function measureFloorApart(
  inbox: string,
  scratch: string,
): Promise<FloorResult & { peakRssMb: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--floor-of", inbox, "--dir", scratch],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

/** Generates the preset's inbox (with `months` of history when given), unless a marker says it is there. */
async function ensureInbox(preset: AnyPreset, inbox: string, months?: number): Promise<void> {
  const label = months === undefined ? preset.name : `${preset.name}-${months}m`;
  const marker = join(inbox, `.generated-${label}`);
  if (await exists(marker)) return console.log(`复用已生成的收件箱 ${inbox}`);
  const started = performance.now();
  const result = await generateInbox(preset, inbox, { months });
  await writeFile(marker, `${label}\n`);
  const rows = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
  const prefix = months === undefined ? "" : "history_";
  console.log(`${prefix}generate_s=${fixed(seconds(started))} files=${result.files.length} rows=${rows}`);
}

interface Nightly {
  /** The run over the inbox without its last day. */
  readonly before: number;
  /** The run that adds the last day's files. */
  readonly nightly: number;
  readonly lastDay: string;
  readonly added: number;
}

/** The nightly case: `inbox` minus its last day run into `out`, then the last day added and that run timed. */
async function measureNightly(
  inbox: string,
  splitInto: string,
  out: string,
  run: Omit<RunOptions, "inbox" | "out">,
): Promise<Nightly> {
  await rm(out, { recursive: true, force: true });
  const split = await splitInbox(inbox, splitInto);
  let started = performance.now();
  await runPipeline({ ...run, inbox: splitInto, out });
  const before = seconds(started);
  const added = await split.addLastDay();
  started = performance.now();
  await runPipeline({ ...run, inbox: splitInto, out });
  return { before, nightly: seconds(started), lastDay: split.lastDay, added };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: "string" },
      dir: { type: "string" },
      publish: { type: "boolean" },
      "history-months": { type: "string" },
      "skip-history": { type: "boolean" },
      "floor-of": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return console.log(usage);
  if (values["floor-of"]) {
    const floor = await measureFloor(values["floor-of"], values.dir ?? "floor-decoded");
    return console.log(JSON.stringify({ ...floor, peakRssMb: peakRssMb() }));
  }
  const scale = values.scale ?? "";
  if (!isPresetName(scale) || scale.startsWith("sample")) throw new Error(`--scale ${scale} 无效\n${usage}`);
  // 12 months of the province would be ≈ 44 GB of inbox and hours of runs: there, only on request
  const historyMonths = values["history-months"] ?? (scale === "province" ? undefined : "12");
  if (historyMonths !== undefined && !/^[1-9]\d*$/.test(historyMonths))
    throw new Error(`--history-months ${historyMonths} 无效：应为正整数\n${usage}`);
  const preset = presets[scale as PresetName];
  const dir = values.dir ?? join("output", "bench", scale);
  const inbox = join(dir, "inbox");
  const asOf = addDays(preset.lastDay, 1);
  await mkdir(dir, { recursive: true });
  await ensureInbox(preset, inbox);

  const floor = await measureFloorApart(inbox, join(dir, "floor-decoded"));
  console.log(
    `floor: ${floor.files} 个文件 ${floor.rows} 行；GBK 解码 ${fixed(floor.decodeSeconds)} 秒（不计入 floor），跳过 xlsx ${floor.skippedXlsx} 个`,
  );
  console.log(`floor_s=${fixed(floor.readSeconds)} decode_s=${fixed(floor.decodeSeconds)}`);
  console.log(`floor_peak_rss_mb=${floor.peakRssMb.toFixed(0)}（floor 在子进程中运行，不计入下面的峰值）`);

  const quiet = () => {};
  const publishers = values.publish ? [publishWorkbooks, publishSite] : [];
  const stages: string[] = [];
  const models: [string, number][] = [];
  const publisherNames = new Set(publishers.map((publisher) => publisher.name));
  let publishing = 0;
  const coldOut = join(dir, "out-cold");
  await rm(coldOut, { recursive: true, force: true });
  const started = performance.now();
  await runPipeline({
    inbox,
    out: coldOut,
    asOf,
    log: quiet,
    publishers,
    onTiming: (name, took) => {
      if (["ingest", "staging", "rules", "warehouse"].includes(name)) stages.push(`${name}=${fixed(took)}`);
      else if (publisherNames.has(name)) {
        stages.push(`${name === publishWorkbooks.name ? "workbook" : "site"}=${fixed(took)}`);
        publishing += took;
      } else if (name.includes(".")) models.push([name, took]);
    },
  });
  const cold = seconds(started);
  console.log(`cold_s=${fixed(cold)} (${stages.join(" ")})`);
  // the profile: where the cold run's time went, model by model
  models.sort((a, b) => b[1] - a[1]);
  console.log(
    `slowest_models: ${models
      .slice(0, 8)
      .map(([name, took]) => `${name}=${fixed(took)}`)
      .join(" ")}`,
  );
  console.log(`peak_rss_mb=${peakRssMb().toFixed(0)}`);

  const run = { asOf, log: quiet, publishers };
  const month = await measureNightly(inbox, join(dir, "nightly-inbox"), join(dir, "out-nightly"), run);
  console.log(
    `month_minus_last_day_s=${fixed(month.before)} nightly_s=${fixed(month.nightly)} (最后一天 ${month.lastDay}，新增 ${month.added} 个文件)`,
  );
  let history: Nightly | undefined;
  if (historyMonths === undefined && !values["skip-history"])
    console.log(
      "history_ratio 未测：province 规模默认不测（12 个月约 44 GB 收件箱）；按定义在 city 规模测量，或加 --history-months N",
    );
  if (historyMonths !== undefined && !values["skip-history"]) {
    const months = Number(historyMonths);
    const historyInbox = join(dir, `inbox-${months}m`);
    await ensureInbox(preset, historyInbox, months);
    history = await measureNightly(
      historyInbox,
      join(dir, `nightly-inbox-${months}m`),
      join(dir, `out-nightly-${months}m`),
      run,
    );
    console.log(
      `history_months=${months} history_month_minus_last_day_s=${fixed(history.before)} history_nightly_s=${fixed(history.nightly)} (最后一天 ${history.lastDay}，新增 ${history.added} 个文件)`,
    );
  }
  console.log(`peak_rss_mb_total=${peakRssMb().toFixed(0)}`);
  // the pipeline without the workbook and the site, as the issue defines the ratio
  console.log(`ratio_to_floor=${fixed((cold - publishing) / floor.readSeconds)}`);
  console.log(`incremental_ratio=${fixed(month.nightly / cold)}`);
  if (history) console.log(`history_ratio=${fixed(history.nightly / month.nightly)}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`基准测试失败：${(error as Error).message ?? String(error)}`);
  process.exitCode = 1;
});
