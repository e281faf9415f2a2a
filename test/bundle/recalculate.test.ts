/**
 * dist/Code.js loaded as Apps Script would load it, over fakes of its services: the entry points
 * of SPEC 8 that exist so far, the sheet as a seller sees it afterwards, and the I/O it took.
 */
import { loadBundle } from '../fakes/gas';
import { PROPERTY_VALUE_LIMIT } from '../fakes/services';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import {
  reserveHeader,
  workedExampleExpected,
  workedExampleReserves,
  workedExampleSettings,
  workedExampleStock,
} from '../fixtures/workedExample';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function workedBook(
  stock: unknown[][] = workedExampleStock,
  reserves: unknown[][] | null = workedExampleReserves,
): FakeSpreadsheet {
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', stock);
  if (reserves) book.addSheet('Резервы', reserves);
  return book;
}

/** Row `row` (1-based) of a sheet as header → value. */
function byHeader(values: unknown[][], row: number): Record<string, unknown> {
  return Object.fromEntries(values[0].map((h, i) => [String(h), values[row - 1][i]]));
}

describe('bundle: menu and sidebar', () => {
  it('a bound script gets the menu «Остатки» with items that exist in the bundle', () => {
    const g = loadBundle();
    g.fn.onOpen({ authMode: 'LIMITED' });
    expect(g.ui.menus).toEqual([
      {
        title: 'Остатки',
        addon: false,
        items: [
          { caption: 'Открыть панель', functionName: 'showSidebar' },
          { caption: 'Пересчитать', functionName: 'recalculate' },
          { caption: 'Отправить остатки', functionName: 'sendStocks' },
          { caption: 'Синхронизировать сейчас', functionName: 'syncNow' },
        ],
      },
    ]);
    for (const item of g.ui.menus[0].items) expect(typeof g.fn[item.functionName]).toBe('function');
  });

  it('an installed add-on puts its menu under «Расширения»; onInstall builds it too', () => {
    const g = loadBundle({ installation: 'WEB_STORE_ADD_ON' });
    g.fn.onInstall({ authMode: 'FULL' });
    expect(g.ui.menus[0].addon).toBe(true);
    expect(g.ui.menus[0].items.map((i) => i.caption)).toEqual([
      'Открыть панель',
      'Пересчитать',
      'Отправить остатки',
      'Синхронизировать сейчас',
    ]);
  });

  it('onOpen touches no sheet and no property (it runs in AuthMode.NONE)', () => {
    const g = loadBundle({ book: workedBook() });
    g.fn.onOpen({ authMode: 'NONE' });
    expect(g.book.io.calls).toBe(0);
    expect(g.properties.document.reads + g.properties.document.writes).toBe(0);
  });

  it('showSidebar opens the built one-file sidebar', () => {
    const g = loadBundle();
    g.fn.showSidebar();
    expect(g.ui.sidebars).toHaveLength(1);
    expect(g.ui.sidebars[0].title).toBe('Остатки');
    expect(g.ui.sidebars[0].content).toContain('<script>');
    expect(g.ui.sidebars[0].content).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
  });
});

