/**
 * The valid hall a fuzz case starts from: the project's own generator (generateHall) on a variant
 * of the tiny preset — its seed, staff count, first day and length drawn by the case — or the
 * sample hall with its scenario's planted anomalies (generatePreset), written to tmpfs and read
 * back into the in-memory inbox (inbox-model.ts). Read once per variant and reused.
 */
import { isUtf8 } from "node:buffer";
import { readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, relative, sep } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { addDays, daysBetween, isOfficialWorkday } from "../../pipeline/generate/calendar.ts";
import { generateHall } from "../../pipeline/generate/generate.ts";
import { generatePreset } from "../../pipeline/generate/generate-preset.ts";
import type { Staff } from "../../pipeline/generate/hall-model.ts";
import { presets } from "../../pipeline/generate/presets.ts";
import { matchHeader } from "../../pipeline/ingest/header.ts";
import { cellText } from "../../pipeline/ingest/read-xlsx.ts";
import { sourceByFolder } from "../../pipeline/ingest/sources.ts";
import { type FileFormat, folderOf, type TableFile } from "./inbox-model.ts";

export interface HallSpec {
  /** The sample hall with its planted anomalies (the preset and scenario of data/sample) instead of a tiny one. */
  sample?: true;
  seed: number;
  staff: number;
  /** The first generated day (YYYY-MM-DD). */
  firstDay: string;
  days: number;
}

export interface BaseHall {
  spec: HallSpec;
  files: readonly TableFile[];
  staff: readonly Staff[];
  /** The official working days of the generated period. */
  workdays: readonly string[];
  firstDay: string;
  lastDay: string;
}

/** tmpfs when the machine has one: a case's files and state never touch the disk. */
export const scratchRoot = (): string => process.env.FUZZ_SCRATCH ?? "/dev/shm";

const cache = new Map<string, Promise<BaseHall>>();

export function baseHall(spec: HallSpec): Promise<BaseHall> {
  const key = JSON.stringify(spec);
  let hall = cache.get(key);
  if (!hall) {
    hall = generateBase(spec);
    cache.set(key, hall);
    // a failed generation is not remembered
    hall.catch(() => cache.delete(key));
  }
  return hall;
}

async function generateBase(spec: HallSpec): Promise<BaseHall> {
  if (spec.sample) return generateSample(spec);
  const lastDay = addDays(spec.firstDay, spec.days - 1);
  const preset = {
    ...presets.tiny,
    seed: spec.seed,
    staff: spec.staff,
    departments: Math.min(presets.tiny.departments, spec.staff),
    firstDay: spec.firstDay,
    lastDay,
    // the case decides which files are workbooks; reading generated xlsx back would cost more
    xlsx: false,
  };
  const directory = join(scratchRoot() || tmpdir(), `fuzz-base-${process.pid}-${spec.seed}-${spec.firstDay}`);
  try {
    const result = await generateHall({ preset, out: directory });
    const files: TableFile[] = [];
    for (const path of (await listFiles(directory)).sort()) files.push(await readTable(directory, path));
    return {
      spec,
      files,
      staff: result.hall.staff,
      workdays: daysBetween(spec.firstDay, lastDay).filter(isOfficialWorkday),
      firstDay: spec.firstDay,
      lastDay,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The sample's whole inbox (42 staff, two months): some thirty times a tiny hall's cost per case. */
async function generateSample(spec: HallSpec): Promise<BaseHall> {
  const preset = presets.sample;
  const directory = join(scratchRoot() || tmpdir(), `fuzz-base-${process.pid}-sample`);
  try {
    const result = await generatePreset(preset, directory);
    const files: TableFile[] = [];
    for (const path of (await listFiles(directory)).filter((file) => file.includes("/")).sort())
      files.push(await readTable(directory, path));
    return {
      spec,
      files,
      staff: result.hall.staff,
      workdays: result.workdays,
      firstDay: preset.firstDay,
      lastDay: preset.lastDay,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function listFiles(root: string, directory = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(root, path)));
    else found.push(relative(root, path).split(sep).join("/"));
  }
  return found;
}

/** Reads back a file the generator wrote (CSV in UTF-8, with BOM or GBK, the device log, or xlsx). */
async function readTable(root: string, path: string): Promise<TableFile> {
  const folder = folderOf(path);
  const source = sourceByFolder.get(folder);
  if (!source) throw new Error(`generator wrote a file outside the sources: ${path}`);
  const bytes = await readFile(join(root, path));
  if (extname(path) === ".xlsx") return tableOf(path, await xlsxRows(bytes), { kind: "xlsx" });
  const bom = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
  const gbk = !isUtf8(bytes);
  const text = gbk ? iconv.decode(bytes, "gb18030") : bytes.toString("utf8").replace(/^\uFEFF/, "");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (extname(path) === ".dat") {
    const rows = text
      .split(eol)
      .filter((line) => line !== "")
      .map((line) => line.split("\t"));
    return {
      kind: "table",
      path,
      folder,
      headers: null,
      names: [...source.deviceLogColumns!],
      rows,
      format: { kind: "dat" },
    };
  }
  const records = parse(text, { relax_column_count: true }) as string[][];
  return tableOf(path, records, {
    kind: "csv",
    encoding: gbk ? "gbk" : bom ? "utf-8-bom" : "utf-8",
    separator: ",",
    eol,
  });
}

/** A table from its records: the header is the first that names the source's columns, title rows above it kept. */
function tableOf(path: string, records: string[][], format: FileFormat): TableFile {
  const folder = folderOf(path);
  const match = matchHeader(sourceByFolder.get(folder)!, records.slice(0, 10));
  if (!match) throw new Error(`generated file without a header: ${path}`);
  const headers = records[match.rowIndex]!;
  const names = headers.map((_, position) => {
    for (const [name, at] of match.positions) if (at === position) return name;
    return null;
  });
  const preamble = records.slice(0, match.rowIndex).map((cells) => cells.join(","));
  const rows = records.slice(match.rowIndex + 1);
  return {
    kind: "table",
    path,
    folder,
    headers,
    names,
    rows,
    format,
    ...(preamble.length ? { preamble } : {}),
  };
}

/** The first sheet's rows as text, the way ingest reads them (read-xlsx.ts). */
async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row, number) => {
    while (rows.length < number - 1) rows.push([]);
    // row.values is sparse where cells are empty: Array.from visits the holes (map would leave them)
    rows.push(Array.from((row.values as ExcelJS.CellValue[]).slice(1), (value) => cellText(value) ?? ""));
  });
  return rows;
}
