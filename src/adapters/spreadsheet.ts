/** SpreadsheetPort over SpreadsheetApp: one getValues per read, one setValues per column block. */
import type { ColumnBlock, SpreadsheetPort, Values } from '../usecases/ports';

/** A1 notation of one cell: column letters, then the row. */
export function a1(row: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

export function spreadsheetPort(book = activeSpreadsheet()): SpreadsheetPort {
  const sheet = (name: string) => {
    const found = book.getSheetByName(name);
    if (!found) throw new Error(`Лист «${name}» не найден`);
    return found;
  };
  return {
    readSheet(name: string): Values | null {
      const found = book.getSheetByName(name);
      return found ? found.getDataRange().getValues() : null;
    },
    readRow(name: string, row: number): unknown[] | null {
      const found = book.getSheetByName(name);
      if (!found) return null;
      const width = found.getLastColumn();
      if (row > found.getLastRow() || width < 1) return [];
      return found.getRange(row, 1, 1, width).getValues()[0];
    },
    writeColumns(name: string, blocks: ColumnBlock[], width: number): void {
      const target = sheet(name);
      const maxColumns = target.getMaxColumns();
      if (width > maxColumns) target.insertColumnsAfter(maxColumns, width - maxColumns);
      for (const block of blocks) {
        target.getRange(1, block.column + 1, block.values.length, block.values[0].length).setValues(block.values);
      }
    },
    createSheet(name: string, headers: string[]): void {
      const created = book.insertSheet(name);
      const maxColumns = created.getMaxColumns();
      if (headers.length > maxColumns) created.insertColumnsAfter(maxColumns, headers.length - maxColumns);
      created.getRange(1, 1, 1, headers.length).setValues([headers]);
      created.setFrozenRows(1);
    },
    replaceSheet: (name: string, values: (string | number)[][], hidden: boolean) =>
      replaceSheet(book, name, values, hidden),
    appendRows(name: string, header: string[], rows: unknown[][], keep: number): void {
      if (!rows.length) return;
      let target = book.getSheetByName(name);
      if (!target) {
        target = book.insertSheet(name);
        target.getRange(1, 1, 1, header.length).setValues([header]);
        target.setFrozenRows(1);
      }
      const last = Math.max(1, target.getLastRow());
      const needed = last + rows.length;
      if (needed > target.getMaxRows()) target.insertRowsAfter(target.getMaxRows(), needed - target.getMaxRows());
      target.getRange(last + 1, 1, rows.length, header.length).setValues(rows);
      const excess = needed - 1 - keep;
      if (excess > 0) target.deleteRows(2, excess);
    },
    date: (ms: number) => new Date(ms),
    selection() {
      const range = book.getActiveRange();
      return range ? { sheet: range.getSheet().getName(), row: range.getRow() } : null;
    },
    select(name: string, row: number, column: number) {
      const target = sheet(name);
      target.activate();
      target.getRange(row, column).activate();
    },
    setCells(name: string, cells: { row: number; column: number; value: unknown }[]): void {
      if (!cells.length) return;
      const target = sheet(name);
      const groups = new Map<string, { value: unknown; a1: string[] }>();
      for (const cell of cells) {
        const key =
          cell.value instanceof Date ? `d${cell.value.getTime()}` : `${typeof cell.value}:${String(cell.value)}`;
        const group = groups.get(key) ?? { value: cell.value, a1: [] };
        group.a1.push(a1(cell.row, cell.column));
        groups.set(key, group);
      }
      for (const group of groups.values()) target.getRangeList(group.a1).setValue(group.value);
    },
  };
}

/** The whole sheet becomes `values` (created, hidden if asked, grown to fit; rows below cleared). */
function replaceSheet(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
  values: (string | number)[][],
  hidden: boolean,
): void {
  let target = book.getSheetByName(name);
  if (!target) {
    target = book.insertSheet(name);
    if (hidden) target.hideSheet();
  }
  // A loop, not Math.max(...): 150,000 rows of «_Отправлено» would overflow the call stack.
  const width = values.reduce((w, r) => Math.max(w, r.length), 1);
  const rows = values.length;
  // Only the columns it needs: Sheets counts every cell of the grid against its 10,000,000, and a new
  // sheet's 26 columns down 300,000 rows of «_Отправлено» would take 7.8 million of them.
  const columns = target.getMaxColumns();
  if (width > columns) target.insertColumnsAfter(columns, width - columns);
  else if (width < columns) target.deleteColumns(width + 1, columns - width);
  if (rows > target.getMaxRows()) target.insertRowsAfter(target.getMaxRows(), rows - target.getMaxRows());
  const old = target.getLastRow();
  if (old > rows) target.getRange(rows + 1, 1, old - rows, target.getMaxColumns()).clearContent();
  if (rows)
    target
      .getRange(1, 1, rows, width)
      .setValues(values.map((r) => (r.length < width ? [...r, ...new Array(width - r.length).fill('')] : r)));
}
