/**
 * Bench of one recalculation of a large «Остатки»: the core's allocateSheet alone, and the whole
 * «Пересчитать» through the built bundle on the fakes (read, allocate, write, summary, preview).
 * Runs alternate between the two, so that a machine busy with something else slows both alike;
 * the figures are medians.
 */
import { performance } from 'node:perf_hooks';
import { allocateSheet } from '../src/core/allocation';
import { validateSettings } from '../src/core/settings';
import { loadBundle } from '../test/fakes/gas';
import { FakeSpreadsheet } from '../test/fakes/spreadsheet';
import { BENCH_SETTINGS, benchReserves, benchStock } from './stockFixture';

export interface RecalcBench {
  skus: number;
  reserves: number;
  runs: number;
  coreMs: number[];
  bundleMs: number[];
  /** Spreadsheet calls of one bundle run. */
  reads: number;
  writes: number;
  calls: number;
  log: string[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function benchRecalculation(rows: number, reserveRows: number, runs: number): RecalcBench {
  const now = new Date('2026-11-22T10:00:00Z');
  const parsed = validateSettings(BENCH_SETTINGS, now);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const stock = benchStock(rows);
  const reserves = benchReserves(reserveRows, rows);

  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', stock);
  book.addSheet('Резервы', reserves);
  const gas = loadBundle({ book });
  gas.setNow(now.toISOString());
  const saved = gas.fn.saveSettings(BENCH_SETTINGS);
  if (!saved.ok || !saved.recalculation.ok) throw new Error(JSON.stringify(saved));

  const figures: RecalcBench = {
    skus: 0,
    reserves: reserveRows,
    runs,
    coreMs: [],
    bundleMs: [],
    reads: 0,
    writes: 0,
    calls: 0,
    log: [],
  };
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    const core = allocateSheet(parsed.settings, stock, reserves, now.getTime());
    figures.coreMs.push(performance.now() - start);
    if (!core.ok) throw new Error(core.error);
    figures.skus = core.rows.length;

    book.resetCounters();
    start = performance.now();
    const result = gas.fn.recalculate();
    figures.bundleMs.push(performance.now() - start);
    if (!result.ok) throw new Error(result.error);
  }
  figures.reads = book.io.reads;
  figures.writes = book.io.writes;
  figures.calls = book.io.calls;
  figures.log = book.io.log;
  return figures;
}
