import type ExcelJS from "exceljs";

/** Every sheet as rows of plain values (dates as ISO text), for comparison and the snapshot. */
export function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: unknown[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) {
      const cell = row.getCell(column);
      // A merged range reads back its value in every cell; keep it in the first only.
      const value = cell.isMerged && cell.master !== cell ? null : cell.value;
      values.push(
        value instanceof Date
          ? value.toISOString().replace(".000Z", "").replace("T00:00:00", "")
          : (value ?? null),
      );
    }
    while (values.length > 0 && values.at(-1) === null) values.pop();
    rows[rowNumber - 1] = values;
  });
  return Array.from(rows, (row) => row ?? []);
}
