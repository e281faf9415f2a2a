/**
 * A fake of SpreadsheetApp that behaves as the documentation says, including where it fails:
 * getValues gives "" for blanks, numbers as numbers, Date objects for dates and the error text
 * (#REF!, #N/A…) for error cells; setValues throws on a shape mismatch; ranges outside the
 * sheet throw; a spreadsheet holds at most 10,000,000 cells. It counts value reads and writes.
 * Number formats stay with their cell as rows and columns move; getDisplayValues shows a Date by its
 * format in the spreadsheet's time zone (numberFormat.ts).
 */
import { AUTO_DATE_TIME, displayValue, parseNumberFormat } from './numberFormat';

export const CELL_LIMIT = 10_000_000;
export const MAX_COLUMNS = 18_278;

export interface IoCounter {
  reads: number;
  writes: number;
  calls: number;
  log: string[];
}

function newCounter(): IoCounter {
  return { reads: 0, writes: 0, calls: 0, log: [] };
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function copyCell(v: unknown): unknown {
  // Apps Script hands out a new Date each time; a caller changing it must not change the sheet.
  // (Only an object can be a Date: the tag check is skipped for the numbers and strings most cells hold.)
  return typeof v === 'object' && isDate(v) ? new Date(v.getTime()) : v;
}

/**
 * What Sheets stores for a written value: like typed input, a string that reads as a number becomes
 * a number, and a leading apostrophe keeps the rest as text (the apostrophe itself is not stored).
 */
function checkCellValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') {
    if (v.startsWith("'")) return { text: v.slice(1) };
    if (/^[+-]?\d+(\.\d+)?$/.test(v.trim())) return Number(v.trim());
    return v;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || isDate(v)) return v;
  throw new Error(
    `Exception: The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.`,
  );
}

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  getRow() {
    return this.row;
  }
  getColumn() {
    return this.column;
  }
  getNumRows() {
    return this.numRows;
  }
  getNumColumns() {
    return this.numColumns;
  }
  getLastRow() {
    return this.row + this.numRows - 1;
  }
  getLastColumn() {
    return this.column + this.numColumns - 1;
  }

  getValues(): unknown[][] {
    this.sheet.book.count(
      'read',
      `getValues ${this.sheet.name}!R${this.row}C${this.column}:${this.numRows}x${this.numColumns}`,
    );
    const out: unknown[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const source = this.sheet.cells[this.row - 1 + r];
      const row = new Array(this.numColumns);
      for (let c = 0; c < this.numColumns; c++) {
        const v = source ? source[this.column - 1 + c] : undefined;
        row[c] = v === undefined ? '' : copyCell(v);
      }
      out.push(row);
    }
    return out;
  }

  /** As Sheets: a formula cell gives its formula text, any other cell "". */
  getFormulas(): string[][] {
    this.sheet.book.count(
      'read',
      `getFormulas ${this.sheet.name}!R${this.row}C${this.column}:${this.numRows}x${this.numColumns}`,
    );
    const out: string[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const row: string[] = [];
      for (let c = 0; c < this.numColumns; c++) row.push(this.sheet.formulaAt(this.row + r, this.column + c));
      out.push(row);
    }
    return out;
  }

  /** As Sheets shows the cells: a Date by its number format, in the spreadsheet's time zone. */
  getDisplayValues(): string[][] {
    this.sheet.book.count(
      'read',
      `getDisplayValues ${this.sheet.name}!R${this.row}C${this.column}:${this.numRows}x${this.numColumns}`,
    );
    const out: string[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const row: string[] = [];
      for (let c = 0; c < this.numColumns; c++) row.push(this.sheet.displayAt(this.row + r, this.column + c));
      out.push(row);
    }
    return out;
  }

  /** One pattern for every cell of the range (one call to Sheets). */
  setNumberFormat(format: string): FakeRange {
    this.sheet.book.count(
      'write',
      `setNumberFormat ${this.sheet.name}!R${this.row}C${this.column}:${this.numRows}x${this.numColumns}`,
    );
    parseNumberFormat(format);
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numColumns; c++) this.sheet.setFormat(this.row + r, this.column + c, format);
    return this;
  }

  getValue(): unknown {
    return this.sheet.book.withoutCounting(
      () => this.getValues()[0][0],
      'read',
      `getValue ${this.sheet.name}!R${this.row}C${this.column}`,
    );
  }

  setValues(values: unknown[][]): FakeRange {
    this.sheet.book.count(
      'write',
      `setValues ${this.sheet.name}!R${this.row}C${this.column}:${this.numRows}x${this.numColumns}`,
    );
    if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
      throw new Error(
        "Exception: The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
      );
    }
    if (values.length !== this.numRows) {
      throw new Error(
        `Exception: The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`,
      );
    }
    for (const row of values) {
      if (row.length !== this.numColumns) {
        throw new Error(
          `Exception: The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.numColumns}.`,
        );
      }
    }
    // Every cell is checked before any is stored: a bad one leaves the sheet as it was.
    const checked = values.map((row) => row.map(checkCellValue));
    for (let r = 0; r < checked.length; r++) {
      const row = checked[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        const forcedText = v !== null && typeof v === 'object' && 'text' in (v as object);
        this.sheet.put(this.row + r, this.column + c, forcedText ? (v as { text: string }).text : v, forcedText);
      }
    }
    return this;
  }

  clearContent(): FakeRange {
    this.sheet.book.count(
      'write',
      `clearContent ${this.sheet.name}!R${this.row}C${this.column}:${this.numRows}x${this.numColumns}`,
    );
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numColumns; c++) this.sheet.put(this.row + r, this.column + c, '');
    return this;
  }

  setValue(value: unknown): FakeRange {
    return this.sheet.book.withoutCounting(
      () => this.setValues([[value]]),
      'write',
      `setValue ${this.sheet.name}!R${this.row}C${this.column}`,
    );
  }

  activate(): FakeRange {
    this.sheet.book.count('call', 'activate');
    this.sheet.book.activeRange = this;
    this.sheet.book.activeSheet = this.sheet;
    return this;
  }

  getSheet(): FakeSheet {
    return this.sheet;
  }
}

