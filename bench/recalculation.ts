/**
 * Bench of one recalculation of a large «Остатки»: the core's allocateSheet alone, and the whole
 * «Пересчитать» through the built bundle on the fakes (read, allocate, write, summary, preview).
 * Runs alternate between the two, so that a machine busy with something else slows both alike;
 * the figures are medians.
 */
import * as fs from 'node:fs';
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
  /** The same runs in CPU time of this thread (Linux only): what other processes on the machine do not change. */
  coreCpuMs?: number[];
  bundleCpuMs?: number[];
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

/** CPU time of the calling thread in ms, from /proc (Linux); undefined where there is no such file. */
function threadCpuMs(): number | undefined {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** Runs `body`, adding its wall time to `wall` and its thread CPU time to `cpu` (when known). */
function timed<T>(body: () => T, wall: number[], cpu: number[] | undefined): T {
  const cpuStart = threadCpuMs();
  const start = performance.now();
  const result = body();
  wall.push(performance.now() - start);
  const cpuEnd = threadCpuMs();
  if (cpu && cpuStart !== undefined && cpuEnd !== undefined) cpu.push(cpuEnd - cpuStart);
  return result;
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
  if (threadCpuMs() !== undefined) {
    figures.coreCpuMs = [];
    figures.bundleCpuMs = [];
  }
  for (let i = 0; i < runs; i++) {
    const core = timed(
      () => allocateSheet(parsed.settings, stock, reserves, now.getTime()),
      figures.coreMs,
      figures.coreCpuMs,
    );
    if (!core.ok) throw new Error(core.error);
    figures.skus = core.rows.length;

    book.resetCounters();
    const result = timed(() => gas.fn.recalculate(), figures.bundleMs, figures.bundleCpuMs);
    if (!result.ok) throw new Error(result.error);
  }
  figures.reads = book.io.reads;
  figures.writes = book.io.writes;
  figures.calls = book.io.calls;
  figures.log = book.io.log;
  return figures;
}
