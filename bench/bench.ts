/**
 * npm run bench: prints the figures the issues set targets for. Nothing here asserts; it measures.
 * 1. The core's time for one recalculation of 50,000 SKUs × 4 warehouses × 6 channels (target < 1 s), and the
 *    whole recalculation through the bundle: at most 1.5 times the core's. `npm run bench -- recalc` runs 1–2 only.
 * 2. Spreadsheet reads and writes of one recalculation through the real bundle (target ≤ 4).
 * 3. Setting 5,000 (and 20,000) SKUs on each marketplace's sandbox: requests made, and the simulated
 *    time our scheduling needed against the floor of the marketplace's limits (target ≤ floor + 10 %).
 * 4. Sending through the bundle: a full push of 10,000 SKUs × 3 API channels, and a scheduled run
 *    with nothing changed (target: no stock request, at most 6 Spreadsheet reads/writes).
 * 5. Orders: one scheduled run with 1,000 new orders across 3 channels on 10,000 SKUs.
 * 6. Sources: importing a 50,000-row CSV into a 50,000-SKU sheet.
 * 7. A large catalogue (bench/large.ts): 100,000 SKUs × 3 API channels — a full push across continuations,
 *    a run with nothing changed, one order. `npm run bench -- large` runs this case alone.
 * 8. The orders lane (bench/lane.ts): `npm run bench -- lane` alone.
 * 9. The site feed (bench/feed.ts): 50,000 offers through the bundle's doGet, `npm run bench -- feed` alone.
 */
import { startSandboxes } from '../dev/sandbox/harness';
import { runFeedAloneIfAsked } from './feed';
import { runLaneAloneIfAsked } from './lane';
import { benchLarge, printLarge, runLargeAloneIfAsked } from './large';
import { benchMarketplaces, withinTarget } from './marketplaces';
import { benchOrders } from './orders';
import { benchRecalculation, median } from './recalculation';
import { benchSending } from './sending';
import { benchSources } from './sources';
import { BENCH_SETTINGS } from './stockFixture';

runLargeAloneIfAsked();
runLaneAloneIfAsked();
runFeedAloneIfAsked();

const ROWS = 50_000;
const RESERVES = 2_000;
const RUNS = 7;
/** A target has to hold on a typical run, so the recalculation is timed several times: medians. */
const MAX_BUNDLE_TO_CORE = 1.5;

/** `npm run bench -- recalc` measures only the recalculation (section 1 and 2). */
const only = process.argv[2];
if (only !== undefined && only !== 'recalc')
  throw new Error(`unknown bench "${only}": try "recalc", "large", "lane", "feed" or nothing`);

function verdict(ok: boolean): string {
  return ok ? 'в норме / within target' : 'ВЫШЕ ЦЕЛИ / OVER TARGET';
}

const recalc = benchRecalculation(ROWS, RESERVES, RUNS);
const core = median(recalc.coreMs);
const bundle = median(recalc.bundleMs);
const ratio = bundle / core;
const io = recalc.reads + recalc.writes;
const spread = (times: number[]) =>
  `медиана ${RUNS} прогонов, min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}`;

console.log(
  `Пересчёт / recalculation: ${recalc.skus} SKU × ${BENCH_SETTINGS.warehouses.length} склада × ${BENCH_SETTINGS.channels.length} каналов, ${RESERVES} резервов`,
);
console.log(
  `  ядро / core: ${core.toFixed(0)} мс (${spread(recalc.coreMs)}); цель < 1000 мс — ${verdict(core < 1000)}`,
);
console.log(
  `  весь пересчёт через бандл на фейках / whole bundle run on fakes: ${bundle.toFixed(0)} мс (${spread(recalc.bundleMs)})`,
);
console.log(
  `  бандл / ядро / bundle to core: ${ratio.toFixed(2)}; цель ≤ ${MAX_BUNDLE_TO_CORE} — ${verdict(ratio <= MAX_BUNDLE_TO_CORE)}`,
);
if (recalc.coreCpuMs && recalc.bundleCpuMs) {
  const coreCpu = median(recalc.coreCpuMs);
  const bundleCpu = median(recalc.bundleCpuMs);
  console.log(
    `  процессорное время потока / thread CPU time: ядро ${coreCpu.toFixed(0)} мс, бандл ${bundleCpu.toFixed(0)} мс, бандл / ядро ${(bundleCpu / coreCpu).toFixed(2)} (медианы; не зависит от других процессов на машине)`,
  );
}
console.log(
  `  чтения и записи таблицы / Spreadsheet reads+writes: ${io} (чтений ${recalc.reads}, записей ${recalc.writes}); цель ≤ 4 — ${verdict(io <= 4)}`,
);
console.log(`  все вызовы SpreadsheetApp / all Spreadsheet calls: ${recalc.calls}`);
for (const line of recalc.log) console.log(`    ${line}`);

(async () => {
  if (only === 'recalc') return;
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