export class FakeSheet {
  /** Row-major cells; undefined = never written. Strings starting with "=" were written as formulas. */
  cells: unknown[][] = [];
  /** Number formats, row-major like `cells`; undefined = none (Sheets' automatic format). */
  formats: (string | undefined)[][] = [];
  formulas = new Set<string>();
  frozenRows = 0;

  constructor(
    readonly book: FakeSpreadsheet,
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  getName() {
    this.book.count('call', 'getName');
    return this.name;
  }
  getMaxRows() {
    this.book.count('call', 'getMaxRows');
    return this.maxRows;
  }
  getMaxColumns() {
    this.book.count('call', 'getMaxColumns');
    return this.maxColumns;
  }

  hidden = false;

  /** Stores a value; a string starting with =, + , - or @ that was not forced to text is read as a formula. */
  put(row: number, column: number, value: unknown, forcedText = false): void {
    while (this.cells.length < row) this.cells.push([]);
    const target = this.cells[row - 1];
    target[column - 1] = value === '' ? undefined : value;
    // Sheets gives a Date written to a cell without a number format its locale's date-time pattern.
    if (typeof value === 'object' && isDate(value) && this.formats[row - 1]?.[column - 1] === undefined)
      this.setFormat(row, column, AUTO_DATE_TIME);
    // The keys are touched only when there is something to add or to take away: most writes are of neither.
    if (!forcedText && typeof value === 'string' && /^[=+\-@]/.test(value)) this.formulas.add(`${row}:${column}`);
    else if (this.formulas.size > 0) {
      this.formulas.delete(`${row}:${column}`);
      this.computed.delete(`${row}:${column}`);
    }
  }

  /** Formula text by cell, for formulas whose computed value the cell holds (see putFormula). */
  private readonly computed = new Map<string, string>();

  /** A seller's formula: getValues gives `value` (what Sheets computed), getFormulas the formula. */
  putFormula(row: number, column: number, formula: string, value: unknown): void {
    this.put(row, column, value);
    this.formulas.add(`${row}:${column}`);
    this.computed.set(`${row}:${column}`, formula);
  }

  setFormat(row: number, column: number, format: string): void {
    while (this.formats.length < row) this.formats.push([]);
    this.formats[row - 1][column - 1] = format;
  }

  /** The cell as Sheets shows it (see numberFormat.ts). */
  displayAt(row: number, column: number): string {
    return displayValue(this.cells[row - 1]?.[column - 1], this.formats[row - 1]?.[column - 1], this.book.timeZone);
  }

  formulaAt(row: number, column: number): string {
    const key = `${row}:${column}`;
    if (!this.formulas.has(key)) return '';
    return this.computed.get(key) ?? String(this.cells[row - 1]?.[column - 1] ?? '');
  }

  activate(): FakeSheet {
    this.book.count('call', 'activate');
    this.book.activeSheet = this;
    return this;
  }

  /** As Sheets: a name another sheet has is refused. */
  setName(name: string): FakeSheet {
    this.book.count('call', 'setName');
    if (this.book.sheets.some((s) => s !== this && s.name === name))
      throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
    this.name = name;
    return this;
  }

  hideSheet(): FakeSheet {
    this.book.count('call', 'hideSheet');
    this.hidden = true;
    return this;
  }
  /** As Sheets: makes a hidden sheet visible; on a visible one, nothing happens. */
  showSheet(): FakeSheet {
    this.book.count('call', 'showSheet');
    this.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }

  lastRow(): number {
    for (let r = this.cells.length; r >= 1; r--) if (this.cells[r - 1].some((v) => v !== undefined)) return r;
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.cells)
      for (let c = row.length; c > last; c--)
        if (row[c - 1] !== undefined) {
          last = c;
          break;
        }
    return last;
  }

