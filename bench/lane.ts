/**
 * npm run bench -- lane: the orders lane's cost (SPEC 6) through the bundle on the sandboxes, for
 * 1,000 and 10,000 SKUs — a quiet minute, a minute with 5 new orders, and a quiet full sync — and an
 * estimate of one day of «lane every minute + full sync every 15 minutes» against the consumer limits.
 * The fakes count calls, not Google's time: the estimate adds per-call costs, each with its source.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Sandboxes, startSandboxes } from '../dev/sandbox/harness';
import type { MarketplaceName } from '../dev/sandbox/hosts';
import { openShop, type Shop, shopSettings, sku } from '../test/bundle/sendingSetup';

export interface RunCost {
  fetches: number;
  propReads: number;
  propWrites: number;
  sheetCalls: number;
  sheetReadsWrites: number;
  wallMs: number;
  /** Simulated time the marketplaces' limits and waits took (sleeps, Retry-After). */
  simulatedMs: number;
  status: string;
}

/**
 * Per-call costs the estimate assumes. Google publishes none; where a public measurement exists it is named.
 * - property get 30 ms, set 62 ms: average of 100 runs, ziritione.org/post/apps_script_performance («Google Apps
 *   Script APIs performance», PropertiesService.getUserProperties().getProperty / setProperty).
 * - UrlFetch 500 ms a call, counted as if every call were sequential (fetchAll runs them in parallel, tanaike's
 *   benchmark gist c0f383034045ab63c19604139ecb0728, so this is an upper bound): an assumption for a marketplace API
 *   answering from Russia to Google's servers; no published figure.
 * - Spreadsheet batched call 1 s for a read or write of the whole sheet, 50 ms for any other call: an assumption
 *   (Google's best-practices guide only says batched calls are orders of magnitude faster than per-cell ones).
 * - 1 s of start-up per execution (loading the bundle, the services): an assumption.
 * - the bundle's own work: its wall time on the fakes here (Node, not Apps Script's V8 — comparable CPU).
 */
export const COSTS = {
  propertyReadMs: 30,
  propertyWriteMs: 62,
  fetchMs: 500,
  sheetIoMs: 1000,
  sheetCallMs: 50,
  startupMs: 1000,
};

/** Consumer account limits (developers.google.com/apps-script/guides/services/quotas). */
export const CONSUMER = { triggerMinutes: 90, fetches: 20_000, properties: 50_000 };

function propertyCounts(shop: Shop): { reads: number; writes: number } {
  const stores = [shop.g.properties.document, ...shop.g.properties.users.values()];
  return {
    reads: stores.reduce((n, s) => n + s.reads, 0),
    writes: stores.reduce((n, s) => n + s.writes, 0),
  };
}

function measure(s: Sandboxes, shop: Shop, run: () => { status?: string }): RunCost {
  shop.book.resetCounters();
  const props = propertyCounts(shop);
  const fetches = shop.g.urlFetch?.calls ?? 0;
  const simulated = s.clock.now();
  const start = performance.now();
  const result = JSON.parse(JSON.stringify(run()));
  const wallMs = performance.now() - start;
  const after = propertyCounts(shop);
  return {
    fetches: (shop.g.urlFetch?.calls ?? 0) - fetches,
    propReads: after.reads - props.reads,
    propWrites: after.writes - props.writes,
    sheetCalls: shop.book.io.calls,
    sheetReadsWrites: shop.book.io.reads + shop.book.io.writes,
    wallMs,
    simulatedMs: s.clock.now() - simulated,
    status: String(result.status ?? ''),
  };
}

/** What one run would cost in Apps Script's trigger time, by the per-call costs above. */
export function estimatedMs(c: RunCost): number {
  return (
    COSTS.startupMs +
    c.wallMs +
    c.fetches * COSTS.fetchMs +
    c.propReads * COSTS.propertyReadMs +
    c.propWrites * COSTS.propertyWriteMs +
    c.sheetReadsWrites * COSTS.sheetIoMs +
    (c.sheetCalls - c.sheetReadsWrites) * COSTS.sheetCallMs
  );
}

export interface LaneBench {
  skus: number;
  quiet: RunCost;
  orders: RunCost;
  fullSync: RunCost;
}

/** 5 buyers' orders over the three marketplaces, each reaching its API 30 s after it is placed. */
function placeFiveOrders(s: Sandboxes, n: number): void {
  const markets: MarketplaceName[] = ['ozon', 'wb', 'yandex', 'ozon', 'wb'];
  markets.forEach((m, k) => {
    s.control(m, 'buyer-order', { id: sku((k * 97) % n), quantity: 1 });
  });
}

