/**
 * The small interfaces use cases need from the outside world. Apps Script implements them in
 * src/adapters; tests may implement them directly.
 */
export type Values = unknown[][];

export interface ColumnBlock {
  /** 0-based index of the block's first column. */
  column: number;
  /** Rows from row 1 (the header row) down, all of the same width. */
  values: (string | number)[][];
}

export interface SpreadsheetPort {
  /** All values of a sheet in one read; null when the sheet does not exist, [] when it is empty. */
  readSheet(name: string): Values | null;
  /** One row (1-based) as wide as the sheet's data; null when the sheet does not exist, [] past the last row. */
  readRow(name: string, row: number): unknown[] | null;
  /** Writes blocks of whole columns, widening the sheet to `width` columns first if needed. */
  writeColumns(name: string, blocks: ColumnBlock[], width: number): void;
  /** Creates a sheet whose first row holds these headers (frozen), with `rows` under it if given. */
  createSheet(name: string, headers: string[], rows?: (string | number)[][]): void;
  /** Replaces all values of a service sheet (created, and hidden, if missing) in one write. */
  replaceSheet(name: string, values: (string | number)[][], hidden: boolean): void;
  /**
   * Appends rows below the last one in one write (creating the sheet with `header`), keeping only the
   * newest `keep` rows.
   */
  appendRows(name: string, header: string[], rows: unknown[][], keep: number): void;
  /** A Date for a cell, made in the script's own realm. */
  date(ms: number): unknown;
  /**
   * Which of these cells (1-based) hold a formula, one read per column they are in. Absent (a port over
   * plain values): none does.
   */
  formulaCells?(name: string, cells: { row: number; column: number }[]): { row: number; column: number }[];
  /** Sets single cells (1-based), grouped into one write per distinct value. */
  setCells(name: string, cells: { row: number; column: number; value: unknown }[]): void;
  /** The sheet name and first row of the seller's current selection, if any. */
  selection(): { sheet: string; row: number } | null;
  /** Selects a cell (1-based) for the seller. */
  select(name: string, row: number, column: number): void;
  /** The spreadsheet's time zone (IANA name), in which typed dates are read. Absent: Europe/Moscow. */
  timeZone?(): string;
  /**
   * The first `rows` rows of a sheet, as wide as its data, in one read; null when the sheet does not
   * exist. Absent: readSheet, cut.
   */
  readTop?(name: string, rows: number): Values | null;
  /** The name of the sheet the seller has open. Absent: none known. */
  activeSheetName?(): string | null;
  /** Renames a sheet (which must exist, and the new name must be free). Absent: cannot. */
  renameSheet?(from: string, to: string): void;
  /** Makes a hidden sheet (which must exist) visible; a visible one stays as it is. Absent: cannot. */
  showSheet?(name: string): void;
}

/** One sync at a time per spreadsheet (LockService.getDocumentLock). */
export interface LockPort {
  tryLock(ms: number): boolean;
  release(): void;
}

export interface TriggerInfo {
  id: string;
  handler: string;
  kind: 'clock' | 'edit' | 'other';
}

export interface TriggerPort {
  list(): TriggerInfo[];
  /** Every `minutes` minutes; 60 means hourly. */
  createClock(handler: string, minutes: number): void;
  createEdit(handler: string): void;
  /** Once, after `ms`. */
  createOnce(handler: string, ms: number): void;
  remove(id: string): void;
  /** An installed editor add-on may run time triggers at most hourly. */
  isAddOn(): boolean;
}

/** A string key-value store: document properties for settings and state. */
export interface KeyValueStore {
  getAll(): Record<string, string>;
  setMany(values: Record<string, string>): void;
  deleteMany(keys: string[]): void;
}

/**
 * A short-lived store of strings (CacheService.getUserCache() in the bundle): an entry lives at most
 * `seconds` (21,600 — 6 hours — at most) and may vanish earlier, so only what can be got again is kept
 * there (Avito's access token).
 */
export interface CachePort {
  get(key: string): string | null;
  put(key: string, value: string, seconds: number): void;
  remove(key: string): void;
}

export interface Clock {
  now(): number;
}

/** Reading stock sources: files by URL, other spreadsheets, mail. Each answer says why it failed. */
export interface SourcePort {
  /** The manifest's urlFetchWhitelist, built into the bundle. */
  whitelist: readonly string[];
  fetchFile(url: string): { ok: true; text: string } | { ok: false; reason: string };
  parseCsv(text: string, delimiter: string): string[][];
  parseFeed(text: string): { ok: true; offers: import('../core/sources').FeedOffer[] } | { ok: false; reason: string };
  /** Any XML document (1C's offers.xml and import.xml): its root, or why it does not parse. */
  parseXml(text: string): { ok: true; root: import('../core/xml').XmlElement } | { ok: false; reason: string };
  readSpreadsheet(url: string, sheet: string): { ok: true; values: Values } | { ok: false; reason: string };
  /** The newest matching mail's attachment: CSV as text, XLSX as its parts, 1C's XML files parsed. */
  newestMailFile(query: string): MailFile;
}

export type MailFile =
  | { ok: true; kind: 'csv'; name: string; text: string }
  /** `part` throws for a part that is not well-formed XML. */
  | { ok: true; kind: 'xlsx'; name: string; part: import('../core/xlsx').XlsxPart }
  | { ok: true; kind: 'xml'; name: string; documents: import('../core/xml').XmlElement[] }
  | { ok: false; reason: string };
