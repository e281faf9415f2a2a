/**
 * Stock sources (SPEC 4, issue «sources»), pure: a source's rows become the quantities of one
 * warehouse column. A source that cannot be read is refused with a reason and the column stays as
 * it is; a quantity the source leaves blank or not a number is unknown, so that SKU keeps its number;
 * and an import that would take many SKUs to 0 at once holds those zeros until the seller confirms.
 */
import { cellText, isBlank, parseQuantity } from './cells';
import { HEADERS, indexHeaders } from './headers';
import { type FeedOffer, offerQuantity } from './ymlQuantity';

export type Grid = unknown[][];

export interface SourceRows {
  /** SKU candidates of one item (e.g. offer id, vendor code, barcode), first match wins. */
  keys: string[];
  qty: unknown;
}

/**
 * `partial`: the source lists only what changed (1C's «СодержитТолькоИзменения»), so an SKU it leaves
 * out keeps its number instead of going to 0. `noneMatched`: why a file none of whose rows is on the
 * sheet is refused rather than read as «everything sold out» (1C's offers without articles and no import.xml).
 */
export type SourceRead =
  | { ok: true; rows: SourceRows[]; partial?: boolean; noneMatched?: string }
  | { ok: false; reason: string };

/** «;» or «,», whichever the header line has more of outside quotes. */
export function detectDelimiter(text: string): ';' | ',' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let inQuotes = false,
    semicolons = 0,
    commas = 0;
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === ';') semicolons++;
    else if (!inQuotes && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * The charset an XML file declares (`<?xml version="1.0" encoding="windows-1251"?>`), lower case;
 * null without a declaration or when it declares UTF-8. The prolog is ASCII, so a UTF-8 reading of any
 * single-byte file shows it.
 */
export function declaredXmlCharset(text: string): string | null {
  const m = /^\uFEFF?\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(text.slice(0, 200));
  if (!m) return null;
  const charset = m[1].toLowerCase();
  return charset === 'utf-8' || charset === 'utf8' ? null : charset;
}

/**
 * How far down a table its header row is looked for: a price list from Excel often opens with the
 * supplier's name and a date above the header.
 */
export const HEADER_SEARCH_ROWS = 20;

/** The first of the table's top rows that holds both headers; otherwise the first row, whose lack the caller names. */
function headerRow(table: Grid, skuHeader: string, qtyHeader: string): number {
  for (let r = 0; r < Math.min(table.length, HEADER_SEARCH_ROWS); r++) {
    const headers = indexHeaders(table[r] ?? []);
    if (headers.find(skuHeader) !== undefined && headers.find(qtyHeader) !== undefined) return r;
  }
  return 0;
}

/** Rows of a table (CSV, another sheet, a mail attachment) by its SKU and quantity headers. */
export function tableRows(table: Grid, skuHeader: string, qtyHeader: string): SourceRead {
  if (!table.length || table.every((r) => r.every((c) => cellText(c) === '')))
    return { ok: false, reason: 'источник пуст' };
  const top = headerRow(table, skuHeader, qtyHeader);
  const headers = indexHeaders(table[top]);
  const sku = headers.find(skuHeader);
  const qty = headers.find(qtyHeader);
  if (sku === undefined) return { ok: false, reason: `в источнике нет столбца «${skuHeader}»` };
  if (qty === undefined) return { ok: false, reason: `в источнике нет столбца «${qtyHeader}»` };
  const rows: SourceRows[] = [];
  for (const row of table.slice(top + 1)) {
    const key = cellText(row[sku]);
    if (key) rows.push({ keys: [key], qty: row[qty] });
  }
  if (!rows.length) return { ok: false, reason: 'в источнике нет ни одной строки с артикулом' };
  return { ok: true, rows };
}

/** The mass-zero rule of a push (SPEC 6), applied to an import: settings.guard. */
export interface ImportGuard {
  maxZeroShare: number;
  minItems: number;
}

/** An SKU an import would have taken from above 0 to 0, held with the number it keeps meanwhile. */
export interface HeldZero {
  sku: string;
  previous: number;
}

export interface ImportPlan {
  ok: true;
  /** The warehouse column (rows 2…n of «Остатки»), ready to write in one go. */
  column: unknown[];
  /** The whole «Остатки» with the new column, for the allocation of the same run. */
  stock: Grid;
  rows: number;
  /** SKUs of the sheet the source lists. */
  matched: number;
  /** SKUs set from the source's numbers (not unknown, not held). */
  applied: number;
  /** SKUs on the sheet that the source lacks: set to 0 unless held (kept as they are when the source is partial). */
  missing: number;
  /** The source listed only changes: SKUs it lacks kept their numbers. */
  partial: boolean;
  /** Keys in the source that match no SKU on the sheet: listed, never added. */
  extras: string[];
  /** SKUs whose quantity in the source is blank or not a number: unknown, so they keep their number. */
  unknown: string[];
  /** Zeros held by the guard until «Подтвердить импорт»; empty when the import applied in full. */
  held: HeldZero[];
  /** SKUs of this warehouse above 0 before the import (the guard's base). */
  base: number;
}

export type ImportResult = ImportPlan | { ok: false; reason: string };

/** The source's quantity per matched sheet row: a number, or null where the source does not say (blank, not a number). */
function sourceQuantities(skuRow: Map<string, number>, read: { rows: SourceRows[] }) {
  const quantities = new Map<number, number | null>();
  const extras: string[] = [];
  const unknown: string[] = [];
  for (const row of read.rows) {
    const r = row.keys.map((k) => skuRow.get(k)).find((x) => x !== undefined);
    if (r === undefined) {
      extras.push(row.keys[0]);
      continue;
    }
    const q = isBlank(row.qty) ? null : parseQuantity(row.qty);
    if (q === null || !q.ok) {
      if (quantities.get(r) !== null) unknown.push(row.keys[0]);
      // One unknown line makes the SKU's total unknown: it keeps its number rather than lose units.
      quantities.set(r, null);
      continue;
    }
    const sum = quantities.has(r) ? quantities.get(r) : 0;
    quantities.set(r, sum === null || sum === undefined ? null : sum + q.value);
  }
  return { quantities, extras, unknown };
}

/** A cell's number, 0 where it holds none. */
function numberIn(value: unknown): number {
  const q = parseQuantity(value);
  return q.ok ? q.value : 0;
}

/** `kits`: SKUs of kits (SPEC 5.7), whose warehouse cells stay blank: an import never writes them. */
export function planImport(
  stock: Grid,
  warehouseColumn: string,
  read: SourceRead,
  guard: ImportGuard,
  kits: ReadonlySet<string> = new Set(),
): ImportResult {
  if (!read.ok) return read;
  const headers = indexHeaders(stock[0] ?? []);
  const skuCol = headers.find(HEADERS.sku);
  const col = headers.find(warehouseColumn);
  if (skuCol === undefined || col === undefined)
    return {
      ok: false,
      reason: `на листе «Остатки» нет столбца «${skuCol === undefined ? HEADERS.sku : warehouseColumn}»`,
    };
  const skuRow = new Map<string, number>();
  for (let r = 1; r < stock.length; r++) {
    const sku = cellText(stock[r][skuCol]);
    if (sku && !skuRow.has(sku)) skuRow.set(sku, r);
  }
  const { quantities, extras, unknown } = sourceQuantities(skuRow, read);
  if (read.noneMatched && read.rows.length && !quantities.size) return { ok: false, reason: read.noneMatched };
  // A kit the file lists is on the sheet all the same; its number comes from its components.
  for (const kit of kits) quantities.delete(skuRow.get(kit) ?? -1);
  const next = stock.map((row) => [...row]);
  let missing = 0;
  let base = 0;
  const zeros: { row: number; previous: number }[] = [];
  const partial = read.partial === true;
  for (let r = 1; r < stock.length; r++) {
    const sku = cellText(stock[r][skuCol]);
    if (sku === '' || kits.has(sku)) continue;
    const listed = quantities.has(r);
    if (!listed && !partial) missing++;
    const q = listed ? quantities.get(r) : partial ? null : 0;
    const previous = numberIn(stock[r][col]);
    if (previous > 0) base++;
    if (q === null || q === undefined) continue;
    next[r][col] = q;
    if (q === 0 && previous > 0) zeros.push({ row: r, previous });
  }
  // The same rule as a push (SPEC 6): many SKUs going to 0 at once looks like a broken file, not a sell-out.
  const hold = zeros.length >= guard.minItems && zeros.length > guard.maxZeroShare * base;
  const held: HeldZero[] = [];
  const heldRows = new Set<number>();
  if (hold)
    for (const { row, previous } of zeros) {
      next[row][col] = stock[row][col];
      held.push({ sku: cellText(stock[row][skuCol]), previous });
      heldRows.add(row);
    }
  let applied = 0;
  for (const [r, q] of quantities) if (q !== null && !heldRows.has(r)) applied++;
  const column = next.slice(1).map((row) => row[col]);
  return {
    ok: true,
    column,
    stock: next,
    rows: read.rows.length,
    matched: quantities.size,
    applied,
    missing,
    partial,
    extras,
    unknown,
    held,
    base,
  };
}

export interface HeldZerosApplied {
  column: unknown[];
  stock: Grid;
  /** SKUs set to 0. */
  zeroed: string[];
  /** SKUs whose cell changed since the import held them: left as they are. */
  changed: string[];
}

/**
 * «Подтвердить импорт»: the held SKUs go to 0 — those whose cell still holds the number the import
 * kept; one someone has changed since is left as they made it.
 */
export function applyHeldZeros(
  stock: Grid,
  warehouseColumn: string,
  held: readonly HeldZero[],
): HeldZerosApplied | null {
  const headers = indexHeaders(stock[0] ?? []);
  const skuCol = headers.find(HEADERS.sku);
  const col = headers.find(warehouseColumn);
  if (skuCol === undefined || col === undefined) return null;
  const rowOf = new Map<string, number>();
  for (let r = stock.length - 1; r >= 1; r--) rowOf.set(cellText(stock[r][skuCol]), r);
  const next = stock.map((row) => [...row]);
  const zeroed: string[] = [];
  const changed: string[] = [];
  for (const item of held) {
    const r = rowOf.get(item.sku);
    if (r === undefined) continue;
    const now = parseQuantity(stock[r][col]);
    if (now.ok && now.value === item.previous) {
      next[r][col] = 0;
      zeroed.push(item.sku);
    } else changed.push(item.sku);
  }
  return { column: next.slice(1).map((row) => row[col]), stock: next, zeroed, changed };
}

/** The hidden sheet of held import zeros (SPEC 2.4: state that grows with the catalogue lives in sheets). */
export const HELD_IMPORT_SHEET = '_Импорт';
export const HELD_IMPORT_HEADER = ['Склад', 'Артикул', 'Было', 'Из', 'Задержано'];

export interface HeldImport {
  /** SKUs of the warehouse above 0 when the import was held. */
  base: number;
  /** ISO time of the import that held them. */
  at: string;
  items: HeldZero[];
}

export function readHeldImports(values: readonly (readonly unknown[])[] | null): Map<string, HeldImport> {
  const held = new Map<string, HeldImport>();
  for (const row of (values ?? []).slice(1)) {
    const warehouse = cellText(row[0]);
    const sku = cellText(row[1]);
    const previous = Number(row[2]);
    if (!warehouse || !sku || !Number.isFinite(previous)) continue;
    const entry = held.get(warehouse) ?? { base: Number(row[3]) || 0, at: cellText(row[4]), items: [] };
    entry.items.push({ sku, previous });
    held.set(warehouse, entry);
  }
  return held;
}

/** Rows for «_Импорт»; ids, SKUs and times forced to text so Sheets keeps them as they are. */
export function heldImportRows(held: ReadonlyMap<string, HeldImport>): (string | number)[][] {
  const rows: (string | number)[][] = [HELD_IMPORT_HEADER];
  for (const [warehouse, h] of held)
    for (const item of h.items) rows.push([`'${warehouse}`, `'${item.sku}`, item.previous, h.base, `'${h.at}`]);
  return rows;
}

export type { FeedOffer } from './ymlQuantity';

/** SKU candidates and stock of each offer (ymlQuantity.ts says which forms are read, in which order). */
export function feedRows(offers: FeedOffer[]): SourceRead {
  if (!offers.length) return { ok: false, reason: 'в фиде нет ни одного предложения (offer)' };
  const rows: SourceRows[] = [];
  let readable = 0;
  for (const offer of offers) {
    const keys = [offer.id, offer.vendorCode, ...offer.barcodes]
      .filter((k): k is string => !!k && k.trim() !== '')
      .map((k) => k.trim());
    if (!keys.length) continue;
    const qty = offerQuantity(offer);
    if (qty !== null) readable++;
    // Blank is unknown to planImport: that SKU keeps its number and the journal counts it.
    rows.push({ keys, qty: qty ?? '' });
  }
  if (!rows.length) return { ok: false, reason: 'в фиде нет предложений с id, vendorCode или barcode' };
  // Not one number in the whole feed is a broken feed, not a sell-out: refused, so nothing absent from it goes to 0.
  if (!readable) return { ok: false, reason: NO_QUANTITY_IN_FEED };
  return { ok: true, rows };
}

export const NO_QUANTITY_IN_FEED =
  'ни у одного предложения фида не читается количество (count, quantity, stock, stock_quantity, outlet instock, param «Остаток», «Количество», «В наличии» или «Наличие»)';

export function importDetails(plan: ImportPlan): string {
  const parts = [`строк в источнике ${plan.rows}`, `найдено в таблице ${plan.matched}`];
  if (plan.partial) parts.push('в файле только изменения: остальные артикулы не тронуты');
  if (plan.missing) parts.push(`нет в источнике ${plan.missing}${plan.held.length ? '' : ' — поставлен 0'}`);
  if (plan.extras.length)
    parts.push(
      `нет в таблице ${plan.extras.length}: ${plan.extras.slice(0, 5).join(', ')}${plan.extras.length > 5 ? '…' : ''}`,
    );
  if (plan.unknown.length)
    parts.push(
      `количество не указано или не число у ${plan.unknown.length} (оставлено прежнее): ${listed(plan.unknown, 3)}`,
    );
  if (plan.held.length)
    parts.push(
      `задержано защитой ${plan.held.length} из ${plan.base} с остатком (в 0 ушли бы ${listed(
        plan.held.map((h) => h.sku),
        5,
      )}): ждут «Подтвердить импорт»`,
    );
  return parts.join('; ');
}

function listed(items: readonly string[], max: number): string {
  return `${items.slice(0, max).join(', ')}${items.length > max ? '…' : ''}`;
}

export function hostOf(url: string): string {
  const m = /^https:\/\/([^/?#]+)/i.exec(url.trim());
  return m ? m[1].toLowerCase() : '';
}

/** Whether UrlFetchApp may fetch this URL under the manifest's urlFetchWhitelist. */
export function allowedByWhitelist(url: string, whitelist: readonly string[]): boolean {
  return whitelist.some((prefix) => {
    const wildcard = /^https:\/\/\*\.([^/]+)(\/.*)$/.exec(prefix);
    if (wildcard) {
      const host = hostOf(url);
      const path = url.slice(url.indexOf(host) + host.length);
      return (host === wildcard[1] || host.endsWith(`.${wildcard[1]}`)) && path.startsWith(wildcard[2]);
    }
    return url.startsWith(prefix);
  });
}

/** What a mail attachment is, by its name first (mailers type CSV as Excel), else by its content type. */
export type AttachmentKind = 'csv' | 'xlsx' | 'xml' | 'xls';

export function attachmentKind(name: string, contentType: string): AttachmentKind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'xlsx' || ext === 'xml' || ext === 'xls') return ext;
  const type = contentType.toLowerCase();
  if (type.includes('spreadsheetml.sheet')) return 'xlsx';
  if (type.includes('csv')) return 'csv';
  if (type.endsWith('/xml')) return 'xml';
  if (type === 'application/vnd.ms-excel') return 'xls';
  return null;
}

/**
 * The attachment of one message to read: the first CSV, XLSX or XML; a message with only an old .xls is
 * refused with a reason; null when the message has none of these (a reply without the file).
 */
export function pickAttachment(
  attachments: readonly { name: string; contentType: string }[],
): { ok: true; index: number; kind: Exclude<AttachmentKind, 'xls'> } | { ok: false; reason: string } | null {
  const kinds = attachments.map((a) => attachmentKind(a.name, a.contentType));
  const index = kinds.findIndex((k) => k !== null && k !== 'xls');
  if (index >= 0) return { ok: true, index, kind: kinds[index] as Exclude<AttachmentKind, 'xls'> };
  if (kinds.includes('xls')) return { ok: false, reason: XLS_REFUSED };
  return null;
}

export const XLS_REFUSED =
  'вложение — файл Excel старого формата (.xls), он не читается: попросите поставщика присылать .xlsx или .csv';
