/**
 * Orders → reserves (SPEC 5), pure: given «Резервы», «Остатки», the orders each API channel reports
 * and (with double reservation) what each channel shows, decide the reserve rows to add, the cells
 * of the add-on's own reserve rows to change, and the stock cells to write off. People's rows
 * («Ручной») are read, never changed (only moved to the archive once closed). «_Заказы» says which
 * lines were reserved, written off or cancelled already, so that no row a person deletes or edits
 * makes an order count twice.
 */

import type { OrderLine } from '../connectors/common';
import { parseQuantity } from './cells';
import { shipFromOf } from './channelItems';
import { channelCellText, type FormerNames } from './channelNames';
import { earlier, expirePendingReserves, replacePendingReserves, reserveUnexplainedDrops } from './doubleReservation';
import { RESERVES_SHEET } from './headers';
import { type Kit, kitComment } from './kits';
import { type LedgerLine, orderLedgerRows, pruneOrderLedger } from './orderLedger';
import {
  addRow,
  closeReserve,
  findReserveColumns,
  hasRequiredColumns,
  isActive,
  ledgerLine,
  ORDER,
  type OrderRun,
  orderKey,
  type ReserveField,
  SHIPPED_MARK,
  setCell,
  startOrderRun,
} from './orderRun';
import { orderStatusText } from './orderStatusText';
import { asIdText, asPlainText } from './plainText';
import { archiveClosedRows, type ReserveArchive } from './reserveArchive';
import type { Channel, Settings, Warehouse } from './settings';

export { idIndex, shipFromOf } from './channelItems';

export type Grid = unknown[][];

export interface ChannelOrders {
  channel: Channel;
  lines: OrderLine[];
}

/** What a channel shows now against what it last accepted (double reservation, SPEC 5.4). */
export interface Reading {
  channelId: string;
  id: string;
  /** What the channel shows for sale now. */
  shown: number;
  lastAccepted: number;
  /** When it last accepted that quantity (ISO): reserves of sales since then explain a drop (`seenAt` too). */
  lastAt: string;
  /**
   * When it accepted the push that changed it to that quantity, where later pushes only repeated it: a
   * reading within the settle window after it is no evidence of a sale. Absent: `lastAt`.
   */
  since?: string;
  /** The quantity accepted before (a late marketplace may still show it). */
  prev?: { qty: number; at: string };
  /** A later push sent but not confirmed: it may still apply, and the window counts from it. */
  tried?: { qty: number; at: string };
  /** When `lastAccepted` was taken from a settled reading (later than `lastAt`): reserves made by then are in it. */
  seenAt?: string;
}

export interface CellChange {
  row: number;
  column: number;
  value: unknown;
}

export interface OrderEvent {
  channel: string;
  status: 'Заказы' | 'Списание';
  items: number;
  details: string;
}

export interface ReservePlan {
  append: unknown[][];
  reserveCells: CellChange[];
  stockCells: CellChange[];
  events: OrderEvent[];
  /** Keys of unmatched order lines reported now, so they are reported once. */
  reported: string[];
  /** «Резервы» and «Остатки» as they will be, for the allocation of the same run. */
  reserves: Grid;
  stock: Grid;
  /** «_Заказы» to write, when it changed. */
  orderLedger: (string | number)[][] | null;
  /** Closed rows moved to «Резервы (архив)»: then «Резервы» is written whole, in place of append and cells. */
  archive: ReserveArchive | null;
}

export interface OrdersInput {
  settings: Settings;
  now: number;
  reserves: Grid;
  stock: Grid;
  orders: ChannelOrders[];
  readings?: Reading[];
  /** Keys of unmatched order lines that earlier runs reported. */
  reported?: ReadonlySet<string>;
  /** A moment as the sheet should hold it. */
  date: (ms: number) => unknown;
  /** The spreadsheet's zone, in which a time typed as text on «Резервы» is read. Absent: the manifest's. */
  timeZone?: string;
  /** «_Заказы» as read (null: not there yet). */
  orderLedger?: Grid | null;
  /** Closed rows of «Резервы» that closed before this moment move to the archive; absent: none moves now. */
  archiveBefore?: number;
  /** Stock cells («row:column», 1-based) that hold a formula. */
  formulaCells?: ReadonlySet<string>;
  /** «Комплекты» as read (SPEC 5.7): a kit's order reserves its components. Absent: no kits. */
  kits?: Grid | null;
  /** Names channels had before a rename (channelNames.ts): rows that still say them keep their channel. */
  formerNames?: FormerNames;
}

