/**
 * `rollback`: switches an `--out`'s publication back to an earlier kept version (by default the
 * one numbered just before the current one), by the same single switch a run publishes with, and
 * under the same lock. Only the publication moves: the private state does not, so the next run
 * publishes anew from it (README, 运维).
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { manifestFile, outLayout, unversionedEntries, versionName } from "./out-layout.ts";
import { claimOut } from "./publish/claim-out.ts";
import { currentVersion, exists, listVersions, readManifest, switchTo } from "./publish/versions.ts";
import { shown } from "./summary.ts";

export class RollbackRefused extends Error {
  override name = "RollbackRefused";
}

/** `to` is a kept version's number (`6` or `000006`); returns the lines to print. */
export async function rollback(out: string, to?: string): Promise<string[]> {
  const layout = outLayout(out);
  const published = [layout.current, ...unversionedEntries.map((entry) => join(out, entry))];
  const nothingPublished = new RollbackRefused(`输出目录 ${shown(out)} 中还没有发布过任何结果，无法回滚`);
  if (!(await Promise.all(published.map(exists))).some(Boolean)) throw nothingPublished;
  const { build, release } = await claimOut(layout);
  try {
    const versions = await listVersions(layout);
    const current = await currentVersion(layout);
    if (!current) throw nothingPublished;
    const kept = `保留的版本：${versions.join("、")}`;
    const target = to === undefined ? versions.filter((version) => version < current).at(-1) : versionOf(to);
    if (target === undefined)
      throw new RollbackRefused(`当前版本 ${current} 之前没有保留的版本可以回滚（${kept}）`);
    if (!versions.includes(target)) throw new RollbackRefused(`没有保留版本 ${target}（${kept}）`);
    if (target === current) throw new RollbackRefused(`版本 ${target} 已经是当前发布的版本（${kept}）`);
    const describe = async (version: string) => {
      const manifest = await readManifest(layout, version);
      const asOf = manifest?.asOf ? `基准日期 ${manifest.asOf}` : "升级前的发布";
      return `版本 ${version}（${asOf}，发布于 ${manifest?.publishedAt ?? "时间不详"}）`;
    };
    const from = await describe(current);
    const into = await describe(target);
    await switchTo(layout, build, target);
    const entries = await readdir(join(layout.versions, target));
    const paths = entries
      .filter((entry) => entry !== manifestFile)
      .sort()
      .map((entry) => shown(join(out, entry)));
    return [
      `已回滚：发布内容从${from}切换到${into}。`,
      `${paths.join("、")} 现在都是版本 ${target} 的内容，路径不变。`,
      `${kept}（当前 ${target}）。`,
      `注意：回滚只切换发布的内容，不改变私有状态（已读入的数据、已冻结的月份）。下一次运行照常读取收件箱，` +
        `从私有状态重新计算并发布新版本 ${versionName(Number(versions.at(-1)) + 1)}，回滚随之结束。` +
        "如果回滚是因为收件箱里的数据有误，请在下一次运行前放入更正后的导出文件，或先暂停夜间任务；" +
        "如果是已确认冻结月份的结果有误，请用 --reopen YYYY-MM 重算该月。",
    ];
  } finally {
    await release();
  }
}

const versionOf = (text: string): string => (/^\d{1,6}$/.test(text) ? versionName(Number(text)) : text);
