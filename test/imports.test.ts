/**
 * The modules of pipeline/ and dashboards/ import each other without a cycle (style: no import
 * cycles), and the nightly run reaches the rules through the transform layer's one entry point.
 */
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

/** Relative imports and re-exports of a module (type-only ones too: a cycle of types is still a cycle). */
const IMPORT = /^(?:import|export)\s[^;]*?\sfrom\s+"(\.{1,2}\/[^"]+)"/gms;

async function modules(folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.parentPath.includes("node_modules"),
    )
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

async function importGraph(folders: readonly string[]): Promise<Map<string, string[]>> {
  const files = (await Promise.all(folders.map(modules))).flat();
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = await readFile(join(root, file), "utf8");
    graph.set(
      file,
      [...text.matchAll(IMPORT)].map((match) => relative(root, resolve(root, dirname(file), match[1]!))),
    );
  }
  return graph;
}

/** Every cycle found by a depth-first walk, as `a → b → a`. */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const trail: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    trail.push(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (state.get(target) === "open")
        cycles.push([...trail.slice(trail.indexOf(target)), target].join(" → "));
      else if (!state.has(target)) visit(target);
    }
    trail.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

describe("imports", () => {
  it("find a cycle of three modules, and none in a chain", () => {
    const chain = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", []],
    ]);
    expect(importCycles(chain)).toEqual([]);
    expect(importCycles(new Map([...chain, ["c.ts", ["a.ts"]]]))).toEqual(["a.ts → b.ts → c.ts → a.ts"]);
  });

  it("of pipeline/ and dashboards/ form no cycle", async () => {
    const graph = await importGraph(["pipeline", "dashboards"]);
    expect(graph.get("pipeline/run.ts")).toContain("pipeline/summary.ts");
    expect(importCycles(graph)).toEqual([]);
  });

  it("of the nightly run reach the rules through transform() alone", async () => {
    const graph = await importGraph(["pipeline"]);
    const transformLayer = graph
      .get("pipeline/run.ts")!
      .filter((target) => target.startsWith("pipeline/transform/"));
    expect(transformLayer).toEqual(["pipeline/transform/transform.ts"]);
  });
});
