/**
 * Double reservation (SPEC 5.4): a channel that shows less than it last accepted has sold units whose
 * order has not arrived yet. A «По остатку» reserve holds them for `pendingHoldMinutes`; the arriving
 * order takes its place, and one that never arrives lets it expire. A marketplace applies a push only after
 * a delay, so a reading soon after our push (the settle window) is not evidence of a sale and reserves nothing.
 */
import { cellText, parseQuantity } from './cells';
import { shipFromOf } from './channelItems';
import { channelCellText } from './channelNames';
import { kitOfComment } from './kits';
import {
  addPendingRow,
  addRow,
  cell,
  closeReserve,
  isActive,
  isType,
  ORDER,
  type OrderRun,
  orderKey,
  PENDING,
  pendingKey,
  rowChannel,
  setCell,
} from './orderRun';
import type { OrderEvent, Reading } from './orders';
import { asPlainText } from './plainText';
import { parseMoment } from './reserves';
import type { LedgerEntry } from './sending';
import { type Channel, DEFAULT_SETTLE_MINUTES, type Settings } from './settings';

/** «По остатку» reserves whose «Действует до» has passed: «Истёк», and no longer waiting for an order. */
export function expirePendingReserves(run: OrderRun): void {
  for (const list of run.pendingRows.values()) {
    for (const r of [...list]) {
      const until = parseMoment(cell(run, r, 'until'), run.timeZone);
      if (!Number.isNaN(until) && until <= run.now) {
        closeReserve(run, r, 'Истёк');
        list.splice(list.indexOf(r), 1);
      }
    }
  }
}

/**
 * A new order takes the place of the «По остатку» reserves it explains, top row first: no double count.
 * Returns the earliest «Создан» of those rows (NaN when none): the sale was on the channel by then.
 */
export function replacePendingReserves(
  run: OrderRun,
  channelId: string,
  sku: string,
  qty: number,
  orderId: string,
): number {
  const key = pendingKey(channelId, sku);
  let left = qty;
  let shownBy = Number.NaN;
  for (const r of run.pendingRows.get(key) ?? []) {
    if (left <= 0) break;
    const pending = parseQuantity(cell(run, r, 'qty'));
    const q = pending.ok ? pending.value : 0;
    const take = Math.min(q, left);
    left -= take;
    shownBy = earlier(shownBy, parseMoment(cell(run, r, 'created'), run.timeZone));
    if (take >= q) {
      closeReserve(run, r, 'Снят');
      setCell(run, r, 'comment', asPlainText(`заменён заказом ${orderId}`));
    } else setCell(run, r, 'qty', q - take);
  }
  run.pendingRows.set(
    key,
    (run.pendingRows.get(key) ?? []).filter((r) => isActive(run, r)),
  );
  return shownBy;
}

/** The earlier of two moments, a NaN one (unknown) left out. */
export function earlier(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  return Number.isNaN(b) ? a : Math.min(a, b);
}

/** What the readings of one channel did: the «SKU −units» reserved, and the drops the settle window set aside. */
interface ChannelDrops {
  channel: Channel;
  reserved: string[];
  settling: number;
}

/**
 * A «По остатку» reserve for each reading that shows a drop no reserve explains, unless the reading falls
 * within the settle window of the last push (the marketplace may still show the old number); one journal
 * row a channel, which also counts the drops set aside so that a seller sees why nothing was reserved.
 */
export function reserveUnexplainedDrops(run: OrderRun, readings: readonly Reading[]): void {
  const drops = new Map<string, ChannelDrops>();
  for (const reading of readings) {
    const channel = run.settings.channels.find((ch) => ch.id === reading.channelId);
    const hit = channel && run.ids.get(channel.id)?.get(reading.id);
    if (!channel || !hit) continue;
    const units = unexplainedDrop(run, channel.id, hit.sku, reading);
    if (units <= 0) continue;
    const seen = drops.get(channel.id) ?? { channel, reserved: [], settling: 0 };
    drops.set(channel.id, seen);
    if (isSettling(run.settings, channel, latestPushAt(reading), run.now)) seen.settling++;
    else seen.reserved.push(reservePendingUnits(run, channel, hit.sku, reading, units));
  }
  for (const seen of drops.values()) run.plan.events.push(pendingReservesEvent(run.settings, seen));
}

/**
 * SPEC 5.4 settle window: minutes after an accepted push during which the marketplace may still show the
 * old number. `reserves.settleMinutes` overrides the default of the channel's marketplace.
 */
