/**
 * The mass-zero guard holds only the zeros nothing explains (SPEC 6): every other change of the
 * channel goes out at once — rises, and the zero an order leaves (the last unit sold). Held items
 * live in the hidden sheet «_Задержано»; the sidebar and «Подтвердить отправку» work on it.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import {
  clearLogs,
  journal,
  openShopWithReserves,
  type Shop,
  shownOn,
  sku,
  stockPushes,
  useSandboxes,
} from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const shown = (i: number) => shownOn(sandboxes, i);

function shopWithReserves(n: number): Shop {
  const shop = openShopWithReserves(sandboxes, n);
  clearLogs(sandboxes);
  return shop;
}

function heldSheet(shop: Shop): unknown[][] {
  return shop.book.sheet('_Задержано').dump().slice(1);
}

it('a mass zero holds only its zeros: a rise goes out at once, and the held ids wait in «_Задержано»', () => {
  const shop = shopWithReserves(20);
  const sheet = shop.book.sheet('Остатки');
  for (let i = 0; i < 8; i++) sheet.put(2 + i, 3, 0);
  sheet.put(2 + 15, 3, 40); // A-00015: 11 → 40
  const result = plain(shop.g.fn.runScheduledSync());
  expect(result.channels.map((c: any) => [c.channel, c.status, c.accepted])).toEqual([
    ['Ozon', 'Частично', 1],
    ['Wildberries', 'Частично', 1],
    ['Яндекс Маркет', 'Частично', 1],
  ]);
  expect(result.channels[0].details).toContain('задержано защитой: в 0 ушли бы 8 из 20');
  expect(stockPushes(sandboxes)).toEqual({ ozon: 1, wb: 1, yandex: 1 });
  expect(shown(15)).toEqual({ ozon: 40, wb: 40, ym: 40 });
  expect(shown(0)).toEqual({ ozon: 10, wb: 10, ym: 10 });
  // Every held id, per channel, in the hidden sheet; the sidebar gets a short summary.
  expect(shop.book.sheet('_Задержано').hidden).toBe(true);
  expect(
    heldSheet(shop)
      .filter((r) => r[0] === 'ozon')
      .map((r) => r[1]),
  ).toEqual(Array.from({ length: 8 }, (_, i) => sku(i)));
  expect(heldSheet(shop)).toHaveLength(24);
  const state = plain(shop.g.fn.getState());
  expect(state.held.ozon).toMatchObject({ count: 8, base: 20, toZero: Array.from({ length: 8 }, (_, i) => sku(i)) });
});

it('an order placed while a push is held reaches every marketplace at once; the confirmation sends the held zeros', () => {
  const shop = shopWithReserves(20);
  const sheet = shop.book.sheet('Остатки');
  for (let i = 0; i < 8; i++) sheet.put(2 + i, 3, 0);
  shop.g.fn.runScheduledSync();
  expect(plain(shop.g.fn.getState()).held.wb).toMatchObject({ count: 8 });
  clearLogs(sandboxes);
  // A buyer takes all 15 units of A-00012 on Ozon: its zero is explained by the order, not held.
  sandboxes.control('ozon', 'posting', { posting_number: 'P-12', products: [{ offer_id: sku(12), quantity: 15 }] });
  sandboxes.clock.advance(60_000);
  const run = plain(shop.g.fn.runScheduledSync());
  expect(shown(12)).toEqual({ ozon: 0, wb: 0, ym: 0 });
  expect(shown(0)).toEqual({ ozon: 10, wb: 10, ym: 10 });
  expect(stockPushes(sandboxes)).toEqual({ ozon: 1, wb: 1, yandex: 1 });
  const wb = run.channels.find((c: any) => c.channel === 'Wildberries');
  expect(wb).toMatchObject({ status: 'Частично', accepted: 1 });
  // Still the same 8 held; confirming Wildberries sends exactly them, to Wildberries only.
  expect(plain(shop.g.fn.getState()).held.wb).toMatchObject({ count: 8 });
  clearLogs(sandboxes);
  sandboxes.clock.advance(60_000);
  const confirmed = plain(shop.g.fn.confirmHeldSend('wb'));
  expect(confirmed.channels).toEqual([
    expect.objectContaining({ channel: 'Wildberries', status: 'Выполнено', items: 8, accepted: 8 }),
  ]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 8, yandex: 0 });
  expect(shown(0)).toEqual({ ozon: 10, wb: 0, ym: 10 });
  expect(plain(shop.g.fn.getState()).held.wb).toBeUndefined();
  expect(heldSheet(shop).some((r) => r[0] === 'wb')).toBe(false);
  expect(heldSheet(shop).filter((r) => r[0] === 'ozon')).toHaveLength(8);
});

it('the last unit written off by a shipment leaves every channel at once, while a mass zero is held', () => {
  const shop = shopWithReserves(20);
  // In one run: a shipped posting takes all 13 units of A-00003 (written off 13 → 0), and a sheet cut to zeros.
  sandboxes.control('ozon', 'posting', {
    posting_number: 'P-3',
    status: 'delivering',
    products: [{ offer_id: sku(3), quantity: 13 }],
  });
  const sheet = shop.book.sheet('Остатки');
  for (let i = 10; i < 18; i++) sheet.put(2 + i, 3, 0);
  sandboxes.clock.advance(60_000);
  const run = plain(shop.g.fn.runScheduledSync());
  expect(journal(shop.book).some((r) => r.Статус === 'Списание')).toBe(true);
  expect(shown(3)).toEqual({ ozon: 0, wb: 0, ym: 0 });
  expect(shown(10)).toEqual({ ozon: 13, wb: 13, ym: 13 });
  expect(stockPushes(sandboxes)).toEqual({ ozon: 1, wb: 1, yandex: 1 });
  expect(run.channels.filter((c: any) => c.status === 'Частично').map((c: any) => c.accepted)).toEqual([1, 1, 1]);
  expect(plain(shop.g.fn.getState()).held.ozon).toMatchObject({ count: 8 });
});

it('hundreds of held zeros live in the sheet, not in properties (40,000 would not fit in 9 KB)', () => {
  const shop = shopWithReserves(600);
  const sheet = shop.book.sheet('Остатки');
  for (let i = 0; i < 400; i++) sheet.put(2 + i, 3, 0);
  shop.g.fn.runScheduledSync();
  expect(heldSheet(shop)).toHaveLength(1200);
  const props = shop.g.properties.document.getProperties() as Record<string, string>;
  for (const value of Object.values(props)) expect(value.length).toBeLessThan(9000);
  expect(JSON.stringify(props).length).toBeLessThan(20_000);
  expect(plain(shop.g.fn.getState()).held.ym).toMatchObject({ count: 400, base: 600 });
});

it('an emptied «_Задержано» never lets the zeros through: the confirmation finds nothing confirmed and holds them again', () => {
  const shop = shopWithReserves(20);
  for (let i = 0; i < 8; i++) shop.book.sheet('Остатки').put(2 + i, 3, 0);
  shop.g.fn.runScheduledSync();
  const held = shop.book.sheet('_Задержано');
  held.deleteRows(2, held.getLastRow() - 1);
  clearLogs(sandboxes);
  sandboxes.clock.advance(60_000);
  const first = plain(shop.g.fn.confirmHeldSend('ozon'));
  expect(first.channels).toEqual([expect.objectContaining({ channel: 'Ozon', status: 'Задержано защитой' })]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  expect(heldSheet(shop).filter((r) => r[0] === 'ozon')).toHaveLength(8);
  sandboxes.clock.advance(60_000);
  const second = plain(shop.g.fn.confirmHeldSend('ozon'));
  expect(second.channels).toEqual([expect.objectContaining({ channel: 'Ozon', status: 'Выполнено', accepted: 8 })]);
  expect(shown(0)).toEqual({ ozon: 0, wb: 10, ym: 10 });
});
