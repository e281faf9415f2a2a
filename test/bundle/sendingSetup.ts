/** A shop wired to the three sandboxes through dist/Code.js: the starting point of sending tests. */
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import type { MarketplaceName } from '../../dev/sandbox/hosts';
import { OZON_SANDBOX, OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { WB_SANDBOX, WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
import { YM_CAMPAIGNS, YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import { RESERVE_HEADERS } from '../../src/core/headers';
import { type Gas, loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';

export const sku = (i: number) => `A-${String(i).padStart(5, '0')}`;
export const barcode = (i: number) => `46${String(i).padStart(11, '0')}`;
/** SKU i's Avito listing: Avito sets stock per listing, whose number the channel's id column «Авито ID» holds. */
export const avitoListing = (i: number) => 3_000_000_000 + i;

export function shopSettings(over: Record<string, unknown> = {}) {
  return {
    version: 1,
    sendEnabled: true,
    warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
    channels: [
      {
        id: 'ozon',
        name: 'Ozon',
        column: 'Ozon',
        marketplace: 'ozon',
        rule: { type: 'share', percent: 100 },
        target: { warehouseId: String(OZON_WAREHOUSES[0].warehouse_id) },
      },
      {
        id: 'wb',
        name: 'Wildberries',
        column: 'WB',
        marketplace: 'wb',
        idHeader: 'WB баркод',
        rule: { type: 'share', percent: 100 },
        target: { warehouseId: String(WB_WAREHOUSES[0].id) },
      },
      {
        id: 'ym',
        name: 'Яндекс Маркет',
        column: 'Яндекс Маркет',
        marketplace: 'yandex',
        rule: { type: 'share', percent: 100 },
        target: { campaignId: String(YM_CAMPAIGNS[0].id), businessId: String(YM_SANDBOX.businessId) },
      },
      { id: 'site', name: 'Сайт', column: 'Сайт', marketplace: 'manual', rule: { type: 'equal' } },
    ],
    ...over,
  };
}

export interface Shop {
  g: Gas;
  book: FakeSpreadsheet;
  n: number;
}

export function openShop(
  sandboxes: Sandboxes,
  n: number,
  options: { connect?: boolean; stock?: (i: number) => number; avito?: boolean } = {},
): Shop {
  for (const m of ['ozon', 'wb', 'yandex', 'megamarket', 'aliexpress'] as MarketplaceName[])
    sandboxes.control(m, 'reset');
  // These tests read what Ozon took right after a run; its apply delay is tested in test/contract/ozon.test.ts.
  sandboxes.control('ozon', 'configure', { applyDelayMs: 0 });
  // These runs read every WB push back at once: the push shows at once here (WB's delay: test/contract/wildberries).
  sandboxes.control('wb', 'configure', { applyDelayMs: 0 });
  sandboxes.clock.set(Date.parse('2026-11-22T09:00:00Z'));
  const ids = Array.from({ length: n }, (_, i) => sku(i));
  sandboxes.control('ozon', 'seed', { offers: ids });
  sandboxes.control('yandex', 'seed', { offers: ids });
  // These tests read what a push set right after it; Yandex Market shows it 5 minutes later by default.
  sandboxes.control('yandex', 'configure', { applyDelayMs: 0 });
  sandboxes.control('wb', 'seed', { items: ids.map((vendorCode, i) => ({ vendorCode, sizes: [[barcode(i)]] })) });
  // With Avito: its listings, and their numbers in a column of their own; a push shows at once here too.
  if (options.avito) {
    sandboxes.control('avito', 'reset');
    sandboxes.control('avito', 'configure', { applyDelayMs: 0 });
    sandboxes.control('avito', 'seed', { items: ids.map((_, i) => avitoListing(i)) });
  }
  const avitoColumn = (i: number) => (options.avito ? [avitoListing(i)] : []);
  const stock = options.stock ?? ((i: number) => 10 + (i % 7));
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', [
    ['Артикул', 'Наименование', 'Склад', 'WB баркод', ...(options.avito ? ['Авито ID'] : [])],
    ...ids.map((id, i) => [id, `Товар ${i}`, stock(i), barcode(i), ...avitoColumn(i)]),
  ]);
  book.addSheet('Резервы', [Object.values(RESERVE_HEADERS)]);
  const g = loadBundle({ book, sandboxes });
  const saved = g.fn.saveSettings(shopSettings());
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  if (options.connect !== false) {
    g.fn.setCredentials('ozon', OZON_SANDBOX);
    g.fn.setCredentials('wb', WB_SANDBOX);
    g.fn.setCredentials('ym', YM_SANDBOX);
  }
  return { g, book, n };
}

/** A shop with reserves on (active since 2026-11-01) whose stock went out once, a minute ago. */
export function openShopWithReserves(sandboxes: Sandboxes, n: number, reserves: Record<string, unknown> = {}): Shop {
  const shop = openShop(sandboxes, n);
  const saved = shop.g.fn.saveSettings(
    shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', ...reserves } }),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  shop.g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60_000);
  return shop;
}

/** The chrtID of SKU i's only size: the WB sandbox numbers seeded cards from nmID 300,000, sizes nmID × 10 + k. */
export const wbChrt = (i: number) => (300_000 + i) * 10;

/** What each marketplace shows of SKU i at the channel's warehouse (Ozon: `present`). */
export function shownOn(sandboxes: Sandboxes, i: number) {
  return {
    ozon: sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: OZON_WAREHOUSES[0].warehouse_id })
      ?.present,
    wb: sandboxes.control('wb', 'stock', { warehouseId: WB_WAREHOUSES[0].id, chrtId: wbChrt(i) }),
    ym: sandboxes.control('yandex', 'stock', { campaignId: YM_CAMPAIGNS[0].id, offerId: sku(i) }),
  };
}

/** Stock requests each marketplace got since the log was cleared. */
export function stockPushes(sandboxes: Sandboxes): Record<'ozon' | 'wb' | 'yandex', number> {
  const count = (m: MarketplaceName, test: (e: { method: string; path: string }) => boolean) =>
    (sandboxes.control(m, 'log') as { method: string; path: string; items: number }[])
      .filter(test)
      .reduce((sum, e) => sum + (e as any).items, 0);
  return {
    ozon: count('ozon', (e) => e.path === '/v2/products/stocks'),
    wb: count('wb', (e) => e.method === 'PUT' && e.path.startsWith('/api/v3/stocks/')),
    yandex: count('yandex', (e) => e.method === 'PUT' && /\/offers\/stocks$/.test(e.path)),
  };
}

export function clearLogs(sandboxes: Sandboxes): void {
  for (const m of ['ozon', 'wb', 'yandex', 'megamarket', 'aliexpress'] as MarketplaceName[])
    sandboxes.control(m, 'clear-log');
}

export function journal(book: FakeSpreadsheet): Record<string, unknown>[] {
  const rows = book.sheet('Журнал').dump();
  return rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])));
}

/** One sandbox worker per test file; after each test, every request must have matched the official specs. */
export function useSandboxes(): () => Sandboxes {
  let sandboxes: Sandboxes;
  beforeAll(async () => {
    sandboxes = await startSandboxes();
  }, 60_000);
  afterAll(async () => {
    await sandboxes?.stop();
  });
  afterEach(() => {
    for (const m of ['ozon', 'wb', 'yandex', 'megamarket', 'aliexpress'] as const)
      expect(sandboxes.control(m, 'violations')).toEqual([]);
  });
  return () => sandboxes;
}
