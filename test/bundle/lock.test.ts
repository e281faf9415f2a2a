/**
 * One sync at a time per spreadsheet (SPEC 6), through dist/Code.js on the simulated clock: a full
 * sync waits up to 30 s for the document lock; an edit or a button press that cannot get it marks
 * the sheet dirty, and the sync holding the lock checks the mark before it lets go and runs once more.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import type { FetchParams } from '../fakes/urlFetch';
import { clearLogs, journal, openShop, sku, stockPushes, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const SECOND = 1000;
const edit = { range: { getSheet: () => ({ getName: () => 'Остатки' }) } };
const ozonStock = (i: number) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: OZON_WAREHOUSES[0].warehouse_id })?.present;
/** The sheet's dirty mark (a document property) is there. */
const dirty = (g: { properties: { document: { data: Map<string, string> } } }) =>
  g.properties.document.data.has('state.dirty.parts');

it('an edit during a running sync marks the sheet dirty, and the sync runs once more before it lets go of the lock', () => {
  const { g, book } = openShop(sandboxes, 40);
  g.fn.sendStocks('sidebar');
  clearLogs(sandboxes);
  sandboxes.clock.advance(60 * SECOND);
  const journalBefore = journal(book).length;
  book.sheet('Остатки').put(3, 3, 1); // A-00001
  // While the scheduled run pushes its first request, the seller edits another row: that edit's trigger runs now.
  const urlFetch = g.urlFetch!;
  const fetchAll = urlFetch.fetchAll.bind(urlFetch);
  let during: any;
  urlFetch.fetchAll = (requests: (FetchParams & { url: string })[]) => {
    if (!during && requests.some((r) => r.url.includes('/v2/products/stocks'))) {
      book.sheet('Остатки').put(12, 3, 4); // A-00010
      during = plain(g.fn.onEditInstalled(edit));
    }
    return fetchAll(requests);
  };
  const result = plain(g.fn.runScheduledSync());
  expect(during).toMatchObject({
    status: 'skipped',
    message: 'Сейчас идёт другая синхронизация этой таблицы: ваш запрос она выполнит сразу после себя.',
  });
  // The edit is not lost: both changed rows reached every marketplace, the second in the extra pass.
  expect(result.status).toBe('done');
  expect(ozonStock(1)).toBe(1);
  expect(ozonStock(10)).toBe(4);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 2, wb: 2, yandex: 2 });
  expect(
    journal(book)
      .slice(journalBefore)
      .map((r) => [r.Запуск, r.Канал, r.Позиций]),
  ).toEqual([
    ['Расписание', 'Ozon', 1],
    ['Расписание', 'Wildberries', 1],
    ['Расписание', 'Яндекс Маркет', 1],
    ['Правка', 'Ozon', 1],
    ['Правка', 'Wildberries', 1],
    ['Правка', 'Яндекс Маркет', 1],
  ]);
  expect(dirty(g)).toBe(false);
  expect(g.lock.locked).toBe(false);
});

it('the extra pass that finds the work already done writes nothing to «Журнал»', () => {
  const { g, book } = openShop(sandboxes, 10);
  g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60 * SECOND);
  book.sheet('Остатки').put(3, 3, 2);
  const journalBefore = journal(book).length;
  const urlFetch = g.urlFetch!;
  const fetchAll = urlFetch.fetchAll.bind(urlFetch);
  let pressed = false;
  urlFetch.fetchAll = (requests: (FetchParams & { url: string })[]) => {
    // The trigger of the edit this run already picked up arrives late: it finds nothing left to send.
    if (!pressed) {
      pressed = true;
      g.fn.onEditInstalled(edit);
    }
    return fetchAll(requests);
  };
  g.fn.runScheduledSync();
  expect(
    journal(book)
      .slice(journalBefore)
      .map((r) => r.Запуск),
  ).toEqual(['Расписание', 'Расписание', 'Расписание']);
  expect(dirty(g)).toBe(false);
});

it('a full sync waits up to 30 s for the lock: it runs when the other execution lets go in time', () => {
  const { g, book } = openShop(sandboxes, 5);
  sandboxes.clock.advance(60 * SECOND);
  g.lock.holdElsewhere(20 * SECOND);
  const before = sandboxes.clock.now();
  const result = plain(g.fn.runScheduledSync());
  expect(result.status).toBe('done');
  expect(g.lock.waited).toBe(20 * SECOND);
  expect(sandboxes.clock.now() - before).toBeGreaterThanOrEqual(20 * SECOND);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 5, wb: 5, yandex: 5 });
  expect(journal(book).map((r) => r.Запуск)).toEqual(['Расписание', 'Расписание', 'Расписание']);
});

it('a full sync that still cannot get the lock after 30 s is not lost: the next holder runs it', () => {
  const { g, book } = openShop(sandboxes, 5);
  g.lock.holdElsewhere(10 * 60 * SECOND);
  const before = sandboxes.clock.now();
  const result = plain(g.fn.runScheduledSync());
  // It waited exactly 30 s of the run's time, and no longer.
  expect(sandboxes.clock.now() - before).toBe(30 * SECOND);
  expect(result).toMatchObject({ status: 'skipped', channels: [] });
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  expect(book.getSheetByName('Журнал')).toBeNull();
  expect(dirty(g)).toBe(true);
  // An edit gives up sooner (an edit trigger that waited 30 s each time would eat the owner's daily trigger time).
  const beforeEdit = sandboxes.clock.now();
  expect(plain(g.fn.onEditInstalled(edit)).status).toBe('skipped');
  expect(sandboxes.clock.now() - beforeEdit).toBe(2 * SECOND);
  // The other execution ends; the next run to take the lock does its own work and then the waiting full sync.
  g.lock.heldElsewhere = false;
  sandboxes.clock.advance(60 * SECOND);
  g.fn.onEditInstalled(edit);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 5, wb: 5, yandex: 5 });
  expect(journal(book).map((r) => r.Запуск)).toEqual(['Правка', 'Правка', 'Правка']);
  expect(dirty(g)).toBe(false);
  expect(g.lock.locked).toBe(false);
});

it('«Отправить остатки» pressed while another sync runs sends everything right after it', () => {
  const { g } = openShop(sandboxes, 6);
  g.fn.sendStocks('sidebar');
  clearLogs(sandboxes);
  sandboxes.clock.advance(60 * SECOND);
  g.lock.heldElsewhere = true;
  const pressed = plain(g.fn.sendStocks('sidebar'));
  expect(pressed).toMatchObject({
    ok: true,
    status: 'skipped',
    message: 'Сейчас идёт другая синхронизация этой таблицы: ваш запрос она выполнит сразу после себя.',
  });
  g.lock.heldElsewhere = false;
  sandboxes.clock.advance(60 * SECOND);
  // A scheduled run with nothing changed would send nothing; the pressed «send everything» rides on it.
  g.fn.runScheduledSync();
  expect(stockPushes(sandboxes)).toEqual({ ozon: 6, wb: 6, yandex: 6 });
});
