/**
 * Bench of a large catalogue through dist/Code.js (issue 12, point 7): N SKUs × 3 API channels with
 * reserves on — a full push across its continuations, a scheduled run with nothing changed, and a
 * scheduled run that meets one order. Per run: its status, what each channel accepted, requests per
 * marketplace, Spreadsheet calls, simulated time and real time. Nothing here asserts; it measures.
 * `npm run bench -- large` runs this case alone; `npm run bench` runs it after the others.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Sandboxes, startSandboxes } from '../dev/sandbox/harness';
import type { MarketplaceName } from '../dev/sandbox/hosts';
import { clearLogs, openShop, type Shop, shopSettings, sku, stockPushes } from '../test/bundle/sendingSetup';

/** The marketplaces this bench loads (MegaMarket's, AliExpress's and Avito's listings are not in its shop). */
type Market = Extract<MarketplaceName, 'ozon' | 'wb' | 'yandex'>;
const MARKETS: Market[] = ['ozon', 'wb', 'yandex'];
/** A push that has not finished after this many runs is reported as it stands. */
const MAX_RUNS = 12;

export interface LargeRun {
  what: string;
  status: string;
  /** Per channel that took part in the run: its status, items accepted, errors. */
  accepted: string;
  requests: Record<Market, number>;
  stockItems: Record<Market, number>;
  fetches: number;
  sheet: { reads: number; writes: number; calls: number };
  simulatedMs: number;
  realMs: number;
}

export interface LargeBench {
  skus: number;
  /** Opening the shop and warming the WB card mapping («Проверить подключение»). */
  setupMs: number;
  push: LargeRun[];
  idle: LargeRun;
  order: LargeRun & { reserves: number };
  ledgerRows: number;
}

function requests(s: Sandboxes): Record<Market, number> {
  const count = (m: MarketplaceName) => (s.control(m, 'log') as unknown[]).length;
  return { ozon: count('ozon'), wb: count('wb'), yandex: count('yandex') };
}

/** One run of the bundle, measured from clean logs and counters. */
function measured(s: Sandboxes, shop: Shop, what: string, run: () => any): LargeRun {
  clearLogs(s);
  shop.book.resetCounters();
  const fetches = shop.g.urlFetch!.calls;
  const simulated = s.clock.now();
  const start = performance.now();
  const result = JSON.parse(JSON.stringify(run()));
  const realMs = performance.now() - start;
  // The orders row of a channel («Заказы») accepts no stock: only the sending rows are shown.
  const channels: { channel: string; status: string; accepted: number; errors: number }[] = (
    result.channels ?? []
  ).filter((c: { status: string }) => c.status !== 'Заказы');
  return {
    what,
    status: result.status,
    accepted:
      channels
        .map((c) => `${c.channel} — ${c.status}, ${c.accepted}${c.errors ? ` (ошибок ${c.errors})` : ''}`)
        .join('; ') || '—',
    requests: requests(s),
    stockItems: stockPushes(s),
    fetches: shop.g.urlFetch!.calls - fetches,
    sheet: { reads: shop.book.io.reads, writes: shop.book.io.writes, calls: shop.book.io.calls },
    simulatedMs: s.clock.now() - simulated,
    realMs,
  };
}

export function benchLarge(s: Sandboxes, n: number): LargeBench {
  const setupStart = performance.now();
  const shop = openShop(s, n);
  const saved = shop.g.fn.saveSettings(
    shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } }),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  // The WB card mapping is refreshed daily, not per push: warm it as «Проверить подключение» does.
  shop.g.fn.testConnection('wb');
  s.clock.advance(60_000);
  const setupMs = performance.now() - setupStart;

  const push = [measured(s, shop, 'полная отправка / full push', () => shop.g.fn.sendStocks('sidebar'))];
  while (push[push.length - 1].status === 'continues' && push.length < MAX_RUNS) {
    // A bound script's continuation trigger fires a minute later.
    s.clock.advance(60_000);
    push.push(measured(s, shop, `продолжение / continuation ${push.length}`, () => shop.g.fn.continueSync()));
  }
  const ledgerRows = shop.book.sheet('_Отправлено').dump().length - 1;

  s.clock.advance(3_600_000);
  const idle = measured(s, shop, 'без изменений / nothing changed', () => shop.g.fn.runScheduledSync());

  s.clock.advance(60_000);
  s.control('ozon', 'posting', { posting_number: 'P-LARGE-1', products: [{ offer_id: sku(n >> 1), quantity: 1 }] });
  s.clock.advance(60_000);
  const order = measured(s, shop, 'один заказ / one order', () => shop.g.fn.runScheduledSync());
  const reserves = shop.book.sheet('Резервы').dump().length - 1;
  return { skus: n, setupMs, push, idle, order: { ...order, reserves }, ledgerRows };
}

function runLine(r: LargeRun): string {
  const perMarket = (v: Record<Market, number>) => MARKETS.map((m) => v[m]).join(' / ');
  return [
    `  ${r.what}: ${r.status}; принято ${r.accepted}`,
    `    запросов Ozon / WB / YM: ${perMarket(r.requests)} (позиций остатков ${perMarket(r.stockItems)}); вызовов UrlFetch ${r.fetches}`,
    `    таблица: чтений ${r.sheet.reads}, записей ${r.sheet.writes}, всех вызовов SpreadsheetApp ${r.sheet.calls}`,
    `    время площадок ${(r.simulatedMs / 1000).toFixed(1)} с (симулированное), весь запуск через бандл на фейках ${(r.realMs / 1000).toFixed(1)} с`,
  ].join('\n');
}

export function printLarge(b: LargeBench): void {
  console.log(`Большой каталог / large catalogue: ${b.skus} SKU × 3 канала с API, резервы включены`);
  console.log(`  подготовка (таблица, ключи, карточки WB): ${(b.setupMs / 1000).toFixed(1)} с`);
  const finished = b.push[b.push.length - 1].status === 'done';
  console.log(
    `  запусков на полную отправку / runs needed: ${b.push.length}${finished ? '' : ` — НЕ ЗАВЕРШЕНА за ${MAX_RUNS} / NOT FINISHED`}; строк «_Отправлено» после неё ${b.ledgerRows} из ${3 * b.skus}`,
  );
  for (const r of b.push) console.log(runLine(r));
  console.log(runLine(b.idle));
  console.log(runLine(b.order));
  console.log(`    строк «Резервы»: ${b.order.reserves}`);
}

/**
 * `npm run bench -- large`: bench/bench.ts measures as it loads, so this case alone runs in a process
 * of its own (with tsx's loader) and bench.ts exits with its code.
 */
export function runLargeAloneIfAsked(): void {
  if (process.argv[2] !== 'large') return;
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(__dirname, 'large.ts')], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

/** `tsx bench/large.ts [N]`: this case alone. */
export async function benchLargeAlone(n = 100_000): Promise<void> {
  const sandboxes = await startSandboxes();
  try {
    printLarge(benchLarge(sandboxes, n));
  } finally {
    await sandboxes.stop();
  }
}

if (require.main === module)
  benchLargeAlone(Number(process.argv[2] ?? 100_000)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
