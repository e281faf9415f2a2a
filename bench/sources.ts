/** Bench of a source import: a 50,000-row CSV into a 50,000-SKU sheet through the bundle. */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Sandboxes } from '../dev/sandbox/harness';
import { RESERVE_HEADERS } from '../src/core/headers';
import { planImport, tableRows } from '../src/core/sources';
import { loadBundle } from '../test/fakes/gas';
import { FakeSpreadsheet } from '../test/fakes/spreadsheet';
import { parseCsv } from '../test/fakes/urlFetch';

export interface SourcesBench {
  rows: number;
  reads: number;
  writes: number;
  runMs: number;
  coreMs: number;
  log: string[];
  status: string;
}

export function benchSources(s: Sandboxes, n: number): SourcesBench {
  const skus = Array.from({ length: n }, (_, i) => `SKU-${String(i).padStart(6, '0')}`);
  const csv = `Артикул;Остаток\n${skus.map((sku, i) => `${sku};${i % 97}`).join('\n')}\n`;
  s.setFile('/files/big.csv', csv, { contentType: 'text/csv' });
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', [['Артикул', 'Склад', 'Поставщик'], ...skus.map((sku) => [sku, 1, 0])]);
  book.addSheet('Резервы', [Object.values(RESERVE_HEADERS)]);
  const g = loadBundle({ book, sandboxes: s, dist: path.resolve(__dirname, '../build/test-variant') });
  const saved = g.fn.saveSettings({
    version: 1,
    warehouses: [
      { id: 'main', column: 'Склад', type: 'own', inSale: true },
      {
        id: 'sup',
        column: 'Поставщик',
        type: 'supplier',
        inSale: true,
        source: { kind: 'csv', url: 'https://supplier.test/files/big.csv', skuHeader: 'Артикул', qtyHeader: 'Остаток' },
      },
    ],
    channels: [{ id: 'site', name: 'Сайт', column: 'Сайт', marketplace: 'manual' }],
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  book.resetCounters();
  const start = performance.now();
  const result = g.fn.runScheduledSync();
  const runMs = performance.now() - start;
  const t = performance.now();
  planImport(book.sheet('Остатки').dump(), 'Поставщик', tableRows(parseCsv(csv, ';'), 'Артикул', 'Остаток'), {
    maxZeroShare: 0.3,
    minItems: 5,
  });
  const coreMs = performance.now() - t;
  const imported = result.channels.find((c: { channel: string }) => c.channel === 'склад «Поставщик»');
  return {
    rows: n,
    reads: book.io.reads,
    writes: book.io.writes,
    runMs,
    coreMs,
    log: [...book.io.log],
    status: `${imported?.status}: ${imported?.details}`,
  };
}
