/**
 * The hall's configuration: every number of rules.md as a parameter with the rule book's default.
 * A configuration file overrides any subset; a bad key or value stops the run with a message that
 * names both.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "应为 HH:MM 格式的时刻");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "应为 YYYY-MM-DD 格式的日期");
const minutes = z.number().int().min(0);
const workingDays = z.number().int().min(0);
const share = z.number().min(0).max(1);
const points = z.number();
/** 大厅编码: letters, digits and `-` (data-contract §1, many halls). */
export const hallCode = z.string().regex(/^[A-Za-z0-9-]+$/, "大厅编码只能由字母、数字和 - 组成");

const hoursSchema = z
  .strictObject({
    effective_from: isoDate,
    am_start: clock,
    am_end: clock,
    pm_start: clock,
    pm_end: clock,
  })
  .refine((h) => h.am_start < h.am_end && h.am_end < h.pm_start && h.pm_start < h.pm_end, {
    message: "上午、下午时段须依次排列且不重叠",
  });

/** Points of every score-event code of rules.md §2–§8 (signed: deductions negative; 0 writes no event). */
const pointsSchema = z.strictObject({
  ATT_LATE: points,
  ATT_EARLY: points,
  ATT_MISS: points,
  ABSENT_HALF: points,
  AWAY_30: points,
  AWAY_HALF: points,
  DISC_ENTERTAIN: points,
  DISC_SMOKE_SNACK: points,
  DISC_ALCOHOL: points,
  DRESS_BADGE: points,
  DESK_SIGN: points,
  QUARREL: points,
  NOTIFY_ONCE: points,
  ENV_MESSY: points,
  DESK_CLUTTER: points,
  DESK_AFTER_WORK: points,
  CASE_FALSE_CLOSE: points,
  CASE_ERROR_REDO: points,
  CASE_NOT_ENTERED: points,
  CASE_LATE_ENTRY: points,
  EARLY_COMPLETION: points,
  CASE_RETURN_UNEXPLAINED: points,
  COMPLAINT_VERIFIED: points,
  PRAISE: points,
  SUGGESTION: points,
  HONOR_CITY: points,
  HONOR_PROVINCE: points,
  BAD_EVALUATION: points,
});

