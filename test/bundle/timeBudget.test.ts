/**
 * A slow marketplace never lets Apps Script kill a run at 6 minutes with nothing saved (SPEC 6):
 * the time left is checked before every request — stock pushes, order pages — and no request
 * starts after 4 minutes of a run; what was accepted is recorded, and the rest goes in the next
 * run, nothing twice and nothing lost. The sandboxes' `latency` makes every answer take 10 s of the
 * run's (simulated) clock.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import type { MarketplaceName } from '../../dev/sandbox/hosts';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { YM_CAMPAIGNS } from '../../dev/sandbox/yandexMarket';
import { clearLogs, journal, openShop, shopSettings, sku, stockPushes, useSandboxes } from './sendingSetup';

jest.setTimeout(300_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const MINUTE = 60_000;
const MARKETS: MarketplaceName[] = ['ozon', 'wb', 'yandex'];
const ozonStock = (i: number) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: OZON_WAREHOUSES[0].warehouse_id })?.present;
const ymStock = (i: number) =>
  sandboxes.control('yandex', 'stock', { campaignId: YM_CAMPAIGNS[0].id, offerId: sku(i) });

/** When each request of the run arrived, in ms since the run began, and how long the run took. */
function timed(run: () => unknown): { result: any; starts: number[]; tookMs: number } {
  clearLogs(sandboxes);
  const begin = sandboxes.clock.now();
  const result = plain(run());
  const tookMs = sandboxes.clock.now() - begin;
  const starts = MARKETS.flatMap((m) => (sandboxes.control(m, 'log') as { at: number }[]).map((e) => e.at - begin));
  return { result, starts, tookMs };
}

it('Ozon answering in 10 s: no push starts after 4 minutes, what was accepted is kept, the continuation sends the rest once', () => {
  // 40,000 SKUs: 400 requests of 100, ten at a time (one fetchAll), 10 s each — 400 s in all, more than a run has.
  const n = 40_000;
  const { g, book } = openShop(sandboxes, n);
  // Wildberries' card mapping of 40,000 cards spans runs of its own; this test is about pushes.
  const channels = shopSettings().channels.filter((c) => c.id !== 'wb');
  expect(g.fn.saveSettings(shopSettings({ channels })).ok).toBe(true);
  sandboxes.control('ozon', 'latency', { ms: 10_000 });
  const first = timed(() => g.fn.sendStocks('sidebar'));
  expect(Math.max(...first.starts)).toBeLessThan(4 * MINUTE);
  expect(first.tookMs).toBeLessThan(6 * MINUTE);
  expect(first.result.status).toBe('continues');
  const ozonFirst = first.result.channels.find((c: any) => c.channel === 'Ozon');
  expect(ozonFirst.accepted).toBeGreaterThan(0);
  expect(ozonFirst.accepted).toBeLessThan(n);
  // What Ozon accepted before the budget ran out is in «_Отправлено» already.
  const ledgerAfterFirst = book.sheet('_Отправлено').dump();
  expect(ledgerAfterFirst.filter((r) => String(r[0]).replace(/^'/, '') === 'ozon')).toHaveLength(ozonFirst.accepted);
  expect(g.scriptApp.triggers.filter((t) => t.handler === 'continueSync')).toHaveLength(1);

  const sent = stockPushes(sandboxes);
  let last = first;
  for (let k = 0; k < 5 && last.result.status === 'continues'; k++) {
    sandboxes.clock.advance(MINUTE);
    last = timed(() => g.fn.continueSync());
    expect(Math.max(...last.starts)).toBeLessThan(4 * MINUTE);
    expect(last.tookMs).toBeLessThan(6 * MINUTE);
    const pushed = stockPushes(sandboxes);
    sent.ozon += pushed.ozon;
    sent.yandex += pushed.yandex;
  }
  expect(last.result.status).toBe('done');
  // Every item went to each marketplace exactly once, and each shows the right number.
  expect({ ozon: sent.ozon, yandex: sent.yandex }).toEqual({ ozon: n, yandex: n });
  for (const i of [0, 23_999, 24_000, n - 1]) {
    expect(ozonStock(i)).toBe(10 + (i % 7));
    expect(ymStock(i)).toBe(10 + (i % 7));
  }
  expect(book.sheet('_Отправлено').dump()).toHaveLength(1 + 2 * n);
  expect(g.scriptApp.triggers.filter((t) => t.handler === 'continueSync')).toEqual([]);
});

it('order pages answering in 10 s: the pull stops at 4 minutes, its cursor stays, and the next run reserves every order once', () => {
  const { g, book } = openShop(sandboxes, 500);
  const saved = g.fn.saveSettings(shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } }));
  expect(saved.ok).toBe(true);
  g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(MINUTE);
  // 2,500 postings: 25 pages of 100 at 10 s a page — more than a run may spend.
  for (let k = 0; k < 2500; k++)
    sandboxes.control('ozon', 'posting', {
      posting_number: `P-${k}`,
      products: [{ offer_id: sku(k % 500), quantity: 1 }],
    });
  sandboxes.clock.advance(MINUTE);
  for (const m of MARKETS) sandboxes.control(m, 'latency', { ms: 10_000 });
  const slow = timed(() => g.fn.runScheduledSync());
  expect(Math.max(...slow.starts)).toBeLessThan(4 * MINUTE);
  expect(slow.tookMs).toBeLessThan(6 * MINUTE);
  const ozonOrders = journal(book).filter((r) => r.Канал === 'Ozon' && r.Статус === 'Заказы');
  expect(String(ozonOrders.at(-1)?.Подробности)).toContain('время запуска');
  expect(book.sheet('Резервы').dump()).toHaveLength(1);
  // No order was applied, so no stock changed: nothing is left for a continuation.
  expect(slow.result.status).toBe('done');
  // The marketplace is quick again: the next scheduled run reads every posting and reserves each once.
  for (const m of MARKETS) sandboxes.control(m, 'latency', { ms: 0 });
  sandboxes.clock.advance(5 * MINUTE);
  const quick = plain(g.fn.runScheduledSync());
  expect(quick.ok).toBe(true);
  const reserves = book.sheet('Резервы').dump().slice(1);
  expect(reserves).toHaveLength(2500);
  expect(new Set(reserves.map((r) => String(r[2]))).size).toBe(2500);
  // Each SKU had 5 units ordered: Ozon and the others show 5 fewer.
  for (const i of [0, 250, 499]) {
    expect(ozonStock(i)).toBe(10 + (i % 7) - 5);
    expect(ymStock(i)).toBe(10 + (i % 7) - 5);
  }
});
