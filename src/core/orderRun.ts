/**
 * What every step of one reconcileOrders run shares (SPEC 5): working copies of «Резервы» and «Остатки»
 * inside the plan, the «Резервы» columns found by header, the add-on's own rows indexed, and the cell
 * edits that record every change in the plan, so that the use case writes them in one batch.
 */
import { cellText, parseQuantity } from './cells';
import { type ItemIndex, idIndex } from './channelItems';
import { channelIdOfCell, type FormerNames } from './channelNames';
import { DEFAULT_TIME_ZONE } from './dates';
import { type HeaderIndex, indexHeaders, normalizeHeader, RESERVE_HEADERS } from './headers';
import { type KitBook, kitOfComment, readKits } from './kits';
import { isPrunable, type LedgerLine, ledgerKey, momentText, type OrderLedger, readOrderLedger } from './orderLedger';
import type { OrdersInput, ReservePlan } from './orders';
import type { Settings } from './settings';

export const ORDER = 'Заказ';
export const PENDING = 'По остатку';
/** How the comment of a shipped reserve waiting for its warehouse's import starts (usecases/sources closes it). */
export const SHIPPED_MARK = 'отгружен:';

/** Where each «Резервы» column stands (0-based); undefined when the sheet lacks it. */
export interface ReserveColumns {
  created: number | undefined;
  channel: number | undefined;
  order: number | undefined;
  sku: number | undefined;
  qty: number | undefined;
  warehouse: number | undefined;
  type: number | undefined;
  status: number | undefined;
  until: number | undefined;
  closed: number | undefined;
  comment: number | undefined;
}
export type ReserveField = keyof ReserveColumns;

export interface OrderRun {
  settings: Settings;
  now: number;
  /** «Создан» and «Закрыт» of every row this run opens or closes. */
  stamp: unknown;
  date: (ms: number) => unknown;
  /** The spreadsheet's zone: a time typed as text on «Резервы» is read in it, as the recalculation reads it. */
  timeZone: string;
  ids: ItemIndex;
  stockHeaders: HeaderIndex;
  /** Orders created before «резервы с» reserve nothing (NaN when the setting is unreadable: none is older). */
  activeFrom: number;
  /** Keys of unmatched order lines that earlier runs already reported. */
  reportedBefore: ReadonlySet<string> | undefined;
  /** The working copies (plan.reserves, plan.stock) and every change to write. */
  plan: ReservePlan;
  columns: ReserveColumns;
  /** Rows the sheet has now: a row below them was appended by this run and goes out with plan.append. */
  sheetRows: number;
  width: number;
  /** The add-on's own rows: order reserves by channel|order|SKU… */
  orderRows: Map<string, number>;
  /** …and active «По остатку» reserves by channel|SKU. */
  pendingRows: Map<string, number[]>;
  /** «_Заказы»: what was reserved, written off and cancelled, whatever people did to «Резервы». */
  ledger: OrderLedger;
  /** Stock cells (row:column, 1-based) that hold a formula: a write-off never overwrites them. */
  formulaCells: ReadonlySet<string>;
  /** «Комплекты» (SPEC 5.7); null without kits. */
  kits: KitBook | null;
  /** Kit orders already in «_Заказы»: channel|order|kit → component → units, made at the first kit line. */
  kitOrders?: Map<string, Map<string, number>>;
  /** Kit orders whose «По остатку» reserves this run already replaced → the earliest «Создан» of those (NaN: none). */
  kitPendingReplaced: Map<string, number>;
  /** Names channels had before a rename: «Канал» cells that still say them belong to those channels. */
  formerNames: FormerNames;
}

export function findReserveColumns(header: readonly unknown[]): ReserveColumns {
  const headers = indexHeaders(header);
  const col = (h: string) => headers.find(h);
  return {
    created: col(RESERVE_HEADERS.created),
    channel: col(RESERVE_HEADERS.channel),
    order: col(RESERVE_HEADERS.order),
    sku: col(RESERVE_HEADERS.sku),
    qty: col(RESERVE_HEADERS.quantity),
    warehouse: col(RESERVE_HEADERS.warehouse),
    type: col(RESERVE_HEADERS.type),
    status: col(RESERVE_HEADERS.status),
    until: col(RESERVE_HEADERS.validUntil),
    closed: col(RESERVE_HEADERS.closed),
    comment: col(RESERVE_HEADERS.comment),
  };
}

/** Without these, no reserve row can be read or written. */
export function hasRequiredColumns(c: ReserveColumns): boolean {
  return (
    c.sku !== undefined &&
    c.qty !== undefined &&
    c.type !== undefined &&
    c.status !== undefined &&
    c.channel !== undefined &&
    c.order !== undefined
  );
}

export function startOrderRun(input: OrdersInput, plan: ReservePlan, columns: ReserveColumns): OrderRun {
  const run: OrderRun = {
    settings: input.settings,
    now: input.now,
    stamp: input.date(input.now),
    date: input.date,
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    ids: idIndex(input.settings, plan.stock),
    stockHeaders: indexHeaders(plan.stock[0] ?? []),
    activeFrom: Date.parse(input.settings.reserves.activeFrom),
    reportedBefore: input.reported,
    plan,
    columns,
    sheetRows: input.reserves.length,
    width: plan.reserves[0]?.length ?? 0,
    orderRows: new Map(),
    pendingRows: new Map(),
    ledger: readOrderLedger(input.orderLedger ?? null),
    formulaCells: input.formulaCells ?? new Set(),
    kits: kitsOf(input.kits),
    kitPendingReplaced: new Map(),
    formerNames: input.formerNames ?? {},
  };
  indexOwnRows(run);
  return run;
}

