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

/**
 * A table with Chinese headers: columns is [[key, 中文表头, format?], ...]. Inputs.table leaves empty
 * cells blank without calling format, so an empty value gets its format's text (e.g. 未整改) here.
 */
export function table(rows, columns, options = {}) {
  if (rows.length === 0) return empty(options.empty ?? "无记录");
  const formats = columns.filter(([, , format]) => format);
  const filled = rows.map((row) => {
    const copy = { ...row };
    for (const [key, , format] of formats) if (copy[key] == null) copy[key] = new String(format(null));
    return copy;
  });
  return Inputs.table(filled, {
    columns: columns.map(([key]) => key),
    header: Object.fromEntries(columns.map(([key, header]) => [key, header])),
    format: Object.fromEntries(
      formats.map(([key, , format]) => [
        key,
        (value) => (value instanceof String ? String(value) : format(value)),
      ]),
    ),
    locale: "zh-CN",
    select: false,
    layout: "auto",
    rows: options.rows ?? 12,
  });
}