export const configSchema = z.strictObject({
  hall: z.strictObject({
    /** The hall's code (大厅编码) of a one-hall inbox; a many-hall inbox names its halls in `halls/`. */
    code: hallCode,
    name: z.string().min(1),
  }),
  /** Hall hours with effective-from dates (summer and winter timetables), rules.md §1. */
  hours: z.array(hoursSchema).min(1),
  attendance: z.strictObject({
    grace_minutes: minutes,
    duplicate_punch_seconds: z.number().int().min(0),
  }),
  away: z.strictObject({
    /** At least a minute: incidents then start in different minutes, which names their events apart. */
    merge_gap_minutes: z.number().int().min(1),
    over_minutes: minutes,
    /** AWAY_HALF: an incident longer than this share of the day's scheduled minutes (rev 2). */
    half_day_share: share,
    /** The 暂时离岗 allowance: a cover (顶岗) arriving later than this after the departure is an away interval. */
    temporary_leave_minutes: minutes,
    /** A 恢复/登录 logged up to this many seconds before its 暂停/退出 pairs with it (clock skew). */
    skew_tolerance_seconds: z.number().int().min(0),
    excused_reasons: z.array(z.string().min(1)),
  }),
  cases: z.strictObject({
    /** A 受理 ticket's case is due by the end of this working day after the ticket's day (§5). */
    entry_due_working_days: z.number().int().min(1),
    early_completion_min_cases: z.number().int().min(1),
    early_completion_step_percent: z.number().int().min(1).max(100),
  }),
  complaints: z.strictObject({
    complex_working_days: workingDays,
    feedback_working_days: workingDays,
    default_complexity: z.enum(["简单", "复杂"]),
  }),
  evaluations: z.strictObject({ bad_rectify_working_days: workingDays }),
  /** 好差评 integrity leads (疑似异常评价, issue 17): they raise flags for inspectors, never points. */
  evaluation_flags: z.strictObject({
    /** Clock difference and the walk to and from the window allowed around a ticket's call times. */
    timing_tolerance_seconds: z.number().int().min(0),
    /** A burst: more than this many evaluations at one window… */
    burst_over_evaluations: z.number().int().min(1),
    /** …within this many minutes, with no ticket finished at the window in between. */
    burst_minutes: z.number().int().min(1),
    /** Machine-like delays: at least this many of a person's rated tickets in the month… */
    delay_min_evaluations: z.number().int().min(1),
    /** …of which this share is rated within `delay_spread_seconds` of the person's median delay… */
    delay_share: share,
    delay_spread_seconds: z.number().int().min(0),
    /** A later file that repeats at least this share of an earlier evaluator file's ids re-exports it. */
    reexport_share: share,
  }),
  queue: z.strictObject({ target_wait_minutes: minutes }),
  score: z.strictObject({
    base: z.number(),
    addition_cap: z.number().min(0).nullable(),
    floor: z.number().nullable(),
  }),
  grades: z
    .strictObject({ excellent_share: share, last_share: share })
    .refine((g) => g.excellent_share + g.last_share <= 1, { message: "优秀与末位比例之和不能超过 1" }),
  awards: z.strictObject({
    min_duty_share: share,
    /** rules.md §12 (rev 2): a post without a valid B holder blocks 文明服务窗口 (default: listed only). */
    post_without_backup_blocks: z.boolean(),
  }),
  investigations: z.strictObject({ aggravation_window_days: z.number().int().min(1) }),
  appeals: z.strictObject({ window_working_days: workingDays }),
  points: pointsSchema,
  /** Published versions kept in `--out/versions` for `rollback` (the current one is always kept). */
  publication: z.strictObject({ keep_versions: z.number().int().min(1) }),
  /**
   * Settings of one hall by its code (rules.md §15): any subset of the sections above, deep-merged
   * over them for that hall only (hallConfig). Each hall's merged configuration is validated too.
   */
  halls: z.record(hallCode, z.record(z.string(), z.unknown())),
});

export type Config = z.infer<typeof configSchema>;

/** The rule book's numbers (rules.md); a hall's file overrides any of them. */
export const defaultConfig: Config = {
  hall: { code: "main", name: "示例县政务服务中心" },
  hours: [
    { effective_from: "2000-01-01", am_start: "08:30", am_end: "12:00", pm_start: "14:30", pm_end: "17:00" },
  ],
  attendance: { grace_minutes: 10, duplicate_punch_seconds: 60 },
  away: {
    merge_gap_minutes: 5,
    over_minutes: 30,
    half_day_share: 0.5,
    temporary_leave_minutes: 15,
    skew_tolerance_seconds: 60,
    excused_reasons: ["系统故障", "培训", "中心指派任务"],
  },
  cases: { entry_due_working_days: 1, early_completion_min_cases: 5, early_completion_step_percent: 10 },
  complaints: { complex_working_days: 3, feedback_working_days: 1, default_complexity: "简单" },
  evaluations: { bad_rectify_working_days: 5 },
  evaluation_flags: {
    timing_tolerance_seconds: 120,
    burst_over_evaluations: 3,
    burst_minutes: 10,
    delay_min_evaluations: 20,
    delay_share: 0.9,
    delay_spread_seconds: 3,
    reexport_share: 0.5,
  },
  queue: { target_wait_minutes: 20 },
  score: { base: 100, addition_cap: null, floor: null },
  grades: { excellent_share: 0.18, last_share: 0.02 },
  awards: { min_duty_share: 0.5, post_without_backup_blocks: false },
  investigations: { aggravation_window_days: 365 },
  appeals: { window_working_days: 5 },
  points: {
    ATT_LATE: -1,
    ATT_EARLY: -1,
    ATT_MISS: -2,
    ABSENT_HALF: -5,
    AWAY_30: -3,
    AWAY_HALF: -5,
    DISC_ENTERTAIN: -5,
    DISC_SMOKE_SNACK: -1,
    DISC_ALCOHOL: -5,
    DRESS_BADGE: -2,
    DESK_SIGN: -2,
    QUARREL: -5,
    NOTIFY_ONCE: -5,
    ENV_MESSY: -5,
    DESK_CLUTTER: -5,
    DESK_AFTER_WORK: -5,
    CASE_FALSE_CLOSE: -5,
    CASE_ERROR_REDO: -5,
    CASE_NOT_ENTERED: -5,
    CASE_LATE_ENTRY: -2,
    EARLY_COMPLETION: 1,
    CASE_RETURN_UNEXPLAINED: -2,
    COMPLAINT_VERIFIED: -5,
    PRAISE: 2,
    SUGGESTION: 1,
    HONOR_CITY: 2,
    HONOR_PROVINCE: 3,
    // rules.md §8 (rev 2): off unless a hall sets points per 差评
    BAD_EVALUATION: 0,
  },
  publication: { keep_versions: 3 },
  halls: {},
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Deep-merges a partial configuration over the defaults; arrays replace, they do not merge. */
function mergeOver(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeOver(base[key], value);
  return merged;
}

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (node, key) => (isPlainObject(node) || Array.isArray(node) ? (node as never)[key] : undefined),
    root,
  );

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const key = issue.path.map(String).join(".") || "(根)";
  switch (issue.code) {
    case "unrecognized_keys":
      return `未知的配置项 ${issue.keys.map((name) => (issue.path.length ? `${key}.${name}` : name)).join("、")}`;
    case "invalid_type":
      return `配置项 ${key} 的值 ${JSON.stringify(valueAt(input, issue.path)) ?? "（缺失）"} 无效：应为${typeNames[issue.expected] ?? issue.expected}`;
    case "too_small":
      return `配置项 ${key} 的值 ${JSON.stringify(valueAt(input, issue.path))} 无效：不能小于 ${issue.minimum}`;
    case "too_big":
      return `配置项 ${key} 的值 ${JSON.stringify(valueAt(input, issue.path))} 无效：不能大于 ${issue.maximum}`;
    default:
      return `配置项 ${key} 的值 ${JSON.stringify(valueAt(input, issue.path))} 无效：${issue.message}`;
  }
}

