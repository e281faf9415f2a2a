/**
 * Numbers out of range (SPEC 3, cell values): a stock cell above 1,000,000 (a barcode pasted as a
 * number, a typo) makes its SKU invalid with a message that says what it looks like, and nothing of
 * it is sent; a channel value above its marketplace's maximum (Wildberries 100,000) is sent as that
 * maximum and reported, while the marketplaces without such a limit get the full number.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { openShop, shownOn, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const shown = (i: number) => shownOn(sandboxes, i);
const cell = (rows: unknown[][], i: number, header: string) => rows[i + 1][rows[0].indexOf(header)];

it('a barcode pasted into a stock cell makes its SKU invalid, says it looks like a barcode, and reaches no marketplace', () => {
  const BARCODE = 4_607_001_234_567; // a 13-digit EAN read by Sheets as a number
  const shop = openShop(sandboxes, 4, { stock: (i) => [10, BARCODE, 1e15, 10][i] });
  const result = plain(shop.g.fn.sendStocks('sidebar'));
  expect(result.channels.map((c: any) => c.status)).toEqual(['Выполнено', 'Выполнено', 'Выполнено']);
  for (const i of [1, 2]) expect(shown(i)).toEqual({ ozon: undefined, wb: null, ym: null });
  expect(shown(0)).toEqual({ ozon: 10, wb: 10, ym: 10 });

  const summary = plain(shop.g.fn.getState()).lastRecalc;
  expect(summary.invalidCount).toBe(2);
  const texts = summary.problems.filter((p: any) => p.severity === 'error').map((p: any) => p.text);
  const notSent = (id: string) =>
    `. ${id} не отправляется, пока ячейка не исправлена; на площадках остаётся прежнее число, столбцы каналов в строке пусты`;
  expect(texts).toEqual([
    `Лист «Остатки», строка 3, столбец «Склад»: 4 607 001 234 567 — больше 1 000 000: похоже на штрихкод или опечатку${notSent('A-00001')}`,
    `Лист «Остатки», строка 4, столбец «Склад»: 1 000 000 000 000 000 — больше 1 000 000: похоже на штрихкод или опечатку${notSent('A-00002')}`,
  ]);
  // The invalid rows' channel cells are left blank, as for any invalid SKU.
  const rows = shop.book.sheet('Остатки').dump();
  expect([cell(rows, 1, 'Ozon'), cell(rows, 1, 'WB'), cell(rows, 1, 'К продаже')]).toEqual(['', '', '']);
});

it('1,000,000 itself is a stock number; above Wildberries’ 100,000 the cell shows and WB gets 100,000, and the run says so', () => {
  const shop = openShop(sandboxes, 3, { stock: (i) => [1_000_000, 150_000, 7][i] });
  const result = plain(shop.g.fn.sendStocks('sidebar'));
  expect(result.channels.map((c: any) => [c.channel, c.status])).toEqual([
    ['Ozon', 'Выполнено'],
    ['Wildberries', 'Выполнено'],
    ['Яндекс Маркет', 'Выполнено'],
  ]);
  expect(shown(0)).toEqual({ ozon: 1_000_000, wb: 100_000, ym: 1_000_000 });
  expect(shown(1)).toEqual({ ozon: 150_000, wb: 100_000, ym: 150_000 });
  expect(shown(2)).toEqual({ ozon: 7, wb: 7, ym: 7 });

  const rows = shop.book.sheet('Остатки').dump();
  expect([cell(rows, 1, 'Ozon'), cell(rows, 1, 'WB'), cell(rows, 1, 'Яндекс Маркет')]).toEqual([
    150_000, 100_000, 150_000,
  ]);
  const summary = plain(shop.g.fn.getState()).lastRecalc;
  expect(summary.invalidCount).toBe(0);
  expect(summary.problems.map((p: any) => [p.severity, p.text])).toEqual([
    [
      'warning',
      'Лист «Остатки», строка 2, столбец «WB»: Wildberries принимает не больше 100 000 шт.: показано и отправлено 100 000 из 1 000 000',
    ],
    [
      'warning',
      'Лист «Остатки», строка 3, столбец «WB»: Wildberries принимает не больше 100 000 шт.: показано и отправлено 100 000 из 150 000',
    ],
  ]);
});
