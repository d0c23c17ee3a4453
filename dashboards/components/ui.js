// Small building blocks of the pages: the month picker, the empty state, a figure card and a
// table with Chinese headers.
import * as Inputs from "@observablehq/inputs";
import { monthLabel } from "./format.js";

/** A month picker over the months with results, newest first; null when there is none. */
export function monthPicker(months) {
  const values = months
    .map((row) => row.month)
    .sort()
    .reverse();
  return Inputs.select(values, { label: "考核月份", format: monthLabel, value: values[0] });
}

/** What a page shows instead of an empty chart or table. */
export function empty(text) {
  const div = document.createElement("div");
  div.className = "empty";
  div.textContent = text;
  return div;
}

/** A table with Chinese headers: columns is [[key, 中文表头, format?], ...]. */
export function table(rows, columns, options = {}) {
  if (rows.length === 0) return empty(options.empty ?? "无记录");
  return Inputs.table(rows, {
    columns: columns.map(([key]) => key),
    header: Object.fromEntries(columns.map(([key, header]) => [key, header])),
    format: Object.fromEntries(
      columns.filter(([, , format]) => format).map(([key, , format]) => [key, format]),
    ),
    locale: "zh-CN",
    select: false,
    layout: "auto",
    rows: options.rows ?? 12,
    ...options.table,
  });
}
