/**
 * Orders → reserves (SPEC 5), pure: given «Резервы», «Остатки», the orders each API channel reports
 * and (with double reservation) what each channel shows, decide the reserve rows to add, the cells
 * of the add-on's own reserve rows to change, and the stock cells to write off. People's rows
 * («Ручной») are read, never changed.
 */

import type { OrderLine } from '../connectors/common';
import { cellText, parseQuantity, splitIds } from './cells';
import { HEADERS, indexHeaders, normalizeHeader, RESERVE_HEADERS, RESERVES_SHEET } from './headers';
import { asPlainText } from './plainText';
import { parseMoment } from './reserves';
import type { Channel, Settings, Warehouse } from './settings';

export type Grid = unknown[][];

export interface ChannelOrders {
  channel: Channel;
  lines: OrderLine[];
}

/** What a channel shows now against what it last accepted (double reservation, SPEC 5.4). */
export interface Reading {
  channelId: string;
  id: string;
  shown: number;
  lastAccepted: number;
  lastAt: string;
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

const ORDER = 'Заказ';
const PENDING = 'По остатку';

export function shipFromOf(settings: Settings, channel: Channel): Warehouse {
  const id = channel.shipFrom ?? channel.sources?.[0];
  return (
    settings.warehouses.find((w) => w.id === id) ?? settings.warehouses.find((w) => w.inSale) ?? settings.warehouses[0]
  );
}

/** Per channel: the ids its id column holds → the SKU and its row on «Остатки». */
export function idIndex(settings: Settings, stock: Grid): Map<string, Map<string, { sku: string; row: number }>> {
  const headers = indexHeaders(stock[0] ?? []);
  const skuCol = headers.find(HEADERS.sku);
  const result = new Map<string, Map<string, { sku: string; row: number }>>();
  for (const channel of settings.channels) {
    const col = channel.idHeader ? headers.find(channel.idHeader) : skuCol;
    const map = new Map<string, { sku: string; row: number }>();
    if (skuCol !== undefined) {
      for (let r = 1; r < stock.length; r++) {
        const sku = cellText(stock[r][skuCol]);
        if (!sku) continue;
        const ids = col === undefined ? [sku] : splitIds(stock[r][col]);
        for (const id of [...ids, sku]) if (!map.has(id)) map.set(id, { sku, row: r });
      }
    }
    result.set(channel.id, map);
  }
  return result;
}

export function reconcileOrders(input: {
  settings: Settings;
  now: number;
  reserves: Grid;
  stock: Grid;
  orders: ChannelOrders[];
  readings?: Reading[];
  reported?: ReadonlySet<string>;
  date: (ms: number) => unknown;
}): ReservePlan {
  const { settings, now } = input;
  const reserves = input.reserves.map((r) => [...r]);
  const stock = input.stock.map((r) => [...r]);
  const rh = indexHeaders(reserves[0] ?? []);
  const col = (h: string) => rh.find(h);
  const c = {
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
  const width = reserves[0]?.length ?? 0;
  const plan: ReservePlan = { append: [], reserveCells: [], stockCells: [], events: [], reported: [], reserves, stock };
  if (
    c.sku === undefined ||
    c.qty === undefined ||
    c.type === undefined ||
    c.status === undefined ||
    c.channel === undefined ||
    c.order === undefined
  ) {
    plan.events.push({
      channel: '—',
      status: 'Заказы',
      items: 0,
      details: `на листе «${RESERVES_SHEET}» не хватает столбцов: заказы не резервируются`,
    });
    return plan;
  }
  const at = (row: unknown[], k: number | undefined) => (k === undefined ? '' : row[k]);
  const setCell = (r: number, k: number | undefined, value: unknown) => {
    if (k === undefined) return;
    reserves[r][k] = value;
    if (r < input.reserves.length) plan.reserveCells.push({ row: r + 1, column: k + 1, value });
  };
  const addRow = (values: Partial<Record<keyof typeof c, unknown>>) => {
    const row: unknown[] = new Array(width).fill('');
    for (const [key, value] of Object.entries(values)) {
      const k = c[key as keyof typeof c];
      if (k !== undefined) row[k] = value;
    }
    reserves.push(row);
    plan.append.push(row);
    return reserves.length - 1;
  };
  const type = (row: unknown[]) => normalizeHeader(at(row, c.type));
  const status = (row: unknown[]) => normalizeHeader(at(row, c.status));

  // The add-on's own rows: order reserves by key, pending («По остатку») by channel and SKU.
  const orderRows = new Map<string, number>();
  const pendingRows = new Map<string, number[]>();
  for (let r = 1; r < reserves.length; r++) {
    const row = reserves[r];
    const key = `${cellText(at(row, c.channel))}|${cellText(at(row, c.order))}|${cellText(at(row, c.sku))}`;
    if (type(row) === normalizeHeader(ORDER)) orderRows.set(key, r);
    if (type(row) === normalizeHeader(PENDING) && status(row) === 'активен') {
      const k = `${cellText(at(row, c.channel))}|${cellText(at(row, c.sku))}`;
      pendingRows.set(k, [...(pendingRows.get(k) ?? []), r]);
    }
  }
  const stamp = input.date(now);
  const sh = indexHeaders(stock[0] ?? []);
  const ids = idIndex(settings, stock);
  const activeFrom = Date.parse(settings.reserves.activeFrom);

  // Expired «По остатку» reserves.
  for (const list of pendingRows.values()) {
    for (const r of [...list]) {
      const until = parseMoment(at(reserves[r], c.until));
      if (!Number.isNaN(until) && until <= now) {
        setCell(r, c.status, 'Истёк');
        setCell(r, c.closed, stamp);
        list.splice(list.indexOf(r), 1);
      }
    }
  }

  for (const { channel, lines } of input.orders) {
    const warehouse = shipFromOf(settings, channel);
    const stockCol = sh.find(warehouse.column);
    const byKey = new Map<string, { line: OrderLine; sku: string; row: number; qty: number }>();
    const unmatched: string[] = [];
    let older = 0;
    for (const line of lines) {
      const created = Date.parse(line.createdAt);
      if (!Number.isNaN(created) && created < activeFrom) {
        older++;
        continue;
      }
      const hit = line.itemIds.map((id) => ids.get(channel.id)?.get(id)).find(Boolean);
      if (!hit) {
        const reportKey = `${channel.id}|${line.orderId}|${line.itemIds[0] ?? ''}`;
        if (!input.reported?.has(reportKey) && !plan.reported.includes(reportKey)) {
          plan.reported.push(reportKey);
          unmatched.push(`заказ ${line.orderId}: товар ${line.itemIds.slice(0, 2).join(' / ')}`);
        }
        continue;
      }
      const key = `${channel.id}|${line.orderId}|${hit.sku}`;
      const prev = byKey.get(key);
      byKey.set(key, { line, sku: hit.sku, row: hit.row, qty: (prev?.qty ?? 0) + line.quantity });
    }
    let created = 0,
      shipped = 0,
      cancelled = 0;
    for (const [key, { line, sku, row, qty }] of byKey) {
      const existing = orderRows.get(key);
      const isActive = existing !== undefined && status(reserves[existing]) === 'активен';
      if (line.status === 'new' && existing === undefined) {
        // The order takes the place of the «По остатку» reserves it explains.
        let left = qty;
        for (const r of pendingRows.get(`${channel.id}|${sku}`) ?? []) {
          if (left <= 0) break;
          const pending = parseQuantity(at(reserves[r], c.qty));
          const q = pending.ok ? pending.value : 0;
          const take = Math.min(q, left);
          left -= take;
          if (take >= q) {
            setCell(r, c.status, 'Снят');
            setCell(r, c.closed, stamp);
            setCell(r, c.comment, asPlainText(`заменён заказом ${line.orderId}`));
          } else setCell(r, c.qty, q - take);
        }
        pendingRows.set(
          `${channel.id}|${sku}`,
          (pendingRows.get(`${channel.id}|${sku}`) ?? []).filter((r) => status(reserves[r]) === 'активен'),
        );
        orderRows.set(
          key,
          addRow({
            created: stamp,
            channel: channel.id,
            order: asPlainText(line.orderId),
            sku: asPlainText(sku),
            qty,
            warehouse: warehouse.column,
            type: ORDER,
            status: 'Активен',
            comment: asPlainText(line.rawStatus),
          }),
        );
        created++;
      } else if (line.status === 'cancelled' && isActive) {
        setCell(existing, c.status, 'Снят');
        setCell(existing, c.closed, stamp);
        cancelled++;
      } else if (line.status === 'shipped' && (isActive || existing === undefined)) {
        if (warehouse.source) {
          // A source-fed warehouse: the reserve counts until the next import after the shipment.
          const r =
            existing ??
            addRow({
              created: stamp,
              channel: channel.id,
              order: asPlainText(line.orderId),
              sku: asPlainText(sku),
              qty,
              warehouse: warehouse.column,
              type: ORDER,
              status: 'Активен',
            });
          orderRows.set(key, r);
          setCell(r, c.comment, asPlainText(`отгружен: закроется после импорта склада «${warehouse.column}»`));
        } else {
          if (existing !== undefined) {
            setCell(existing, c.status, 'Списан');
            setCell(existing, c.closed, stamp);
          } else
            orderRows.set(
              key,
              addRow({
                created: stamp,
                channel: channel.id,
                order: asPlainText(line.orderId),
                sku: asPlainText(sku),
                qty,
                warehouse: warehouse.column,
                type: ORDER,
                status: 'Списан',
                closed: stamp,
              }),
            );
          if (stockCol === undefined) {
            plan.events.push({
              channel: channel.name,
              status: 'Списание',
              items: qty,
              details: `заказ ${line.orderId}, ${sku}: нет столбца «${warehouse.column}» — не списано`,
            });
          } else {
            const old = parseQuantity(stock[row][stockCol]);
            if (!old.ok) {
              plan.events.push({
                channel: channel.name,
                status: 'Списание',
                items: qty,
                details: `заказ ${line.orderId}, ${sku}: в ячейке «${warehouse.column}» не число (${old.reason}) — не списано`,
              });
            } else {
              const value = Math.max(0, old.value - qty);
              stock[row][stockCol] = value;
              plan.stockCells.push({ row: row + 1, column: stockCol + 1, value });
              plan.events.push({
                channel: channel.name,
                status: 'Списание',
                items: qty,
                details: `заказ ${line.orderId}, ${sku}: «${warehouse.column}» ${old.value} → ${value}${old.value < qty ? ' (в ячейке было меньше, чем в заказе)' : ''}`,
              });
            }
          }
        }
        shipped++;
      }
    }
    if (lines.length || unmatched.length) {
      const parts = [
        `строк заказов ${lines.length}`,
        `новых резервов ${created}`,
        `отгружено ${shipped}`,
        `отменено ${cancelled}`,
      ];
      if (older) parts.push(`старше «резервы с» ${older}`);
      if (unmatched.length)
        parts.push(
          `нет в таблице: ${unmatched.slice(0, 5).join('; ')}${unmatched.length > 5 ? `; и ещё ${unmatched.length - 5}` : ''}`,
        );
      plan.events.push({ channel: channel.name, status: 'Заказы', items: lines.length, details: parts.join(', ') });
    }
  }

  // Double reservation: a channel showing less than it accepted, beyond the orders reserved since.
  const pendingEvents = new Map<string, string[]>();
  for (const reading of input.readings ?? []) {
    const channel = settings.channels.find((ch) => ch.id === reading.channelId);
    const hit = channel && ids.get(channel.id)?.get(reading.id);
    if (!channel || !hit) continue;
    const drop = reading.lastAccepted - reading.shown;
    if (drop <= 0) continue;
    let explained = 0;
    for (let r = 1; r < reserves.length; r++) {
      const row = reserves[r];
      if (cellText(at(row, c.channel)) !== channel.id || cellText(at(row, c.sku)) !== hit.sku) continue;
      const t = type(row);
      const q = parseQuantity(at(row, c.qty));
      if (!q.ok) continue;
      if (t === normalizeHeader(PENDING) && status(row) === 'активен') explained += q.value;
      if (t === normalizeHeader(ORDER)) {
        const createdMs = parseMoment(at(row, c.created));
        if (Number.isNaN(createdMs) || createdMs >= Date.parse(reading.lastAt)) explained += q.value;
      }
    }
    const unexplained = drop - explained;
    if (unexplained <= 0) continue;
    const warehouse = shipFromOf(settings, channel);
    const r = addRow({
      created: stamp,
      channel: channel.id,
      order: '',
      sku: asPlainText(hit.sku),
      qty: unexplained,
      warehouse: warehouse.column,
      type: PENDING,
      status: 'Активен',
      until: input.date(now + settings.reserves.pendingHoldMinutes * 60_000),
      comment: asPlainText(`${channel.name} показывает ${reading.shown} вместо ${reading.lastAccepted}: ждём заказ`),
    });
    pendingRows.set(`${channel.id}|${hit.sku}`, [...(pendingRows.get(`${channel.id}|${hit.sku}`) ?? []), r]);
    pendingEvents.set(channel.name, [...(pendingEvents.get(channel.name) ?? []), `${hit.sku} −${unexplained}`]);
  }
  for (const [channel, list] of pendingEvents) {
    plan.events.push({
      channel,
      status: 'Заказы',
      items: list.length,
      details: `площадка показывает меньше, чем приняла, без заказа: резерв «По остатку» на ${settings.reserves.pendingHoldMinutes} мин. — ${list.slice(0, 5).join(', ')}${list.length > 5 ? ` и ещё ${list.length - 5}` : ''}`,
    });
  }
  return plan;
}
