/**
 * One item Yandex Market refuses never blocks the others (SPEC 6): the Market rejects a whole
 * updateStocks request with 400 when one of its SKUs is not in the catalogue, so the add-on splits
 * the batch until the bad SKUs are isolated, sends the rest, and names the bad ones in the journal.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { YM_CAMPAIGNS } from '../../dev/sandbox/yandexMarket';
import { clearLogs, journal, openShop, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const ymStock = (i: number) =>
  sandboxes.control('yandex', 'stock', { campaignId: YM_CAMPAIGNS[0].id, offerId: sku(i) });
const ymPushes = () =>
  (sandboxes.control('yandex', 'log') as { method: string; path: string; status: number; items: number }[]).filter(
    (e) => e.method === 'PUT' && /\/offers\/stocks$/.test(e.path),
  );

/** The shop, with `missing` SKUs left out of the Market's catalogue (a typo, an offer not yet created). */
function shopWithUnknownOffers(n: number, missing: number[]) {
  const shop = openShop(sandboxes, n);
  sandboxes.control('yandex', 'reset');
  sandboxes.control('yandex', 'configure', { applyDelayMs: 0 });
  const known = Array.from({ length: n }, (_, i) => i).filter((i) => !missing.includes(i));
  sandboxes.control('yandex', 'seed', { offers: known.map(sku) });
  clearLogs(sandboxes);
  return shop;
}

it('three SKUs unknown to the Market: the other 2,497 are sent, the three are named, within O(bad·log n) requests', () => {
  const bad = [17, 1500, 2300];
  const { g, book } = shopWithUnknownOffers(2500, bad);
  // A rate limit in the middle of the splitting is waited out, as any other 420.
  sandboxes.control('yandex', 'fault', {
    kind: 'status',
    status: 420,
    retryAfterSec: 2,
    count: 1,
    path: '/v2/campaigns',
  });
  const result = plain(g.fn.sendStocks('sidebar'));
  const ym = result.channels.find((c: any) => c.channel === 'Яндекс Маркет');
  expect(ym).toMatchObject({ status: 'Частично', items: 2500, accepted: 2497, errors: 3 });
  for (const i of bad) expect(ym.details).toContain(`${sku(i)}: нет в каталоге Маркета`);
  for (const i of [0, 16, 18, 1499, 1501, 2299, 2301, 2499]) expect(ymStock(i)).toBe(10 + (i % 7));
  for (const i of bad) expect(ymStock(i)).toBeNull();
  // Two first requests (2,000 + 500), then at most two halves per bad SKU per level of halving.
  const pushes = ymPushes();
  expect(pushes.length).toBeLessThanOrEqual(2 + 2 * bad.length * Math.ceil(Math.log2(2000)) + 1);
  expect(pushes.filter((p) => p.status === 420)).toHaveLength(1);
  // «_Отправлено» has every accepted SKU and none of the refused ones.
  const ledger = book.sheet('_Отправлено').dump();
  const text = (v: unknown) => String(v).replace(/^'/, '');
  const ymIds = new Set(ledger.filter((r) => text(r[0]) === 'ym').map((r) => text(r[1])));
  expect(ymIds.size).toBe(2497);
  for (const i of bad) expect(ymIds.has(sku(i))).toBe(false);
  const row = journal(book).find((r) => r.Канал === 'Яндекс Маркет');
  expect(row).toMatchObject({ Статус: 'Частично', Принято: 2497, Ошибок: 3 });
  expect(String(row?.Подробности)).toContain('нет в каталоге Маркета');
});

it('the next run retries only the refused SKUs, isolated again in a few requests; the good ones are not resent', () => {
  const bad = [3, 40];
  const { g } = shopWithUnknownOffers(60, bad);
  g.fn.sendStocks('sidebar');
  clearLogs(sandboxes);
  sandboxes.clock.advance(60_000);
  const result = plain(g.fn.runScheduledSync());
  const ym = result.channels.find((c: any) => c.channel === 'Яндекс Маркет');
  expect(ym).toMatchObject({ items: 2, accepted: 0, errors: 2 });
  const pushes = ymPushes();
  expect(pushes.reduce((sum, p) => sum + p.items, 0)).toBeLessThanOrEqual(4);
  // Once the seller adds the offers to the catalogue, they go out like any other.
  sandboxes.control('yandex', 'seed', { offers: bad.map(sku) });
  sandboxes.clock.advance(60_000);
  const after = plain(g.fn.runScheduledSync()).channels.find((c: any) => c.channel === 'Яндекс Маркет');
  expect(after).toMatchObject({ status: 'Выполнено', items: 2, accepted: 2 });
  for (const i of bad) expect(ymStock(i)).toBe(10 + (i % 7));
});
