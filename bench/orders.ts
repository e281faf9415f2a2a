/**
 * Bench of orders: one scheduled run that meets 1,000 new orders across 3 channels on N SKUs, through
 * the bundle (Spreadsheet reads/writes, UrlFetch calls), and the core's own time for the same work.
 */
import { performance } from 'node:perf_hooks';
import type { Sandboxes } from '../dev/sandbox/harness';
import type { OrderLine } from '../src/connectors/common';
import { allocateSheet } from '../src/core/allocation';
import { reconcileOrders } from '../src/core/orders';
import { validateSettings } from '../src/core/settings';
import { barcode, clearLogs, openShop, shopSettings, sku } from '../test/bundle/sendingSetup';

export interface OrdersBench {
  skus: number;
  orders: number;
  reads: number;
  writes: number;
  fetches: number;
  reserves: number;
  runMs: number;
  coreMs: number;
  log: string[];
}

export function benchOrders(s: Sandboxes, n: number, orders: number): OrdersBench {
  const shop = openShop(s, n);
  const settings = shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } });
  shop.g.fn.saveSettings(settings);
  shop.g.fn.testConnection('wb');
  shop.g.fn.sendStocks('sidebar');
  s.clock.advance(60_000);
  const third = Math.ceil(orders / 3);
  for (let k = 0; k < orders; k++) {
    const i = (k * 7) % n;
    if (k < third)
      s.control('ozon', 'posting', { posting_number: `P-${k}`, products: [{ offer_id: sku(i), quantity: 1 }] });
    else if (k < 2 * third) s.control('wb', 'order', { id: 50_000 + k, barcode: barcode(i) });
    else s.control('yandex', 'order', { orderId: 70_000 + k, items: [{ offerId: sku(i), count: 1 }] });
  }
  s.clock.advance(60_000);
  clearLogs(s);
  shop.book.resetCounters();
  const fetches = shop.g.urlFetch!.calls;
  const start = performance.now();
  shop.g.fn.runScheduledSync();
  const runMs = performance.now() - start;
  const reserves = shop.book.sheet('Резервы').dump().length - 1;

  // The core alone on the same inputs: reconcile the orders, then allocate.
  const parsed = validateSettings(settings, new Date(s.clock.now()));
  if (!parsed.ok) throw new Error('settings');
  const stock = shop.book.sheet('Остатки').dump();
  const header = shop.book.sheet('Резервы').dump().slice(0, 1);
  const channels = parsed.settings.channels;
  const lines = (from: number, to: number, ids: (i: number) => string[]): OrderLine[] =>
    Array.from({ length: to - from }, (_, j) => ({
      orderId: String(from + j),
      itemIds: ids(((from + j) * 7) % n),
      quantity: 1,
      status: 'new',
      rawStatus: 'new',
      createdAt: '2026-11-22T09:00:00Z',
    }));
  const t = performance.now();
  const plan = reconcileOrders({
    settings: parsed.settings,
    now: s.clock.now(),
    reserves: header,
    stock,
    date: (ms) => new Date(ms),
    orders: [
      { channel: channels[0], lines: lines(0, third, (i) => [sku(i)]) },
      { channel: channels[1], lines: lines(third, 2 * third, (i) => [barcode(i)]) },
      { channel: channels[2], lines: lines(2 * third, orders, (i) => [sku(i)]) },
    ],
  });
  const allocation = allocateSheet(parsed.settings, plan.stock, plan.reserves, s.clock.now());
  const coreMs = performance.now() - t;
  if (!allocation.ok) throw new Error(allocation.error);
  return {
    skus: n,
    orders,
    reads: shop.book.io.reads,
    writes: shop.book.io.writes,
    fetches: shop.g.urlFetch!.calls - fetches,
    reserves,
    runMs,
    coreMs,
    log: shop.book.io.log,
  };
}