  getLastRow() {
    this.book.count('call', 'getLastRow');
    return this.lastRow();
  }
  getLastColumn() {
    this.book.count('call', 'getLastColumn');
    return this.lastColumn();
  }

  getDataRange(): FakeRange {
    this.book.count('call', 'getDataRange');
    return new FakeRange(this, 1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn()));
  }

  getRange(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    this.book.count('call', 'getRange');
    for (const [name, v] of [
      ['row', row],
      ['column', column],
      ['numRows', numRows],
      ['numColumns', numColumns],
    ] as const) {
      if (!Number.isInteger(v))
        throw new Error(
          `Exception: The parameters (${typeof v}) don't match the method signature for SpreadsheetApp.Sheet.getRange (${name}).`,
        );
    }
    if (numRows < 1) throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new Error('Exception: The number of columns in the range must be at least 1.');
    if (row < 1 || column < 1 || row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, column, numRows, numColumns);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.book.count('call', 'insertColumnsAfter');
    if (afterPosition < 1 || afterPosition > this.maxColumns)
      throw new Error('Exception: Those columns are out of bounds.');
    if (howMany < 1) throw new Error('Exception: The number of columns to insert must be at least 1.');
    if (this.maxColumns + howMany > MAX_COLUMNS)
      throw new Error(
        `Exception: This action would increase the number of columns in the sheet above the limit of ${MAX_COLUMNS}.`,
      );
    this.book.checkCellLimit(howMany * this.maxRows);
    // Rebuilt, not spliced with a spread: Sheets inserts any number its limits allow, a spread of them would overflow.
    const widen = <T>(row: T[]) =>
      row.length > afterPosition
        ? row.slice(0, afterPosition).concat(new Array(howMany).fill(undefined), row.slice(afterPosition))
        : row;
    this.cells = this.cells.map(widen);
    this.formats = this.formats.map(widen);
    this.maxColumns += howMany;
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.book.count('call', 'insertRowsAfter');
    if (afterPosition < 1 || afterPosition > this.maxRows) throw new Error('Exception: Those rows are out of bounds.');
    this.book.checkCellLimit(howMany * this.maxColumns);
    if (this.cells.length > afterPosition)
      this.cells = this.cells.slice(0, afterPosition).concat(
        Array.from({ length: howMany }, () => []),
        this.cells.slice(afterPosition),
      );
    if (this.formats.length > afterPosition)
      this.formats = this.formats.slice(0, afterPosition).concat(
        Array.from({ length: howMany }, () => []),
        this.formats.slice(afterPosition),
      );
    this.maxRows += howMany;
    return this;
  }

  /** Cells in A1 notation ("C5"); setValue on the list is one write, as one call to Sheets. */
  getRangeList(a1Notations: string[]) {
    this.book.count('call', 'getRangeList');
    const ranges = a1Notations.map((a1) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a1);
      if (!m) throw new Error(`Exception: Range not found: ${a1}`);
      const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return this.getRange(Number(m[2]), column);
    });
    return {
      setValue: (value: unknown) => {
        this.book.withoutCounting(
          () => {
            for (const r of ranges) r.setValues([[value]]);
          },
          'write',
          `setValue RangeList ${this.name}: ${a1Notations.length} cells`,
        );
      },
      setNumberFormat: (format: string) => {
        this.book.withoutCounting(
          () => {
            for (const r of ranges) r.setNumberFormat(format);
          },
          'write',
          `setNumberFormat RangeList ${this.name}: ${a1Notations.length} cells`,
        );
      },
    };
  }

  deleteRows(rowPosition: number, howMany: number): FakeSheet {
    this.book.count('call', 'deleteRows');
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows)
      throw new Error('Exception: Those rows are out of bounds.');
    if (howMany >= this.maxRows) throw new Error("Exception: You can't delete all the rows on the sheet.");
    this.cells.splice(rowPosition - 1, howMany);
    this.formats.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): FakeSheet {
    this.book.count('call', 'deleteColumns');
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.maxColumns)
      throw new Error('Exception: Those columns are out of bounds.');
    if (howMany >= this.maxColumns) throw new Error("Exception: You can't delete all the columns on the sheet.");
    for (const row of this.cells) row.splice(columnPosition - 1, howMany);
    for (const row of this.formats) row.splice(columnPosition - 1, howMany);
    this.maxColumns -= howMany;
    return this;
  }

  setFrozenRows(rows: number): FakeSheet {
    this.book.count('call', 'setFrozenRows');
    this.frozenRows = rows;
    return this;
  }

  /** Test helper (not counted): the sheet as getDataRange().getValues() would show it. */
  dump(): unknown[][] {
    return this.book.withoutCounting(() => this.getDataRange().getValues());
  }

  /** Test helper (not counted): the sheet as the seller sees it, getDataRange().getDisplayValues(). */
  display(): string[][] {
    return this.book.withoutCounting(() => this.getDataRange().getDisplayValues());
  }
}

