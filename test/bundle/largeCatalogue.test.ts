/**
 * A large catalogue through dist/Code.js (issue 12, point 5): 50,000 SKUs on three marketplaces make a
 * «_Отправлено» of 150,000 rows. Writing it and reading it back never fails, so a push that Ozon's
 * limits cut completes in its continuation, and a run with nothing changed sends nothing.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { clearLogs, journal, openShop, sku, stockPushes, useSandboxes } from './sendingSetup';

jest.setTimeout(300_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

it('50,000 SKUs × 3 marketplaces: a full push completes across continuations, records 150,000 rows, and is not sent again', () => {
  const n = 50_000;
  const { g, book } = openShop(sandboxes, n);
  g.fn.testConnection('wb');
  sandboxes.clock.advance(60_000);
  clearLogs(sandboxes);

  // Ozon takes 8,000 items a minute: the first run's budget leaves the rest to a continuation.
  const first = plain(g.fn.sendStocks('sidebar'));
  expect(first.status).toBe('continues');
  const results = [first];
  while (results[results.length - 1].status === 'continues' && results.length < 5) {
    sandboxes.clock.advance(60_000);
    results.push(plain(g.fn.continueSync()));
  }
  expect(results.map((r) => r.status)).toEqual([...results.slice(1).map(() => 'continues'), 'done']);
  // Every item went exactly once: what a run had accepted was recorded and not sent again.
  expect(stockPushes(sandboxes)).toEqual({ ozon: n, wb: n, yandex: n });
  const ledger = book.sheet('_Отправлено').dump();
  expect(ledger).toHaveLength(1 + 3 * n);
  // Sheets counts every cell of the grid against 10,000,000: the ledger takes only the columns it uses.
  expect(book.sheet('_Отправлено').maxColumns).toBe(ledger[0].length);
  expect(new Set(ledger.slice(1).map((r) => `${r[0]} ${r[1]}`)).size).toBe(3 * n);
  expect(ledger.filter((r) => r[0] === 'ozon' && r[1] === sku(n - 1)).map((r) => r[2])).toEqual([10 + ((n - 1) % 7)]);
  expect(journal(book).filter((r) => r.Статус === 'Ошибка')).toEqual([]);

  // The next scheduled run reads the 150,000 rows back and finds nothing to send.
  sandboxes.clock.advance(3_600_000);
  clearLogs(sandboxes);
  expect(plain(g.fn.runScheduledSync()).status).toBe('done');
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
});

it('a run Ozon holds back leaves over 45,000 of its items to the continuation, which sends them', () => {
  const n = 50_000;
  const { g, book } = openShop(sandboxes, n);
  g.fn.testConnection('wb');
  sandboxes.clock.advance(60_000);
  clearLogs(sandboxes);
  // Longer than the run may wait: beyond the requests already in flight, Ozon's items wait for the continuation.
  sandboxes.control('ozon', 'fault', { kind: 'status', status: 429, retryAfterSec: 600, path: '/v2/products/stocks' });
  const first = plain(g.fn.sendStocks('sidebar'));
  expect(first.status).toBe('continues');
  const [ozon, wb, ym] = first.channels.map((c: any) => c.accepted);
  expect([wb, ym]).toEqual([n, n]);
  expect(ozon).toBeLessThan(n / 10);
  sandboxes.clock.advance(600_000);
  clearLogs(sandboxes);
  const results = [plain(g.fn.continueSync())];
  while (results[results.length - 1].status === 'continues' && results.length < 5) {
    sandboxes.clock.advance(60_000);
    results.push(plain(g.fn.continueSync()));
  }
  expect(results[results.length - 1].status).toBe('done');
  expect(stockPushes(sandboxes)).toEqual({ ozon: n - ozon, wb: 0, yandex: 0 });
  expect(book.sheet('_Отправлено').dump()).toHaveLength(1 + 3 * n);
});
