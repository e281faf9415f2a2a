/** 50,000 rows through the bundle: the same few reads and writes as for one row, and right numbers. */

import { BENCH_HEADER, BENCH_SETTINGS, benchReserves, benchStock } from '../../bench/stockFixture';
import { loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';

it('recalculates 50,000 SKUs with at most 4 Spreadsheet reads and writes', () => {
  const rows = 50_000;
  const book = new FakeSpreadsheet();
  const stock = benchStock(rows);
  book.addSheet('Остатки', stock);
  book.addSheet('Резервы', benchReserves(500, rows));
  const g = loadBundle({ book });
  expect(g.fn.saveSettings(BENCH_SETTINGS).ok).toBe(true);
  book.resetCounters();
  const result = g.fn.recalculate();
  expect(result.ok).toBe(true);
  expect(book.io.reads + book.io.writes).toBeLessThanOrEqual(4);
  expect(result.summary.skuCount).toBe(rows);

  const sheet = book.sheet('Остатки').dump();
  expect(sheet).toHaveLength(rows + 1);
  const header = sheet[0].map(String);
  const col = (h: string) => header.indexOf(h);
  // The seller's columns are exactly as they were.
  for (const r of [1, 777, rows]) expect(sheet[r].slice(0, BENCH_HEADER.length)).toEqual(stock[r]);
  // Every valid row: integers ≥ 0 everywhere, «Не распределено» within «К продаже» (availability per
  // channel is checked by the core's property tests).
  const channelCols = ['Ozon', 'WB', 'Яндекс Маркет', 'Сайт', 'ВК', 'Розница'].map(col);
  const unallocated = col('Не распределено');
  const overs: number[] = [];
  let valid = 0;
  for (let r = 1; r <= rows; r++) {
    const forSale = sheet[r][col('К продаже')];
    if (forSale === '') continue;
    valid++;
    for (const c of channelCols) {
      const v = sheet[r][c];
      if (v !== '' && (!Number.isInteger(v) || (v as number) < 0)) overs.push(r + 1);
    }
    const u = sheet[r][unallocated] as number;
    if (!Number.isInteger(u) || u < 0 || u > (forSale as number)) overs.push(r + 1);
  }
  expect(overs).toEqual([]);
  expect(valid).toBe(rows - result.summary.invalidCount);
});
