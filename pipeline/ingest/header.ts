/**
 * Finds a file's header row and maps its cells onto a source's canonical columns: Chinese headers
 * or their aliases, in any order, extra columns ignored. Exports often carry a title row above
 * the header ("2026年10月请假登记表"), so the header is the first row that names a known column.
 */
import type { Source } from "./sources.ts";

export interface HeaderMatch {
  /** Index (0-based) of the header row among the rows given. */
  rowIndex: number;
  /** Canonical column name → 0-based cell position. */
  positions: Map<string, number>;
  missingRequired: string[];
  /** Header cells that name no column of the source (ignored, reported). */
  ignored: string[];
}

/** How far down a file the header may sit: title rows, a blank line, an export note. */
const HEADER_SEARCH_ROWS = 10;

/** Trims and folds the spellings one header takes across exports (full-width brackets, case, spaces). */
export function normalizeHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, "")
    .replaceAll("（", "(")
    .replaceAll("）", ")")
    .replace(/\s+/g, "")
    .toLowerCase();
}

const lookupTables = new WeakMap<Source, Map<string, string>>();

function lookupFor(source: Source): Map<string, string> {
  let lookup = lookupTables.get(source);
  if (!lookup) {
    lookup = new Map();
    for (const column of source.columns) {
      for (const spelling of [column.header, ...column.aliases])
        lookup.set(normalizeHeader(spelling), column.name);
    }
    lookupTables.set(source, lookup);
  }
  return lookup;
}

export function matchHeader(source: Source, rows: readonly (readonly string[])[]): HeaderMatch | undefined {
  const lookup = lookupFor(source);
  for (let rowIndex = 0; rowIndex < Math.min(rows.length, HEADER_SEARCH_ROWS); rowIndex++) {
    const cells = rows[rowIndex] ?? [];
    const positions = new Map<string, number>();
    const ignored: string[] = [];
    cells.forEach((cell, position) => {
      const name = lookup.get(normalizeHeader(cell));
      if (name && !positions.has(name)) positions.set(name, position);
      else if (cell.trim()) ignored.push(cell.trim());
    });
    if (positions.size === 0) continue;
    const missingRequired = source.columns
      .filter((column) => column.required && !positions.has(column.name))
      .map((column) => column.header);
    return { rowIndex, positions, missingRequired, ignored };
  }
  return undefined;
}

/** A row that repeats the header: an export with a header on every page, or two exports pasted together. */
export function sameHeader(header: readonly string[], cells: readonly string[]): boolean {
  return (
    header.some((cell) => cell.trim() !== "") &&
    header.every((cell, position) => normalizeHeader(cell) === normalizeHeader(cells[position] ?? ""))
  );
}