export function reconcileOrders(input: OrdersInput): ReservePlan {
  const plan: ReservePlan = {
    append: [],
    reserveCells: [],
    stockCells: [],
    events: [],
    reported: [],
    reserves: input.reserves.map((r) => [...r]),
    stock: input.stock.map((r) => [...r]),
    orderLedger: null,
    archive: null,
  };
  const columns = findReserveColumns(plan.reserves[0] ?? []);
  if (!hasRequiredColumns(columns)) {
    plan.events.push(missingColumnsEvent());
    return plan;
  }
  const run = startOrderRun(input, plan, columns);
  // Expired «По остатку» reserves first, so that no order replaces one.
  expirePendingReserves(run);
  for (const channelOrders of input.orders) reconcileChannelOrders(run, channelOrders);
  reserveUnexplainedDrops(run, input.readings ?? []);
  pruneOrderLedger(run.ledger, run.now);
  if (run.ledger.changed) plan.orderLedger = orderLedgerRows(run.ledger);
  if (input.archiveBefore !== undefined) plan.archive = archiveClosedRows(run, input.archiveBefore) ?? null;
  return plan;
}

function missingColumnsEvent(): OrderEvent {
  return {
    channel: '—',
    status: 'Заказы',
    items: 0,
    details: `на листе «${RESERVES_SHEET}» не хватает столбцов: заказы не резервируются`,
  };
}

/** One order and SKU of a channel, its distinct lines summed: what the steps below reserve, close or write off. */
interface OrderItem {
  channel: Channel;
  warehouse: Warehouse;
  key: string;
  /** The line whose status decides: the most advanced of the item's lines. */
  line: OrderLine;
  sku: string;
  /** The SKU's row on «Остатки» (0-based). */
  row: number;
  qty: number;
  /** A kit's component (SPEC 5.7): the kit's SKU and how many kits the order holds. */
  kit?: { sku: string; count: number };
}

type Outcome = 'created' | 'shipped' | 'cancelled';

function reconcileChannelOrders(run: OrderRun, { channel, lines }: ChannelOrders): void {
  const distinct = distinctLines(lines);
  const { items, older, unmatched } = matchOrderLines(run, channel, distinct);
  const done: Record<Outcome, number> = { created: 0, shipped: 0, cancelled: 0 };
  for (const item of items.values()) {
    const outcome = reconcileOrderItem(run, item);
    if (outcome) done[outcome]++;
  }
  // Lines pulled again by the overlapping window change nothing: a row only when something happened
  // (SPEC 2.3: a run with nothing to do writes no row), or when an unknown item is named for the first time.
  if (done.created + done.shipped + done.cancelled > 0 || unmatched.length)
    run.plan.events.push(channelOrdersEvent(channel, distinct, older, unmatched, done));
}

/** How far an order has gone: of two listings of one line, the further one is the newer. */
const STATUS_RANK: Record<OrderLine['status'], number> = { other: 0, new: 1, shipped: 2, cancelled: 2 };

/** The later-gone of two lines (the second on a tie: listed later). */
function furtherOf(seen: OrderLine | undefined, line: OrderLine): OrderLine {
  return seen && STATUS_RANK[seen.status] > STATUS_RANK[line.status] ? seen : line;
}

/**
 * A pull without repeats: the same line listed twice (Ozon's paging while statuses change) counts once.
 * Lines are told apart by the marketplace's own line identity, so two lines of one order for the same item
 * (two Yandex Market items, two WB assembly tasks) both count. A line without one is never taken for a
 * repeat: merging two real lines would show units that are sold.
 */
function distinctLines(lines: OrderLine[]): OrderLine[] {
  const byLine = new Map<string, OrderLine>();
  lines.forEach((line, k) => {
    const key = line.lineId === undefined ? `#${k}` : JSON.stringify([line.orderId, line.lineId]);
    byLine.set(key, furtherOf(byLine.get(key), line));
  });
  return [...byLine.values()];
}

