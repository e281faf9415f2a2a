/** SpreadsheetPort over SpreadsheetApp: one getValues per read, one setValues per column block. */
import { SHEET_TIME_FORMAT } from '../core/dates';
import type { ColumnBlock, SpreadsheetPort, Values } from '../usecases/ports';

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A1 notation of one cell: column letters, then the row. */
export function a1(row: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

export function activeSpreadsheet(): Book {
  return SpreadsheetApp.getActiveSpreadsheet();
}

function existingSheet(book: Book, name: string): Sheet {
  const found = book.getSheetByName(name);
  if (!found) throw new Error(`Лист «${name}» не найден`);
  return found;
}

/** Adds columns at the right so that the sheet is at least `width` wide (a range past the edge throws). */
function widenTo(sheet: Sheet, width: number): void {
  const maxColumns = sheet.getMaxColumns();
  if (width > maxColumns) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
}

/** Adds rows at the bottom so that the sheet is at least `rows` tall. */
function lengthenTo(sheet: Sheet, rows: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
}

const isDate = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Date]';

/** Runs of adjacent columns (0-based, inclusive) in which some row holds a Date. */
function dateColumnRuns(rows: readonly (readonly unknown[])[]): [number, number][] {
  const dated = new Set<number>();
  for (const row of rows) for (let c = 0; c < row.length; c++) if (isDate(row[c])) dated.add(c);
  const runs: [number, number][] = [];
  for (const c of [...dated].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

/**
 * Times written as Dates show in the spreadsheet's zone as «25.11.2026 18:00», whatever the locale's
 * default: one setNumberFormat per run of date columns of the rows just written (from `firstRow`).
 */
function showTimes(sheet: Sheet, firstRow: number, rows: readonly (readonly unknown[])[]): void {
  for (const [from, to] of dateColumnRuns(rows))
    sheet.getRange(firstRow, from + 1, rows.length, to - from + 1).setNumberFormat(SHEET_TIME_FORMAT);
}

function readSheet(book: Book, name: string): Values | null {
  const found = book.getSheetByName(name);
  return found ? found.getDataRange().getValues() : null;
}

function readRow(book: Book, name: string, row: number): unknown[] | null {
  const found = book.getSheetByName(name);
  if (!found) return null;
  const width = found.getLastColumn();
  if (row > found.getLastRow() || width < 1) return [];
  return found.getRange(row, 1, 1, width).getValues()[0];
}

function writeColumns(book: Book, name: string, blocks: ColumnBlock[], width: number): void {
  const target = existingSheet(book, name);
  widenTo(target, width);
  for (const block of blocks) {
    target.getRange(1, block.column + 1, block.values.length, block.values[0].length).setValues(block.values);
  }
}

function createSheet(book: Book, name: string, headers: string[], rows: (string | number)[][] = []): void {
  const created = book.insertSheet(name);
  widenTo(created, headers.length);
  // The header and any rows under it in one write.
  created.getRange(1, 1, rows.length + 1, headers.length).setValues([headers, ...padRows(rows, headers.length)]);
  created.setFrozenRows(1);
}

function readTop(book: Book, name: string, rows: number): Values | null {
  const found = book.getSheetByName(name);
  if (!found) return null;
  const last = found.getLastRow();
  const width = found.getLastColumn();
  if (last < 1 || width < 1) return [];
  return found.getRange(1, 1, Math.min(rows, last), width).getValues();
}

function renameSheet(book: Book, from: string, to: string): void {
  const sheet = existingSheet(book, from);
  sheet.setName(to);
  sheet.activate();
}

/** setValues needs a rectangle: short rows are padded with blanks. */
function padRows(values: (string | number)[][], width: number): (string | number)[][] {
  return values.map((r) => (r.length < width ? [...r, ...new Array(width - r.length).fill('')] : r));
}

function replaceSheet(book: Book, name: string, values: (string | number)[][], hidden: boolean): void {
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
  lengthenTo(target, rows);
  // Rows the old content had below the new one would otherwise stay.
  const old = target.getLastRow();
  if (old > rows) target.getRange(rows + 1, 1, old - rows, target.getMaxColumns()).clearContent();
  if (rows) target.getRange(1, 1, rows, width).setValues(padRows(values, width));
  showTimes(target, 1, values);
}

function appendRows(book: Book, name: string, header: string[], rows: unknown[][], keep: number): void {
  if (!rows.length) return;
  let target = book.getSheetByName(name);
  if (!target) {
    target = book.insertSheet(name);
    target.getRange(1, 1, 1, header.length).setValues([header]);
    target.setFrozenRows(1);
  }
  const last = Math.max(1, target.getLastRow());
  const needed = last + rows.length;
  lengthenTo(target, needed);
  target.getRange(last + 1, 1, rows.length, header.length).setValues(rows);
  showTimes(target, last + 1, rows);
  const excess = needed - 1 - keep;
  if (excess > 0) target.deleteRows(2, excess);
}

function selection(book: Book): { sheet: string; row: number } | null {
  const range = book.getActiveRange();
  return range ? { sheet: range.getSheet().getName(), row: range.getRow() } : null;
}

function select(book: Book, name: string, row: number, column: number): void {
  const target = existingSheet(book, name);
  target.activate();
  target.getRange(row, column).activate();
}

/** Cells with the same value (same type, a Date by its moment) go into one range list: one write each. */
function groupByValue(cells: { row: number; column: number; value: unknown }[]) {
  const groups = new Map<string, { value: unknown; a1: string[] }>();
  for (const cell of cells) {
    const key = cell.value instanceof Date ? `d${cell.value.getTime()}` : `${typeof cell.value}:${String(cell.value)}`;
    const group = groups.get(key) ?? { value: cell.value, a1: [] };
    group.a1.push(a1(cell.row, cell.column));
    groups.set(key, group);
  }
  return [...groups.values()];
}

function setCells(book: Book, name: string, cells: { row: number; column: number; value: unknown }[]): void {
  if (!cells.length) return;
  const target = existingSheet(book, name);
  for (const group of groupByValue(cells)) {
    const list = target.getRangeList(group.a1);
    list.setValue(group.value);
    if (isDate(group.value)) list.setNumberFormat(SHEET_TIME_FORMAT);
  }
}

/** Which of these cells hold a formula: one getFormulas a column, over the rows they span. */
function formulaCellsOf(
  book: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
  cells: { row: number; column: number }[],
): { row: number; column: number }[] {
  const found = book.getSheetByName(name);
  if (!found || !cells.length) return [];
  const rowsByColumn = new Map<number, number[]>();
  for (const c of cells) {
    const rows = rowsByColumn.get(c.column) ?? [];
    rows.push(c.row);
    rowsByColumn.set(c.column, rows);
  }
  const result: { row: number; column: number }[] = [];
  for (const [column, rows] of rowsByColumn) {
    const first = rows.reduce((a, b) => Math.min(a, b));
    const last = rows.reduce((a, b) => Math.max(a, b));
    const formulas = found.getRange(first, column, last - first + 1, 1).getFormulas();
    for (const row of rows) if (formulas[row - first][0]) result.push({ row, column });
  }
  return result;
}

export function spreadsheetPort(book = activeSpreadsheet()): SpreadsheetPort {
  return {
    readSheet: (name) => readSheet(book, name),
    readRow: (name, row) => readRow(book, name, row),
    writeColumns: (name, blocks, width) => writeColumns(book, name, blocks, width),
    createSheet: (name, headers, rows) => createSheet(book, name, headers, rows),
    replaceSheet: (name, values, hidden) => replaceSheet(book, name, values, hidden),
    appendRows: (name, header, rows, keep) => appendRows(book, name, header, rows, keep),
    date: (ms: number) => new Date(ms),
    selection: () => selection(book),
    select: (name, row, column) => select(book, name, row, column),
    formulaCells: (name, cells) => formulaCellsOf(book, name, cells),
    setCells: (name, cells) => setCells(book, name, cells),
    timeZone: () => book.getSpreadsheetTimeZone(),
    readTop: (name, rows) => readTop(book, name, rows),
    activeSheetName: () => book.getActiveSheet()?.getName() ?? null,
    renameSheet: (from, to) => renameSheet(book, from, to),
    showSheet: (name) => {
      existingSheet(book, name).showSheet();
    },
  };
}
