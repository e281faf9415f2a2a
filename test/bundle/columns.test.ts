/**
 * The add-on never overwrites what it does not own (SPEC 2.1): the computed columns it creates go
 * after the last column that holds anything — a header or any value in any row — so a seller's
 * unlabelled notes to the right of the last header stay where they are.
 */
import { RESERVE_HEADERS } from '../../src/core/headers';
import { loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';

const settings = {
  version: 1,
  sendEnabled: false,
  warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
  channels: [{ id: 'site', name: 'Сайт', column: 'Сайт', marketplace: 'manual', rule: { type: 'equal' } }],
};
const reserves = [Object.values(RESERVE_HEADERS)];

function bookWith(stock: unknown[][]): FakeSpreadsheet {
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', stock);
  book.addSheet('Резервы', reserves);
  return book;
}

it('a note without a header to the right of the last header is kept; the new columns go after it', () => {
  const book = bookWith([
    ['Артикул', 'Склад', '', ''],
    ['A-1', 5, '', ''],
    ['A-2', 3, '', 'звонить поставщику в пн'],
    ['A-3', 2, 'не продавать до 1.12', ''],
  ]);
  const g = loadBundle({ book });
  const saved = g.fn.saveSettings(settings);
  expect(saved.ok).toBe(true);
  const rows = book.sheet('Остатки').dump();
  expect(rows[0]).toEqual(['Артикул', 'Склад', '', '', 'Резерв', 'К продаже', 'Сайт', 'Не распределено']);
  expect(rows.map((r) => r.slice(2, 4))).toEqual([
    ['', ''],
    ['', ''],
    ['', 'звонить поставщику в пн'],
    ['не продавать до 1.12', ''],
  ]);
  expect(rows.slice(1).map((r) => r.slice(4))).toEqual([
    [0, 5, 5, 0],
    [0, 3, 3, 0],
    [0, 2, 2, 0],
  ]);

  // Once created, the columns are found by their headers: a second recalculation writes in place.
  g.fn.recalculate();
  expect(book.sheet('Остатки').dump()).toEqual(rows);
});

it('a value far to the right in one row only (a stray number) also pushes the new columns past it', () => {
  const stray = ['A-2', 3, '', '', '', '', 42];
  const book = bookWith([['Артикул', 'Склад'], ['A-1', 5], stray]);
  const g = loadBundle({ book });
  expect(g.fn.saveSettings(settings).ok).toBe(true);
  const rows = book.sheet('Остатки').dump();
  expect(rows[0].slice(7)).toEqual(['Резерв', 'К продаже', 'Сайт', 'Не распределено']);
  expect(rows[2].slice(0, 7)).toEqual(stray);
});

it('a sheet with only headers and blank trailing cells still gets its columns right after the last header', () => {
  const book = bookWith([
    ['Артикул', 'Склад', ''],
    ['A-1', 5, ''],
  ]);
  const g = loadBundle({ book });
  expect(g.fn.saveSettings(settings).ok).toBe(true);
  expect(book.sheet('Остатки').dump()[0]).toEqual([
    'Артикул',
    'Склад',
    'Резерв',
    'К продаже',
    'Сайт',
    'Не распределено',
  ]);
});
