/**
 * What «Журнал» says (SPEC 2.3): a run that sends nothing because every row is invalid is an error
 * that says where; a scheduled run with nothing to do writes no row; states that repeat run after
 * run are written when they begin or change. One id twice in a cell is one id.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { barcode, clearLogs, journal, openShop, shopSettings, sku, stockPushes, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

it('every row invalid: «Ошибка: 60 строк с ошибками, ничего не отправлено», with where, never «Выполнено»', () => {
  const { g, book } = openShop(sandboxes, 60);
  g.fn.sendStocks('sidebar');
  for (let i = 0; i < 60; i++) book.sheet('Остатки').put(2 + i, 3, 'много');
  sandboxes.clock.advance(60_000);
  clearLogs(sandboxes);
  const result = plain(g.fn.runScheduledSync());
  expect(result.ok).toBe(false);
  expect(result.message).toContain('60 строк с ошибками, ничего не отправлено');
  const rows = journal(book).slice(-3);
  expect(rows.map((r) => r.Статус)).toEqual(['Ошибка', 'Ошибка', 'Ошибка']);
  expect(String(rows[0].Подробности)).toMatch(/^60 строк с ошибками, ничего не отправлено/);
  expect(String(rows[0].Подробности)).toContain('строка 2, столбец «Склад»');
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
});

it('a scheduled run with nothing to do writes no journal row; a button press still does', () => {
  const { g, book } = openShop(sandboxes, 10);
  g.fn.sendStocks('sidebar');
  const before = journal(book).length;
  sandboxes.clock.advance(60_000);
  const result = plain(g.fn.runScheduledSync());
  expect(result.channels.map((c: any) => c.details)).toEqual(['изменений нет', 'изменений нет', 'изменений нет']);
  g.fn.runScheduledSync();
  expect(journal(book)).toHaveLength(before);
  // A change is journaled as before, every channel of that run.
  book.sheet('Остатки').put(3, 3, 4);
  sandboxes.clock.advance(60_000);
  g.fn.runScheduledSync();
  expect(journal(book)).toHaveLength(before + 3);
});

it('«Отправка выключена» is journaled when it begins or changes, not every run', () => {
  const { g, book } = openShop(sandboxes, 5);
  g.fn.saveSettings(shopSettings({ sendEnabled: false }));
  for (let k = 0; k < 3; k++) {
    sandboxes.clock.advance(60_000);
    const result = plain(g.fn.runScheduledSync());
    expect(result.channels.map((c: any) => c.status)).toEqual([
      'Отправка выключена',
      'Отправка выключена',
      'Отправка выключена',
    ]);
  }
  const off = () => journal(book).filter((r) => r.Статус === 'Отправка выключена');
  expect(off()).toHaveLength(3);
  // The master switch on, one channel off: that channel's state changed, so it is written once more.
  const settings = shopSettings();
  (settings.channels[1] as any).enabled = false;
  g.fn.saveSettings(settings);
  g.fn.runScheduledSync();
  sandboxes.clock.advance(60_000);
  g.fn.runScheduledSync();
  expect(off()).toHaveLength(4);
  expect(off()[3]).toMatchObject({ Канал: 'Wildberries', Подробности: 'отправка в этот канал выключена' });
});

it('the same held items are journaled once; a change of them again', () => {
  const { g, book } = openShop(sandboxes, 20);
  g.fn.sendStocks('sidebar');
  for (let i = 0; i < 8; i++) book.sheet('Остатки').put(2 + i, 3, 0);
  const held = () => journal(book).filter((r) => r.Статус === 'Задержано защитой');
  for (let k = 0; k < 3; k++) {
    sandboxes.clock.advance(60_000);
    g.fn.runScheduledSync();
  }
  expect(held()).toHaveLength(3);
  book.sheet('Остатки').put(2 + 8, 3, 0);
  sandboxes.clock.advance(60_000);
  g.fn.runScheduledSync();
  expect(held()).toHaveLength(6);
  expect(String(held()[5].Подробности)).toContain('в 0 ушли бы 9 из 20');
});

it('one id listed twice in the same cell is one id, not a conflict', () => {
  const { g, book } = openShop(sandboxes, 3);
  book.sheet('Остатки').put(3, 4, `${barcode(1)}; ${barcode(1)}`);
  const result = plain(g.fn.sendStocks('sidebar'));
  expect(result.channels.map((c: any) => [c.status, c.items, c.details])).toEqual([
    ['Выполнено', 3, ''],
    ['Выполнено', 3, ''],
    ['Выполнено', 3, ''],
  ]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 3, wb: 3, yandex: 3 });
  expect(sku(1)).toBe('A-00001');
});

it('an order already reserved and pulled again by the overlapping window writes no row run after run', () => {
  const { g, book } = openShop(sandboxes, 10);
  const saved = g.fn.saveSettings(
    shopSettings({
      reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true, pendingHoldMinutes: 120 },
    }),
  );
  expect(saved.ok).toBe(true);
  g.fn.sendStocks('sidebar');
  sandboxes.control('ozon', 'posting', { posting_number: 'P-1', products: [{ offer_id: sku(0), quantity: 2 }] });
  sandboxes.clock.advance(10 * 60_000);
  g.fn.runScheduledSync(); // the order: reserved, the other channels lowered, journaled
  const before = journal(book).length;
  for (let run = 0; run < 3; run++) {
    sandboxes.clock.advance(10 * 60_000);
    g.fn.runScheduledSync(); // the same posting comes back in every window: nothing happens
  }
  expect(journal(book).slice(before)).toEqual([]);
});
