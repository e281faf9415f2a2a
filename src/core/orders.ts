/**
 * Orders → reserves (SPEC 5), pure: given «Резервы», «Остатки», the orders each API channel reports
 * and (with double reservation) what each channel shows, decide the reserve rows to add, the cells
 * of the add-on's own reserve rows to change, and the stock cells to write off. People's rows
 * («Ручной») are read, never changed.
 */

import type { OrderLine } from '../connectors/common';
import { parseQuantity } from './cells';
import { shipFromOf } from './channelItems';
import { expirePendingReserves, replacePendingReserves, reserveUnexplainedDrops } from './doubleReservation';
import { RESERVES_SHEET } from './headers';
import {
  addRow,
  closeReserve,
  findReserveColumns,
  hasRequiredColumns,
  isActive,
  ORDER,
  type OrderRun,
  orderKey,
  type ReserveField,
  setCell,
  startOrderRun,
} from './orderRun';
import { asPlainText } from './plainText';
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
  /** When it accepted that quantity (ISO): a reading within the settle window after it is no evidence of a sale. */
  lastAt: string;
  /** The quantity accepted before (a late marketplace may still show it). */
  prev?: { qty: number; at: string };
  /** A later push sent but not confirmed: it may still apply, and the window counts from it. */
  tried?: { qty: number; at: string };
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

/** One order and SKU of a channel, its lines summed: what the steps below reserve, close or write off. */
interface OrderItem {
  channel: Channel;
  warehouse: Warehouse;
  key: string;
  /** The last line seen: its status decides. */
  line: OrderLine;
  sku: string;
  /** The SKU's row on «Остатки» (0-based). */
  row: number;
  qty: number;
}

type Outcome = 'created' | 'shipped' | 'cancelled';

function reconcileChannelOrders(run: OrderRun, { channel, lines }: ChannelOrders): void {
  const { items, older, unmatched } = matchOrderLines(run, channel, lines);
  const done: Record<Outcome, number> = { created: 0, shipped: 0, cancelled: 0 };
  for (const item of items.values()) {
    const outcome = reconcileOrderItem(run, item);
    if (outcome) done[outcome]++;
  }
  if (lines.length || unmatched.length)
    run.plan.events.push(channelOrdersEvent(channel, lines, older, unmatched, done));
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
    const key = orderKey(channel.id, line.orderId, hit.sku);
    const qty = (items.get(key)?.qty ?? 0) + line.quantity;
    items.set(key, { channel, warehouse, key, line, sku: hit.sku, row: hit.row, qty });
  }
  return { items, older, unmatched };
}

/** A line whose item is not on «Остатки» is named in the journal once: plan.reported keeps its key. */
function reportUnmatchedOnce(run: OrderRun, channel: Channel, line: OrderLine): string | undefined {
  const reportKey = `${channel.id}|${line.orderId}|${line.itemIds[0] ?? ''}`;
  if (run.reportedBefore?.has(reportKey) || run.plan.reported.includes(reportKey)) return undefined;
  run.plan.reported.push(reportKey);
  return `заказ ${line.orderId}: товар ${line.itemIds.slice(0, 2).join(' / ')}`;
}

/** New, cancelled or shipped; a line that changes nothing (seen before, or already closed) does nothing. */
function reconcileOrderItem(run: OrderRun, item: OrderItem): Outcome | undefined {
  const existing = run.orderRows.get(item.key);
  const { status } = item.line;
  if (status === 'new' && existing === undefined) {
    reserveNewOrder(run, item);
    return 'created';
  }
  const active = existing !== undefined && isActive(run, existing);
  if (status === 'cancelled' && active) {
    closeReserve(run, existing, 'Снят');
    return 'cancelled';
  }
  if (status === 'shipped' && (active || existing === undefined)) {
    shipOrder(run, item, existing);
    return 'shipped';
  }
  return undefined;
}

/** The cells every order reserve row starts with. */
function orderRowValues(run: OrderRun, item: OrderItem): Partial<Record<ReserveField, unknown>> {
  return {
    created: run.stamp,
    channel: item.channel.id,
    order: asPlainText(item.line.orderId),
    sku: asPlainText(item.sku),
    qty: item.qty,
    warehouse: item.warehouse.column,
    type: ORDER,
  };
}

/** SPEC 5.1: one «Заказ» reserve, in place of the «По остатку» reserves the order explains (5.4). */
function reserveNewOrder(run: OrderRun, item: OrderItem): void {
  replacePendingReserves(run, item.channel.id, item.sku, item.qty, item.line.orderId);
  const values = { ...orderRowValues(run, item), status: 'Активен', comment: asPlainText(item.line.rawStatus) };
  run.orderRows.set(item.key, addRow(run, values));
}

/** SPEC 5.2; a shipment seen before its order is recorded as well. */
function shipOrder(run: OrderRun, item: OrderItem, existing: number | undefined): void {
  if (item.warehouse.source) {
    keepUntilNextImport(run, item, existing);
    return;
  }
  if (existing !== undefined) closeReserve(run, existing, 'Списан');
  else run.orderRows.set(item.key, addRow(run, { ...orderRowValues(run, item), status: 'Списан', closed: run.stamp }));
  writeOffStock(run, item);
}

/** A source-fed warehouse: the reserve counts until the next import after the shipment, which closes it. */
function keepUntilNextImport(run: OrderRun, item: OrderItem, existing: number | undefined): void {
  const r = existing ?? addRow(run, { ...orderRowValues(run, item), status: 'Активен' });
  run.orderRows.set(item.key, r);
  setCell(run, r, 'comment', asPlainText(`отгружен: закроется после импорта склада «${item.warehouse.column}»`));
}

/** A hand-kept warehouse: one «Списание» row, whether the cell went down or could not. */
function writeOffStock(run: OrderRun, item: OrderItem): void {
  run.plan.events.push({
    channel: item.channel.name,
    status: 'Списание',
    items: item.qty,
    details: `заказ ${item.line.orderId}, ${item.sku}: ${decreaseStockCell(run, item)}`,
  });
}

/** Takes the shipped units off the warehouse's cell (never below 0); says what changed, or why nothing did. */
function decreaseStockCell(run: OrderRun, item: OrderItem): string {
  const { column } = item.warehouse;
  const k = run.stockHeaders.find(column);
  if (k === undefined) return `нет столбца «${column}» — не списано`;
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
