/**
 * Active reserves read from «Резервы» (SPEC 2.2, 5.5). People type rows here, so every row is read
 * defensively: a malformed row is reported and not counted, and nothing here ever changes the sheet.
 */
import { cellText, isBlank, isDate, parseQuantity } from './cells';
import { indexHeaders, normalizeHeader, RESERVE_HEADERS, RESERVES_SHEET } from './headers';
import type { Problem } from './problems';
import type { Settings } from './settings';

export type ReserveType = 'Заказ' | 'По остатку' | 'Ручной';
export type ReserveStatus = 'Активен' | 'Списан' | 'Снят' | 'Истёк';

const TYPES: Record<string, ReserveType> = { заказ: 'Заказ', 'по остатку': 'По остатку', ручной: 'Ручной' };
const STATUSES: Record<string, ReserveStatus> = { активен: 'Активен', списан: 'Списан', снят: 'Снят', истек: 'Истёк' };

/** The script runs in Europe/Moscow (appsscript.json); typed dates without a zone are Moscow time. */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;

/** A moment from a cell: a Date, «25.11.2026», «25.11.2026 18:00», or ISO text. NaN when unreadable. */
export function parseMoment(value: unknown): number {
  if (isDate(value)) return value.getTime();
  if (typeof value === 'number') return Number.NaN;
  const text = String(value).trim();
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (ru) {
    const [, d, m, y, hh = '0', mm = '0', ss = '0'] = ru;
    const day = Number(d),
      month = Number(m);
    if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
    return Date.UTC(Number(y), month - 1, day, Number(hh), Number(mm), Number(ss)) - MOSCOW_OFFSET_MS;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
    const ms = Date.parse(hasZone ? text : `${text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T')}Z`);
    return hasZone ? ms : ms - MOSCOW_OFFSET_MS;
  }
  return Number.NaN;
}

export interface ReserveBook {
  /** SKU → units held per warehouse (settings order). */
  bySku: Map<string, number[]>;
  problems: Problem[];
  activeCount: number;
}

export function readReserves(
  values: readonly (readonly unknown[])[] | null,
  settings: Settings,
  knownSkus: ReadonlySet<string>,
  now: number,
): ReserveBook {
  const book: ReserveBook = { bySku: new Map(), problems: [], activeCount: 0 };
  if (!values || values.length < 2) return book;
  const headers = indexHeaders(values[0]);
  const col = (h: string) => headers.find(h);
  const skuCol = col(RESERVE_HEADERS.sku);
  const qtyCol = col(RESERVE_HEADERS.quantity);
  if (skuCol === undefined || qtyCol === undefined) {
    const missing = skuCol === undefined ? RESERVE_HEADERS.sku : RESERVE_HEADERS.quantity;
    book.problems.push({
      sheet: RESERVES_SHEET,
      row: 1,
      column: missing,
      severity: 'error',
      message: `нет столбца «${missing}»: резервы не учтены`,
    });
    return book;
  }
  const typeCol = col(RESERVE_HEADERS.type);
  const statusCol = col(RESERVE_HEADERS.status);
  const untilCol = col(RESERVE_HEADERS.validUntil);
  const warehouseCol = col(RESERVE_HEADERS.warehouse);
  const warehouseByHeader = new Map(settings.warehouses.map((w, i) => [normalizeHeader(w.column), i]));
  const defaultWarehouse = settings.warehouses.findIndex((w) => w.inSale);
  const at = (row: readonly unknown[], c: number | undefined) => (c === undefined ? '' : row[c]);

  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (row.every(isBlank)) continue;
    const sheetRow = r + 1;
    const report = (column: string, message: string) =>
      book.problems.push({
        sheet: RESERVES_SHEET,
        row: sheetRow,
        column,
        message: `${message}: резерв не учтён`,
        severity: 'error',
      });

    const typeText = normalizeHeader(at(row, typeCol));
    const type: ReserveType | undefined = typeText === '' ? 'Ручной' : TYPES[typeText];
    if (!type) {
      report(RESERVE_HEADERS.type, `неизвестный тип «${cellText(at(row, typeCol))}» (Заказ, По остатку или Ручной)`);
      continue;
    }

    const statusText = normalizeHeader(at(row, statusCol));
    const status: ReserveStatus | undefined = statusText === '' && type === 'Ручной' ? 'Активен' : STATUSES[statusText];
    if (!status) {
      const shown = cellText(at(row, statusCol));
      report(
        RESERVE_HEADERS.status,
        shown ? `неизвестный статус «${shown}» (Активен, Списан, Снят или Истёк)` : 'не указан статус',
      );
      continue;
    }
    if (status !== 'Активен') continue;

    const sku = cellText(row[skuCol]);
    if (sku === '') {
      report(RESERVE_HEADERS.sku, 'не указан артикул');
      continue;
    }
    if (!knownSkus.has(sku)) {
      report(RESERVE_HEADERS.sku, `артикула «${sku}» нет на листе «Остатки»`);
      continue;
    }

    const qty = parseQuantity(row[qtyCol]);
    if (!qty.ok) {
      report(RESERVE_HEADERS.quantity, qty.reason);
      continue;
    }
    if (qty.negative) {
      report(RESERVE_HEADERS.quantity, 'отрицательное количество');
      continue;
    }
    if (qty.value === 0) continue;

    let warehouse = defaultWarehouse;
    const warehouseText = cellText(at(row, warehouseCol));
    if (warehouseText !== '') {
      const found = warehouseByHeader.get(normalizeHeader(warehouseText));
      if (found === undefined) {
        report(RESERVE_HEADERS.warehouse, `нет склада со столбцом «${warehouseText}»`);
        continue;
      }
      warehouse = found;
    }

    if (type !== 'Заказ') {
      const untilValue = at(row, untilCol);
      if (!isBlank(untilValue)) {
        const until = parseMoment(untilValue);
        if (Number.isNaN(until)) {
          report(RESERVE_HEADERS.validUntil, `«${cellText(untilValue)}» — не дата (например, 25.11.2026 18:00)`);
          continue;
        }
        if (until <= now) continue;
      }
    }

    let held = book.bySku.get(sku);
    if (!held) {
      held = new Array(settings.warehouses.length).fill(0);
      book.bySku.set(sku, held);
    }
    held[warehouse] += qty.value;
    book.activeCount++;
  }
  return book;
}