export function settleMinutesOf(settings: Settings, marketplace: Channel['marketplace']): number {
  if (!(marketplace in DEFAULT_SETTLE_MINUTES)) return OTHER_SETTLE_MINUTES;
  const known = marketplace as keyof typeof DEFAULT_SETTLE_MINUTES;
  return settings.reserves.settleMinutes[known] ?? DEFAULT_SETTLE_MINUTES[known];
}

/** Marketplaces without a default of their own (SPEC 5.4: «others 5»). */
const OTHER_SETTLE_MINUTES = 5;

/**
 * A reading within the settle window of the item's last accepted push is no evidence of a sale. A push time
 * that cannot be read cannot show that the push has settled either: such a reading never invents a sale.
 */
export function isSettling(settings: Settings, channel: Channel, lastAt: string, now: number): boolean {
  const at = Date.parse(lastAt);
  if (Number.isNaN(at)) return true;
  return now - at < settleMinutesOf(settings, channel.marketplace) * 60_000;
}

/**
 * The latest push of the item that may still be applying: the one that changed it to the quantity accepted
 * (sending that quantity again changes nothing it shows), or a later unconfirmed one of another quantity.
 */
export function latestPushAt(reading: Reading): string {
  const changed = reading.since ?? reading.lastAt;
  const other = reading.tried && reading.tried.qty !== reading.lastAccepted ? reading.tried : undefined;
  const tried = other ? Date.parse(other.at) : Number.NaN;
  return other && Number.isFinite(tried) && tried > Date.parse(changed) ? other.at : changed;
}

/**
 * «_Отправлено» after a reading, or null when it stays as it was. A reading that shows all the channel
 * accepted tells that the push has applied: the lower quantity accepted before it can no longer show late
 * and stops being a floor (else any sale down to it would pass for a raise not yet applied, for as long as
 * `pendingHoldMinutes`). A settled reading is what the marketplace really shows: a sale lowered it and
 * reserves hold those units, so the entry takes that number and the diff sends the channel what the sheet
 * gives it. Within the settle window the number may be late and is not taken.
 */
export function entryAfterReading(
  entry: LedgerEntry,
  reading: Reading,
  settling: boolean,
  now: number,
): LedgerEntry | null {
  let next = entry;
  if (entry.prev && entry.prev.qty < entry.qty && reading.shown >= entry.qty) {
    const { prev: _applied, ...rest } = entry;
    next = rest;
  }
  // Dated, so that the reserves of the sales in the number stop explaining drops below it (`explainedUnits`).
  if (!settling && reading.shown !== entry.qty)
    next = { ...next, qty: reading.shown, seen: new Date(now).toISOString() };
  return next === entry ? null : next;
}

/**
 * The lowest number the channel may show without a sale: besides what it last accepted, a marketplace that
 * applies late may still show the quantity accepted before (a raise not yet applied) or one we pushed and
 * could not confirm (applied after our read-back, or its answer lost). Only pushes of the last
 * `pendingHoldMinutes` count: a marketplace never lags that long.
 */
export function expectedAtLeast(reading: Reading, now: number, holdMinutes: number): number {
  const recent = (push?: { qty: number; at: string }) =>
    push !== undefined && now - Date.parse(push.at) < holdMinutes * 60_000 ? push.qty : Number.POSITIVE_INFINITY;
  return Math.min(reading.lastAccepted, recent(reading.prev), recent(reading.tried));
}

/** Units the channel shows fewer than it may show without a sale that no reserve explains (0 when none). */
function unexplainedDrop(run: OrderRun, channelId: string, sku: string, reading: Reading): number {
  const drop = expectedAtLeast(reading, run.now, run.settings.reserves.pendingHoldMinutes) - reading.shown;
  if (drop <= 0) return 0;
  return drop - explainedUnits(run, channelId, sku, reflectedUntil(reading));
}

/**
 * Until when the number the channel last took holds every sale it showed: the later of its last accepted push
 * (a push sets what is for sale, so a sale before it no longer shows) and the settled reading it was taken from.
 * −∞ when neither can be read: then every reserve explains, and no sale is made up.
 */
export function reflectedUntil(reading: Reading): number {
  const pushed = Date.parse(reading.lastAt);
  const seen = Date.parse(reading.seenAt ?? '');
  if (Number.isNaN(seen)) return Number.isNaN(pushed) ? Number.NEGATIVE_INFINITY : pushed;
  return Number.isNaN(pushed) ? seen : Math.max(pushed, seen);
}

