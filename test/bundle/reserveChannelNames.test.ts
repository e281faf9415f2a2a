/**
 * «Резервы» → «Канал» through dist/Code.js (issue 14): the seller reads the channel's name, and a channel
 * renamed while its reserves are open keeps them — the same order is not reserved again, and its cancel
 * still frees the stock.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { barcode, openShopWithReserves, type Shop, shopSettings, shownOn, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

function reserveRows(shop: Shop): Record<string, unknown>[] {
  const rows = shop.book.sheet('Резервы').dump();
  return rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])));
}

const reserveOf = (shop: Shop, i: number) => {
  const rows = shop.book.sheet('Остатки').dump();
  return rows[i + 1][rows[0].indexOf('Резерв')];
};

/** The shop's settings with reserves on and Wildberries under another name. */
function renamed(name: string) {
  const settings = shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } });
  const channels = (settings.channels as { id: string; name: string }[]).map((c) =>
    c.id === 'wb' ? { ...c, name } : c,
  );
  return { ...settings, channels };
}

it('a channel renamed with an open reserve: the order listed again adds nothing, its cancel frees the stock', () => {
  const shop = openShopWithReserves(sandboxes, 5);
  sandboxes.control('wb', 'order', { id: 501, barcode: barcode(2) });
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  expect(reserveRows(shop)).toEqual([expect.objectContaining({ Канал: 'Wildberries', Заказ: 501, Статус: 'Активен' })]);
  expect(shownOn(sandboxes, 2)).toEqual({ ozon: 11, wb: 11, ym: 11 });

  expect(shop.g.fn.saveSettings(renamed('WB — ИП Иванов')).ok).toBe(true);
  // Pulled again by the overlapping window, and a second order after the rename.
  sandboxes.control('wb', 'order', { id: 502, barcode: barcode(3) });
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  expect(reserveRows(shop).map((r) => [r.Канал, r.Заказ, r.Статус])).toEqual([
    ['Wildberries', 501, 'Активен'],
    ['WB — ИП Иванов', 502, 'Активен'],
  ]);
  expect(reserveOf(shop, 2)).toBe(1);

  // Renamed once more, then the first order is cancelled: the row under its first name is the one closed.
  expect(shop.g.fn.saveSettings(renamed('Вайлдберриз')).ok).toBe(true);
  sandboxes.control('wb', 'order', { id: 501, supplierStatus: 'cancel', wbStatus: 'canceled' });
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  expect(reserveRows(shop).map((r) => [r.Канал, r.Заказ, r.Статус])).toEqual([
    ['Wildberries', 501, 'Снят'],
    ['WB — ИП Иванов', 502, 'Активен'],
  ]);
  expect(reserveOf(shop, 2)).toBe(0);
  expect(shownOn(sandboxes, 2)).toEqual({ ozon: 12, wb: 12, ym: 12 });
  // The hidden ledger keeps the channel's code: a rename changes nothing there.
  expect(
    shop.book
      .sheet('_Заказы')
      .dump()
      .slice(1)
      .map((r) => r[0]),
  ).toEqual(['wb', 'wb']);
});

it('a «Заказ» row a seller typed with the channel name is that order: pulling the order adds no second reserve', () => {
  const shop = openShopWithReserves(sandboxes, 5);
  const typed = ['', 'wildberries', '777', 'A-00001', 1, 'Склад', 'Заказ', 'Активен', '', '', 'вписал вручную'];
  for (const [k, value] of typed.entries()) shop.book.sheet('Резервы').put(2, k + 1, value);
  sandboxes.control('wb', 'order', { id: 777, barcode: barcode(1) });
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  expect(reserveRows(shop)).toHaveLength(1);
  expect(reserveOf(shop, 1)).toBe(1);
});
