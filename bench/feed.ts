/**
 * The site feed (SPEC 5.8): `npm run bench -- feed` builds the YML feed of a 50,000-SKU «Сайт» channel through
 * the bundle's doGet over the fakes — the path a site's importer takes — and times it (target < 2 s).
 */
import { type Gas, loadBundle } from '../test/fakes/gas';
import { FakeSpreadsheet } from '../test/fakes/spreadsheet';
import { median } from './recalculation';
import { BENCH_SETTINGS, benchReserves, benchStock } from './stockFixture';

const ROWS = 50_000;
const RUNS = 5;
const TARGET_MS = 2000;

function feedShop(): { gas: Gas; parameter: Record<string, string> } {
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', benchStock(ROWS));
  book.addSheet('Резервы', benchReserves(0, ROWS));
  const gas = loadBundle({ book });
  gas.scriptApp.webAppUrl = 'https://script.google.com/macros/s/BENCH/exec';
  const settings = {
    ...BENCH_SETTINGS,
    channels: BENCH_SETTINGS.channels.map((c) => (c.id === 'site' ? { ...c, feed: true, filter: undefined } : c)),
  };
  const saved = gas.fn.saveSettings(settings);
  if (!saved.ok) throw new Error(`bench settings: ${JSON.stringify(saved.errors)}`);
  const url = gas.fn.getState().feeds[0]?.url;
  if (!url) throw new Error('the bench shop has no feed URL');
  return { gas, parameter: Object.fromEntries(new URL(url).searchParams) };
}

export function printFeedBench(): void {
  const { gas, parameter } = feedShop();
  const times: number[] = [];
  let xml = '';
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const out = gas.fn.doGet({ parameter });
    xml = out.getContent();
    times.push(performance.now() - started);
  }
  const offers = (xml.match(/<offer /g) ?? []).length;
  const ms = median(times);
  console.log(`Фид сайта / site feed: doGet бандла, ${offers} предложений, ${(xml.length / 1e6).toFixed(1)} МБ XML`);
  console.log(
    `  время / time: ${ms.toFixed(0)} мс (медиана ${RUNS}: ${times.map((t) => t.toFixed(0)).join(', ')}); цель < ${TARGET_MS} мс — ${ms < TARGET_MS ? 'в норме / within target' : 'ВЫШЕ ЦЕЛИ / OVER TARGET'}`,
  );
}

export function runFeedAloneIfAsked(): void {
  if (process.argv[2] !== 'feed') return;
  printFeedBench();
  process.exit(0);
}
