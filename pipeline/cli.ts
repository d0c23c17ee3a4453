/**
 * The command line (data-contract §2):
 *   npm run pipeline -- --inbox DIR --out DIR [--as-of YYYY-MM-DD] [--config FILE] [--reopen YYYY-MM]
 *   npm run pipeline -- explain --out DIR STAFF_ID YYYY-MM
 *   npm run pipeline -- rollback --out DIR [--to VERSION]
 *   npm run pipeline -- whatif --out DIR --config FILE [--month YYYY-MM] [--hall CODE]
 *   npm run pipeline -- report --year YYYY --out DIR
 * Exit 0 when the run published; otherwise one Chinese line saying why, and a non-zero status.
 */
import { parseArgs } from "node:util";
import { ConfigError } from "./config.ts";
import { explainScore, NotFound } from "./explain.ts";
import { LockHeld } from "./lock.ts";
import { publishParquet } from "./publish/parquet.ts";
import { publishSite } from "./publish/site.ts";
import { publishWorkbooks } from "./publish/workbooks.ts";
import { YearNotFound } from "./publish/year-workbook.ts";
import { reportYear } from "./report.ts";
import { RollbackRefused, rollback } from "./rollback.ts";
import { runPipeline } from "./run.ts";
import { InvariantError } from "./transform/run-models.ts";
import { WhatIfRefused, whatIf } from "./whatif.ts";

const usage = `用法：
  npm run pipeline -- --inbox 收件箱目录 --out 输出目录 [--as-of YYYY-MM-DD] [--config 配置文件] [--reopen YYYY-MM]
  npm run pipeline -- explain --out 输出目录 工号 YYYY-MM [--hall 大厅编码]   （多个大厅时须指定大厅）
  npm run pipeline -- rollback --out 输出目录 [--to 版本号]
  npm run pipeline -- whatif --out 输出目录 --config 配置文件 [--month YYYY-MM] [--hall 大厅编码]   （多个大厅时须指定大厅）
      假设测试：按配置文件改动上次运行的配置，重算未冻结的月份（或 --month 指定的月份，已冻结的也可以），
      列出谁的名次、等级、评优和各项加扣分会变化，并写出对比表；不发布，不改变任何结果
  npm run pipeline -- report --year 年份 --out 输出目录    （年度考核工作簿，年初至今）`;

class UsageError extends Error {}

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

const options = {
  inbox: { type: "string" },
  out: { type: "string" },
  "as-of": { type: "string" },
  config: { type: "string" },
  reopen: { type: "string" },
  to: { type: "string" },
  month: { type: "string" },
  year: { type: "string" },
  hall: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals[0] === "explain") {
    const [, staffId, month] = positionals;
    if (!values.out || !staffId || !month) throw new UsageError("explain 需要 --out、工号和月份");
    if (!isMonth(month)) throw new UsageError(`月份 ${month} 无效：应为 YYYY-MM`);
    for (const line of await explainScore(values.out, staffId, month, values.hall)) console.log(line);
    return 0;
  }
  if (positionals[0] === "rollback" && positionals.length === 1) {
    if (!values.out) throw new UsageError("rollback 需要 --out");
    for (const line of await rollback(values.out, values.to)) console.log(line);
    return 0;
  }
  if (positionals[0] === "whatif" && positionals.length === 1) {
    if (!values.out || !values.config) throw new UsageError("whatif 需要 --out 和 --config");
    if (values.month && !isMonth(values.month))
      throw new UsageError(`--month ${values.month} 无效：应为 YYYY-MM`);
    const { lines } = await whatIf({
      out: values.out,
      configFile: values.config,
      month: values.month,
      hall: values.hall,
    });
    for (const line of lines) console.log(line);
    return 0;
  }
  if (positionals[0] === "report" && positionals.length === 1) {
    if (!values.out || !values.year) throw new UsageError("report 需要 --year 和 --out");
    if (!/^\d{4}$/.test(values.year))
      throw new UsageError(`--year ${values.year} 无效：应为四位数的年份，如 2026`);
    for (const line of await reportYear(values.out, Number(values.year))) console.log(line);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`无法识别的参数：${positionals.join(" ")}`);
  if (values.month) throw new UsageError("--month 只用于 whatif");
  if (values.to) throw new UsageError("--to 只用于 rollback");
  if (values.year) throw new UsageError("--year 只用于 report");
  if (!values.inbox || !values.out) throw new UsageError("需要 --inbox 和 --out");
  if (values["as-of"] && !isDate(values["as-of"]))
    throw new UsageError(`--as-of ${values["as-of"]} 无效：应为 YYYY-MM-DD`);
  if (values.reopen && !isMonth(values.reopen))
    throw new UsageError(`--reopen ${values.reopen} 无效：应为 YYYY-MM`);
  await runPipeline({
    inbox: values.inbox,
    out: values.out,
    asOf: values["as-of"],
    configFile: values.config,
    reopen: values.reopen,
    publishers: [publishWorkbooks, publishParquet, publishSite],
  });
  return 0;
}

/** One line for the operator; the stack only when it is our bug, not their input. */
function describeFailure(error: unknown): string {
  if (error instanceof UsageError) return `${error.message}\n${usage}`;
  if (error instanceof InvariantError) return [error.message, ...error.advice].join("\n");
  if (
    error instanceof ConfigError ||
    error instanceof LockHeld ||
    error instanceof NotFound ||
    error instanceof RollbackRefused ||
    error instanceof WhatIfRefused ||
    error instanceof YearNotFound
  )
    return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `找不到文件或目录：${(error as NodeJS.ErrnoException).path}`;
  if (code === "EACCES") return `没有权限访问：${(error as NodeJS.ErrnoException).path}`;
  if (error instanceof TypeError && error.message.includes("parseArgs")) return `${error.message}\n${usage}`;
  const message = ((error as Error).message ?? String(error)).split("\n")[0];
  return `${message}${process.env.DEBUG ? `\n${(error as Error).stack}` : "（设置环境变量 DEBUG=1 可查看详情）"}`;
}

/**
 * The first words of the failure line say what did not happen: only the nightly run and a rollback
 * touch the publication; explain, whatif and report read it and change nothing.
 */
const failurePrefixes: Record<string, string> = {
  explain: "无法解释得分：",
  rollback: "回滚未执行，当前发布的结果保持不变：",
  whatif: "假设测试未完成（不影响已发布的结果）：",
  report: "年度工作簿未生成：",
};
const runFailurePrefix = "运行失败，上次发布的结果保持不变：";

function failurePrefix(argv: string[]): string {
  const { positionals } = parseArgs({ args: argv, strict: false, allowPositionals: true, options });
  return failurePrefixes[positionals[0] ?? ""] ?? runFailurePrefix;
}

let settled = false;
// Node exits with 0 when nothing is left to wait for, even with the run still pending (a library
// whose promise never settles): that must never look like success to cron.
process.once("beforeExit", () => {
  if (settled) return;
  console.error(
    `${failurePrefix(process.argv.slice(2))}运行中途停止，既未完成也未报错（内部错误，请联系维护人员）`,
  );
  process.exitCode = 1;
});

main(process.argv.slice(2))
  .then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      console.error(`${failurePrefix(process.argv.slice(2))}${describeFailure(error)}`);
      process.exitCode = 1;
    },
  )
  .finally(() => {
    settled = true;
  });
