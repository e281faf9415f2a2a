/**
 * The first run through dist/Code.js (SPEC 8: createStockSheet, detectColumns): a template «Остатки» in an
 * empty spreadsheet, never over an existing sheet; the proposals of a seller's own sheet, saved by the
 * ordinary saveSettings as the sidebar does; and the seller's sheet renamed to «Остатки».
 */
import { withProposals } from '../../src/core/setupDraft';
import { type Gas, loadBundle } from '../fakes/gas';
import { FakePropertiesService } from '../fakes/services';
import { FakeSheet, FakeSpreadsheet } from '../fakes/spreadsheet';

/** A new Google spreadsheet: one empty sheet. */
function emptyBook(): FakeSpreadsheet {
  const book = new FakeSpreadsheet();
  book.addSheet('Лист1');
  return book;
}

function sellerRows(n: number): unknown[][] {
  return [
    ['Артикул', 'Наименование', 'Москва', 'Поставщик', 'Ozon ID', 'Баркод WB'],
    ...Array.from({ length: n }, (_, i) => [
      `A-${i}`,
      `Товар ${i}`,
      i % 7,
      i % 4,
      String(800_000_000 + i),
      4_601_234_500_000 + i,
    ]),
  ];
}

/** What the sidebar does with «Сохранить»: every ticked proposal into the draft, then saveSettings. */
function saveTicked(g: Gas) {
  const state = g.fn.getState();
  const found = g.fn.detectColumns();
  if (!found.ok) throw new Error(found.error);
  const d = found.detection;
  const draft = withProposals(
    state.settings,
    {
      warehouses: d.warehouses.filter((w: any) => w.checked).map((w: any) => ({ header: w.header, type: w.type })),
      channels: d.idColumns
        .filter((c: any) => c.checked)
        .map((c: any) => ({ idHeader: c.header, marketplace: c.marketplace })),
    },
    { replaceWarehouses: state.settingsStatus !== 'saved', sheetHeaders: found.headers },
  );
  return g.fn.saveSettings(draft);
}