/** Order lines by order and SKU; lines older than «резервы с» are counted, unknown items named once. */
function matchOrderLines(run: OrderRun, channel: Channel, lines: OrderLine[]) {
  const warehouse = shipFromOf(run.settings, channel);
  const items = new Map<string, OrderItem>();
  const unmatched: string[] = [];
  let older = 0;
  for (const line of lines) {
    const created = Date.parse(line.createdAt);
    if (!Number.isNaN(created) && created < run.activeFrom) {
      older++;
      continue;
    }
    const hit = line.itemIds.map((id) => run.ids.get(channel.id)?.get(id)).find(Boolean);
    if (!hit) {
      const named = reportUnmatchedOnce(run, channel, line);
      if (named) unmatched.push(named);
      continue;
    }
    const kit = run.kits?.kits.get(hit.sku);
    if (kit && !reservedAsProduct(run, orderKey(channel.id, line.orderId, hit.sku))) {
      addKitItems(run, items, { channel, warehouse, line, kit });
      continue;
    }
    const key = orderKey(channel.id, line.orderId, hit.sku);
    const seen = items.get(key);
    const qty = (seen?.qty ?? 0) + line.quantity;
    items.set(key, { channel, warehouse, key, line: furtherOf(seen?.line, line), sku: hit.sku, row: hit.row, qty });
  }
  return { items, older, unmatched };
}

/**
 * A line of a SKU that became a kit after its order was reserved as a product goes on as it began: its
 * reserve row is the SKU's own, and only that row can be closed.
 */
function reservedAsProduct(run: OrderRun, key: string): boolean {
  return run.ledger.lines.has(key) || run.orderRows.has(key);
}

/** What a kit order line needs to become its components' items. */
interface KitLine {
  channel: Channel;
  warehouse: Warehouse;
  line: OrderLine;
  kit: Kit;
}

/**
 * A kit's order line is one item per component (SPEC 5.7): units = kits × «Кол-во», the kit in the key.
 * Components reserved for this order before and no longer in the kit are kept, with the units reserved,
 * so that their reserves are still written off or freed.
 */
function addKitItems(run: OrderRun, items: Map<string, OrderItem>, { channel, warehouse, line, kit }: KitLine): void {
  const before = kitOrderLines(run).get(`${channel.id}|${line.orderId}|${kit.sku}`);
  const parts = new Map(kit.components.map((c) => [c.sku, c.qty]));
  for (const sku of before?.keys() ?? []) if (!parts.has(sku)) parts.set(sku, 0);
  for (const [sku, perKit] of parts) {
    const row = skuRow(run, sku);
    if (row === undefined) continue;
    const key = orderKey(channel.id, line.orderId, sku, kit.sku);
    const seen = items.get(key);
    const count = (seen?.kit?.count ?? 0) + line.quantity;
    const qty = perKit > 0 ? count * perKit : (before?.get(sku) ?? 0);
    const further = furtherOf(seen?.line, line);
    items.set(key, { channel, warehouse, key, line: further, sku, row, qty, kit: { sku: kit.sku, count } });
  }
}

/** Kit orders «_Заказы» knows: channel|order|kit → component → units reserved (indexed once a run). */
function kitOrderLines(run: OrderRun): Map<string, Map<string, number>> {
  if (run.kitOrders) return run.kitOrders;
  const index = new Map<string, Map<string, number>>();
  for (const l of run.ledger.lines.values()) {
    if (!l.kit) continue;
    const key = `${l.channel}|${l.order}|${l.kit}`;
    const parts = index.get(key) ?? new Map<string, number>();
    parts.set(l.sku, l.qty);
    index.set(key, parts);
  }
  run.kitOrders = index;
  return index;
}

/** A component's row on «Остатки» (0-based): its SKU as every channel's index knows it. */
function skuRow(run: OrderRun, sku: string): number | undefined {
  for (const index of run.ids.values()) {
    const hit = index.get(sku);
    if (hit && hit.sku === sku) return hit.row;
  }
  return undefined;
}

/** A line whose item is not on «Остатки» is named in the journal once: plan.reported keeps its key. */
function reportUnmatchedOnce(run: OrderRun, channel: Channel, line: OrderLine): string | undefined {
  const reportKey = `${channel.id}|${line.orderId}|${line.itemIds[0] ?? ''}`;
  if (run.reportedBefore?.has(reportKey) || run.plan.reported.includes(reportKey)) return undefined;
  run.plan.reported.push(reportKey);
  return `заказ ${line.orderId}: товар ${line.itemIds.slice(0, 2).join(' / ')}`;
}

/**
 * New, cancelled or shipped. «_Заказы» decides what happened before, whatever became of the row: a line
 * reserved once is never reserved again, one written off is never written off again. A line that changes
 * nothing (seen before, or already closed) does nothing.
 */
function reconcileOrderItem(run: OrderRun, item: OrderItem): Outcome | undefined {
  const known = run.ledger.lines.get(item.key);
  const existing = run.orderRows.get(item.key);
  const { status } = item.line;
  if (status === 'new') return known || existing !== undefined ? undefined : reserveNewOrder(run, item);
  if (status === 'cancelled') return cancelOrder(run, item, known, existing);
  if (status !== 'shipped' || known?.writtenOffAt || known?.cancelledAt) return undefined;
  if (existing !== undefined && !isActive(run, existing)) return undefined;
  shipOrder(run, item, existing, known);
  return 'shipped';
}

