/**
 * Double reservation (SPEC 5.4): a channel that shows less than it last accepted has sold units whose
 * order has not arrived yet. A «По остатку» reserve holds them for `pendingHoldMinutes`; the arriving
 * order takes its place, and one that never arrives lets it expire.
 */
import { cellText, parseQuantity } from './cells';
import { shipFromOf } from './channelItems';
import {
  addPendingRow,
  addRow,
  cell,
  closeReserve,
  isActive,
  isType,
  ORDER,
  type OrderRun,
  PENDING,
  pendingKey,
  setCell,
} from './orderRun';
import type { OrderEvent, Reading } from './orders';
import { asPlainText } from './plainText';
import { parseMoment } from './reserves';
import type { Settings } from './settings';

/** «По остатку» reserves whose «Действует до» has passed: «Истёк», and no longer waiting for an order. */
export function expirePendingReserves(run: OrderRun): void {
  for (const list of run.pendingRows.values()) {
    for (const r of [...list]) {
      const until = parseMoment(cell(run, r, 'until'));
      if (!Number.isNaN(until) && until <= run.now) {
        closeReserve(run, r, 'Истёк');
        list.splice(list.indexOf(r), 1);
      }
    }
  }
}

/** A new order takes the place of the «По остатку» reserves it explains, top row first: no double count. */
export function replacePendingReserves(run: OrderRun, channelId: string, sku: string, qty: number, orderId: string) {
  const key = pendingKey(channelId, sku);
  let left = qty;
  for (const r of run.pendingRows.get(key) ?? []) {
    if (left <= 0) break;
    const pending = parseQuantity(cell(run, r, 'qty'));
    const q = pending.ok ? pending.value : 0;
    const take = Math.min(q, left);
    left -= take;
    if (take >= q) {
      closeReserve(run, r, 'Снят');
      setCell(run, r, 'comment', asPlainText(`заменён заказом ${orderId}`));
    } else setCell(run, r, 'qty', q - take);
  }
  run.pendingRows.set(
    key,
    (run.pendingRows.get(key) ?? []).filter((r) => isActive(run, r)),
  );
}

/** A «По остатку» reserve for each reading that shows a drop no reserve explains; one journal row a channel. */
export function reserveUnexplainedDrops(run: OrderRun, readings: readonly Reading[]): void {
  const byChannel = new Map<string, string[]>();
  for (const reading of readings) {
    const reserved = reserveUnexplainedDrop(run, reading);
    if (reserved) byChannel.set(reserved.channel, [...(byChannel.get(reserved.channel) ?? []), reserved.item]);
  }
  for (const [channel, items] of byChannel) run.plan.events.push(pendingReservesEvent(run.settings, channel, items));
}

/** The reserve a reading calls for, if any: the channel's name and «SKU −units» for the journal. */
function reserveUnexplainedDrop(run: OrderRun, reading: Reading): { channel: string; item: string } | undefined {
  const channel = run.settings.channels.find((ch) => ch.id === reading.channelId);
  const hit = channel && run.ids.get(channel.id)?.get(reading.id);
  if (!channel || !hit) return undefined;
  const drop = reading.lastAccepted - reading.shown;
  if (drop <= 0) return undefined;
  const unexplained = drop - explainedUnits(run, channel.id, hit.sku, Date.parse(reading.lastAt));
  if (unexplained <= 0) return undefined;
  const r = addRow(run, {
    created: run.stamp,
    channel: channel.id,
    order: '',
    sku: asPlainText(hit.sku),
    qty: unexplained,
    warehouse: shipFromOf(run.settings, channel).column,
    type: PENDING,
    status: 'Активен',
    until: run.date(run.now + run.settings.reserves.pendingHoldMinutes * 60_000),
    comment: asPlainText(`${channel.name} показывает ${reading.shown} вместо ${reading.lastAccepted}: ждём заказ`),
  });
  addPendingRow(run, pendingKey(channel.id, hit.sku), r);
  return { channel: channel.name, item: `${hit.sku} −${unexplained}` };
}

/**
 * Units of a drop the reserves already explain: active «По остатку» reserves, and order reserves made
 * since the last accepted push (or whose «Создан» cannot be read), this run's included.
 */
function explainedUnits(run: OrderRun, channelId: string, sku: string, lastAcceptedAt: number): number {
  let explained = 0;
  for (let r = 1; r < run.plan.reserves.length; r++) {
    if (cellText(cell(run, r, 'channel')) !== channelId || cellText(cell(run, r, 'sku')) !== sku) continue;
    const q = parseQuantity(cell(run, r, 'qty'));
    if (!q.ok) continue;
    if (isType(run, r, PENDING) && isActive(run, r)) explained += q.value;
    if (isType(run, r, ORDER)) {
      const created = parseMoment(cell(run, r, 'created'));
      if (Number.isNaN(created) || created >= lastAcceptedAt) explained += q.value;
    }
  }
  return explained;
}

function pendingReservesEvent(settings: Settings, channel: string, items: string[]): OrderEvent {
  const more = items.length > 5 ? ` и ещё ${items.length - 5}` : '';
  return {
    channel,
    status: 'Заказы',
    items: items.length,
    details: `площадка показывает меньше, чем приняла, без заказа: резерв «По остатку» на ${settings.reserves.pendingHoldMinutes} мин. — ${items.slice(0, 5).join(', ')}${more}`,
  };
}
