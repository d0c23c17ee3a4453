/**
 * Turns a DuckDB JS value into a plain cell value. Only strings, numbers, booleans and Dates reach
 * exceljs: exceljs makes a formula only from an object value ({ formula }), so a staff name or a
 * detail beginning with `=`, `+`, `-` or `@` stays an inline string and is never evaluated.
 */
export type CellValue = string | number | boolean | Date | null;

export function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => String(cellValue(item) ?? "")).join("、");
  return JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? Number(item) : item));
}
