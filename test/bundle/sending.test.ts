/**
 * Sending through dist/Code.js to the sandbox marketplaces (SPEC 6): diff-only runs, the guard,
 * the missing-column stop, failures on one channel, the lock, the time limit, and the journal.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
import { YM_CAMPAIGNS } from '../../dev/sandbox/yandexMarket';
import { loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { barcode, clearLogs, journal, openShop, shopSettings, sku, stockPushes, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const ozonStock = (i: number) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: OZON_WAREHOUSES[0].warehouse_id })?.present;
const ymStock = (i: number) =>
  sandboxes.control('yandex', 'stock', { campaignId: YM_CAMPAIGNS[0].id, offerId: sku(i) });

it('«Отправить остатки» sends every item to every enabled channel and journals one row per channel', () => {
  const { g, book } = openShop(sandboxes, 30);
  const result = plain(g.fn.sendStocks('sidebar'));
  expect(result).toMatchObject({ ok: true, status: 'done', message: 'Готово.' });
  expect(stockPushes(sandboxes)).toEqual({ ozon: 30, wb: 30, yandex: 30 });
  expect(ozonStock(3)).toBe(13);
  expect(ymStock(3)).toBe(13);
  expect(sandboxes.control('wb', 'state').stocks[WB_WAREHOUSES[0].id]).toBeDefined();
  const rows = journal(book);
  expect(rows.map((r) => [r.Канал, r.Статус, r.Позиций, r.Принято, r.Ошибок, r.Запуск, r.Пользователь])).toEqual([
    ['Ozon', 'Выполнено', 30, 30, 0, 'Кнопка', 'owner@example.com'],
    ['Wildberries', 'Выполнено', 30, 30, 0, 'Кнопка', 'owner@example.com'],
    ['Яндекс Маркет', 'Выполнено', 30, 30, 0, 'Кнопка', 'owner@example.com'],
  ]);
  expect(Object.prototype.toString.call(rows[0].Время)).toBe('[object Date]');
  const ledger = book.sheet('_Отправлено');
  expect(ledger.hidden).toBe(true);
  expect(ledger.dump()).toHaveLength(1 + 90);
  expect(
    plain(g.fn.getState())
      .tasks.slice(0, 3)
      .map((t: any) => t.status),
  ).toEqual(['Выполнено', 'Выполнено', 'Выполнено']);
});

it('an edit of one cell sends exactly one item per channel', () => {
  const { g, book } = openShop(sandboxes, 40);
  g.fn.sendStocks('sidebar');
  clearLogs(sandboxes);
  sandboxes.clock.advance(60_000);
  book.sheet('Остатки').put(6, 3, 2); // row of A-00004
  const result = plain(g.fn.onEditInstalled({ range: { getSheet: () => ({ getName: () => 'Остатки' }) } }));
  expect(result.status).toBe('done');
  expect(stockPushes(sandboxes)).toEqual({ ozon: 1, wb: 1, yandex: 1 });
  expect(ozonStock(4)).toBe(2);
  expect(
    journal(book)
      .slice(-3)
      .map((r) => [r.Запуск, r.Позиций, r.Принято]),
  ).toEqual([
    ['Правка', 1, 1],
    ['Правка', 1, 1],
    ['Правка', 1, 1],
  ]);
  // Edits elsewhere do nothing.
  expect(g.fn.onEditInstalled({ range: { getSheet: () => ({ getName: () => 'Цены' }) } })).toBeNull();
});

it('a scheduled run with nothing changed sends nothing and makes at most 6 Spreadsheet reads and writes', () => {
  const { g, book } = openShop(sandboxes, 50);
  g.fn.sendStocks('sidebar');
  clearLogs(sandboxes);
  book.resetCounters();
  const fetches = g.urlFetch!.calls;
  const result = plain(g.fn.runScheduledSync());
  expect(result.channels.map((c: any) => [c.status, c.items, c.details])).toEqual([
    ['Выполнено', 0, 'изменений нет'],
    ['Выполнено', 0, 'изменений нет'],
    ['Выполнено', 0, 'изменений нет'],
  ]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  expect(g.urlFetch!.calls - fetches).toBe(0);
  expect(book.io.reads + book.io.writes).toBeLessThanOrEqual(6);
});

it('replaying a finished run sends nothing', () => {
  const { g } = openShop(sandboxes, 20);
  g.fn.sendStocks('sidebar');
  g.fn.runScheduledSync();
  clearLogs(sandboxes);
  g.fn.runScheduledSync();
  g.fn.continueSync();
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
});

it('a renamed warehouse column stops the run with nothing sent', () => {
  const { g, book } = openShop(sandboxes, 10);
  g.fn.sendStocks('sidebar');
  clearLogs(sandboxes);
  book.sheet('Остатки').put(1, 3, 'Склад Москва');
  const result = plain(g.fn.runScheduledSync());
  expect(result.status).toBe('stopped');
  expect(result.message).toContain('нет столбца «Склад»');
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  expect(
    journal(book)
      .slice(-3)
      .map((r) => r.Статус),
  ).toEqual(['Ошибка', 'Ошибка', 'Ошибка']);
  expect(String(journal(book).slice(-1)[0].Подробности)).toContain('нет столбца «Склад»');
});

it('40 % of items going to zero are held, shown, and sent only after «Подтвердить отправку»', () => {
  const { g, book } = openShop(sandboxes, 20);
  g.fn.sendStocks('sidebar');
  clearLogs(sandboxes);
  for (let i = 0; i < 8; i++) book.sheet('Остатки').put(2 + i, 3, 0);
  const preview = plain(g.fn.recalculate()).preview;
  expect(preview.find((p: any) => p.channelId === 'ozon')).toMatchObject({
    items: 20,
    changed: 8,
    down: 8,
    toZero: 8,
    wouldHold: true,
  });
  const result = plain(g.fn.runScheduledSync());
  expect(result.channels.map((c: any) => c.status)).toEqual([
    'Задержано защитой',
    'Задержано защитой',
    'Задержано защитой',
  ]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  const state = plain(g.fn.getState());
  expect(state.held.ozon).toMatchObject({
    count: 8,
    base: 20,
    toZero: [sku(0), sku(1), sku(2), sku(3), sku(4), sku(5), sku(6), sku(7)],
  });
  expect(ozonStock(0)).toBe(10);
  // Held again by the next run; sent by the confirmation, for that channel only.
  g.fn.runScheduledSync();
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  sandboxes.clock.advance(60_000); // a person reads the warning first (and Ozon's 30-second rule is not in play)
  const confirmed = plain(g.fn.confirmHeldSend('ozon'));
  expect(confirmed.channels).toEqual([
    expect.objectContaining({ channel: 'Ozon', status: 'Выполнено', items: 8, accepted: 8 }),
  ]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 8, wb: 0, yandex: 0 });
  expect(ozonStock(0)).toBe(0);
  expect(plain(g.fn.getState()).held.ozon).toBeUndefined();
  expect(plain(g.fn.confirmHeldSend('ozon'))).toMatchObject({
    ok: false,
    message: 'Для этого канала нет задержанной отправки',
  });
  expect(journal(book).some((r) => r.Статус === 'Задержано защитой')).toBe(true);
});

it('a storm of 429s and a 500 on one channel leave the other channels done and the failed items retried next run', () => {
  const { g, book } = openShop(sandboxes, 250);
  sandboxes.control('ozon', 'fault', {
    kind: 'status',
    status: 429,
    retryAfterSec: 2,
    count: 6,
    path: '/v2/products/stocks',
  });
  sandboxes.control('ozon', 'fault', { kind: 'status', status: 500, count: 6, path: '/v2/products/stocks' });
  const first = plain(g.fn.sendStocks('sidebar'));
  const [ozon, wb, ym] = first.channels;
  expect(ozon.status === 'Частично' || ozon.status === 'Ошибка').toBe(true);
  expect(ozon.accepted).toBeLessThan(250);
  expect([wb.status, ym.status]).toEqual(['Выполнено', 'Выполнено']);
  expect(String(ozon.details)).toMatch(/повторим в следующий раз/);
  const missing = 250 - ozon.accepted;
  clearLogs(sandboxes);
  sandboxes.control('ozon', 'clear-faults');
  sandboxes.clock.advance(60_000);
  const second = plain(g.fn.runScheduledSync());
  expect(second.channels.map((c: any) => [c.status, c.items])).toEqual([
    ['Выполнено', missing],
    ['Выполнено', 0],
    ['Выполнено', 0],
  ]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: missing, wb: 0, yandex: 0 });
  expect(journal(book).length).toBe(6);
});

it('a run that finds the lock taken leaves its work to the holder and journals nothing (test/bundle/lock.test.ts)', () => {
  const { g, book } = openShop(sandboxes, 5);
  g.lock.heldElsewhere = true;
  const result = plain(g.fn.runScheduledSync());
  expect(result).toMatchObject({
    status: 'skipped',
    message: 'Сейчас идёт другая синхронизация этой таблицы: ваш запрос она выполнит сразу после себя.',
  });
  expect(book.getSheetByName('Журнал')).toBeNull();
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  g.lock.heldElsewhere = false;
  expect(plain(g.fn.runScheduledSync()).status).toBe('done');
  expect(g.lock.locked).toBe(false);
});

it('a run cut by the time limit saves what is left, schedules its continuation, and the continuation completes it', () => {
  const { g, book } = openShop(sandboxes, 300);
  // Ozon keeps asking to wait a minute: the run reaches its 4-minute budget with items unsent.
  sandboxes.control('ozon', 'fault', {
    kind: 'status',
    status: 429,
    retryAfterSec: 60,
    count: 5,
    path: '/v2/products/stocks',
  });
  sandboxes.control('wb', 'fault', {
    kind: 'status',
    status: 429,
    retryAfterSec: 60,
    count: 2,
    path: '/api/v3/stocks',
  });
  const first = plain(g.fn.sendStocks('sidebar'));
  expect(first.status).toBe('continues');
  expect(first.message).toBe('Не всё успело уйти за один запуск: продолжение запустится само через минуту.');
  const continuation = g.scriptApp.triggers.filter((t) => t.handler === 'continueSync');
  expect(continuation).toEqual([expect.objectContaining({ afterMs: 60_000 })]);
  const sentBefore = stockPushes(sandboxes);
  expect(plain(g.fn.getState()).continues).toBe(true);
  sandboxes.clock.advance(60_000);
  clearLogs(sandboxes);
  const second = plain(g.fn.continueSync());
  expect(second.status).toBe('done');
  const sentAfter = stockPushes(sandboxes);
  // Wildberries was cut by the budget; Yandex Market, after it, waited for the continuation.
  expect(first.channels.map((c: any) => c.status)).toEqual(['Выполнено', 'Частично']);
  expect(sentBefore.yandex).toBe(0);
  const ledger = book.sheet('_Отправлено').dump();
  expect(ledger).toHaveLength(1 + 900);
  for (const i of [0, 150, 299]) expect(ozonStock(i)).toBe(10 + (i % 7));
  expect(sentAfter.yandex).toBe(300);
  expect(g.scriptApp.triggers.filter((t) => t.handler === 'continueSync')).toEqual([]);
  expect(plain(g.fn.getState()).continues).toBe(false);
  // What the first run had accepted was not sent again.
  const accepted = first.channels.map((c: any) => c.accepted);
  expect(sentAfter.ozon + sentAfter.wb).toBe(600 - accepted[0] - accepted[1]);
});

it('with the master switch off nothing leaves and the journal says «Отправка выключена»', () => {
  const { g, book } = openShop(sandboxes, 5);
  g.fn.saveSettings(shopSettings({ sendEnabled: false }));
  const result = plain(g.fn.sendStocks());
  expect(result.channels.map((c: any) => [c.status, c.details])).toEqual([
    ['Отправка выключена', 'выключен главный переключатель «Разрешить отправку остатков»'],
    ['Отправка выключена', 'выключен главный переключатель «Разрешить отправку остатков»'],
    ['Отправка выключена', 'выключен главный переключатель «Разрешить отправку остатков»'],
  ]);
  expect(journal(book)[0].Запуск).toBe('Меню');
  const settings = shopSettings();
  (settings.channels[1] as any).enabled = false;
  g.fn.saveSettings(settings);
  const second = plain(g.fn.sendStocks('sidebar'));
  expect(second.channels.map((c: any) => c.status)).toEqual(['Выполнено', 'Отправка выключена', 'Выполнено']);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 5, wb: 0, yandex: 5 });
});

it("an editor without keys queues «Отправить остатки»; the owner's next run does it", () => {
  const { g } = openShop(sandboxes, 12);
  g.fn.sendStocks('sidebar');
  clearLogs(sandboxes);
  g.properties.currentUser = 'manager@example.com';
  const asEditor = plain(g.fn.sendStocks('sidebar'));
  expect(asEditor).toMatchObject({
    status: 'done',
    queued: true,
    message:
      'У вас нет ключей площадок: отправка поставлена в очередь, её выполнит следующий запуск по расписанию от имени владельца.',
  });
  expect(asEditor.channels.map((c: any) => c.status)).toEqual(['Пропущено', 'Пропущено', 'Пропущено']);
  expect(plain(g.fn.getState()).queued).toEqual({ by: 'manager@example.com', at: expect.any(String) });
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  g.properties.currentUser = 'owner@example.com';
  sandboxes.clock.advance(60_000);
  const owner = plain(g.fn.runScheduledSync());
  // Queued «send everything»: every item again, not just the difference.
  expect(owner.channels.map((c: any) => c.items)).toEqual([12, 12, 12]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 12, wb: 12, yandex: 12 });
  expect(plain(g.fn.getState()).queued).toBeNull();
});

it('«Журнал» keeps its newest 5,000 rows', () => {
  const { g, book } = openShop(sandboxes, 2);
  const sheet = book.addSheet('Журнал', [
    ['Время', 'Задача', 'Запуск', 'Пользователь', 'Канал', 'Позиций', 'Принято', 'Ошибок', 'Статус', 'Подробности'],
    ...Array.from({ length: 4999 }, (_, i) => [
      '',
      'старое',
      'Расписание',
      '',
      `строка ${i}`,
      0,
      0,
      0,
      'Выполнено',
      '',
    ]),
  ]);
  g.fn.runScheduledSync();
  const rows = sheet.dump();
  expect(rows).toHaveLength(5001);
  expect(rows[1][4]).toBe('строка 2');
  expect(rows[5000][4]).toBe('Яндекс Маркет');
});

it('installTriggers is idempotent; an add-on gets hourly with a clear message', () => {
  const { g } = openShop(sandboxes, 1);
  const settings = shopSettings({ schedule: { everyMinutes: 15 } });
  g.fn.saveSettings(settings);
  expect(plain(g.fn.installTriggers())).toEqual({
    ok: true,
    everyMinutes: 15,
    message:
      'Синхронизация включена: каждые 15 мин.; правки остатков отправляются сразу. Запуски идут от вашего имени и с вашими ключами.',
  });
  g.fn.installTriggers();
  expect(g.scriptApp.triggers.map((t) => [t.handler, t.type, t.everyMinutes])).toEqual([
    ['runScheduledSync', 'CLOCK', 15],
    ['onEditInstalled', 'ON_EDIT', undefined],
  ]);
  // Saving a new schedule moves the installed trigger.
  g.fn.saveSettings(shopSettings({ schedule: { everyMinutes: 30 } }));
  expect(g.scriptApp.triggers.map((t) => t.everyMinutes)).toEqual([30, undefined]);
  expect(plain(g.fn.removeTriggers()).message).toBe('Синхронизация по расписанию и по правкам выключена.');
  expect(g.scriptApp.triggers).toEqual([]);
});

it('as an installed add-on the schedule is hourly, and says why', () => {
  const g = loadBundle({ book: new FakeSpreadsheet(), sandboxes, installation: 'WEB_STORE_ADD_ON' });
  g.fn.saveSettings(shopSettings({ schedule: { everyMinutes: 5 } }));
  const result = plain(g.fn.installTriggers());
  expect(result.everyMinutes).toBe(60);
  expect(result.message).toMatch(/не чаще раза в час, поэтому синхронизация будет каждый час, а не каждые 5 мин\./);
  expect(g.scriptApp.triggers.map((t) => [t.handler, t.everyHours])).toEqual([
    ['runScheduledSync', 1],
    ['onEditInstalled', undefined],
  ]);
});

it('a Wildberries barcode that did not take (silent 204) is reported and not recorded as sent', () => {
  const { g, book } = openShop(sandboxes, 3);
  sandboxes.control('wb', 'fault', { kind: 'silent', count: 1, path: '/api/v3/stocks' });
  const result = plain(g.fn.sendStocks('sidebar'));
  expect(result.channels[1]).toMatchObject({ channel: 'Wildberries', status: 'Ошибка', accepted: 0, errors: 3 });
  expect(result.channels[1].details).toContain(`${barcode(0)}: Wildberries ответил «принято», но остаток не изменился`);
  expect(
    book
      .sheet('_Отправлено')
      .dump()
      .filter((r) => r[0] === 'wb'),
  ).toHaveLength(0);
});
