/** Number formats, fills and fonts shared by every sheet of the HR workbook. */
import type { Fill, Font } from "exceljs";

export type Format = "text" | "integer" | "score" | "average" | "points" | "rate" | "date" | "datetime";

export const numberFormats: Record<Format, string | undefined> = {
  text: "@",
  integer: "0",
  score: "0.0",
  average: "0.00",
  points: "+0.0;-0.0;0.0",
  rate: "0.0%",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm:ss",
};

/** Minimum column widths, so an empty column of dates still shows a whole date. */
export const minimumWidths: Record<Format, number> = {
  text: 6,
  integer: 6,
  score: 7,
  average: 8,
  points: 7,
  rate: 8,
  date: 11,
  datetime: 20,
};

const solid = (argb: string): Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });

/** Row highlights: 末位 rows light red, rows not eligible for awards light yellow; a what-if's changed cells orange. */
export type Highlight = "last" | "ineligible" | "changed";
export const highlightFills: Record<Highlight, Fill> = {
  last: solid("FFFFC7CE"),
  ineligible: solid("FFFFF2CC"),
  changed: solid("FFF8CBAD"),
};
export const headerFill = solid("FFD9E1F2");

export const titleFont: Partial<Font> = { name: "宋体", size: 14, bold: true };
export const headingFont: Partial<Font> = { name: "宋体", size: 12, bold: true };
export const headerFont: Partial<Font> = { name: "宋体", size: 11, bold: true };
export const bodyFont: Partial<Font> = { name: "宋体", size: 11 };