export function benchLane(s: Sandboxes, n: number): LaneBench {
  const shop = openShop(s, n);
  const saved = shop.g.fn.saveSettings(
    shopSettings({
      reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' },
      schedule: { everyMinutes: 15, ordersEveryMinutes: 1 },
    }),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  shop.g.fn.testConnection('wb');
  shop.g.fn.sendStocks('sidebar');
  shop.g.fn.installTriggers();
  for (const m of ['ozon', 'wb', 'yandex'] as const) s.control(m, 'configure', { orderDelayMs: 30_000 });
  s.clock.advance(60_000);
  shop.g.fn.runOrdersLane();
  s.clock.advance(60_000);
  const quiet = measure(s, shop, () => shop.g.fn.runOrdersLane());
  placeFiveOrders(s, n);
  s.clock.advance(60_000);
  const orders = measure(s, shop, () => shop.g.fn.runOrdersLane());
  s.clock.advance(15 * 60_000);
  shop.g.fn.runScheduledSync();
  s.clock.advance(15 * 60_000);
  const fullSync = measure(s, shop, () => shop.g.fn.runScheduledSync());
  return { skus: n, quiet, orders, fullSync };
}

export interface DayEstimate {
  triggerMinutes: number;
  fetches: number;
  properties: number;
}

/** One day: a lane run every minute (`ordersRuns` of them with new orders) and a full sync every 15 minutes. */
export function estimateDay(b: LaneBench, ordersRuns: number, laneEveryMinutes = 1): DayEstimate {
  const laneRuns = (24 * 60) / laneEveryMinutes;
  const syncs = 24 * 4;
  const quietRuns = laneRuns - ordersRuns;
  const sum = (f: (c: RunCost) => number) => quietRuns * f(b.quiet) + ordersRuns * f(b.orders) + syncs * f(b.fullSync);
  return {
    triggerMinutes: sum(estimatedMs) / 60_000,
    fetches: sum((c) => c.fetches),
    properties: sum((c) => c.propReads + c.propWrites),
  };
}

function describe(name: string, c: RunCost): string {
  return `  ${name}: UrlFetch ${c.fetches}, свойства чтений ${c.propReads} / записей ${c.propWrites}, вызовов таблицы ${c.sheetCalls} (чтений+записей ${c.sheetReadsWrites}), бандл на фейках ${c.wallMs.toFixed(0)} мс, ожидания площадок ${(c.simulatedMs / 1000).toFixed(1)} с, оценка в Apps Script ${(estimatedMs(c) / 1000).toFixed(1)} с [${c.status}]`;
}

export function printLaneBench(s: Sandboxes): void {
  const ordersRuns = 100;
  console.log('Полоса заказов / orders lane (SPEC 6), через бандл на песочницах:');
  for (const n of [1_000, 10_000]) {
    const b = benchLane(s, n);
    console.log(`${n} SKU × 3 канала с API:`);
    console.log(describe('тихая минута / quiet lane run', b.quiet));
    console.log(describe('минута с 5 новыми заказами / lane run with 5 new orders', b.orders));
    console.log(describe('полная синхронизация без изменений / quiet full sync', b.fullSync));
    const share = (used: number, limit: number) => `${((100 * used) / limit).toFixed(0)} %`;
    for (const every of [1, 5]) {
      const day = estimateDay(b, ordersRuns, every);
      console.log(
        `  сутки «полоса ${every === 1 ? 'каждую минуту' : 'каждые 5 минут (защита квоты)'}, ${ordersRuns} запусков с заказами, + полная синхронизация каждые 15 минут» / a day:`,
      );
      console.log(
        `    время запусков ≈ ${day.triggerMinutes.toFixed(0)} мин из ${CONSUMER.triggerMinutes} (${share(day.triggerMinutes, CONSUMER.triggerMinutes)}); UrlFetch ${day.fetches} из ${CONSUMER.fetches} (${share(day.fetches, CONSUMER.fetches)}); операций со свойствами ${day.properties} из ${CONSUMER.properties} (${share(day.properties, CONSUMER.properties)})`,
      );
    }
  }
  console.log(
    `  цена вызова в оценке / per-call costs assumed: свойство чтение ${COSTS.propertyReadMs} мс, запись ${COSTS.propertyWriteMs} мс (замер ziritione.org/post/apps_script_performance); UrlFetch ${COSTS.fetchMs} мс (допущение, без учёта параллельности fetchAll); чтение или запись листа ${COSTS.sheetIoMs} мс, другой вызов таблицы ${COSTS.sheetCallMs} мс (допущения); запуск ${COSTS.startupMs} мс (допущение). Квоты обычного аккаунта: developers.google.com/apps-script/guides/services/quotas.`,
  );
  console.log(
    '  защита квоты / quota guard: при 80 % суточных минут полоса переходит на раз в 5 минут (её доля времени падает в 5 раз), при 60 % возвращается к ежеминутной.',
  );
}

/** `npm run bench -- lane`: this bench alone, in a process of its own (as bench/large.ts does). */
export function runLaneAloneIfAsked(): void {
  if (process.argv[2] !== 'lane') return;
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(__dirname, 'lane.ts')], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

if (require.main === module)
  (async () => {
    const sandboxes = await startSandboxes();
    try {
      printLaneBench(sandboxes);
    } finally {
      await sandboxes.stop();
    }
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
