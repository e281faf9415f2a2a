/**
 * npm run bench: prints the figures the issues set targets for. Nothing here asserts; it measures.
 * 1. The core's time for one recalculation of 50,000 SKUs × 4 warehouses × 6 channels (target < 1 s).
 * 2. Spreadsheet reads and writes of one recalculation through the real bundle (target ≤ 4).
 * 3. Setting 5,000 (and 20,000) SKUs on each marketplace's sandbox: requests made, and the simulated
 *    time our scheduling needed against the floor of the marketplace's limits (target ≤ floor + 10 %).
 * 4. Sending through the bundle: a full push of 10,000 SKUs × 3 API channels, and a scheduled run
 *    with nothing changed (target: no stock request, at most 6 Spreadsheet reads/writes).
 * 5. Orders: one scheduled run with 1,000 new orders across 3 channels on 10,000 SKUs.
 * 6. Sources: importing a 50,000-row CSV into a 50,000-SKU sheet.
 * 7. A large catalogue (bench/large.ts): 100,000 SKUs × 3 API channels — a full push across continuations,
 *    a run with nothing changed, one order. `npm run bench -- large` runs this case alone.
 */
import { performance } from 'node:perf_hooks';
import { startSandboxes } from '../dev/sandbox/harness';
import { allocateSheet } from '../src/core/allocation';
import { validateSettings } from '../src/core/settings';
import { loadBundle } from '../test/fakes/gas';
import { FakeSpreadsheet } from '../test/fakes/spreadsheet';
import { benchLarge, printLarge, runLargeAloneIfAsked } from './large';
import { benchMarketplaces, withinTarget } from './marketplaces';
import { benchOrders } from './orders';
import { benchSending } from './sending';
import { benchSources } from './sources';
import { BENCH_SETTINGS, benchReserves, benchStock } from './stockFixture';

runLargeAloneIfAsked();

const ROWS = 50_000;
const RESERVES = 2_000;
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function verdict(ok: boolean): string {
  return ok ? 'в норме / within target' : 'ВЫШЕ ЦЕЛИ / OVER TARGET';
}

const now = new Date('2026-11-22T10:00:00Z');
const parsed = validateSettings(BENCH_SETTINGS, now);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const stock = benchStock(ROWS);
const reserves = benchReserves(RESERVES, ROWS);

const times: number[] = [];
let skus = 0;
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  const result = allocateSheet(parsed.settings, stock, reserves, now.getTime());
  times.push(performance.now() - start);
  if (!result.ok) throw new Error(result.error);
  skus = result.rows.length;
}
const core = median(times);

const book = new FakeSpreadsheet();
book.addSheet('Остатки', stock);
book.addSheet('Резервы', reserves);
const gas = loadBundle({ book });
const saved = gas.fn.saveSettings(BENCH_SETTINGS);
if (!saved.ok || !saved.recalculation.ok) throw new Error(JSON.stringify(saved));
book.resetCounters();
const start = performance.now();
const result = gas.fn.recalculate();
const bundleMs = performance.now() - start;
if (!result.ok) throw new Error(result.error);
const io = book.io.reads + book.io.writes;

console.log(
  `Пересчёт / recalculation: ${skus} SKU × ${BENCH_SETTINGS.warehouses.length} склада × ${BENCH_SETTINGS.channels.length} каналов, ${RESERVES} резервов`,
);
console.log(
  `  ядро / core: ${core.toFixed(0)} мс (медиана ${RUNS} прогонов, min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); цель < 1000 мс — ${verdict(core < 1000)}`,
);
console.log(
  `  чтения и записи таблицы / Spreadsheet reads+writes: ${io} (чтений ${book.io.reads}, записей ${book.io.writes}); цель ≤ 4 — ${verdict(io <= 4)}`,
);
console.log(`  все вызовы SpreadsheetApp / all Spreadsheet calls: ${book.io.calls}`);
for (const line of book.io.log) console.log(`    ${line}`);
console.log(`  весь пересчёт через бандл на фейках / whole bundle run on fakes: ${bundleMs.toFixed(0)} мс`);

(async () => {
  const sandboxes = await startSandboxes();
  try {
    for (const n of [5_000, 20_000]) {
      console.log(
        `Отправка ${n} SKU на каждую площадку (песочницы, симулированное время) / pushing ${n} SKUs per marketplace:`,
      );
      for (const row of benchMarketplaces(sandboxes, n)) {
        const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} с`;
        console.log(
          `  ${row.market}: принято ${row.skus}, запросов ${row.requests} (минимум ${row.minimumRequests}), время ${seconds(row.tookMs)} при нижней границе ${seconds(row.floorMs)} — ${verdict(withinTarget(row))}`,
        );
      }
    }
    const b = benchSending(sandboxes, 10_000);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} с`;
    console.log(`Отправка через бандл / sending through the bundle: ${b.skus} SKU × 3 канала с API`);
    console.log(
      `  полная отправка / full push: принято ${b.push.accepted.join(' / ')}; чтений ${b.push.reads}, записей ${b.push.writes} таблицы; вызовов UrlFetch ${b.push.fetches}; время площадок ${seconds(b.push.simulatedMs)} при нижней границе ${seconds(b.push.floorMs)} — ${verdict(b.push.simulatedMs <= b.push.floorMs * 1.1)}`,
    );
    for (const line of b.push.log) console.log(`    ${line}`);
    console.log(
      `  запуск без изменений / scheduled run, nothing changed: отправлено позиций ${b.idle.stockItems}, вызовов UrlFetch ${b.idle.fetches}, чтений+записей таблицы ${b.idle.reads + b.idle.writes} (чтений ${b.idle.reads}, записей ${b.idle.writes}); цель 0 запросов остатков и ≤ 6 — ${verdict(b.idle.stockItems === 0 && b.idle.fetches === 0 && b.idle.reads + b.idle.writes <= 6)}`,
    );
    const o = benchOrders(sandboxes, 10_000, 1_000);
    console.log(`Заказы / orders: ${o.orders} новых заказов на 3 каналах, ${o.skus} SKU, один запуск по расписанию`);
    console.log(
      `  резервов ${o.reserves}; чтений ${o.reads}, записей ${o.writes} таблицы; вызовов UrlFetch ${o.fetches}; ядро (сверка заказов и распределение) ${o.coreMs.toFixed(0)} мс; весь запуск через бандл на фейках ${o.runMs.toFixed(0)} мс`,
    );
    for (const line of o.log) console.log(`    ${line}`);
    const src = benchSources(sandboxes, 50_000);
    console.log(`Импорт источника / source import: CSV на ${src.rows} строк в таблицу на ${src.rows} SKU`);
    console.log(`  ${src.status}`);
    console.log(
      `  чтений ${src.reads}, записей ${src.writes} таблицы; ядро (разбор и план импорта) ${src.coreMs.toFixed(0)} мс; весь запуск через бандл на фейках ${src.runMs.toFixed(0)} мс`,
    );
    for (const line of src.log) console.log(`    ${line}`);
    printLarge(benchLarge(sandboxes, 100_000));
  } finally {
    await sandboxes.stop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