/** «Комплекты» for orders: a sheet the recalculation refuses (no «Комплект» column) stops the run before this. */
function kitsOf(values: OrdersInput['kits']): KitBook | null {
  const read = readKits(values ?? null);
  return read.ok ? read.book : null;
}

/** The key of a «Заказ» reserve, the same as its line's in «_Заказы»; a kit's component has the kit in it. */
export function orderKey(channelId: string, orderId: string, sku: string, kit?: string): string {
  return ledgerKey(channelId, orderId, sku, kit);
}

export function pendingKey(channelId: string, sku: string): string {
  return `${channelId}|${sku}`;
}

/** A later row with the same order key wins: it is the one the run updates. */
function indexOwnRows(run: OrderRun): void {
  for (let r = 1; r < run.plan.reserves.length; r++) {
    const channel = rowChannel(run, r);
    const sku = cellText(cell(run, r, 'sku'));
    if (isType(run, r, ORDER)) {
      const kit = kitOfComment(cell(run, r, 'comment'))?.kit;
      const key = orderKey(channel, cellText(cell(run, r, 'order')), sku, kit);
      run.orderRows.set(key, r);
      if (!run.ledger.lines.has(key)) learnFromRow(run, r, key, kit);
    }
    if (isType(run, r, PENDING) && isActive(run, r)) addPendingRow(run, pendingKey(channel, sku), r);
  }
}

/**
 * A «Заказ» row «_Заказы» does not know (a sheet from before it, or a ledger someone deleted): what the row
 * tells goes into the ledger, so that archiving or deleting the row later changes nothing.
 */
function learnFromRow(run: OrderRun, r: number, key: string, kit: string | undefined): void {
  const status = normalizeHeader(cell(run, r, 'status'));
  const created = momentText(cell(run, r, 'created')) || new Date(run.now).toISOString();
  const closed = momentText(cell(run, r, 'closed')) || created;
  const waitsForImport = status === 'активен' && cellText(cell(run, r, 'comment')).startsWith(SHIPPED_MARK);
  const qty = parseQuantity(cell(run, r, 'qty'));
  const line: LedgerLine = {
    channel: rowChannel(run, r),
    order: cellText(cell(run, r, 'order')),
    sku: cellText(cell(run, r, 'sku')),
    qty: qty.ok ? qty.value : 0,
    reservedAt: created,
    writtenOffAt: status === 'списан' ? closed : waitsForImport ? created : '',
    cancelledAt: status === 'снят' ? closed : '',
    soldBy: '',
    ...(kit ? { kit } : {}),
  };
  if (!line.channel || !line.order || !line.sku || isPrunable(line, run.now)) return;
  run.ledger.lines.set(key, line);
  run.ledger.changed = true;
}

/** The ledger's line of an order item, made when the run first records something of it. */
export function ledgerLine(
  run: OrderRun,
  key: string,
  fields: { channel: string; order: string; sku: string; kit?: string },
) {
  const line = run.ledger.lines.get(key) ?? {
    ...fields,
    qty: 0,
    reservedAt: '',
    writtenOffAt: '',
    cancelledAt: '',
    soldBy: '',
  };
  run.ledger.lines.set(key, line);
  run.ledger.changed = true;
  return line;
}

export function addPendingRow(run: OrderRun, key: string, r: number): void {
  run.pendingRows.set(key, [...(run.pendingRows.get(key) ?? []), r]);
}

/** The code of the channel a row's «Канал» names (its name, a former name, or its code in older rows). */
export function rowChannel(run: OrderRun, r: number): string {
  return channelIdOfCell(cell(run, r, 'channel'), run.settings, run.formerNames);
}

/** A cell of a «Резервы» row; blank when the sheet lacks the column. */
export function cell(run: OrderRun, r: number, field: ReserveField): unknown {
  const k = run.columns[field];
  return k === undefined ? '' : run.plan.reserves[r][k];
}

export function isType(run: OrderRun, r: number, type: typeof ORDER | typeof PENDING): boolean {
  return normalizeHeader(cell(run, r, 'type')) === normalizeHeader(type);
}

export function isActive(run: OrderRun, r: number): boolean {
  return normalizeHeader(cell(run, r, 'status')) === 'активен';
}

/** Changes a cell of the working copy; a row already on the sheet also gets a cell write. */
export function setCell(run: OrderRun, r: number, field: ReserveField, value: unknown): void {
  const k = run.columns[field];
  if (k === undefined) return;
  run.plan.reserves[r][k] = value;
  if (r < run.sheetRows) run.plan.reserveCells.push({ row: r + 1, column: k + 1, value });
}

export function closeReserve(run: OrderRun, r: number, status: 'Списан' | 'Снят' | 'Истёк'): void {
  setCell(run, r, 'status', status);
  setCell(run, r, 'closed', run.stamp);
}

/** Appends a row (the same array goes to plan.append, so later edits of it are appended too); its index. */
export function addRow(run: OrderRun, values: Partial<Record<ReserveField, unknown>>): number {
  const row: unknown[] = new Array(run.width).fill('');
  for (const [field, value] of Object.entries(values)) {
    const k = run.columns[field as ReserveField];
    if (k !== undefined) row[k] = value;
  }
  run.plan.reserves.push(row);
  run.plan.append.push(row);
  return run.plan.reserves.length - 1;
}
