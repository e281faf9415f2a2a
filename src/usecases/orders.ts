/**
 * Pulls new and changed orders of every API channel (SPEC 5), with an overlapping window whose
 * start is kept per channel in document properties, reads what channels show for double
 * reservation, and applies the reconciliation to «Резервы» and «Остатки».
 */
import type { Connector, OrderLine } from '../connectors/common';
import { ConnectorError } from '../connectors/http';
import type { WbCredentials } from '../connectors/wildberries';
import { RESERVE_HEADERS, RESERVES_SHEET, STOCK_SHEET } from '../core/headers';
import { type ChannelOrders, type OrderEvent, type Reading, type ReservePlan, reconcileOrders } from '../core/orders';
import type { Ledger } from '../core/sending';
import type { Settings } from '../core/settings';
import { loadCredentials } from './credentials';
import { loadJson, saveJson } from './jsonStore';
import { connectorFor, type MarketDeps, wbChrtIndex } from './marketplaces';
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

export interface OrdersOutcome {
  plan: ReservePlan;
  events: OrderEvent[];
}

export function pullOrders(
  deps: MarketDeps,
  settings: Settings,
  ledger: Ledger,
  grids: { stock: Values; reserves: Values },
  now: number,
): OrdersOutcome {
  const docAll = deps.properties.getAll();
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
      const index =
        channel.marketplace === 'wb' && settings.reserves.doubleReservation
          ? wbChrtIndex(channel, credentials as WbCredentials, deps).index
          : undefined;
      const connector = connectorFor(channel, credentials, deps, index);
      const lines: OrderLine[] = connector.listOrders(Math.min(from, now), now);
      orders.push({ channel, lines });
      cursors[CURSOR(channel.id)] = new Date(now).toISOString();
      if (settings.reserves.doubleReservation && settings.sendEnabled && channel.enabled)
        for (const reading of readShownStocks(channel.id, connector, ledger)) readings.push(reading);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      events.push({
        channel: channel.name,
        status: 'Заказы',
        items: 0,
        details: `заказы не получены: ${error.message}`,
      });
    }
  }
  const reported = new Set((loadJson(docAll, REPORTED) as string[] | undefined) ?? []);
  const plan = reconcileOrders({
    settings,
    now,
    reserves: grids.reserves,
    stock: grids.stock,
    orders,
    readings,
    reported,
    date: deps.sheets.date,
  });
  if (plan.append.length)
    deps.sheets.appendRows(RESERVES_SHEET, Object.values(RESERVE_HEADERS), plan.append, Number.POSITIVE_INFINITY);
  deps.sheets.setCells(RESERVES_SHEET, plan.reserveCells);
  deps.sheets.setCells(STOCK_SHEET, plan.stockCells);
  if (Object.keys(cursors).length) deps.properties.setMany(cursors);
  if (plan.reported.length) saveJson(deps.properties, REPORTED, [...plan.reported, ...reported].slice(0, 500));
  return { plan, events: [...events, ...plan.events] };
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
      });
  }
  return readings;
}
