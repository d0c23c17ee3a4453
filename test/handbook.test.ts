/**
 * The rule handbook (docs/规则说明.md) is what users cite and what HR hands out: its chapters keep the
 * rule book's numbering, every rule code stands in its chapter with its default points, every
 * setting of the configuration is listed with its default, every 《规则说明》§N the product prints
 * names a chapter, and neither it nor README links outside the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../pipeline/config.ts";
import { sqlRoot } from "../pipeline/transform/models.ts";
import { configurationEntries } from "../pipeline/transform/parameters.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const handbookPath = join(root, "docs", "规则说明.md");
const handbook = readFileSync(handbookPath, "utf8");
const seed = (name: string) =>
  parse(readFileSync(join(sqlRoot, "seeds", `${name}.csv`)), { columns: true }) as Record<string, string>[];

/** Chapter number → its text, from `## §N title` to the next `## `. */
const chapters = new Map(
  [...handbook.matchAll(/^## §(\d+) [^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)].map((match) => [
    Number(match[1]),
    match[2] ?? "",
  ]),
);

/** Table rows of a text by each `` `key` `` in their first two cells, as their cells. */
function rowsByKey(text: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    for (const key of cells
      .slice(0, 2)
      .join(" ")
      .matchAll(/`([^`]+)`/g))
      rows.set(key[1] ?? "", cells);
  }
  return rows;
}

/** Files under `directory` (recursively), skipping Framework's cache. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === ".observablehq" || name === "node_modules") return [];
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Relative link targets of a markdown file, resolved against its folder. */
function linkTargets(path: string): string[] {
  const text = readFileSync(path, "utf8");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith("#"))
    .map((target) => resolve(dirname(path), decodeURI(target.split("#")[0] ?? "")));
}

describe("the rule handbook docs/规则说明.md", () => {
  it("keeps the rule book's chapters §1–§15 in order and adds §16–§20 after them", () => {
    expect([...chapters.keys()]).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it("names every rule code in the chapter of its section, with its default points", () => {
    const points = defaultConfig.points as Record<string, number>;
    const misplaced = seed("rule_codes").flatMap(({ rule_code: code = "", section = "" }) => {
      const row = rowsByKey(chapters.get(Number(section.slice(1))) ?? "").get(code);
      const value = points[code] ?? Number.NaN;
      const shown = value < 0 ? `−${-value}` : value > 0 ? `+${value}` : "0";
      const found = row?.some((cell) => cell.includes(shown) || cell.includes(`加 ${value} 分`));
      return found ? [] : [`${code} ${section} ${shown}`];
    });
    expect(misplaced).toEqual([]);
  });

  it("lists every setting of the configuration in §20 with its default and its chapter", () => {
    const listed = rowsByKey(chapters.get(20) ?? "");
    const sections = new Map(seed("rule_parameters").map((row) => [row.key, row.section]));
    const wrong = configurationEntries(defaultConfig)
      .filter((entry) => !entry.key.startsWith("points."))
      .flatMap((entry) => {
        const expected = [entry.value ?? "不设", sections.get(entry.key)];
        const row = listed.get(entry.key);
        return row && row[2] === expected[0] && row[3] === expected[1]
          ? []
          : [`${entry.key}: ${JSON.stringify(row?.slice(2))} ≠ ${JSON.stringify(expected)}`];
      });
    expect(wrong).toEqual([]);
    const keys = new Set(configurationEntries(defaultConfig).map((entry) => entry.key));
    expect([...listed.keys()].filter((key) => !keys.has(key) && key !== "points.规则代码")).toEqual([]);
  });

  it("links only to files inside the repository, and so does README, whose first link is the handbook", () => {
    const readme = join(root, "README.md");
    const targets = [...linkTargets(handbookPath), ...linkTargets(readme)];
    expect(
      targets.filter((target) => relative(root, target).startsWith("..") || !existsSync(target)),
    ).toEqual([]);
    expect(linkTargets(readme)[0]).toBe(handbookPath);
  });

  it("has a chapter for every 《规则说明》§N that the product prints", () => {
    const cited = ["pipeline", "sql", "dashboards"]
      .flatMap((folder) => filesUnder(join(root, folder)))
      .flatMap((path) =>
        [...readFileSync(path, "utf8").matchAll(/《规则说明》§(\d+)/g)].map((match) => ({
          file: relative(root, path),
          chapter: Number(match[1]),
        })),
      );
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter(({ chapter }) => !chapters.has(chapter))).toEqual([]);
  });

  it("leaves no text a user reads pointing at the rule book or data contract outside the repository", () => {
    // Chinese text outside code comments is what users read: published column comments, seeds,
    // messages, pages
    const userFacing = ["pipeline", "sql/marts", "sql/ops", "sql/seeds", "dashboards"]
      .flatMap((folder) => filesUnder(join(root, folder)))
      .flatMap((path) =>
        readFileSync(path, "utf8")
          .split("\n")
          .filter((line) => !/^\s*(--|\/\/|\/?\*)/.test(line))
          .filter((line) => /\p{Script=Han}/u.test(line) && /rules\.md|data-contract|shared\/spec/.test(line))
          .map((line) => `${relative(root, path)}: ${line.trim()}`),
      );
    expect(userFacing).toEqual([]);
  });
});