describe('bundle: saveSettings', () => {
  it('stores nothing invalid and answers with errors in Russian, each with its path', () => {
    const g = loadBundle({ book: workedBook() });
    const bad = clone(workedExampleSettings) as any;
    bad.channels[0].rule.percent = 150;
    bad.channels[1].rule.otherwise = 'x +';
    const result = g.fn.saveSettings(bad);
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      ok: false,
      errors: [
        { path: 'channels.0.rule.percent', message: 'Канал 1 «Ozon»: Доля, %: от 0 до 100' },
        {
          path: 'channels.1.rule.otherwise',
          message: 'Канал 2 «Wildberries»: Иначе: ожидалось число, x или «(», а стоит конец формулы (позиция 4)',
        },
      ],
    });
    expect(g.properties.document.data.size).toBe(0);
    expect(g.book.sheet('Остатки').dump()).toEqual(workedExampleStock);
    const second = g.fn.saveSettings(Object.assign(clone(workedExampleSettings), { channels: [bad.channels[1]] }));
    expect(second.errors[0].message).toBe(
      'Канал 1 «Wildberries»: Иначе: ожидалось число, x или «(», а стоит конец формулы (позиция 4)',
    );
    expect(g.properties.document.data.size).toBe(0);
  });

  it('saves valid settings and recalculates the worked example', () => {
    const g = loadBundle({ book: workedBook() });
    const result = g.fn.saveSettings(workedExampleSettings);
    expect(result.ok).toBe(true);
    expect(result.recalculation.ok).toBe(true);
    const sheet = g.book.sheet('Остатки').dump();
    expect(byHeader(sheet, 2)).toEqual({ ...byHeader(workedExampleStock, 2), ...workedExampleExpected });
    expect(sheet[0]).toEqual([
      ...workedExampleStock[0],
      'Резерв',
      'К продаже',
      'Ozon',
      'WB',
      'Яндекс Маркет',
      'Сайт',
      'Не распределено',
    ]);
    const state = g.fn.getState();
    expect(state.settingsStatus).toBe('saved');
    expect(state.settings.channels.map((c: any) => c.id)).toEqual(['ozon', 'wb', 'ym', 'site']);
  });

  it('keeps settings over 8 KB in several properties, each under the 9 KB limit, and reads them back', () => {
    const g = loadBundle({ book: workedBook() });
    const big = clone(workedExampleSettings) as any;
    for (let i = 0; i < 40; i++) {
      big.channels.push({
        id: `extra-${i}`,
        name: `Канал «${'Ж'.repeat(80)}» ${i}`,
        column: `Доп. канал ${i}`,
        marketplace: 'manual',
        rule: { type: 'conditions', conditions: [{ op: '>', value: i, then: `min(x, ${i})` }], otherwise: 'x - 1' },
      });
    }
    expect(JSON.stringify(big).length).toBeGreaterThan(8 * 1024);
    expect(g.fn.saveSettings(big)).toMatchObject({ ok: true });
    const sizes = [...g.properties.document.data.values()].map((v) => Buffer.byteLength(v));
    expect(sizes.filter((s) => s > 1000).length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PROPERTY_VALUE_LIMIT);
    expect(g.fn.getState().settings.channels).toHaveLength(44);
    // A smaller save afterwards leaves no stale parts behind.
    expect(g.fn.saveSettings(workedExampleSettings).ok).toBe(true);
    const partKeys = [...g.properties.document.data.keys()].filter((k) => k.startsWith('settings.'));
    expect(partKeys).toEqual(['settings.parts', 'settings.0']);
    expect(g.fn.getState().settings.channels).toHaveLength(4);
  });
});