/** One «По остатку» row holding the units until an order takes its place; «SKU −units» for the journal. */
function reservePendingUnits(run: OrderRun, channel: Channel, sku: string, reading: Reading, units: number): string {
  const r = addRow(run, {
    created: run.stamp,
    channel: asPlainText(channelCellText(run.settings, channel)),
    order: '',
    sku: asPlainText(sku),
    qty: units,
    warehouse: shipFromOf(run.settings, channel).column,
    type: PENDING,
    status: 'Активен',
    until: run.date(run.now + run.settings.reserves.pendingHoldMinutes * 60_000),
    comment: asPlainText(`${channel.name} показывает ${reading.shown} вместо ${reading.shown + units}: ждём заказ`),
  });
  addPendingRow(run, pendingKey(channel.id, sku), r);
  return `${sku} −${units}`;
}

/**
 * Units of a drop the reserves already explain: those of sales the number it is a drop from does not hold yet,
 * i.e. on the channel after `reflected` (`reserveMoment`), this run's reserves included; a reserve whose
 * moment cannot be read explains, as before.
 *
 * A reserve made by then explains nothing more: the number already went down by its sale (a settled reading
 * was taken), or a push set it from the sheet the reserve had lowered. Counting it again hid the next sale of
 * the SKU on the channel. Both orders of events end the same: a second sale before the first order arrives
 * meets a «По остатку» made at the reading the number came from; one after it meets the «Заказ» that took
 * that reserve's place and kept its moment. The settle window changes nothing here: a reading within it
 * neither reserves nor is taken, so the number and its moment stay as they were.
 *
 * A kit's order reserves its components (SPEC 5.7): those rows explain the kit's drop, once per order, by the
 * kits the order holds — never a drop of the component itself, which the channel shows apart from the kit.
 */
function explainedUnits(run: OrderRun, channelId: string, sku: string, reflected: number): number {
  let explained = 0;
  const kitOrders = new Set<string>();
  for (let r = 1; r < run.plan.reserves.length; r++) {
    if (rowChannel(run, r) !== channelId) continue;
    const kit = isType(run, r, ORDER) ? kitOfComment(cell(run, r, 'comment')) : undefined;
    if (kit ? kit.kit !== sku : cellText(cell(run, r, 'sku')) !== sku) continue;
    const q = kit ? { ok: true, value: kit.count } : parseQuantity(cell(run, r, 'qty'));
    if (!q.ok) continue;
    if (kit) {
      const order = cellText(cell(run, r, 'order'));
      if (kitOrders.has(order)) continue;
      kitOrders.add(order);
    }
    const moment = reserveMoment(run, r, kit?.kit);
    if (moment !== undefined && !(moment <= reflected)) explained += q.value;
  }
  return explained;
}

/**
 * When the sale a reserve stands for was on the channel at the latest (NaN: cannot be read); undefined for a
 * row that explains no drop (a person's, or a «По остатку» no longer active). An active «По остатку»: its
 * «Создан», the reading that saw the drop. A «Заказ»: the moment «_Заказы» keeps (the marketplace's order
 * time, or the «По остатку» it replaced), else its «Создан» (a line recorded before that was kept). A kit's
 * component row (`kit`) has its line under the kit.
 */
function reserveMoment(run: OrderRun, r: number, kit?: string): number | undefined {
  if (isType(run, r, PENDING)) return isActive(run, r) ? parseMoment(cell(run, r, 'created'), run.timeZone) : undefined;
  if (!isType(run, r, ORDER)) return undefined;
  // «_Заказы» keys lines by the channel's code (and a component's by its kit); the row's «Канал» holds its name.
  const key = orderKey(rowChannel(run, r), cellText(cell(run, r, 'order')), cellText(cell(run, r, 'sku')), kit);
  const kept = Date.parse(run.ledger.lines.get(key)?.soldBy ?? '');
  return Number.isNaN(kept) ? parseMoment(cell(run, r, 'created'), run.timeZone) : kept;
}

/** The channel's «По остатку» journal row: what was reserved, and how many drops the settle window set aside. */
function pendingReservesEvent(settings: Settings, { channel, reserved, settling }: ChannelDrops): OrderEvent {
  const parts: string[] = [];
  if (reserved.length) {
    const more = reserved.length > 5 ? ` и ещё ${reserved.length - 5}` : '';
    parts.push(
      `площадка показывает меньше, чем приняла, без заказа: резерв «По остатку» на ${settings.reserves.pendingHoldMinutes} мин. — ${reserved.slice(0, 5).join(', ')}${more}`,
    );
  }
  if (settling)
    parts.push(
      `не учтено показаний в окне задержки площадки: ${settling} (остатки отправлены меньше ${settleMinutesOf(settings, channel.marketplace)} мин. назад — площадка могла ещё не применить их; если это продажа, резерв будет после окна)`,
    );
  return { channel: channel.name, status: 'Заказы', items: reserved.length, details: parts.join('; ') };
}
