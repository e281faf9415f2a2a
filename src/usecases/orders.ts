/**
 * Pulls new and changed orders of every API channel (SPEC 5), with an overlapping window whose
 * start is kept per channel in document properties, reads what channels show for double
 * reservation, and applies the reconciliation to «Резервы», «Остатки», the hidden «_Заказы» and,
 * once a day, «Резервы (архив)».
 */
import type { Connector, OrderLine } from '../connectors/common';
import { ConnectorError } from '../connectors/http';
import { entryAfterReading, isSettling, latestPushAt } from '../core/doubleReservation';
import { RESERVE_HEADERS, RESERVES_SHEET, STOCK_SHEET } from '../core/headers';
import { ORDER_LEDGER_SHEET } from '../core/orderLedger';
import {
  type ChannelOrders,
  type OrderEvent,
  type OrdersInput,
  type Reading,
  type ReservePlan,
  reconcileOrders,
} from '../core/orders';
import { ARCHIVE_AFTER_MS, RESERVES_ARCHIVE_SHEET } from '../core/reserveArchive';
import { withoutSecrets } from '../core/secrets';
import type { Ledger } from '../core/sending';
import type { Channel, Settings } from '../core/settings';
import { formerNames } from './channelNames';
import { loadCredentials, recordKeyCheck, storedSecrets } from './credentials';
import { loadJson, saveJson } from './jsonStore';
import { connectorFor, type MarketDeps, mappingOf } from './marketplaces';
import type { Values } from './ports';

/** Each window starts this much before the last one ended, so that late-indexed orders are not missed. */
export const ORDERS_OVERLAP_MS = 15 * 60_000;

/**
 * With double reservation a marketplace may list an order long after it was placed (and dated): the window
 * reaches back as far as a «По остатку» reserve waits for its order, so the order that ends it is found.
 */
function overlapMs(settings: Settings): number {
  return settings.reserves.doubleReservation
    ? Math.max(ORDERS_OVERLAP_MS, settings.reserves.pendingHoldMinutes * 60_000)
    : ORDERS_OVERLAP_MS;
}
const FIRST_WINDOW_MS = 30 * 24 * 3600 * 1000;
const CURSOR = (channelId: string) => `orders.since.${channelId}`;
const REPORTED = 'orders.reported';
/** When «Резервы» last moved closed rows to its archive. */
const ARCHIVED_AT = 'orders.archivedAt';
const ARCHIVE_EVERY_MS = 24 * 3600 * 1000;

/** When each channel's orders were last pulled (the sidebar's «новых заказов нет» when no row came of it). */
export function ordersPulledAt(
  all: Record<string, string>,
  channels: readonly Channel[],
): { channel: string; at: string }[] {
  return channels.flatMap((c) => (all[CURSOR(c.id)] ? [{ channel: c.name, at: all[CURSOR(c.id)] }] : []));
}

export interface OrdersOutcome {
  plan: ReservePlan;
  events: OrderEvent[];
  /** A reading showed a push applied, and «_Отправлено» (changed in memory) must be written. */
  ledgerChanged: boolean;
}

export function pullOrders(
  deps: MarketDeps,
  settings: Settings,
  ledger: Ledger,
  grids: { stock: Values; reserves: Values; kits?: Values | null },
  now: number,
  readShown = true,
): OrdersOutcome {
  const docAll = deps.properties.getAll();
  // The orders lane reads no shown stock: double reservation is the full sync's (SPEC 6).
  const pulled = pullChannels(deps, readShown ? settings : noDoubleReservation(settings), ledger, docAll, now);
  const reported = new Set((loadJson(docAll, REPORTED) as string[] | undefined) ?? []);
  const input: OrdersInput = {
    settings,
    now,
    reserves: grids.reserves,
    stock: grids.stock,
    kits: grids.kits,
    orders: pulled.orders,
    readings: pulled.readings,
    reported,
    date: deps.sheets.date,
    timeZone: deps.sheets.timeZone?.(),
    orderLedger: deps.sheets.readSheet(ORDER_LEDGER_SHEET),
    archiveBefore: archiveIsDue(docAll, now) ? now - ARCHIVE_AFTER_MS : undefined,
    formerNames: formerNames(docAll),
  };
  const plan = keepingFormulas(deps, input, reconcileOrders(input));
  writePlan(deps, plan, now);
  if (Object.keys(pulled.cursors).length) deps.properties.setMany(pulled.cursors);
  if (plan.reported.length) saveJson(deps.properties, REPORTED, [...plan.reported, ...reported].slice(0, 500));
  const ledgerChanged = learnFromReadings(settings, ledger, pulled.readings, now);
  return { plan, events: [...pulled.events, ...plan.events], ledgerChanged };
}

/**
 * «_Отправлено» learns from the readings (SPEC 5.4, `entryAfterReading`): what a settled reading shows, and
 * that a push has applied. True when a push was seen applied: «_Отправлено» is then written even if nothing
 * is sent, else the floor it no longer needs would come back next run and hide a sale down to it.
 */
function learnFromReadings(settings: Settings, ledger: Ledger, readings: readonly Reading[], now: number): boolean {
  let changed = false;
  for (const reading of readings) {
    const channel = settings.channels.find((c) => c.id === reading.channelId);
    const entry = ledger.get(reading.channelId)?.get(reading.id);
    if (!channel || !entry) continue;
    const next = entryAfterReading(entry, reading, isSettling(settings, channel, latestPushAt(reading), now), now);
    if (!next) continue;
    ledger.get(reading.channelId)?.set(reading.id, next);
    if (entry.prev && !next.prev) changed = true;
  }
  return changed;
}

function noDoubleReservation(settings: Settings): Settings {
  return { ...settings, reserves: { ...settings.reserves, doubleReservation: false } };
}

