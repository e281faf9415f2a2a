/**
 * A held push after the seller fixes what caused it (SPEC 6): «Сохранить» or «Пересчитать» reads the held
 * zeros again against the plan, so the card and «Подтвердить отправку» never stand for zeros that would not
 * go; a channel row whose other items went out counts its held zeros («Частично · 1 из 9»); «Открыть список»
 * shows the hidden «_Задержано».
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import {
  barcode,
  clearLogs,
  journal,
  openShopWithReserves,
  type Shop,
  shopSettings,
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
const heldIds = (shop: Shop, channel: string) =>
  shop.book
    .sheet('_Задержано')
    .dump()
    .slice(1)
    .filter((r) => r[0] === channel)
    .map((r) => r[1]);

/** Ozon's share set to `percent` and saved, as the form does. */
function saveOzonShare(shop: Shop, percent: number) {
  const settings = shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } }) as any;
  settings.channels[0].rule = { type: 'share', percent };
  const saved = plain(shop.g.fn.saveSettings(settings));
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  return saved;
}

it('Ozon «Доля» 0 holds every Ozon zero; 100 again and «Сохранить» ends the hold, and nothing is left to confirm', () => {
  const shop = openShopWithReserves(sandboxes, 20);
  saveOzonShare(shop, 0);
  sandboxes.clock.advance(60_000);
  const held = plain(shop.g.fn.sendStocks('sidebar'));
  expect(held.channels.find((c: any) => c.channel === 'Ozon')).toMatchObject({
    status: 'Задержано защитой',
    items: 20,
  });
  expect(plain(shop.g.fn.getState()).held.ozon).toMatchObject({ count: 20, base: 20 });
  expect(heldIds(shop, 'ozon')).toHaveLength(20);
  const saved = saveOzonShare(shop, 100);
  expect(saved.recalculation.heldReview).toEqual([{ channelId: 'ozon', name: 'Ozon', before: 20, now: 0 }]);
  expect(plain(shop.g.fn.getState()).held.ozon).toBeUndefined();
  expect(heldIds(shop, 'ozon')).toEqual([]);
  clearLogs(sandboxes);
  const confirm = plain(shop.g.fn.confirmHeldSend('ozon'));
  expect(confirm).toMatchObject({ ok: false, message: 'Для этого канала нет задержанной отправки' });
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  expect(shownOn(sandboxes, 0).ozon).toBe(10);
});

it('fewer zeros after «Пересчитать»: the hold shrinks to them, says how many it was, and the confirmation sends only them', () => {
  const shop = openShopWithReserves(sandboxes, 20);
  const sheet = shop.book.sheet('Остатки');
  for (let i = 0; i < 12; i++) sheet.put(2 + i, 3, 0);
  sheet.put(2 + 15, 3, 40);
  const run = plain(shop.g.fn.runScheduledSync());
  // The rise went out, the 12 zeros wait: 1 of 13 accepted, never «1 из 1».
  expect(run.channels[0]).toMatchObject({ channel: 'Ozon', status: 'Частично', items: 13, accepted: 1, errors: 0 });
  expect(journal(shop.book).at(-3)).toMatchObject({ Канал: 'Ozon', Статус: 'Частично', Позиций: 13, Принято: 1 });
  // Four of them are back as they were: 8 would still go to 0, more than 30 % of 20.
  for (let i = 0; i < 4; i++) sheet.put(2 + i, 3, 10 + (i % 7));
  const recalc = plain(shop.g.fn.recalculate());
  expect(recalc.heldReview).toEqual([
    { channelId: 'ozon', name: 'Ozon', before: 12, now: 8 },
    { channelId: 'wb', name: 'Wildberries', before: 12, now: 8 },
    { channelId: 'ym', name: 'Яндекс Маркет', before: 12, now: 8 },
  ]);
  const eight = Array.from({ length: 8 }, (_, i) => sku(4 + i));
  expect(plain(shop.g.fn.getState()).held.ozon).toMatchObject({ count: 8, base: 20, was: 12, toZero: eight });
  expect(heldIds(shop, 'ozon')).toEqual(eight);
  // The next run finds the same eight: the same hold, journaled once, still saying how many it was.
  sandboxes.clock.advance(60_000);
  const rows = journal(shop.book).length;
  shop.g.fn.runScheduledSync();
  expect(journal(shop.book)).toHaveLength(rows);
  expect(plain(shop.g.fn.getState()).held.ozon).toMatchObject({ count: 8, was: 12 });
  clearLogs(sandboxes);
  sandboxes.clock.advance(60_000);
  const confirmed = plain(shop.g.fn.confirmHeldSend('ozon'));
  expect(confirmed.channels).toEqual([
    expect.objectContaining({ channel: 'Ozon', status: 'Выполнено', items: 8, accepted: 8 }),
  ]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 8, wb: 0, yandex: 0 });
  expect(shownOn(sandboxes, 0).ozon).toBe(10);
  expect(shownOn(sandboxes, 4).ozon).toBe(0);
});

it('with nothing held a review changes nothing; while a run holds the lock, the held zeros are left to that run', () => {
  const shop = openShopWithReserves(sandboxes, 20);
  expect(plain(shop.g.fn.recalculate()).heldReview).toEqual([]);
  const sheet = shop.book.sheet('Остатки');
  for (let i = 0; i < 8; i++) sheet.put(2 + i, 3, 0);
  shop.g.fn.runScheduledSync();
  for (let i = 0; i < 8; i++) sheet.put(2 + i, 3, 10);
  // Another execution holds the document lock (a run under way): the held zeros stay as that run leaves them.
  shop.g.lock.heldElsewhere = true;
  expect(plain(shop.g.fn.recalculate()).heldReview).toEqual([]);
  expect(plain(shop.g.fn.getState()).held.ozon).toMatchObject({ count: 8 });
  shop.g.lock.heldElsewhere = false;
  expect(plain(shop.g.fn.recalculate()).heldReview).toHaveLength(3);
  expect(plain(shop.g.fn.getState()).held).toEqual({});
});

it('«Открыть список» shows the hidden «_Задержано» at the channel’s first held item', () => {
  const shop = openShopWithReserves(sandboxes, 20);
  for (let i = 0; i < 8; i++) shop.book.sheet('Остатки').put(2 + i, 3, 0);
  shop.g.fn.runScheduledSync();
  const list = shop.book.sheet('_Задержано');
  expect(list.hidden).toBe(true);
  expect(plain(shop.g.fn.openHeldList('wb'))).toEqual({ ok: true });
  expect(list.hidden).toBe(false);
  expect(shop.book.activeSheet?.name).toBe('_Задержано');
  const row = shop.book.activeRange?.row ?? 0;
  expect(list.dump()[row - 1].slice(0, 2)).toEqual(['wb', barcode(0)]);
  expect(list.dump()[row - 2][0]).not.toBe('wb');
  expect(plain(shop.g.fn.openHeldList('site'))).toEqual({
    ok: false,
    error: 'Для этого канала сейчас ничего не задержано.',
  });
});