/**
 * The item's line in «_Заказы», made when the run first records something of it; a new line is dated by the
 * marketplace's order time, never later than now (double reservation, `explainedUnits`).
 */
function lineOf(run: OrderRun, item: OrderItem): LedgerLine {
  const fields = { channel: item.channel.id, order: item.line.orderId, sku: item.sku };
  const line = ledgerLine(run, item.key, item.kit ? { ...fields, kit: item.kit.sku } : fields);
  if (!line.qty) {
    line.qty = item.qty;
    line.soldBy = momentIso(earlier(Date.parse(item.line.createdAt), run.now));
  }
  return line;
}

const nowText = (run: OrderRun) => new Date(run.now).toISOString();
/** A moment as «_Заказы» keeps it ('' when unknown). */
const momentIso = (ms: number) => (Number.isNaN(ms) ? '' : new Date(ms).toISOString());

/** The cells every order reserve row starts with. */
function orderRowValues(run: OrderRun, item: OrderItem): Partial<Record<ReserveField, unknown>> {
  return {
    created: run.stamp,
    channel: asPlainText(channelCellText(run.settings, item.channel)),
    order: asIdText(item.line.orderId),
    sku: asPlainText(item.sku),
    qty: item.qty,
    warehouse: item.warehouse.column,
    type: ORDER,
    // A kit's component row names its kit: that is how a later run finds the row (the kit is in its key).
    ...(item.kit ? { comment: kitComment(item.kit.sku, item.kit.count) } : {}),
  };
}

/** The reserve's comment: the order's status on its marketplace, in the seller's words (and the kit, if one). */
function statusComment(item: OrderItem): string {
  const status = orderStatusText(item.channel.marketplace, item.line.rawStatus);
  if (!item.kit) return asPlainText(status);
  const kit = kitComment(item.kit.sku, item.kit.count);
  return status ? `${kit}; ${status}` : kit;
}

/** How a journal row names an item: its SKU, and the kit it was ordered in. */
function itemName(item: OrderItem): string {
  return item.kit ? `${item.sku} (${kitComment(item.kit.sku, item.kit.count)})` : item.sku;
}

/**
 * The «По остатку» reserves an order explains (5.4); returns the earliest «Создан» of those (NaN: none).
 * Those of a kit stand on the kit's SKU: the kit order replaces them once, when its first component is
 * reserved, and every component of it keeps that moment.
 */
function replacePending(run: OrderRun, item: OrderItem): number {
  if (!item.kit) return replacePendingReserves(run, item.channel.id, item.sku, item.qty, item.line.orderId);
  const order = `${item.channel.id}|${item.line.orderId}|${item.kit.sku}`;
  const replaced = run.kitPendingReplaced.get(order);
  if (replaced !== undefined) return replaced;
  if (kitOrderLines(run).has(order)) return Number.NaN;
  const shownBy = replacePendingReserves(run, item.channel.id, item.kit.sku, item.kit.count, item.line.orderId);
  run.kitPendingReplaced.set(order, shownBy);
  return shownBy;
}

/** SPEC 5.1: one «Заказ» reserve, in place of the «По остатку» reserves the order explains (5.4). */
function reserveNewOrder(run: OrderRun, item: OrderItem): Outcome {
  const shownBy = replacePending(run, item);
  const values = { ...orderRowValues(run, item), status: 'Активен', comment: statusComment(item) };
  run.orderRows.set(item.key, addRow(run, values));
  const line = lineOf(run, item);
  line.reservedAt = nowText(run);
  // The units it takes over were on the channel when that reserve was made: they keep its moment.
  line.soldBy = momentIso(earlier(Date.parse(line.soldBy), shownBy));
  return 'created';
}

/**
 * SPEC 5.3: an active reserve becomes «Снят». An order cancelled after it shipped changes no stock (the
 * seller adds the return by hand, 5.6): the journal says once that a return is on its way.
 */
function cancelOrder(
  run: OrderRun,
  item: OrderItem,
  known: LedgerLine | undefined,
  existing: number | undefined,
): Outcome | undefined {
  if (known?.cancelledAt) return undefined;
  if (known?.writtenOffAt) {
    run.plan.events.push(cancelledAfterShipmentEvent(item));
    lineOf(run, item).cancelledAt = nowText(run);
    return undefined;
  }
  const active = existing !== undefined && isActive(run, existing);
  if (active) closeReserve(run, existing, 'Снят');
  if (active || known) lineOf(run, item).cancelledAt = nowText(run);
  return active ? 'cancelled' : undefined;
}

