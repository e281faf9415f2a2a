import { missingColumns, refusedColumns } from '../../src/core/sheetColumns';

const settings = {
  warehouses: [{ column: 'Москва' }, { column: 'Поставщик2' }],
  channels: [
    { name: 'Ozon', idHeader: 'Ozon ID' },
    { name: 'WB', idHeader: 'Артикул', filter: { header: 'Бренд' } },
    { name: 'Сайт' },
  ],
};
const header = ['Артикул', 'Наименование', 'Москва', 'Поставщик', 'Ozon ID', 'Резерв', 'К продаже'];

describe('columns the settings read that «Остатки» lacks', () => {
  it('names the field of each: a warehouse column, a channel’s id column, a filter column', () => {
    expect(missingColumns(settings, header)).toEqual([
      { path: 'warehouses.1.column', header: 'Поставщик2', tab: 'warehouses', owner: 'Склад 2 «Поставщик2»' },
      { path: 'channels.1.filter.header', header: 'Бренд', tab: 'channels', owner: 'Канал 2 «WB»' },
    ]);
  });

  it('compares as headers are compared (case, spaces, «ё»), and «Артикул» as the id column is no extra column', () => {
    expect(missingColumns(settings, ['артикул', ' москва ', 'ПОСТАВЩИК2', 'ozon id', 'бренд'])).toEqual([]);
  });

  it('without a sheet or with a blank header row there is nothing to judge by', () => {
    expect(missingColumns(settings, null)).toEqual([]);
    expect(missingColumns(settings, ['', '  ', null])).toEqual([]);
  });
});

describe('what saving refuses', () => {
  it('a column just typed that the sheet lacks, at its field, with the sheet’s unused headers to pick from', () => {
    expect(refusedColumns(settings, null, header)).toEqual([
      {
        path: 'warehouses.1.column',
        message:
          'Склад 2 «Поставщик2»: на листе «Остатки» нет столбца «Поставщик2». Впишите этот заголовок в первую строку листа и сохраните снова — или укажите столбец, который на листе есть: «Поставщик».',
      },
      expect.objectContaining({ path: 'channels.1.filter.header' }),
    ]);
  });

  it('a column the stored settings already named stays savable (the sheet lost it; the summary says so)', () => {
    const stored = { warehouses: [{ column: 'Москва' }, { column: 'поставщик2' }], channels: [] };
    expect(refusedColumns(settings, stored, header).map((e) => e.path)).toEqual(['channels.1.filter.header']);
  });

  it('a renamed one is new: «Поставщик» renamed to «Поставщик2» in the form is refused', () => {
    const stored = { warehouses: [{ column: 'Москва' }, { column: 'Поставщик' }], channels: [] };
    const renamed = { warehouses: stored.warehouses.map((w, i) => (i ? { column: 'Поставщик2' } : w)), channels: [] };
    expect(refusedColumns(renamed, stored, header).map((e) => e.path)).toEqual(['warehouses.1.column']);
  });

  it('nothing while «Остатки» is missing or empty: the first recalculation writes the settings’ headers', () => {
    expect(refusedColumns(settings, null, null)).toEqual([]);
    expect(refusedColumns(settings, null, [])).toEqual([]);
  });
});
