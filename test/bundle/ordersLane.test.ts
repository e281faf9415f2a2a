/**
 * The orders lane (SPEC 6) through dist/Code.js against the sandboxes, in simulated time: an order on
 * any one marketplace, reaching its API 30 s after it was placed, lowers every channel within two
 * minutes; a quiet minute costs one request per channel and no Spreadsheet call; the lane never
 * fights a running sync; the quota guard slows it near the day's trigger minutes; an add-on refuses it.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import type { MarketplaceName } from '../../dev/sandbox/hosts';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
import { YM_CAMPAIGNS } from '../../dev/sandbox/yandexMarket';
import { loadBundle } from '../fakes/gas';
import { journal, openShop, type Shop, shopSettings, sku, useSandboxes, wbChrt } from './sendingSetup';

jest.setTimeout(180_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const MINUTE = 60_000;
const MARKETS: MarketplaceName[] = ['ozon', 'wb', 'yandex'];
/** What each channel shows for sale (Ozon: free_stock, its reserved units apart). */
const shown = (i: number) => ({
  ozon: sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: OZON_WAREHOUSES[0].warehouse_id })
    ?.free_stock,
  wb: sandboxes.control('wb', 'stock', { warehouseId: WB_WAREHOUSES[0].id, chrtId: wbChrt(i) }),
  ym: sandboxes.control('yandex', 'stock', { campaignId: YM_CAMPAIGNS[0].id, offerId: sku(i) }),
});
const laneSettings = (over: Record<string, unknown> = {}) =>
  shopSettings({
    reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' },
    schedule: { everyMinutes: 15, ordersEveryMinutes: 1 },
    ...over,
  });

/** A shop whose stock went out once, with the lane on and a first (baseline) lane run behind it. */
function laneShop(n: number, over: Record<string, unknown> = {}): Shop {
  const shop = openShop(sandboxes, n);
  const saved = shop.g.fn.saveSettings(laneSettings(over));
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  shop.g.fn.sendStocks('sidebar');
  expect(plain(shop.g.fn.installTriggers()).ok).toBe(true);
  for (const m of MARKETS) sandboxes.control(m, 'configure', { orderDelayMs: 30_000 });
  sandboxes.clock.advance(MINUTE);
  shop.g.fn.runOrdersLane();
  return shop;
}

const laneTrigger = (shop: Shop) => shop.g.scriptApp.triggers.filter((t) => t.handler === 'runOrdersLane');

describe('an order on one marketplace reaches every other one within two minutes', () => {
  for (const market of MARKETS)
    it(`placed on ${market}`, () => {
      const shop = laneShop(10);
      expect(shown(0)).toEqual({ ozon: 10, wb: 10, ym: 10 });
      const t = sandboxes.clock.now();
      sandboxes.control(market, 'buyer-order', { id: sku(0), quantity: 2 });
      const results: string[] = [];
      // The lane's trigger fires every minute; its runs take simulated time of their own.
      while (sandboxes.clock.now() < t + 2 * MINUTE) {
        sandboxes.clock.advance(MINUTE - ((sandboxes.clock.now() - t) % MINUTE));
        if (sandboxes.clock.now() > t + 2 * MINUTE) break;
        results.push(plain(shop.g.fn.runOrdersLane()).status);
      }
      expect(results).toContain('synced');
      expect(sandboxes.clock.now()).toBeLessThanOrEqual(t + 2 * MINUTE + 30_000);
      // Every channel, the ordering one included, shows the 2 units fewer.
      expect(shown(0)).toEqual({ ozon: 8, wb: 8, ym: 8 });
      const rows = journal(shop.book);
      expect(rows.find((r) => r.Статус === 'Заказы')).toMatchObject({ Запуск: 'Заказы' });
    });
});

it('a quiet minute costs one request per channel, no Spreadsheet call and no journal row', () => {
  const shop = laneShop(50);
  const journalBefore = shop.book.sheet('Журнал').dump().length;
  sandboxes.clock.advance(MINUTE);
  shop.book.resetCounters();
  const fetchesBefore = shop.g.urlFetch!.calls;
  // Not even the spreadsheet itself is asked for.
  shop.g.evaluate(
    'var __opened = 0; var __open = SpreadsheetApp.getActiveSpreadsheet; SpreadsheetApp.getActiveSpreadsheet = function () { __opened++; return __open(); };',
  );
  const result = plain(shop.g.fn.runOrdersLane());
  expect(result.status).toBe('quiet');
  expect(shop.g.evaluate('__opened')).toBe(0);
  expect(shop.book.io.calls).toBe(0);
  expect(shop.g.urlFetch!.calls - fetchesBefore).toBe(3);
  expect(shop.book.sheet('Журнал').dump()).toHaveLength(journalBefore);
});

