/**
 * npm run fuzz -- [--runs N] [--seed S] [--path P] [--exclude KIND,…] [--workbooks-every K]
 *                  [--page-data-every K] [--rerun-every K] [--keep] [--verbose]
 *
 * Runs N generated cases (default 100) through the real pipeline and checks issue 11's properties
 * on each. Prints the seed, then a line per case, then the cases per second and every failure with
 * its shrunk case and the command that replays it. After a failure the hunt goes on with the next
 * seed, so one session can find several defects. `--path` with the failure's seed replays exactly
 * that shrunk case; `--exclude` leaves kinds of mutation out (to hunt past a defect already reported).
 * Exit status 1 when any case failed.
 */
import { parseArgs } from "node:util";
import fc from "fast-check";
import { fuzzCase } from "./arbitraries.ts";
import { type CaseOptions, type FuzzCase, runCase } from "./run-case.ts";

interface Failure {
  seed: number;
  path: string;
  counterexample: FuzzCase;
  failures: string[];
  log: string[];
  asOf: string;
}

const usage = `用法：npm run fuzz -- [--runs 用例数] [--seed 种子] [--path 重放路径] [--exclude 改动类型,…]
    [--workbooks-every K] [--page-data-every K] [--rerun-every K] [--keep] [-v]
  --workbooks-every K   每 K 个用例写一次工作簿并检查其中有无投诉人信息（默认 5，0 为不写）
  --page-data-every K   每 K 个用例运行一次看板数据加载器并检查（默认 20，0 为不运行）
  --rerun-every K       每 K 个用例对同一收件箱再运行一次，结果必须不变（默认 10，0 为不运行）
  --keep                保留每个用例的收件箱与输出目录
  --verbose, -v         列出每个用例的改动`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} ${value} 无效：应为非负整数\n${usage}`);
  return Number(value);
}

function printFailure(failure: Failure, number: number, exclude: readonly string[]): void {
  console.log(`\n失败 ${number}：`);
  for (const line of failure.failures) console.log(`  ${line}`);
  console.log(`  基准日期 ${failure.asOf}；改动：`);
  for (const line of failure.log) console.log(`    - ${line}`);
  console.log(`  缩小后的用例：${JSON.stringify(failure.counterexample)}`);
  const without = exclude.length ? ` --exclude ${exclude.join(",")}` : "";
  console.log(`  重放：npm run fuzz -- --seed ${failure.seed} --path "${failure.path}" --runs 1${without}`);
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string" },
      seed: { type: "string" },
      path: { type: "string" },
      exclude: { type: "string" },
      "workbooks-every": { type: "string" },
      "page-data-every": { type: "string" },
      "rerun-every": { type: "string" },
      keep: { type: "boolean" },
      verbose: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const runs = positive("--runs", values.runs, 100);
  const workbooksEvery = positive("--workbooks-every", values["workbooks-every"], 5);
  const pageDataEvery = positive("--page-data-every", values["page-data-every"], 20);
  const rerunEvery = positive("--rerun-every", values["rerun-every"], 10);
  const exclude = values.exclude ? values.exclude.split(",").map((kind) => kind.trim()) : [];
  const cases = fuzzCase(exclude);
  let seed = values.seed === undefined ? Date.now() % 2 ** 31 : positive("--seed", values.seed, 0);
  console.log(
    `种子 ${seed}，计划 ${runs} 个用例${values.path ? `，重放路径 ${values.path}` : ""}${exclude.length ? `，不含改动 ${exclude.join(",")}` : ""}`,
  );

  const started = performance.now();
  let done = 0;
  const failures: Failure[] = [];
  const optionsFor = (index: number): CaseOptions => ({
    workbooks: workbooksEvery > 0 && index % workbooksEvery === 0,
    pageData: pageDataEvery > 0 && index % pageDataEvery === 0,
    rerun: rerunEvery > 0 && index % rerunEvery === rerunEvery - 1,
    keep: values.keep,
  });
  while (done < runs) {
    const before = done;
    // shrinking checks what the failing case was checked for (its workbooks, its page data)
    let shrinking: CaseOptions | null = null;
    const property = fc.asyncProperty(cases, async (value) => {
      const index = done;
      if (!shrinking) done++;
      const options = shrinking ?? optionsFor(index);
      const result = await runCase(value, { ...options, keepFailed: !shrinking });
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const mark =
        result.failures.length === 0
          ? "通过"
          : `失败（${result.failures[0]}）${shrinking ? "" : `，目录 ${result.root}`}`;
      console.log(
        `${shrinking ? "  缩小" : `#${index + 1}`} ${mark} [${value.mutations.length} 处改动，${seconds} 秒]`,
      );
      if (values.verbose) for (const line of result.log) console.log(`    - ${line}`);
      if (result.failures.length > 0) shrinking = options;
      return result.failures.length === 0;
    });
    const report = await fc.check(property, {
      seed,
      numRuns: runs - before,
      path: values.path,
      endOnFailure: values.path !== undefined,
    });
    if (report.failed && report.counterexample) {
      const [counterexample] = report.counterexample;
      const replay = await runCase(counterexample, {
        workbooks: true,
        pageData: true,
        rerun: true,
        keep: values.keep,
      }).catch((error: Error) => ({
        failures: [`用例本身出错：${error.stack ?? error.message}`],
        log: [],
        asOf: "",
      }));
      const failure: Failure = {
        seed,
        path: report.counterexamplePath ?? "",
        counterexample,
        failures: replay.failures,
        log: replay.log,
        asOf: replay.asOf,
      };
      failures.push(failure);
      // at once, not only at the end: a long hunt may be stopped before it ends
      printFailure(failure, failures.length, exclude);
    }
    if (!report.failed || values.path !== undefined) break;
    seed = (seed + 1) % 2 ** 31;
  }

  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${done} 个用例，用时 ${seconds.toFixed(0)} 秒，每秒 ${(done / seconds).toFixed(3)} 个用例`);
  for (const [index, failure] of failures.entries()) printFailure(failure, index + 1, exclude);
  if (failures.length === 0) console.log("没有发现反例。");
  return failures.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(`模糊测试无法运行：${(error as Error).message ?? String(error)}`);
    process.exitCode = 2;
  },
);
