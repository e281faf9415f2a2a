/**
 * Active reserves read from «Резервы» (SPEC 2.2, 5.5). People type rows here, so every row is read
 * defensively: a malformed row is reported and not counted, and nothing here ever changes the sheet.
 */
import { cellText, isBlank, isDate, parseQuantity } from './cells';
import { DEFAULT_TIME_ZONE, parseSellerDate } from './dates';
import { indexHeaders, normalizeHeader, RESERVE_HEADERS, RESERVES_SHEET } from './headers';
import type { KitBook } from './kits';
import type { Problem } from './problems';
import type { Settings } from './settings';

export type ReserveType = 'Заказ' | 'По остатку' | 'Ручной';
export type ReserveStatus = 'Активен' | 'Списан' | 'Снят' | 'Истёк';

const TYPES: Record<string, ReserveType> = { заказ: 'Заказ', 'по остатку': 'По остатку', ручной: 'Ручной' };
const STATUSES: Record<string, ReserveStatus> = { активен: 'Активен', списан: 'Списан', снят: 'Снят', истек: 'Истёк' };

/**
 * A moment from a cell: a Date, «25.11.2026», «25.11.2026 18:00», or ISO text; text without a zone is
 * read in the spreadsheet's zone. NaN when unreadable.
 */
export function parseMoment(value: unknown, timeZone: string = DEFAULT_TIME_ZONE): number {
  if (isDate(value)) return value.getTime();
  if (typeof value === 'number') return Number.NaN;
  return parseSellerDate(String(value), timeZone);
}

export interface ReserveBook {
  /** SKU → units held per warehouse (settings order). */
  bySku: Map<string, number[]>;
  problems: Problem[];
  activeCount: number;
}

/**
 * `kits`: «Комплекты» (SPEC 5.7). A reserve of a kit's SKU — a «По остатку» reserve of a kit a channel
 * sold, or one a person typed — holds its components: qty × «Кол-во» of each, on the same warehouse.
 */
export function readReserves(
  values: readonly (readonly unknown[])[] | null,
  settings: Settings,
  knownSkus: ReadonlySet<string>,
  now: number,
  timeZone: string = DEFAULT_TIME_ZONE,
  kits: KitBook | null = null,
): ReserveBook {
  const book: ReserveBook = { bySku: new Map(), problems: [], activeCount: 0 };
  if (!values || values.length < 2) return book;
  const sheet = openReserveSheet(values[0], settings, knownSkus, { now, timeZone });
  if ('missing' in sheet) {
    book.problems.push({
      sheet: RESERVES_SHEET,
      row: 1,
      column: sheet.missing,
      severity: 'error',
      message: `нет столбца «${sheet.missing}»: резервы не учтены`,
    });
    return book;
  }
  for (let r = 1; r < values.length; r++) {
    const reserve = readReserveRow(sheet, values[r]);
    if (reserve === undefined) continue;
    if (isProblem(reserve)) book.problems.push(rowProblem(r + 1, reserve));
    else holdUnits(book, settings, reserve, kits);
  }
  return book;
}

/** What reading one row needs: where the columns stand, the warehouses by header, the SKUs and the time. */
interface ReserveSheet {
  skuCol: number;
  qtyCol: number;
  typeCol: number | undefined;
  statusCol: number | undefined;
  untilCol: number | undefined;
  warehouseCol: number | undefined;
  warehouseByHeader: Map<string, number>;
  /** Blank «Склад»: the first inSale warehouse. */
  defaultWarehouse: number;
  knownSkus: ReadonlySet<string>;
  now: number;
  /** The spreadsheet's zone: «Действует до» typed as text is read in it. */
  timeZone: string;
}

/** Units an active row holds: of a SKU, on a warehouse (its index in the settings). */
interface HeldUnits {
  sku: string;
  warehouse: number;
  qty: number;
}

/** Why a row does not count, in the seller's words, and in which column. */
interface RowProblem {
  column: string;
  message: string;
}

function isProblem(value: unknown): value is RowProblem {
  return typeof value === 'object' && value !== null && 'message' in value;
}

function rowProblem(sheetRow: number, { column, message }: RowProblem): Problem {
  return { sheet: RESERVES_SHEET, row: sheetRow, column, message: `${message}: резерв не учтён`, severity: 'error' };
}

/** Without «Артикул» and «Кол-во» no reserve can count: the first missing one is named. */
function openReserveSheet(
  header: readonly unknown[],
  settings: Settings,
  knownSkus: ReadonlySet<string>,
  { now, timeZone }: { now: number; timeZone: string },
): ReserveSheet | { missing: string } {
  const headers = indexHeaders(header);
  const col = (h: string) => headers.find(h);
  const skuCol = col(RESERVE_HEADERS.sku);
  const qtyCol = col(RESERVE_HEADERS.quantity);
  if (skuCol === undefined) return { missing: RESERVE_HEADERS.sku };
  if (qtyCol === undefined) return { missing: RESERVE_HEADERS.quantity };
  return {
    skuCol,
    qtyCol,
    typeCol: col(RESERVE_HEADERS.type),
    statusCol: col(RESERVE_HEADERS.status),
    untilCol: col(RESERVE_HEADERS.validUntil),
    warehouseCol: col(RESERVE_HEADERS.warehouse),
    warehouseByHeader: new Map(settings.warehouses.map((w, i) => [normalizeHeader(w.column), i])),
    defaultWarehouse: settings.warehouses.findIndex((w) => w.inSale),
    knownSkus,
    now,
    timeZone,
  };
}

