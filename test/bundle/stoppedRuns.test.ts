/**
 * What a new seller must not miss (issue 14, trial): a scheduled run that stopped stays in getState until
 * a recalculation goes through; a column just typed that «Остатки» lacks is refused at save; the
 * template's example rows never reach a marketplace; a WB check that finds no cards says what it means.
 */
import { WB_SANDBOX } from '../../dev/sandbox/wildberries';
import { loadBundle } from '../fakes/gas';
import { clearLogs, journal, openShop, shopSettings, useSandboxes } from './sendingSetup';

const sandboxes = useSandboxes();

/** Renames the header of column `column` (1-based) on «Остатки», as a seller typing over it does. */
function renameHeader(book: ReturnType<typeof openShop>['book'], column: number, header: string): void {
  book.sheet('Остатки').put(1, column, header);
}

describe('a stop is kept until a recalculation goes through', () => {
  it('a scheduled run over a lost warehouse header: stopped with its cause, also for a panel opened later', () => {
    const { g, book } = openShop(sandboxes(), 3);
    expect(g.fn.getState().stopped).toBeNull();
    renameHeader(book, 3, 'Склад старый');
    const run = g.fn.runScheduledSync();
    expect(run.status).toBe('stopped');
    // Its journal rows say that the run stopped before any push (the checklist reads them so).
    expect(g.fn.getState().tasks.map((t: any) => [t.channel, t.status, t.stopped])).toEqual([
      ['Ozon', 'Ошибка', true],
      ['Wildberries', 'Ошибка', true],
      ['Яндекс Маркет', 'Ошибка', true],
    ]);
    // Another load of the bundle over the same document: the panel opened again after the run.
    const reopened = loadBundle({ book, properties: g.properties, sandboxes: sandboxes() });
    const stopped = reopened.fn.getState().stopped;
    expect(stopped).toEqual({
      at: '2026-11-22T09:00:00.000Z',
      error: expect.stringMatching(/^На листе «Остатки» нет столбца «Склад» \(склад «Склад»\)\./),
      task: 'Синхронизация',
      trigger: 'Расписание',
    });
    // «Пересчитать» while the header is still missing keeps the stop (now the recalculation's own).
    expect(g.fn.recalculate().ok).toBe(false);
    expect(g.fn.getState().stopped).toMatchObject({ error: stopped.error });
    expect(g.fn.getState().stopped.task).toBeUndefined();
    renameHeader(book, 3, 'Склад');
    expect(g.fn.recalculate().ok).toBe(true);
    expect(g.fn.getState().stopped).toBeNull();
  });

  it('a run whose every row has errors is a stop too; a run that goes through clears it', () => {
    const { g, book } = openShop(sandboxes(), 3);
    for (const row of [2, 3, 4]) book.sheet('Остатки').put(row, 3, 'много');
    expect(g.fn.syncNow().status).toBe('stopped');
    expect(g.fn.getState().stopped).toMatchObject({
      error: expect.stringContaining('3 строки с ошибками, ничего не отправлено'),
      task: 'Синхронизация',
      trigger: 'Меню',
    });
    for (const row of [2, 3, 4]) book.sheet('Остатки').put(row, 3, 5);
    expect(g.fn.syncNow().status).toBe('done');
    expect(g.fn.getState().stopped).toBeNull();
  });
});

describe('saving a column «Остатки» does not have', () => {
  it('a warehouse column renamed in the form to one the sheet lacks is refused at its field, nothing stored', () => {
    const { g } = openShop(sandboxes(), 3);
    const before = JSON.stringify(g.fn.getState().settings);
    const renamed = shopSettings();
    renamed.warehouses[0].column = 'Склад2';
    const saved = g.fn.saveSettings(renamed);
    expect(saved).toEqual({
      ok: false,
      errors: [
        {
          path: 'warehouses.0.column',
          message:
            'Склад 1 «Склад2»: на листе «Остатки» нет столбца «Склад2». Впишите этот заголовок в первую строку листа и сохраните снова — или укажите столбец, который на листе есть: «Склад».',
        },
      ],
    });
    expect(JSON.stringify(g.fn.getState().settings)).toBe(before);
    expect(g.fn.getState().stopped).toBeNull();
  });

  it('a column the sheet lost after it was saved does not block other settings: saved, and the stop is kept', () => {
    const { g, book } = openShop(sandboxes(), 3);
    renameHeader(book, 3, 'Склад старый');
    const off = g.fn.saveSettings(shopSettings({ sendEnabled: false }));
    expect(off.ok).toBe(true);
    expect(off.recalculation).toMatchObject({ ok: false, error: expect.stringContaining('нет столбца «Склад»') });
    expect(g.fn.getState().settings.sendEnabled).toBe(false);
    expect(g.fn.getState().stopped).toMatchObject({ error: expect.stringContaining('нет столбца «Склад»') });
  });
});

describe('the template’s example rows', () => {
  it('are never sent: the real rows go, the examples are errors to fix on the summary', () => {
    const { g, book } = openShop(sandboxes(), 3);
    const sheet = book.sheet('Остатки');
    sheet.put(5, 1, 'ПРИМЕР-1');
    sheet.put(5, 3, 10);
    sheet.put(6, 1, 'ПРИМЕР-2');
    sheet.put(6, 3, 3);
    clearLogs(sandboxes());
    const sent = g.fn.sendStocks('sidebar');
    expect(sent.channels.map((c: any) => [c.channel, c.status, c.items])).toEqual([
      ['Ozon', 'Выполнено', 3],
      ['Wildberries', 'Выполнено', 3],
      ['Яндекс Маркет', 'Выполнено', 3],
    ]);
    for (const m of ['ozon', 'wb', 'yandex'] as const)
      expect(JSON.stringify(sandboxes().control(m, 'log'))).not.toContain('ПРИМЕР');
    const summary = g.fn.getState().lastRecalc;
    expect(summary.invalidCount).toBe(2);
    expect(summary.problems[0].text).toContain('удалите строку-пример');
    expect(JSON.stringify(journal(book))).not.toContain('ПРИМЕР');
  });
});

describe('«Проверить подключение» of Wildberries without cards', () => {
  it('works, but says in a warning what 0 cards means', () => {
    const { g } = openShop(sandboxes(), 3);
    sandboxes().control('wb', 'reset');
    sandboxes().control('wb', 'seed', { items: [] });
    g.fn.setCredentials('wb', WB_SANDBOX);
    const checked = g.fn.testConnection('wb');
    expect(checked).toMatchObject({ ok: true, note: 'карточек Wildberries (размеров): 0' });
    expect(checked.warning).toMatch(
      /^Карточек нет: в кабинете Wildberries ещё нет карточек товаров, или токен не того типа — нужен «Базовый»/,
    );
  });

  it('with cards there is no warning', () => {
    const { g } = openShop(sandboxes(), 3);
    const checked = g.fn.testConnection('wb');
    expect(checked).toMatchObject({ ok: true, note: 'карточек Wildberries (размеров): 3' });
    expect(checked.warning).toBeUndefined();
  });
});
