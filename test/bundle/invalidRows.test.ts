/**
 * An invalid row on «Остатки» is sent nowhere (SPEC 2.1): each marketplace keeps the number it showed,
 * whether the add-on sent it before or never did, and «Отправить остатки», which sends everything,
 * leaves it out too; the journal of a run stopped by invalid rows says the same.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
import { YM_CAMPAIGNS } from '../../dev/sandbox/yandexMarket';
import { clearLogs, journal, openShop, shownOn, sku, stockPushes, useSandboxes, wbChrt } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

it('after a push, a row made invalid keeps its last number on every marketplace, also through «Отправить остатки»', () => {
  const { g, book } = openShop(sandboxes, 10);
  g.fn.sendStocks('sidebar');
  const before = shownOn(sandboxes, 3);
  expect(before).toEqual({ ozon: 13, wb: 13, ym: 13 });
  book.sheet('Остатки').put(5, 3, 'много');
  book.sheet('Остатки').put(6, 3, 2);
  sandboxes.clock.advance(60_000);
  clearLogs(sandboxes);
  const sent = g.fn.sendStocks('sidebar');
  expect(sent.ok).toBe(true);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 9, wb: 9, yandex: 9 });
  expect(shownOn(sandboxes, 3)).toEqual(before);
  expect(shownOn(sandboxes, 4)).toEqual({ ozon: 2, wb: 2, ym: 2 });
  const problem = g.fn.getState().lastRecalc.problems[0].text;
  expect(problem).toBe(
    'Лист «Остатки», строка 5, столбец «Склад»: «много» — не число. A-00003 не отправляется, пока ячейка не исправлена; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
  );
});

it('on the very first push an invalid row is not sent: the marketplace keeps what it showed before the add-on', () => {
  const { g, book } = openShop(sandboxes, 10);
  // What the seller typed in each cabinet before installing the add-on.
  sandboxes.control('ozon', 'set-stock', {
    offer_id: sku(3),
    warehouse_id: OZON_WAREHOUSES[0].warehouse_id,
    present: 7,
  });
  sandboxes.control('wb', 'set-stock', { warehouseId: WB_WAREHOUSES[0].id, chrtId: wbChrt(3), amount: 7 });
  sandboxes.control('yandex', 'set-stock', { campaignId: YM_CAMPAIGNS[0].id, offerId: sku(3), count: 7 });
  book.sheet('Остатки').put(5, 3, '#N/A');
  g.fn.sendStocks('sidebar');
  expect(shownOn(sandboxes, 3)).toEqual({ ozon: 7, wb: 7, ym: 7 });
  expect(shownOn(sandboxes, 4)).toEqual({ ozon: 14, wb: 14, ym: 14 });
});

it('a run stopped because every row is invalid says in the journal that the marketplaces keep their numbers', () => {
  const { g, book } = openShop(sandboxes, 5);
  g.fn.sendStocks('sidebar');
  for (let i = 0; i < 5; i++) book.sheet('Остатки').put(2 + i, 3, 'много');
  sandboxes.clock.advance(60_000);
  g.fn.sendStocks('sidebar');
  const details = String(journal(book).at(-1)?.Подробности);
  expect(details).toMatch(/^5 строк с ошибками, ничего не отправлено: первая — строка 2/);
  expect(details).toContain('На площадках остаются прежние числа, пока строки не исправлены');
  expect(shownOn(sandboxes, 0)).toEqual({ ozon: 10, wb: 10, ym: 10 });
});