it('a lane run during a full sync leaves at once without a trace', () => {
  const shop = laneShop(10);
  sandboxes.control('ozon', 'buyer-order', { id: sku(1), quantity: 1 });
  sandboxes.clock.advance(MINUTE);
  shop.g.lock.holdElsewhere(10 * MINUTE);
  const journalBefore = shop.book.sheet('Журнал').dump().length;
  const propsBefore = Object.keys(shop.g.properties.document.data).filter((k) => !k.startsWith('state.triggerTime'));
  shop.book.resetCounters();
  const fetchesBefore = shop.g.urlFetch!.calls;
  const at = sandboxes.clock.now();
  expect(plain(shop.g.fn.runOrdersLane()).status).toBe('skipped');
  expect(sandboxes.clock.now() - at).toBeLessThan(1_000);
  expect(shop.book.io.calls).toBe(0);
  expect(shop.g.urlFetch!.calls).toBe(fetchesBefore);
  expect(shop.book.sheet('Журнал').dump()).toHaveLength(journalBefore);
  // No dirty mark or other state: the running sync pulls the order itself.
  expect(Object.keys(shop.g.properties.document.data).filter((k) => !k.startsWith('state.triggerTime'))).toEqual(
    propsBefore,
  );
});

it('the quota guard slows the lane to every 5 minutes near the day’s limit, and says so', () => {
  const shop = laneShop(10);
  expect(laneTrigger(shop)).toEqual([expect.objectContaining({ everyMinutes: 1 })]);
  const hour = Math.floor(sandboxes.clock.now() / 3_600_000);
  const record = { hours: { [hour]: 75 * MINUTE }, open: {} };
  shop.g.properties.document.setProperties({
    'state.triggerTime.parts': '1',
    'state.triggerTime.0': JSON.stringify(record),
  });
  sandboxes.clock.advance(MINUTE);
  const result = plain(shop.g.fn.runOrdersLane());
  expect(result.message).toContain('замедлена до раза в 5 минут');
  expect(laneTrigger(shop)).toEqual([expect.objectContaining({ everyMinutes: 5 })]);
  const state = plain(shop.g.fn.getState());
  expect(state.triggerTime).toMatchObject({ limit: 90, slowed: true });
  expect(state.triggerTime.text).toMatch(/^за сутки 75 мин из 90/);
  // A day later the hour has left the window: every minute again.
  sandboxes.clock.advance(25 * 3_600_000);
  shop.g.fn.runOrdersLane();
  expect(laneTrigger(shop)).toEqual([expect.objectContaining({ everyMinutes: 1 })]);
  expect(plain(shop.g.fn.getState()).triggerTime.slowed).toBe(false);
});

it('every trigger run counts in the day’s trigger time, from its entry to its end', () => {
  const shop = laneShop(10);
  shop.g.fn.runScheduledSync();
  const state = plain(shop.g.fn.getState());
  expect(state.triggerTime).toMatchObject({ limit: 90, slowed: false });
  expect(state.triggerTime.text).toMatch(/^за сутки \d+ мин из 90$/);
  const stored = JSON.parse(shop.g.properties.document.data.get('state.triggerTime.0') ?? '{}');
  expect(stored.open).toEqual({});
  expect(Object.values(stored.hours).length).toBeGreaterThan(0);
});

it('the add-on edition refuses the lane and says why', () => {
  const shop = openShop(sandboxes, 5);
  const addOn = loadBundle({
    book: shop.book,
    properties: shop.g.properties,
    sandboxes,
    installation: 'WEB_STORE_ADD_ON',
  });
  const saved = plain(addOn.fn.saveSettings(laneSettings()));
  expect(saved.ok).toBe(false);
  expect(saved.errors).toEqual([
    {
      path: 'schedule.ordersEveryMinutes',
      message: expect.stringContaining('только в скрипте, привязанном к таблице'),
    },
  ]);
  expect(plain(addOn.fn.runOrdersLane()).status).toBe('off');
  expect(addOn.scriptApp.triggers.filter((t) => t.handler === 'runOrdersLane')).toEqual([]);
});