describe('bundle: recalculate', () => {
  function saved(book: FakeSpreadsheet, settings: unknown = workedExampleSettings) {
    const g = loadBundle({ book });
    expect(g.fn.saveSettings(settings).ok).toBe(true);
    book.resetCounters();
    book.toasts = [];
    return g;
  }

  it('without saved settings says what to do and writes nothing', () => {
    const g = loadBundle({ book: workedBook() });
    const r = g.fn.recalculate();
    // Said from inside the panel too: what is missing and where it is done, not «откройте панель».
    expect(r).toEqual({
      ok: false,
      error:
        'Пересчитывать пока нечего: склады не сохранены. Отметьте найденные столбцы и нажмите «Сохранить найденное» (вкладка «Сводка») — или опишите склады на вкладке «Склады» и нажмите «Сохранить».',
    });
    expect(g.book.io.writes).toBe(0);
    expect(g.book.toasts[0].message).toBe(r.error);
  });

  it('without «Остатки» and settings says that the sheet is missing, and creates nothing', () => {
    const book = new FakeSpreadsheet();
    book.addSheet('Лист1');
    const g = loadBundle({ book });
    const r = g.fn.recalculate();
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(
      /^Пересчитывать пока нечего: нет листа «Остатки» и не сохранены склады\. Нажмите «Создать лист «Остатки»»/,
    );
    expect(r.error).not.toContain('откройте панель');
    expect(book.sheets.map((s) => s.name)).toEqual(['Лист1']);
  });

  it('reads once, writes the computed columns once, and never touches user columns', () => {
    const stock = [
      ['Цена', 'Артикул', 'Склад', 'Комментарий', 'Поставщик', 'Брак', 'Страховой запас'],
      [990, 'A-1', 12, '=HYPERLINK("x")', 5, 2, 1],
      [150, 'A-2', 3, '', '', 0, ''],
    ];
    const g = saved(workedBook(stock));
    const r = g.fn.recalculate();
    expect(r.ok).toBe(true);
    expect(g.book.io.reads).toBe(2); // «Остатки» and «Резервы»
    expect(g.book.io.writes).toBe(1);
    const sheet = g.book.sheet('Остатки').dump();
    for (let row = 0; row < stock.length; row++) expect(sheet[row].slice(0, 7)).toEqual(stock[row]);
    expect(g.book.sheet('Остатки').formulas.has('2:4')).toBe(true);
    expect(byHeader(sheet, 2)).toMatchObject(workedExampleExpected);
    expect(byHeader(sheet, 3)).toMatchObject({
      Резерв: 0,
      'К продаже': 3,
      Ozon: 2,
      WB: 3,
      'Яндекс Маркет': 2,
      Сайт: 1,
      'Не распределено': 0,
    });
    expect(g.book.toasts[0].message).toBe('Пересчитано артикулов: 2, ошибок нет.');
  });

  it("writes existing computed columns where they stand, keeping the seller's header text, one write per group", () => {
    const stock = [
      ['Артикул', 'ozon', 'Склад', 'Поставщик', 'Брак', 'Заметка', 'к продаже'],
      ['A-1', 'старое', 12, 5, 2, 'не трогать', 'старое'],
    ];
    const g = saved(workedBook(stock));
    g.fn.recalculate();
    const sheet = g.book.sheet('Остатки').dump();
    expect(sheet[0]).toEqual([
      'Артикул',
      'ozon',
      'Склад',
      'Поставщик',
      'Брак',
      'Заметка',
      'к продаже',
      'Резерв',
      'WB',
      'Яндекс Маркет',
      'Сайт',
      'Не распределено',
    ]);
    expect(sheet[1][5]).toBe('не трогать');
    expect(byHeader(sheet, 2)).toMatchObject({ ozon: 12, 'к продаже': 14, WB: 10 });
    // «ozon» stands alone; «к продаже» and the new ones at the right end form one group
    expect(g.book.io.writes).toBe(2);
  });

  it('widens a sheet that has no free columns before writing', () => {
    const book = new FakeSpreadsheet();
    const sheet = book.addSheet('Остатки', workedExampleStock);
    book.addSheet('Резервы', workedExampleReserves);
    sheet.maxColumns = workedExampleStock[0].length;
    const g = saved(book);
    expect(sheet.maxColumns).toBe(workedExampleStock[0].length + 7);
    expect(byHeader(sheet.dump(), 2)).toMatchObject(workedExampleExpected);
    expect(g.fn.recalculate().ok).toBe(true);
  });

  it('a renamed warehouse column stops the run: nothing is written, the error names the column', () => {
    const g = saved(workedBook());
    const sheet = g.book.sheet('Остатки');
    const before = sheet.dump();
    sheet.put(1, 4, 'Поставщик (старый)');
    const after = sheet.dump();
    const r = g.fn.recalculate();
    expect(r.ok).toBe(false);
    expect(r.error).toContain('нет столбца «Поставщик»');
    expect(sheet.dump()).toEqual(after);
    expect(before[1]).toEqual(after[1]);
    expect(g.book.io.writes).toBe(0);
    expect(g.book.toasts[0].message).toContain('нет столбца «Поставщик»');
  });

  it('names every bad cell, leaves invalid rows blank, and getState lists them', () => {
    const when = new Date('2026-01-05T00:00:00Z');
    const stock = [
      workedExampleStock[0],
      ['A-1', '', '#N/A', 5, 0, 0],
      ['A-2', '', 4, 'много', 0, 0],
      ['A-3', '', when, 1, 0, 0],
      ['A-4', '', 4, 1, 0, 0],
      ['A-4', '', 1, 1, 0, 0],
      ['A-5', '', '7', -2, 0, 0],
    ];
    const g = saved(workedBook(stock, null));
    const r = g.fn.recalculate();
    expect(r.summary.invalidCount).toBe(5);
    const sheet = g.book.sheet('Остатки').dump();
    for (const row of [2, 3, 4, 5, 6]) expect(sheet[row - 1].slice(6)).toEqual(['', '', '', '', '', '', '']);
    expect(byHeader(sheet, 7)).toMatchObject({ 'К продаже': 7, Ozon: 6 });
    const state = g.fn.getState();
    const cellFix = (sku: string) =>
      `. ${sku} не отправляется, пока ячейка не исправлена; на площадках остаётся прежнее число, столбцы каналов в строке пусты`;
    expect(state.lastRecalc.problems.map((p: any) => p.text)).toEqual([
      `Лист «Остатки», строка 2, столбец «Склад»: ошибка формулы #N/A${cellFix('A-1')}`,
      `Лист «Остатки», строка 3, столбец «Поставщик»: «много» — не число${cellFix('A-2')}`,
      `Лист «Остатки», строка 4, столбец «Склад»: дата вместо числа${cellFix('A-3')}`,
      'Лист «Остатки», строка 5, столбец «Артикул»: артикул «A-4» повторяется в строках 5, 6. A-4 не отправляется, пока артикул повторяется; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
      'Лист «Остатки», строка 6, столбец «Артикул»: артикул «A-4» повторяется в строках 5, 6. A-4 не отправляется, пока артикул повторяется; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
      'Лист «Остатки», строка 7, столбец «Поставщик»: отрицательное число -2 считается как 0',
    ]);
    expect(state.lastRecalc.skuCount).toBe(6);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state); // plain JSON for google.script.run
  });

  it('creates «Остатки» with its headers on a new spreadsheet, and «Резервы» for people to type in', () => {
    const g = saved(new FakeSpreadsheet());
    expect(g.book.sheet('Остатки').dump()[0]).toEqual([
      'Артикул',
      'Наименование',
      'Склад',
      'Поставщик',
      'Брак',
      'Страховой запас',
      'Мин. остаток',
      'Резерв',
      'К продаже',
      'Ozon',
      'WB',
      'Яндекс Маркет',
      'Сайт',
      'Не распределено',
    ]);
    expect(g.book.sheet('Резервы').dump()).toEqual([reserveHeader]);
    expect(g.fn.recalculate()).toMatchObject({ ok: true, summary: { skuCount: 0 } });
  });

  it('fills the header row of an empty «Остатки»', () => {
    const g = saved(workedBook([], null));
    expect(g.book.sheet('Остатки').dump()[0][0]).toBe('Артикул');
  });

  it('counts reserves typed on «Резервы» while they are active and not expired', () => {
    const book = workedBook(workedExampleStock, [
      reserveHeader,
      ['', '', '', 'A-1', 3, 'Склад', 'Ручной', 'Активен', '', '', ''],
      ['', '', '', 'A-1', 5, '', '', '', '20.11.2026', '', 'истёк'],
      ['', '', '', 'A-1', 'пять', '', '', '', '', '', 'кривой'],
    ]);
    const g = saved(book);
    g.setNow('2026-11-22T10:00:00Z');
    const r = g.fn.recalculate();
    expect(byHeader(book.sheet('Остатки').dump(), 2)).toMatchObject(workedExampleExpected);
    expect(r.summary.problems[0].text).toBe(
      'Лист «Резервы», строка 4, столбец «Кол-во»: «пять» — не число: резерв не учтён',
    );
    expect(book.sheet('Резервы').dump()[3][10]).toBe('кривой');
  });
});
