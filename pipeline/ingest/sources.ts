/**
 * The thirteen inbox sources of data-contract §1: folder and columns with their Chinese
 * headers and accepted aliases. Ingest maps whatever header a file has onto these canonical
 * column names; everything after ingest speaks only the canonical names. Which columns key a
 * source (a later row replaces an earlier one) is a rule of the staging models in sql/staging.
 */

export interface SourceColumn {
  /** Canonical column name in raw and staging tables. */
  readonly name: string;
  /** The Chinese header of data-contract §1. */
  readonly header: string;
  /** Further headers that mean the same column (English alias first). */
  readonly aliases: readonly string[];
  readonly required: boolean;
  /** Confidential: kept in the private state only, masked in quarantine and never published. */
  readonly confidential?: boolean;
}

export interface Source {
  /** Folder under the inbox, and the raw table's name (with `-` as `_`). */
  readonly folder: string;
  /** Chinese name used in operators' messages. */
  readonly title: string;
  readonly columns: readonly SourceColumn[];
  /** Column order of the headerless ZKTeco device log (`*.dat`), attendance only. */
  readonly deviceLogColumns?: readonly string[];
}

const column = (
  name: string,
  header: string,
  aliases: readonly string[],
  required = false,
  confidential = false,
): SourceColumn => ({ name, header, aliases, required, confidential });

const req = (name: string, header: string, ...aliases: string[]) =>
  column(name, header, [name, ...aliases], true);
const opt = (name: string, header: string, ...aliases: string[]) => column(name, header, [name, ...aliases]);

/** The halls register of a many-hall inbox (data-contract §1, rules.md §15); it lives at the inbox's root. */
export const hallsSource: Source = {
  folder: "halls",
  title: "大厅名册",
  columns: [
    req("hall_code", "大厅编码"),
    req("hall_name", "大厅名称"),
    opt("parent_code", "上级大厅编码"),
    opt("region", "地区"),
    opt("start_date", "启用日期"),
    opt("end_date", "停用日期"),
  ],
};

/**
 * 大厅编码 on a hall's own source: read from a root-level file that spans halls (where it routes each
 * row, and is required: routedSource), ignored in a hall's folder (the folder names the hall).
 */
const hallCodeColumn = opt("hall_code", "大厅编码");

