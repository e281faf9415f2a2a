import { type ChecklistState, setupChecklist, TABS } from '../../src/core/checklist';

const ozon = { id: 'oz', name: 'Ozon', marketplace: 'ozon' as const, target: { warehouseId: '1' } };
const ym = { id: 'ym', name: 'Яндекс Маркет', marketplace: 'yandex' as const, target: {} };
const site = { id: 'site', name: 'Сайт', marketplace: 'manual' as const };

function state(over: Partial<ChecklistState> = {}, settings: Partial<ChecklistState['settings']> = {}): ChecklistState {
  return {
    settingsStatus: 'saved',
    settings: { sendEnabled: false, warehouses: [{}], channels: [ozon], ...settings },
    connections: [{ channelId: 'oz', check: 'ok' }],
    lastRecalc: { invalidCount: 0 },
    scheduleOn: false,
    stockSheet: { exists: true },
    ...over,
  };
}

const byKey = (s: ChecklistState) => Object.fromEntries(setupChecklist(s).map((i) => [i.key, i]));

describe('the setup checklist', () => {
  it('six steps in order, with the labels the README names', () => {
    expect(setupChecklist(state()).map((i) => i.label)).toEqual([
      'Склады',
      'Каналы',
      'Ключи проверены',
      'Пробный расчёт',
      'Отправка включена',
      'Расписание',
    ]);
  });

  it('a new spreadsheet: nothing is done, and each step says what to do and in which tab', () => {
    const items = setupChecklist(
      state(
        { settingsStatus: 'none', connections: [], lastRecalc: null, stockSheet: { exists: false } },
        { channels: [] },
      ),
    );
    expect(items.every((i) => !i.done)).toBe(true);
    expect(items.map((i) => [i.tab, i.next])).toEqual([
      ['summary', 'Создайте лист «Остатки» или найдите столбцы на своём листе — вкладка «Сводка».'],
      ['channels', 'Добавьте канал (Ozon, Wildberries, Яндекс Маркет или свой) и сохраните — вкладка «Каналы».'],
      ['channels', 'Сначала добавьте каналы — вкладка «Каналы».'],
      ['summary', 'Нажмите «Пересчитать» — вкладка «Сводка».'],
      ['summary', 'Отметьте «Разрешить отправку остатков» и сохраните — вкладка «Сводка».'],
      ['channels', 'Расписание нужно каналам площадок: сначала добавьте такой канал — вкладка «Каналы».'],
    ]);
    for (const i of items) expect(i.next).toContain(`вкладка «${TABS[i.tab].label}»`);
  });

  it('«Остатки» exists but nothing is saved: the warehouses step points to the proposals on «Сводка»', () => {
    expect(byKey(state({ settingsStatus: 'none' })).warehouses).toMatchObject({
      done: false,
      tab: 'summary',
      next: 'Отметьте найденные склады и нажмите «Сохранить найденное» — вкладка «Сводка».',
    });
  });

  it('saved settings without warehouses (a hand-made JSON): the step points to «Склады»', () => {
    expect(byKey(state({}, { warehouses: [] })).warehouses).toMatchObject({
      done: false,
      tab: 'warehouses',
      next: 'Отметьте столбцы складов и нажмите «Сохранить» — вкладка «Склады».',
    });
  });

  it('a stopped recalculation or run undoes «Пробный расчёт», pointing at the banner', () => {
    expect(byKey(state({ stopped: { error: 'На листе «Остатки» нет столбца «Поставщик2»' } })).recalc).toMatchObject({
      done: false,
      tab: 'summary',
      place: 'stopped',
      next: 'Последний пересчёт остановлен: что случилось и что сделать — вверху, вкладка «Сводка».',
    });
    const run = byKey(state({ stopped: { error: 'нет столбца', task: 'Синхронизация' } })).recalc;
    expect(run.next).toBe('Запуск «Синхронизация» остановлен: что случилось и что сделать — вверху, вкладка «Сводка».');
    expect(byKey(state({ stopped: null })).recalc.done).toBe(true);
  });

  it('a channel whose last send failed undoes «Отправка включена»; a later success, a manual or an off channel does not', () => {
    const send = (
      tasks: ChecklistState['tasks'],
      channels: ChecklistState['settings']['channels'] = [ozon, ym, site],
    ) => byKey(state({ tasks }, { sendEnabled: true, channels })).send;
    expect(
      send([
        { channel: 'Ozon', status: 'Ошибка' },
        { channel: 'Яндекс Маркет', status: 'Ошибка' },
      ]),
    ).toMatchObject({
      done: false,
      place: 'tasks',
      next: 'Последняя отправка не прошла: Ozon, Яндекс Маркет — причина в «Последних задачах», вкладка «Сводка».',
    });
    // Newest first: Ozon's last row went through.
    expect(
      send([
        { channel: 'Ozon', status: 'Выполнено' },
        { channel: 'Ozon', status: 'Ошибка' },
      ]).done,
    ).toBe(true);
    expect(send([{ channel: 'Сайт', status: 'Ошибка' }]).done).toBe(true);
    expect(send([{ channel: 'Ozon', status: 'Ошибка' }], [{ ...ozon, enabled: false }]).done).toBe(true);
    expect(send([]).done).toBe(true);
  });

  it('rows of a stopped run count while the stop lasts; once it is fixed, the row before them does', () => {
    const tasks = [
      { channel: 'Ozon', status: 'Ошибка', stopped: true },
      { channel: 'Ozon', status: 'Выполнено' },
    ];
    const send = (stopped: ChecklistState['stopped']) =>
      byKey(state({ tasks, stopped }, { sendEnabled: true, channels: [ozon] })).send;
    expect(send({ error: 'нет столбца «Склад»', task: 'Синхронизация' }).done).toBe(false);
    expect(send(null).done).toBe(true);
    expect(byKey(state({ tasks: [tasks[0]] }, { sendEnabled: true, channels: [ozon] })).send.done).toBe(true);
  });

  it('everything set: every step is done', () => {
    const items = setupChecklist(state({ scheduleOn: true }, { sendEnabled: true }));
    expect(items.map((i) => i.done)).toEqual([true, true, true, true, true, true]);
  });

  it('keys: every API channel must have passed «Проверить подключение» and have its target', () => {
    const keys = (connections: ChecklistState['connections'], channels = [ozon, ym, site]) =>
      byKey(state({ connections }, { channels })).keys;
    expect(keys([{ channelId: 'oz', check: 'ok' }])).toMatchObject({
      done: false,
      tab: 'connections',
      next: 'Введите ключ и нажмите «Проверить подключение»: Яндекс Маркет — вкладка «Площадки».',
    });
    expect(
      keys([
        { channelId: 'oz', check: 'failed' },
        { channelId: 'ym', check: 'ok' },
      ]).next,
    ).toBe('Ключ не подошёл: Ozon — введите новый и нажмите «Проверить подключение», вкладка «Площадки».');
    expect(
      keys([
        { channelId: 'oz', check: 'ok' },
        { channelId: 'ym', check: 'ok' },
      ]),
    ).toMatchObject({
      done: false,
      next: 'Выберите склад или магазин площадки после проверки: Яндекс Маркет — вкладка «Площадки».',
    });
    expect(keys([{ channelId: 'oz', check: 'unchecked' }], [ozon]).done).toBe(false);
    expect(keys([{ channelId: 'oz', check: 'ok' }], [ozon]).done).toBe(true);
    // Only manual channels: nothing to check.
    expect(keys([], [site])).toMatchObject({ done: true, next: 'Каналов с API нет: проверять нечего.' });
  });

  it('keys: MegaMarket, AliExpress and Avito have no target to pick — a passed check is all they need', () => {
    const channels = [
      { id: 'mm', name: 'Мегамаркет', marketplace: 'megamarket' as const, target: {} },
      { id: 'ali', name: 'AliExpress', marketplace: 'aliexpress' as const },
      { id: 'av', name: 'Авито', marketplace: 'avito' as const, target: {} },
    ];
    const keys = (connections: ChecklistState['connections']) => byKey(state({ connections }, { channels })).keys;
    expect(keys(channels.map((c) => ({ channelId: c.id, check: 'ok' as const })))).toMatchObject({ done: true });
    expect(
      keys([
        { channelId: 'mm', check: 'ok' },
        { channelId: 'ali', check: 'ok' },
      ]),
    ).toMatchObject({
      done: false,
      next: 'Введите ключ и нажмите «Проверить подключение»: Авито — вкладка «Площадки».',
    });
    // Beside them, a Yandex channel still needs its campaign.
    expect(
      byKey(
        state(
          { connections: [...channels, ym].map((c) => ({ channelId: c.id, check: 'ok' as const })) },
          { channels: [...channels, ym] },
        ),
      ).keys.next,
    ).toBe('Выберите склад или магазин площадки после проверки: Яндекс Маркет — вкладка «Площадки».');
  });

  it('a trial recalculation counts only without invalid rows', () => {
    expect(byKey(state({ lastRecalc: { invalidCount: 2 } })).recalc).toMatchObject({
      done: false,
      next: 'Строк с ошибками: 2 — исправьте их на листе и нажмите «Пересчитать», вкладка «Сводка».',
    });
  });

  it('sending and the schedule follow the master switch and the trigger', () => {
    expect(byKey(state({}, { sendEnabled: true })).send.done).toBe(true);
    expect(byKey(state({ settingsStatus: 'broken' }, { sendEnabled: true })).send.done).toBe(false);
    expect(byKey(state()).schedule).toMatchObject({
      done: false,
      tab: 'summary',
      next: 'Нажмите «Включить расписание» — вкладка «Сводка».',
    });
    expect(byKey(state({ scheduleOn: true })).schedule.done).toBe(true);
  });
});