describe('createStockSheet', () => {
  it('makes «Остатки» in an empty spreadsheet: header, frozen row, two example rows; getState sees it', () => {
    const book = emptyBook();
    const g = loadBundle({ book });
    expect(g.fn.getState().stockSheet).toEqual({ exists: false, headers: [] });
    const made = g.fn.createStockSheet();
    expect(made).toEqual({
      ok: true,
      sheet: 'Остатки',
      headers: ['Артикул', 'Наименование', 'Склад'],
      examples: 2,
      message:
        'Создан лист «Остатки»: столбцы «Артикул», «Наименование», «Склад» и строки-примеры «ПРИМЕР-1» и «ПРИМЕР-2» — замените их своими товарами (строки-примеры никуда не отправляются).',
    });
    const sheet = book.sheet('Остатки');
    expect(sheet.dump()).toEqual([
      ['Артикул', 'Наименование', 'Склад'],
      ['ПРИМЕР-1', 'Пример: замените своим товаром', 10],
      ['ПРИМЕР-2', 'Пример: удалите эту строку', 3],
    ]);
    expect(sheet.frozenRows).toBe(1);
    expect(book.getActiveSheet()?.name).toBe('Остатки');
    expect(g.fn.getState().stockSheet).toEqual({ exists: true, headers: ['Артикул', 'Наименование', 'Склад'] });
  });

  it('refuses while «Остатки» exists, in Russian, and leaves it exactly as it was', () => {
    const book = new FakeSpreadsheet();
    book.addSheet('Остатки', sellerRows(3));
    const before = book.sheet('Остатки').dump();
    const g = loadBundle({ book });
    for (const args of [[], [{ fromSheet: 'Остатки' }]]) {
      expect(g.fn.createStockSheet(...args)).toEqual({
        ok: false,
        error:
          'Лист «Остатки» уже есть, и надстройка его не перезаписывает: его склады и каналы описываются в настройках.',
      });
    }
    expect(book.sheet('Остатки').dump()).toEqual(before);
    expect(book.sheets).toHaveLength(1);
  });

  it('the template follows saved settings: their warehouse and id columns, the add-on’s columns once channels exist', () => {
    const properties = new FakePropertiesService();
    const settings = {
      version: 1,
      warehouses: [
        { id: 'msk', column: 'Москва', type: 'own', inSale: true },
        { id: 'sup', column: 'Поставщик', type: 'supplier', inSale: true },
      ],
      channels: [{ id: 'oz', name: 'Ozon', column: 'Ozon', marketplace: 'ozon', idHeader: 'Ozon ID' }],
    };
    expect(loadBundle({ book: emptyBook(), properties }).fn.saveSettings(settings).ok).toBe(true);
    // The same settings over a spreadsheet without «Остатки» (as after it was deleted).
    const book = emptyBook();
    const g = loadBundle({ book, properties });
    const made = g.fn.createStockSheet();
    expect(made.ok && made.headers).toEqual([
      'Артикул',
      'Наименование',
      'Москва',
      'Поставщик',
      'Ozon ID',
      'Резерв',
      'К продаже',
      'Ozon',
      'Не распределено',
    ]);
    const recalculated = g.fn.recalculate();
    expect(recalculated.ok && recalculated.summary.skuCount).toBe(2);
    // The example rows are errors to fix, never stock: their computed cells stay blank, nothing is sent.
    expect(recalculated.ok && recalculated.summary.invalidCount).toBe(2);
    expect(recalculated.ok && recalculated.summary.problems.map((p: any) => p.text)).toEqual([
      'Лист «Остатки», строка 2, столбец «Артикул»: строка-пример из шаблона: впишите вместо «ПРИМЕР-1» свой артикул или удалите строку-пример — пока она есть, её никуда не отправляют',
      'Лист «Остатки», строка 3, столбец «Артикул»: строка-пример из шаблона: впишите вместо «ПРИМЕР-2» свой артикул или удалите строку-пример — пока она есть, её никуда не отправляют',
    ]);
    expect(book.sheet('Остатки').dump()[1]).toEqual([
      'ПРИМЕР-1',
      'Пример: замените своим товаром',
      10,
      10,
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  it('an Apps Script failure is said in Russian, with nothing created', () => {
    const book = emptyBook();
    // A spreadsheet a few cells short of Sheets' 10,000,000: a new sheet does not fit.
    book.sheets.push(new FakeSheet(book, 'Большой', 384_000, 26));
    const g = loadBundle({ book });
    const made = g.fn.createStockSheet();
    expect(made.ok).toBe(false);
    expect(made.error).toMatch(/^Не удалось создать лист «Остатки»: Exception: This action would increase/);
    expect(book.sheets.map((s) => s.name)).toEqual(['Лист1', 'Большой']);
  });
});

describe('detectColumns', () => {
  it('proposes the seller’s warehouses and id columns; ticked ones saved by saveSettings recalculate the sheet', () => {
    const book = new FakeSpreadsheet();
    book.addSheet('Остатки', sellerRows(300));
    const g = loadBundle({ book });
    book.resetCounters();
    const found = g.fn.detectColumns();
    // One read of the top rows, not of the whole sheet.
    expect(book.io.log).toEqual(['getValues Остатки!R1C1:210x6']);
    expect(found.ok && [found.sheet, found.isStockSheet]).toEqual(['Остатки', true]);
    const d = found.detection;
    expect(d.warehouses.map((w: any) => [w.header, w.type, w.checked, w.reason])).toEqual([
      ['Москва', 'own', true, 'числа в 200 из 200 строк'],
      ['Поставщик', 'supplier', true, 'числа в 200 из 200 строк; тип «Поставщик» — по заголовку'],
    ]);
    expect(d.idColumns.map((c: any) => [c.header, c.marketplace])).toEqual([
      ['Ozon ID', 'ozon'],
      ['Баркод WB', 'wb'],
    ]);
    const saved = saveTicked(g);
    expect(saved.ok && saved.recalculation.ok).toBe(true);
    const settings = g.fn.getState().settings;
    expect(settings.warehouses.map((w: any) => [w.column, w.type])).toEqual([
      ['Москва', 'own'],
      ['Поставщик', 'supplier'],
    ]);
    expect(settings.channels.map((c: any) => [c.name, c.column, c.marketplace, c.idHeader, c.rule])).toEqual([
      ['Ozon', 'Ozon', 'ozon', 'Ozon ID', { type: 'share', percent: 100 }],
      ['Wildberries', 'WB', 'wb', 'Баркод WB', { type: 'share', percent: 100 }],
    ]);
    const rows = book.sheet('Остатки').dump();
    expect(rows[0].slice(6)).toEqual(['Резерв', 'К продаже', 'Ozon', 'WB', 'Не распределено']);
    // Москва 5 + Поставщик 1 = 6 for each channel.
    expect(rows[6].slice(6)).toEqual([0, 6, 6, 6, 0]);
    // Run again: what is saved is not proposed twice.
    const after = g.fn.detectColumns();
    expect([after.detection.warehouses, after.detection.idColumns]).toEqual([[], []]);
  });

  it('while «Остатки» is missing, reads the sheet the seller has open; «fromSheet» renames it, data untouched', () => {
    const book = new FakeSpreadsheet();
    book.addSheet('Товары', sellerRows(5));
    book.addSheet('Заметки', [['что-то']]);
    book.sheet('Товары').activate();
    const g = loadBundle({ book });
    const found = g.fn.detectColumns();
    expect(found.ok && [found.sheet, found.isStockSheet]).toEqual(['Товары', false]);
    expect(found.detection.warehouses).toHaveLength(2);
    const before = book.sheet('Товары').dump();
    expect(g.fn.createStockSheet({ fromSheet: 'Товары' })).toEqual({
      ok: true,
      sheet: 'Остатки',
      headers: ['Артикул', 'Наименование', 'Москва', 'Поставщик', 'Ozon ID', 'Баркод WB'],
      examples: 0,
      renamedFrom: 'Товары',
      message: 'Лист «Товары» теперь называется «Остатки»; его данные не менялись.',
    });
    expect(book.sheet('Остатки').dump()).toEqual(before);
    expect(g.fn.detectColumns().isStockSheet).toBe(true);
  });

  it('never renames the add-on’s own sheets or one that is not there; never looks at them either', () => {
    const book = new FakeSpreadsheet();
    book.addSheet('Журнал', [['Время', 'Задача']]);
    book.sheet('Журнал').activate();
    const g = loadBundle({ book });
    expect(g.fn.detectColumns()).toEqual({
      ok: false,
      error:
        'Листа «Остатки» нет. Откройте лист со своими товарами и нажмите «Найти столбцы на открытом листе» — или создайте лист «Остатки» по шаблону.',
    });
    expect(g.fn.createStockSheet({ fromSheet: 'Журнал' })).toEqual({
      ok: false,
      error: 'Лист «Журнал» — служебный лист надстройки, его нельзя сделать листом «Остатки».',
    });
    expect(g.fn.createStockSheet({ fromSheet: 'Нет такого' })).toEqual({
      ok: false,
      error: 'Листа «Нет такого» нет: откройте лист с товарами и нажмите «Найти столбцы на открытом листе» ещё раз.',
    });
    expect(book.sheets.map((s) => s.name)).toEqual(['Журнал']);
  });

  it('the template just made proposes its «Склад»; saving it gives a sheet that recalculates', () => {
    const book = emptyBook();
    const g = loadBundle({ book });
    g.fn.createStockSheet();
    const found = g.fn.detectColumns();
    expect(found.detection.warehouses.map((w: any) => [w.header, w.reason])).toEqual([
      ['Склад', 'числа в 2 из 2 строк'],
    ]);
    const saved = saveTicked(g);
    expect(saved.ok && saved.recalculation.ok && saved.recalculation.summary.skuCount).toBe(2);
    expect(g.fn.getState().settings.warehouses).toEqual([{ id: 'w1', column: 'Склад', type: 'own', inSale: true }]);
  });
});
