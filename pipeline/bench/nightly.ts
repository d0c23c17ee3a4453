/**
 * The nightly case: an inbox holding the month minus its last day, to which the last day's
 * exports are then added (event files carry their date in the name). Files are hard links, so
 * building the split costs nothing however large the inbox is.
 */
import { link, mkdir, rm } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { listFiles } from "./floor.ts";

/** The latest `YYYY-MM-DD` that appears in a file name of the inbox. */
export function lastExportDay(paths: readonly string[]): string {
  let last = "";
  for (const path of paths)
    for (const [day] of path.matchAll(/\d{4}-\d{2}-\d{2}/g)) if (day > last) last = day;
  if (!last) throw new Error("收件箱中没有带日期的导出文件，无法模拟夜间增量");
  return last;
}

export interface NightlySplit {
  lastDay: string;
  /** Adds the last day's files to the split inbox. */
  addLastDay(): Promise<number>;
}

export async function splitInbox(inbox: string, target: string): Promise<NightlySplit> {
  await rm(target, { recursive: true, force: true });
  const files = await listFiles(inbox);
  const lastDay = lastExportDay(files.map((path) => relative(inbox, path)));
  const place = async (path: string) => {
    const copy = join(target, relative(inbox, path));
    await mkdir(dirname(copy), { recursive: true });
    await link(path, copy);
  };
  const later = files.filter((path) => relative(inbox, path).includes(lastDay));
  for (const path of files) if (!later.includes(path)) await place(path);
  return {
    lastDay,
    async addLastDay() {
      for (const path of later) await place(path);
      return later.length;
    },
  };
}