const typeNames: Record<string, string> = {
  number: "数字",
  int: "整数",
  string: "文本",
  boolean: "是/否（true/false）",
  array: "列表",
  object: "对象",
};

/**
 * Validates a configuration object (defaults already merged in), each hall's overrides merged over
 * it included; throws ConfigError naming key and value (a hall's as `halls.<code>.<key>`).
 */
export function parseConfig(input: unknown): Config {
  const result = configSchema.safeParse(input);
  if (!result.success)
    throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, input)).join("；"));
  const problems: string[] = [];
  for (const [code, overrides] of Object.entries(result.data.halls)) {
    if ("halls" in overrides) problems.push(`配置项 halls.${code}.halls 无效：大厅的配置中不能再含 halls`);
    const merged = mergeOver({ ...result.data, halls: {} }, overrides);
    const hall = configSchema.safeParse(merged);
    if (!hall.success)
      problems.push(
        ...hall.error.issues.map((issue) =>
          describeIssue({ ...issue, path: ["halls", code, ...issue.path] }, { halls: { [code]: merged } }),
        ),
      );
  }
  if (problems.length > 0) throw new ConfigError(problems.join("；"));
  return result.data;
}

/** The configuration in force for one hall: its `halls.<code>` settings deep-merged over the rest. */
export function hallConfig(config: Config, code: string): Config {
  const overrides = config.halls[code];
  return overrides
    ? configSchema.parse(mergeOver({ ...config, halls: {} }, overrides))
    : { ...config, halls: {} };
}

/** Reads a JSON configuration file and merges it over `base` (the defaults, or a what-if's current configuration). */
export async function loadConfig(file?: string, base: Config = defaultConfig): Promise<Config> {
  if (!file) return base;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(
      `无法读取配置文件 ${file}：${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let overrides: unknown;
  try {
    overrides = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`配置文件 ${file} 不是有效的 JSON：${(error as Error).message}`);
  }
  if (!isPlainObject(overrides)) throw new ConfigError(`配置文件 ${file} 的顶层应为对象`);
  return parseConfig(mergeOver(base, overrides));
}