export interface Toast {
  message: string;
  title: string;
}

export class FakeSpreadsheet {
  sheets: FakeSheet[] = [];
  io: IoCounter = newCounter();
  toasts: Toast[] = [];
  activeRange: FakeRange | null = null;
  private counting = true;

  count(kind: 'read' | 'write' | 'call', what: string): void {
    if (!this.counting) return;
    this.io.calls++;
    if (kind === 'read') this.io.reads++;
    if (kind === 'write') this.io.writes++;
    if (kind !== 'call') this.io.log.push(what);
  }

  /** Runs `body` without counting its inner calls; counts it once as `kind` if given. */
  withoutCounting<T>(body: () => T, kind?: 'read' | 'write', what = ''): T {
    if (kind) this.count(kind, what);
    const was = this.counting;
    this.counting = false;
    try {
      return body();
    } finally {
      this.counting = was;
    }
  }

  resetCounters(): void {
    this.io = newCounter();
  }

  cellCount(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  }

  checkCellLimit(adding: number): void {
    if (this.cellCount() + adding > CELL_LIMIT) {
      throw new Error(
        `Exception: This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`,
      );
    }
  }

  activeSheet: FakeSheet | null = null;
  /** File → Settings → Time zone; a new spreadsheet takes the creator's, here Moscow. */
  timeZone = 'Europe/Moscow';

  getSpreadsheetTimeZone(): string {
    this.count('call', 'getSpreadsheetTimeZone');
    return this.timeZone;
  }

  getActiveRange(): FakeRange | null {
    this.count('call', 'getActiveRange');
    return this.activeRange;
  }
  getActiveSheet(): FakeSheet | null {
    this.count('call', 'getActiveSheet');
    return this.activeSheet ?? this.sheets[0] ?? null;
  }

  getSheetByName(name: string): FakeSheet | null {
    this.count('call', 'getSheetByName');
    return this.sheets.find((s) => s.name === name) ?? null;
  }

  getSheets(): FakeSheet[] {
    this.count('call', 'getSheets');
    return [...this.sheets];
  }

  insertSheet(name: string): FakeSheet {
    this.count('call', 'insertSheet');
    if (this.sheets.some((s) => s.name === name)) {
      throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.checkCellLimit(1000 * 26);
    const sheet = new FakeSheet(this, name);
    this.sheets.push(sheet);
    // «The new sheet becomes the active sheet» (Spreadsheet.insertSheet).
    this.activeSheet = sheet;
    return sheet;
  }

  toast(message: string, title = '', _timeoutSeconds?: number): void {
    this.count('call', 'toast');
    this.toasts.push({ message: String(message), title: String(title) });
  }

  /** Test helper: a sheet filled with rows, sized to fit them (at least Sheets' default 1000 × 26). */
  addSheet(name: string, rows: unknown[][] = []): FakeSheet {
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    const sheet = new FakeSheet(this, name, Math.max(1000, rows.length), Math.max(26, width));
    rows.forEach((row, r) => {
      row.forEach((v, c) => {
        sheet.put(r + 1, c + 1, v);
      });
    });
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`test: no sheet ${name}`);
    return found;
  }
}
