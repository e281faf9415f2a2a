/**
 * Issue 15's «done when», through dist/Code.js: one shop with a channel on each of the six
 * marketplaces. A buyer's order on MegaMarket, on AliExpress and on Avito each reserves its units,
 * and in the same scheduled run every other marketplace (the other new ones among them) gets one
 * «К продаже» less; the ordering marketplace gets it too.
 */
import { ALI_SANDBOX } from '../../dev/sandbox/aliexpress';
import { AVITO_SANDBOX } from '../../dev/sandbox/avito';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { MM_SANDBOX } from '../../dev/sandbox/megamarket';
import { rowsOf, stockRow } from './pairShop';
import { avitoListing, journal, openShop, shopSettings, shownOn, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});
afterEach(() => {
  expect(sandboxes.control('avito', 'violations')).toEqual([]);
});

const MINUTE = 60_000;
const NEW_CHANNELS = [
  { id: 'mm', name: 'Мегамаркет', column: 'Мегамаркет', marketplace: 'megamarket' },
  { id: 'ali', name: 'AliExpress', column: 'AliExpress', marketplace: 'aliexpress' },
  { id: 'avito', name: 'Авито', column: 'Авито', marketplace: 'avito', idHeader: 'Авито ID' },
];

/** What each of the six marketplaces holds of SKU i (MegaMarket's from its sandbox: its API shows nothing). */
function everywhere(i: number): Record<string, number> {
  const { ozon, wb, ym } = shownOn(sandboxes, i);
  return {
    ozon,
    wb,
    ym,
    mm: sandboxes.control('megamarket', 'stock', { offerId: sku(i) }).available,
    ali: sandboxes.control('aliexpress', 'stock', { code: sku(i) }).available,
    avito: sandboxes.control('avito', 'stock', { itemId: avitoListing(i) }).quantity,
  };
}

const all = (n: number) => ({ ozon: n, wb: n, ym: n, mm: n, ali: n, avito: n });

it('an order on MegaMarket, AliExpress or Avito reserves stock and lowers all six marketplaces in the same run', () => {
  const shop = openShop(sandboxes, 4, { avito: true, stock: () => 10 });
  const ids = Array.from({ length: 4 }, (_, i) => sku(i));
  sandboxes.control('megamarket', 'seed', { offers: ids });
  sandboxes.control('megamarket', 'configure', { applyDelayMs: 0 });
  sandboxes.control('aliexpress', 'seed', { codes: ids });
  const base = shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } }) as {
    channels: unknown[];
  };
  // Every channel but the manual «Сайт», each with 100 % of «К продаже».
  const saved = shop.g.fn.saveSettings({ ...base, channels: [...base.channels.slice(0, 3), ...NEW_CHANNELS] });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  shop.g.fn.setCredentials('mm', MM_SANDBOX);
  shop.g.fn.setCredentials('ali', ALI_SANDBOX);
  shop.g.fn.setCredentials('avito', AVITO_SANDBOX);
  expect(JSON.parse(JSON.stringify(shop.g.fn.sendStocks('sidebar'))).status).toBe('done');
  for (const i of [0, 1, 2, 3]) expect(everywhere(i)).toEqual(all(10));

  sandboxes.clock.advance(MINUTE);
  const mm = sandboxes.control('megamarket', 'buyer-order', { id: sku(0), quantity: 2 });
  const ali = sandboxes.control('aliexpress', 'buyer-order', { id: sku(1), quantity: 3 });
  const avito = sandboxes.control('avito', 'buyer-order', { id: avitoListing(2), quantity: 1 });
  // Each marketplace lists its order 30 s after the buyer placed it: one scheduled run sees all three.
  sandboxes.clock.advance(MINUTE);
  expect(JSON.parse(JSON.stringify(shop.g.fn.runScheduledSync())).status).toBe('done');

  expect(
    rowsOf(shop.book, 'Резервы').map((r) => [r.Канал, String(r.Заказ), r.Артикул, r['Кол-во'], r.Тип, r.Статус]),
  ).toEqual(
    expect.arrayContaining([
      ['Мегамаркет', String(mm.orderId), sku(0), 2, 'Заказ', 'Активен'],
      ['AliExpress', String(ali.orderId), sku(1), 3, 'Заказ', 'Активен'],
      ['Авито', String(avito.orderId), sku(2), 1, 'Заказ', 'Активен'],
    ]),
  );
  expect([0, 1, 2, 3].map((i) => stockRow(shop.book, i)['К продаже'])).toEqual([8, 7, 9, 10]);
  // Every marketplace has the lower numbers now: MegaMarket's order lowered AliExpress and Avito too, and so on.
  expect(everywhere(0)).toEqual(all(8));
  expect(everywhere(1)).toEqual(all(7));
  expect(everywhere(2)).toEqual(all(9));
  expect(everywhere(3)).toEqual(all(10));
  // The one run pulled all three marketplaces' orders.
  const rows = journal(shop.book).filter((r) => r.Статус === 'Заказы');
  expect(rows.map((r) => r.Канал).sort()).toEqual(['AliExpress', 'Авито', 'Мегамаркет']);
});