const hallSources: readonly Source[] = [
  {
    folder: "roster",
    title: "人员名册",
    columns: [
      req("staff_id", "工号"),
      req("name", "姓名", "staff_name"),
      req("department", "部门", "窗口单位"),
      req("window_no", "窗口号", "A岗窗口"),
      opt("backup_window_no", "B岗窗口"),
      opt("attendance_no", "考勤号码"),
      opt("queue_login", "叫号账号"),
      opt("platform_account", "审批账号"),
      req("start_date", "入岗日期"),
      opt("end_date", "离岗日期"),
    ],
  },
  {
    folder: "calendar",
    title: "工作日调整",
    columns: [req("date", "日期"), req("is_workday", "是否工作日"), opt("note", "说明")],
  },
  {
    folder: "attendance",
    title: "考勤机记录",
    columns: [
      req("attendance_no", "考勤号码", "登记号码", "人员编号"),
      req("punched_at", "日期时间", "考勤时间"),
      opt("name", "姓名"),
      opt("department", "部门"),
      opt("device", "机器号"),
      opt("verify", "比对方式"),
    ],
    deviceLogColumns: ["attendance_no", "punched_at", "device", "state", "verify", "workcode"],
  },
  {
    folder: "leave",
    title: "请假/公出登记",
    columns: [
      req("id", "编号", "leave_id"),
      req("staff_id", "工号"),
      req("kind", "类型"),
      req("starts_at", "开始时间"),
      req("ends_at", "结束时间"),
      req("approval", "审批状态"),
      opt("approver", "审批人"),
      opt("cover_staff_id", "顶岗人工号"),
    ],
  },
  {
    folder: "queue",
    title: "叫号系统办件流水",
    columns: [
      req("ticket_no", "流水号"),
      req("issued_at", "取号时间"),
      opt("called_at", "叫号时间"),
      opt("started_at", "开始办理时间"),
      opt("finished_at", "办结时间"),
      req("window_no", "窗口号"),
      opt("queue_login", "工作人员账号"),
      opt("item", "事项名称"),
      req("outcome", "办理结果"),
    ],
  },
  {
    folder: "queue-events",
    title: "窗口状态日志",
    columns: [
      req("window_no", "窗口号"),
      req("queue_login", "工作人员账号"),
      req("event", "事件"),
      req("at", "时间"),
      opt("reason", "暂停原因"),
    ],
  },
  {
    folder: "evaluations",
    title: "评价器/好差评",
    columns: [
      req("id", "评价编号", "evaluation_id"),
      req("at", "评价时间"),
      req("level", "评价等级"),
      opt("channel", "评价渠道"),
      opt("window_no", "窗口号"),
      opt("queue_login", "工作人员账号"),
      opt("staff_id", "工号"),
      opt("ticket_no", "流水号"),
      opt("comment", "评价内容"),
      opt("rectified_at", "整改完成时间"),
    ],
  },
  {
    folder: "cases",
    title: "审批平台办件",
    columns: [
      req("case_id", "办件编号"),
      req("item", "事项名称"),
      req("kind", "办件类型"),
      req("promised_days", "承诺时限"),
      req("accepted_at", "受理时间"),
      opt("entered_at", "录入时间"),
      opt("completed_at", "办结时间"),
      req("status", "办件状态"),
      req("platform_account", "受理人账号"),
      opt("ticket_no", "流水号"),
    ],
  },
  {
    folder: "patrol",
    title: "巡查/督查记录",
    columns: [
      req("id", "巡查编号", "patrol_id"),
      req("at", "巡查时间"),
      req("patroller", "巡查人"),
      opt("window_no", "窗口号"),
      opt("staff_id", "工号"),
      req("finding", "问题类型"),
      opt("away_minutes", "离岗时长(分钟)", "离岗时长（分钟）", "离岗时长"),
      opt("case_id", "关联办件编号"),
      opt("evidence", "证据编号"),
      opt("note", "情况描述"),
    ],
  },
  {
    folder: "complaints",
    title: "投诉登记",
    columns: [
      req("id", "投诉编号", "complaint_id"),
      req("received_at", "受理时间"),
      opt("channel", "投诉渠道"),
      req("staff_id", "被投诉人工号"),
      req("category", "投诉类别"),
      // Free text written from what the complainant said: kept private like the name and phone.
      column("content", "投诉内容", ["content"], false, true),
      column("complainant_name", "投诉人姓名", ["complainant_name", "投诉人"], false, true),
      column("complainant_phone", "联系电话", ["complainant_phone", "投诉人电话"], false, true),
      opt("complexity", "复杂程度", "是否复杂"),
      opt("finding", "调查结论"),
      opt("at_fault", "过错方"),
      opt("decided_at", "处理决定时间"),
      opt("feedback_at", "反馈时间"),
    ],
  },
  {
    folder: "commendations",
    title: "表扬与建议",
    columns: [
      req("id", "编号", "commendation_id"),
      req("date", "日期"),
      req("staff_id", "工号"),
      req("kind", "类型"),
      req("verified", "是否核定"),
      opt("note", "说明"),
    ],
  },
  {
    folder: "investigations",
    title: "责任追究登记",
    columns: [
      opt("case_id", "案件编号"),
      req("staff_id", "工号"),
      opt("trigger", "触发条款"),
      opt("occurred_on", "发生日期"),
      opt("severity", "情节"),
      opt("aggravating", "从重情形"),
      opt("mitigating", "从轻情形"),
      req("decision", "认定结果"),
      opt("merged_into", "合并至"),
      opt("decided_on", "认定日期"),
    ],
  },
  {
    folder: "appeals",
    title: "申诉登记",
    columns: [
      req("id", "申诉编号", "appeal_id"),
      req("staff_id", "工号"),
      opt("target_id", "申诉对象编号"),
      opt("rule_code", "规则代码", "触发条款"),
      opt("event_date", "发生日期"),
      req("submitted_on", "提交日期"),
      opt("result", "处理结果"),
      opt("resolved_on", "处理日期"),
      opt("note", "说明"),
    ],
  },
];

/** The sources a hall's folder (or a one-hall inbox) holds. */
export const sources: readonly Source[] = hallSources.map((source) => ({
  ...source,
  columns: [...source.columns, hallCodeColumn],
}));

/** Every source with a raw table: a hall's, and the halls register. */
export const allSources: readonly Source[] = [...sources, hallsSource];

export const sourceByFolder: ReadonlyMap<string, Source> = new Map(
  sources.map((source) => [source.folder, source]),
);

const routedSources = new Map<Source, Source>();

/** A source read from a root-level folder of a many-hall inbox: its 大厅编码 column is required. */
export function routedSource(source: Source): Source {
  let routed = routedSources.get(source);
  if (!routed) {
    routed = {
      ...source,
      columns: source.columns.map((column) =>
        column.name === hallCodeColumn.name ? { ...column, required: true } : column,
      ),
    };
    routedSources.set(source, routed);
  }
  return routed;
}

/** Raw and staging table stem of a source: `queue-events` → `queue_events`. */
export const tableStem = (source: Source): string => source.folder.replaceAll("-", "_");