/** Every API channel's orders since its cursor, and (double reservation) what it shows; a failed channel is named. */
function pullChannels(
  deps: MarketDeps,
  settings: Settings,
  ledger: Ledger,
  docAll: Record<string, string>,
  now: number,
) {
  const userAll = deps.user.getAll();
  const events: OrderEvent[] = [];
  const orders: ChannelOrders[] = [];
  const readings: Reading[] = [];
  const cursors: Record<string, string> = {};
  const activeFrom = Date.parse(settings.reserves.activeFrom);
  for (const channel of settings.channels) {
    if (channel.marketplace === 'manual') continue;
    const credentials = loadCredentials(userAll, channel.id);
    if (!credentials) continue;
    const last = Date.parse(docAll[CURSOR(channel.id)] ?? '');
    const from = Number.isFinite(last)
      ? last - overlapMs(settings)
      : Math.max(Number.isFinite(activeFrom) ? activeFrom : now, now - FIRST_WINDOW_MS);
    try {
      // WB needs its chrtIds only to read what it shows; AliExpress names order lines by sku_id, always.
      const index =
        (channel.marketplace === 'wb' && settings.reserves.doubleReservation) || channel.marketplace === 'aliexpress'
          ? mappingOf(channel, credentials, deps)
          : undefined;
      const connector = connectorFor(channel, credentials, deps, index);
      const lines: OrderLine[] = connector.listOrders(Math.min(from, now), now);
      orders.push({ channel, lines });
      cursors[CURSOR(channel.id)] = new Date(now).toISOString();
      // A marketplace without a stock read (MegaMarket) has nothing to compare: no reading, no pretending.
      if (
        settings.reserves.doubleReservation &&
        settings.sendEnabled &&
        channel.enabled &&
        connector.canReadStocks !== false
      )
        for (const reading of readShownStocks(channel.id, connector, ledger)) readings.push(reading);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      // A 401/403 while pulling orders is a check of the key too: the connection card must not stay green.
      if (error.kind === 'auth')
        recordKeyCheck(deps.properties, channel.id, {
          at: new Date(now).toISOString(),
          ok: false,
          error: withoutSecrets(error.message, storedSecrets(userAll)),
        });
      events.push({
        channel: channel.name,
        status: 'Заказы',
        items: 0,
        details: `заказы не получены: ${error.message}`,
      });
    }
  }
  return { events, orders, readings, cursors };
}

/** «Резервы» (SPEC 2.2) is tidied at most once a day: it is then written whole. */
function archiveIsDue(docAll: Record<string, string>, now: number): boolean {
  const last = Date.parse(docAll[ARCHIVED_AT] ?? '');
  return !(now - last < ARCHIVE_EVERY_MS);
}

/**
 * SPEC 2.1: a write-off never overwrites a stock cell that holds a formula. Only the cells a plan would
 * write are looked at (one read per column); when some hold a formula, the plan is made again knowing it.
 */
function keepingFormulas(deps: MarketDeps, input: OrdersInput, plan: ReservePlan): ReservePlan {
  if (!plan.stockCells.length || !deps.sheets.formulaCells) return plan;
  const formulas = deps.sheets.formulaCells(STOCK_SHEET, plan.stockCells);
  if (!formulas.length) return plan;
  return reconcileOrders({ ...input, formulaCells: new Set(formulas.map((c) => `${c.row}:${c.column}`)) });
}

/** One write per sheet: «Резервы» whole when rows moved to the archive, else the new rows and the changed cells. */
function writePlan(deps: MarketDeps, plan: ReservePlan, now: number): void {
  const { sheets } = deps;
  if (plan.archive) {
    const header = plan.reserves[0].map((h) => String(h ?? ''));
    sheets.appendRows(RESERVES_ARCHIVE_SHEET, header, plan.archive.rows, Number.POSITIVE_INFINITY);
    sheets.replaceSheet(RESERVES_SHEET, plan.archive.reserves as (string | number)[][], false);
    deps.properties.setMany({ [ARCHIVED_AT]: new Date(now).toISOString() });
  } else {
    if (plan.append.length)
      sheets.appendRows(RESERVES_SHEET, Object.values(RESERVE_HEADERS), plan.append, Number.POSITIVE_INFINITY);
    sheets.setCells(RESERVES_SHEET, plan.reserveCells);
  }
  sheets.setCells(STOCK_SHEET, plan.stockCells);
  if (plan.orderLedger) sheets.replaceSheet(ORDER_LEDGER_SHEET, plan.orderLedger, true);
}

/**
 * What the channel shows for sale of each item it last accepted above 0, with that quantity and its time:
 * the core decides what is a sale (SPEC 5.4, settle window included). An id the answer lacks is unknown
 * and makes no reading.
 */
function readShownStocks(channelId: string, connector: Connector, ledger: Ledger): Reading[] {
  const accepted = ledger.get(channelId);
  const ids = accepted ? [...accepted].filter(([, e]) => e.qty > 0).map(([id]) => id) : [];
  if (!ids.length) return [];
  const shown = connector.readStocks(ids);
  const readings: Reading[] = [];
  for (const id of ids) {
    const value = shown.get(id);
    const entry = accepted?.get(id);
    if (value !== undefined && entry)
      readings.push({
        channelId,
        id,
        shown: value,
        lastAccepted: entry.qty,
        lastAt: entry.at,
        ...(entry.prev ? { prev: entry.prev } : {}),
        ...(entry.tried ? { tried: entry.tried } : {}),
        ...(entry.since ? { since: entry.since } : {}),
        ...(entry.seen ? { seenAt: entry.seen } : {}),
      });
  }
  return readings;
}
