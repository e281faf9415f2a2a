/**
 * «Создать лист «Остатки»»: the header row of SPEC 2.1 for the settings as they are, and two example
 * rows that say they are examples. Without channels the add-on's own columns are left out: the first
 * recalculation adds them to the right, where they belong.
 */
import { initialHeaderRow } from './allocation';
import { EXAMPLE_SKUS } from './exampleRows';
import { HEADERS, normalizeHeader } from './headers';
import type { Settings } from './settings';

export { EXAMPLE_SKUS };

const EXAMPLE_NAMES = ['Пример: замените своим товаром', 'Пример: удалите эту строку'];
const EXAMPLE_STOCK = [10, 3];

export interface StockTemplate {
  headers: string[];
  rows: (string | number)[][];
}

export function stockTemplate(settings: Settings): StockTemplate {
  // The optional columns stay out of a first sheet; the seller adds them when needed (README).
  const optional = new Set([HEADERS.safetyStock, HEADERS.minStock].map(normalizeHeader));
  const computed = new Set([HEADERS.reserve, HEADERS.forSale, HEADERS.unallocated].map(normalizeHeader));
  for (const c of settings.channels) computed.add(normalizeHeader(c.column));
  const headers = initialHeaderRow(settings).filter(
    (h) => !optional.has(normalizeHeader(h)) && (settings.channels.length > 0 || !computed.has(normalizeHeader(h))),
  );
  const warehouses = new Set(settings.warehouses.map((w) => normalizeHeader(w.column)));
  const rows = EXAMPLE_SKUS.map((sku, i) =>
    headers.map((h) => {
      const key = normalizeHeader(h);
      if (key === normalizeHeader(HEADERS.sku)) return sku;
      if (key === normalizeHeader(HEADERS.name)) return EXAMPLE_NAMES[i];
      return warehouses.has(key) ? EXAMPLE_STOCK[i] : '';
    }),
  );
  return { headers, rows };
}
