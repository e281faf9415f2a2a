/**
 * Stock sources (SPEC 4, issue «sources»), pure: a source's rows become the quantities of one
 * warehouse column. A source that looks broken never zeroes a warehouse: it is refused with a
 * reason and the column stays as it is.
 */
import { cellText, parseQuantity } from './cells';
import { HEADERS, indexHeaders } from './headers';

export type Grid = unknown[][];

export interface SourceRows {
  /** SKU candidates of one item (e.g. offer id, vendor code, barcode), first match wins. */
  keys: string[];
  qty: unknown;
}

export type SourceRead = { ok: true; rows: SourceRows[] } | { ok: false; reason: string };

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

/** Rows of a table (CSV, another sheet, a mail attachment) by its SKU and quantity headers. */
export function tableRows(table: Grid, skuHeader: string, qtyHeader: string): SourceRead {
  if (!table.length || table.every((r) => r.every((c) => cellText(c) === '')))
    return { ok: false, reason: 'источник пуст' };
  const headers = indexHeaders(table[0]);
  const sku = headers.find(skuHeader);
  const qty = headers.find(qtyHeader);
  if (sku === undefined) return { ok: false, reason: `в источнике нет столбца «${skuHeader}»` };
  if (qty === undefined) return { ok: false, reason: `в источнике нет столбца «${qtyHeader}»` };
  const rows: SourceRows[] = [];
  for (const row of table.slice(1)) {
    const key = cellText(row[sku]);
    if (key) rows.push({ keys: [key], qty: row[qty] });
  }
  if (!rows.length) return { ok: false, reason: 'в источнике нет ни одной строки с артикулом' };
  return { ok: true, rows };
}

export interface ImportPlan {
  ok: true;
  /** The warehouse column (rows 2…n of «Остатки»), ready to write in one go. */
  column: unknown[];
  /** The whole «Остатки» with the new column, for the allocation of the same run. */
  stock: Grid;
  rows: number;
  matched: number;
  /** SKUs on the sheet that the source lacks: set to 0. */
  missing: number;
  /** Keys in the source that match no SKU on the sheet: listed, never added. */
  extras: string[];
  /** Rows whose quantity is not a number: skipped (their SKU counts as missing). */
  badQuantities: string[];
}

export type ImportResult = ImportPlan | { ok: false; reason: string };

/** A source with fewer rows than this share of its last successful import is taken as broken. */
export const MIN_SHARE_OF_LAST_IMPORT = 0.5;

export function planImport(
  stock: Grid,
  warehouseColumn: string,
  read: SourceRead,
  lastRows: number | undefined,
): ImportResult {
  if (!read.ok) return read;
  if (lastRows !== undefined && read.rows.length < lastRows * MIN_SHARE_OF_LAST_IMPORT) {
    return {
      ok: false,
      reason: `строк в источнике: ${read.rows.length} — меньше половины прошлого раза (${lastRows}); похоже на сбой, склад не изменён`,
    };
  }
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
  const quantities = new Map<number, number>();
  const extras: string[] = [];
  const badQuantities: string[] = [];
  for (const row of read.rows) {
    const r = row.keys.map((k) => skuRow.get(k)).find((x) => x !== undefined);
    if (r === undefined) {
      extras.push(row.keys[0]);
      continue;
    }
    const q = parseQuantity(row.qty);
    if (!q.ok) {
      badQuantities.push(row.keys[0]);
      continue;
    }
    quantities.set(r, (quantities.get(r) ?? 0) + q.value);
  }
  const next = stock.map((row) => [...row]);
  const column: unknown[] = [];
  let missing = 0;
  for (let r = 1; r < stock.length; r++) {
    const hasSku = cellText(stock[r][skuCol]) !== '';
    const value = quantities.get(r) ?? (hasSku ? 0 : stock[r][col]);
    if (hasSku && !quantities.has(r)) missing++;
    next[r][col] = value;
    column.push(value);
  }
  return {
    ok: true,
    column,
    stock: next,
    rows: read.rows.length,
    matched: quantities.size,
    missing,
    extras,
    badQuantities,
  };
}

/** Offers of a YML/XML feed, as the adapter read them: attributes and child texts by name. */
export interface FeedOffer {
  id?: string;
  vendorCode?: string;
  barcodes: string[];
  values: Record<string, string>;
}

const QTY_FIELDS = ['count', 'quantity', 'stock', 'available'];

export function feedRows(offers: FeedOffer[]): SourceRead {
  if (!offers.length) return { ok: false, reason: 'в фиде нет ни одного предложения (offer)' };
  const rows: SourceRows[] = [];
  for (const offer of offers) {
    const field = QTY_FIELDS.find(
      (f) => offer.values[f] !== undefined && /^\s*-?\d+([.,]\d+)?\s*$/.test(offer.values[f]),
    );
    const keys = [offer.id, offer.vendorCode, ...offer.barcodes]
      .filter((k): k is string => !!k && k.trim() !== '')
      .map((k) => k.trim());
    if (!keys.length) continue;
    rows.push({ keys, qty: field ? offer.values[field] : offer.values.available === 'false' ? 0 : 'нет количества' });
  }
  if (!rows.length) return { ok: false, reason: 'в фиде нет предложений с id, vendorCode или barcode' };
  return { ok: true, rows };
}

export function importDetails(plan: ImportPlan): string {
  const parts = [`строк в источнике ${plan.rows}`, `найдено в таблице ${plan.matched}`];
  if (plan.missing) parts.push(`нет в источнике ${plan.missing} — поставлен 0`);
  if (plan.extras.length)
    parts.push(
      `нет в таблице ${plan.extras.length}: ${plan.extras.slice(0, 5).join(', ')}${plan.extras.length > 5 ? '…' : ''}`,
    );
  if (plan.badQuantities.length)
    parts.push(`количество не число у ${plan.badQuantities.length}: ${plan.badQuantities.slice(0, 3).join(', ')}`);
  return parts.join('; ');
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
