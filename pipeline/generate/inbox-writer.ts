/**
 * Opens the inbox's files under their source folders with headers taken from the source
 * definitions (Chinese headers by default, the English aliases, or a device's own spellings),
 * and appends planted rows to a file just before it is closed.
 */
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { type Source, sourceByFolder } from "../ingest/sources.ts";
import { type Cell, openTable, type TableFormat, type TableWriter } from "./table-writer.ts";

/** How a file names its columns: the contract's Chinese headers, the English aliases, or custom. */
export type HeaderStyle = "chinese" | "english" | Readonly<Record<string, string>>;

export interface WrittenFile {
  path: string;
  rows: number;
}

export type RowRecord = Readonly<Record<string, Cell>>;

/** The column that routes a root-level row of a many-hall inbox to its hall (data-contract §1). */
export const ROUTING_COLUMN = { name: "hall_code", header: "大厅编码" } as const;

/** The `halls/` register of a many-hall inbox, which is not a source of any one hall. */
export const HALLS_REGISTER: Pick<Source, "folder" | "columns"> = {
  folder: "halls",
  columns: [
    ["hall_code", "大厅编码", true],
    ["hall_name", "大厅名称", true],
    ["parent_code", "上级大厅编码", false],
    ["region", "地区", false],
    ["start_date", "启用日期", false],
    ["end_date", "停用日期", false],
  ].map(([name, header, required]) => ({
    name: `${name}`,
    header: `${header}`,
    aliases: [`${name}`],
    required: required === true,
  })),
};

/** A folder's columns: a source's own, plus the routing column every root-level source may carry. */
function columnsOf(folder: string): Source["columns"] {
  if (folder === HALLS_REGISTER.folder) return HALLS_REGISTER.columns;
  const source = sourceByFolder.get(folder);
  if (!source) throw new Error(`unknown inbox folder: ${folder}`);
  return [...source.columns, { ...ROUTING_COLUMN, aliases: [ROUTING_COLUMN.name], required: false }];
}

export class InboxTable {
  constructor(
    private readonly writer: TableWriter,
    readonly columns: readonly string[],
    private readonly onClose: () => Promise<void>,
  ) {}

  get rows(): number {
    return this.writer.rows;
  }

  /** Cells in the order of `columns`. */
  row(cells: readonly Cell[]): void {
    this.writer.row(cells);
  }

  record(record: RowRecord): void {
    this.writer.row(this.columns.map((column) => record[column]));
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

export class InboxWriter {
  readonly written: WrittenFile[] = [];
  private readonly planted = new Map<string, RowRecord[]>();

  constructor(readonly root: string) {}

  /** Rows to append to `folder/file` when it is closed (bad rows, corrections, …). */
  plant(folder: string, file: string, records: readonly RowRecord[]): void {
    const key = `${folder}/${file}`;
    this.planted.set(key, [...(this.planted.get(key) ?? []), ...records]);
  }

  open(
    folder: string,
    file: string,
    columns: readonly string[],
    format: TableFormat,
    headerStyle: HeaderStyle = "chinese",
  ): InboxTable {
    const known = columnsOf(folder);
    const headers =
      format.kind === "dat"
        ? null
        : columns.map((name) => {
            const column = known.find((candidate) => candidate.name === name);
            if (!column) throw new Error(`unknown column ${name} of ${folder}`);
            if (headerStyle === "chinese") return column.header;
            if (headerStyle === "english") return column.name;
            return headerStyle[name] ?? column.header;
          });
    const key = `${folder}/${file}`;
    const writer = openTable(join(this.root, folder, file), headers, format);
    const table: InboxTable = new InboxTable(writer, columns, async () => {
      for (const record of this.planted.get(key) ?? []) table.record(record);
      this.planted.delete(key);
      await writer.close();
      this.written.push({ path: key, rows: writer.rows });
    });
    return table;
  }

  /** Writes a whole small file at once. */
  async write(
    folder: string,
    file: string,
    columns: readonly string[],
    format: TableFormat,
    records: readonly RowRecord[],
    headerStyle: HeaderStyle = "chinese",
  ): Promise<void> {
    const table = this.open(folder, file, columns, format, headerStyle);
    for (const record of records) table.record(record);
    await table.close();
  }

  /** A re-export of a written file under another name, byte for byte. */
  async copy(folder: string, file: string, copyName: string): Promise<void> {
    const written = this.written.find((entry) => entry.path === `${folder}/${file}`);
    if (!written) throw new Error(`cannot copy ${folder}/${file}: not written`);
    await copyFile(join(this.root, folder, file), join(this.root, folder, copyName));
    this.written.push({ path: `${folder}/${copyName}`, rows: written.rows });
  }

  /** Planted rows whose file was never opened: a mistake in the scenario, not in the data. */
  assertAllPlanted(): void {
    if (this.planted.size > 0)
      throw new Error(`planted rows for files never written: ${[...this.planted.keys()].join(", ")}`);
  }
}