const at = (row: readonly unknown[], c: number | undefined) => (c === undefined ? '' : row[c]);

/**
 * The units a row holds, or the first problem that keeps it from counting. Nothing for a blank row,
 * a closed one, 0 units or a passed «Действует до»: such rows simply do not count.
 */
function readReserveRow(sheet: ReserveSheet, row: readonly unknown[]): HeldUnits | RowProblem | undefined {
  if (row.every(isBlank)) return undefined;
  const type = readType(sheet, row);
  if (isProblem(type)) return type;
  const status = readStatus(sheet, row, type);
  if (isProblem(status)) return status;
  if (status !== 'Активен') return undefined;
  const sku = readSku(sheet, row);
  if (isProblem(sku)) return sku;
  const qty = readQuantity(sheet, row);
  if (isProblem(qty)) return qty;
  if (qty === 0) return undefined;
  const warehouse = readWarehouse(sheet, row);
  if (isProblem(warehouse)) return warehouse;
  const expired = hasExpired(sheet, row, type);
  if (isProblem(expired)) return expired;
  return expired ? undefined : { sku, warehouse, qty };
}

/** Blank «Тип» is «Ручной». */
function readType(sheet: ReserveSheet, row: readonly unknown[]): ReserveType | RowProblem {
  const text = normalizeHeader(at(row, sheet.typeCol));
  const type: ReserveType | undefined = text === '' ? 'Ручной' : TYPES[text];
  if (type) return type;
  const message = `неизвестный тип «${cellText(at(row, sheet.typeCol))}» (Заказ, По остатку или Ручной)`;
  return { column: RESERVE_HEADERS.type, message };
}

/** A «Ручной» row with blank «Статус» is «Активен»; any other row must say. */
function readStatus(sheet: ReserveSheet, row: readonly unknown[], type: ReserveType): ReserveStatus | RowProblem {
  const text = normalizeHeader(at(row, sheet.statusCol));
  const status: ReserveStatus | undefined = text === '' && type === 'Ручной' ? 'Активен' : STATUSES[text];
  if (status) return status;
  const shown = cellText(at(row, sheet.statusCol));
  const message = shown ? `неизвестный статус «${shown}» (Активен, Списан, Снят или Истёк)` : 'не указан статус';
  return { column: RESERVE_HEADERS.status, message };
}

function readSku(sheet: ReserveSheet, row: readonly unknown[]): string | RowProblem {
  const sku = cellText(row[sheet.skuCol]);
  if (sku === '') return { column: RESERVE_HEADERS.sku, message: 'не указан артикул' };
  if (!sheet.knownSkus.has(sku))
    return { column: RESERVE_HEADERS.sku, message: `артикула «${sku}» нет на листе «Остатки»` };
  return sku;
}

function readQuantity(sheet: ReserveSheet, row: readonly unknown[]): number | RowProblem {
  const qty = parseQuantity(row[sheet.qtyCol]);
  if (!qty.ok) return { column: RESERVE_HEADERS.quantity, message: qty.reason };
  if (qty.negative) return { column: RESERVE_HEADERS.quantity, message: 'отрицательное количество' };
  return qty.value;
}

/** Blank «Склад» is the first inSale warehouse; otherwise a warehouse's column header. */
function readWarehouse(sheet: ReserveSheet, row: readonly unknown[]): number | RowProblem {
  const text = cellText(at(row, sheet.warehouseCol));
  if (text === '') return sheet.defaultWarehouse;
  const found = sheet.warehouseByHeader.get(normalizeHeader(text));
  return found ?? { column: RESERVE_HEADERS.warehouse, message: `нет склада со столбцом «${text}»` };
}

/** «Действует до» binds «По остатку» and «Ручной» reserves; an order reserve lasts until its order closes it. */
function hasExpired(sheet: ReserveSheet, row: readonly unknown[], type: ReserveType): boolean | RowProblem {
  if (type === 'Заказ') return false;
  const value = at(row, sheet.untilCol);
  if (isBlank(value)) return false;
  const until = parseMoment(value, sheet.timeZone);
  if (Number.isNaN(until)) {
    return {
      column: RESERVE_HEADERS.validUntil,
      message: `«${cellText(value)}» — не дата (например, 25.11.2026 18:00)`,
    };
  }
  return until <= sheet.now;
}

/** A kit's units are held on its components (one level: a kit inside a kit is refused anyway). */
function holdUnits(book: ReserveBook, settings: Settings, units: HeldUnits, kits: KitBook | null): void {
  book.activeCount++;
  const kit = kits === null ? undefined : kits.kits.get(units.sku);
  if (kit === undefined) hold(book, settings, units);
  else for (const c of kit.components) hold(book, settings, { ...units, sku: c.sku, qty: units.qty * c.qty });
}

function hold(book: ReserveBook, settings: Settings, { sku, warehouse, qty }: HeldUnits): void {
  let held = book.bySku.get(sku);
  if (!held) {
    held = new Array(settings.warehouses.length).fill(0);
    book.bySku.set(sku, held);
  }
  held[warehouse] += qty;
}