function cancelledAfterShipmentEvent(item: OrderItem): OrderEvent {
  return {
    channel: item.channel.name,
    status: 'Заказы',
    items: item.qty,
    details: `заказ ${item.line.orderId}, ${itemName(item)}: отмена после отгрузки: ждём возврат — остаток не меняется, вернувшийся товар добавьте на склад вручную`,
  };
}

/**
 * SPEC 5.2; a shipment seen before its order is recorded as well. A row a person deleted is not made
 * again: «_Заказы» remembers the line.
 */
function shipOrder(run: OrderRun, item: OrderItem, existing: number | undefined, known: LedgerLine | undefined) {
  lineOf(run, item).writtenOffAt = nowText(run);
  const rowGone = existing === undefined && known !== undefined;
  if (item.warehouse.source) {
    if (!rowGone) keepUntilNextImport(run, item, existing);
    return;
  }
  if (existing !== undefined) closeReserve(run, existing, 'Списан');
  else if (!rowGone)
    run.orderRows.set(item.key, addRow(run, { ...orderRowValues(run, item), status: 'Списан', closed: run.stamp }));
  writeOffStock(run, item);
}

/** A source-fed warehouse: the reserve counts until the next import after the shipment, which closes it. */
function keepUntilNextImport(run: OrderRun, item: OrderItem, existing: number | undefined): void {
  const r = existing ?? addRow(run, { ...orderRowValues(run, item), status: 'Активен' });
  run.orderRows.set(item.key, r);
  const kit = item.kit ? `; ${kitComment(item.kit.sku, item.kit.count)}` : '';
  setCell(
    run,
    r,
    'comment',
    asPlainText(`${SHIPPED_MARK} закроется после импорта склада «${item.warehouse.column}»${kit}`),
  );
}

/** A hand-kept warehouse: one «Списание» row, whether the cell went down or could not. */
function writeOffStock(run: OrderRun, item: OrderItem): void {
  run.plan.events.push({
    channel: item.channel.name,
    status: 'Списание',
    items: item.qty,
    details: `заказ ${item.line.orderId}, ${itemName(item)}: ${decreaseStockCell(run, item)}`,
  });
}

/** Takes the shipped units off the warehouse's cell (never below 0); says what changed, or why nothing did. */
function decreaseStockCell(run: OrderRun, item: OrderItem): string {
  const { column } = item.warehouse;
  const k = run.stockHeaders.find(column);
  if (k === undefined) return `нет столбца «${column}» — не списано`;
  // Reserved as a product before it became a kit: a kit keeps no stock of its own (SPEC 5.7).
  if (run.kits?.kits.has(item.sku))
    return `«${item.sku}» теперь комплект, его склады пусты — не списано, спишите компоненты вручную`;
  // SPEC 2.1: the seller's formula stays; the seller takes the units off it.
  if (run.formulaCells.has(`${item.row + 1}:${k + 1}`))
    return `в ячейке «${column}» формула — не списано, уменьшите её на ${item.qty}`;
  const old = parseQuantity(run.plan.stock[item.row][k]);
  if (!old.ok) return `в ячейке «${column}» не число (${old.reason}) — не списано`;
  const value = Math.max(0, old.value - item.qty);
  run.plan.stock[item.row][k] = value;
  run.plan.stockCells.push({ row: item.row + 1, column: k + 1, value });
  const short = old.value < item.qty ? ' (в ячейке было меньше, чем в заказе)' : '';
  return `«${column}» ${old.value} → ${value}${short}`;
}

/** The channel's «Заказы» journal row: what its lines did, and at most five unknown items by name. */
function channelOrdersEvent(
  channel: Channel,
  lines: OrderLine[],
  older: number,
  unmatched: string[],
  done: Record<Outcome, number>,
): OrderEvent {
  const parts = [
    `строк заказов ${lines.length}`,
    `новых резервов ${done.created}`,
    `отгружено ${done.shipped}`,
    `отменено ${done.cancelled}`,
  ];
  if (older) parts.push(`старше «резервы с» ${older}`);
  if (unmatched.length) {
    const more = unmatched.length > 5 ? `; и ещё ${unmatched.length - 5}` : '';
    parts.push(`нет в таблице: ${unmatched.slice(0, 5).join('; ')}${more}`);
  }
  return { channel: channel.name, status: 'Заказы', items: lines.length, details: parts.join(', ') };
}
