/**
 * The Wildberries barcode → chrtId mapping through dist/Code.js: a catalogue too large for one run
 * is mapped across runs from a saved cursor while what is mapped is pushed, the sidebar shows the
 * progress; a failed daily refresh keeps the cached mapping and the journal says so.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
import { loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { barcode, clearLogs, journal, shopSettings, sku, stockPushes, useSandboxes } from './sendingSetup';

jest.setTimeout(600_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const CARDS_LIST = '/content/v2/get/cards/list';
const HOUR = 3600_000;
const stockOf = (i: number) => 10 + (i % 7);

/** A shop selling on Wildberries only, with `n` one-size cards: barcode i is card i. */
function wbShop(n: number) {
  sandboxes.control('wb', 'reset');
  sandboxes.control('wb', 'configure', { applyDelayMs: 0 });
  sandboxes.clock.set(Date.parse('2026-11-22T09:00:00Z'));
  const seedStarted = Date.now();
  sandboxes.control('wb', 'seed', {
    items: Array.from({ length: n }, (_, i) => ({ vendorCode: sku(i), sizes: [[barcode(i)]] })),
  });
  const seedMs = Date.now() - seedStarted;
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', [
    ['Артикул', 'Наименование', 'Склад', 'WB баркод'],
    ...Array.from({ length: n }, (_, i) => [sku(i), `Товар ${i}`, stockOf(i), barcode(i)]),
  ]);
  const g = loadBundle({ book, sandboxes });
  const base = shopSettings();
  const saved = g.fn.saveSettings({ ...base, channels: base.channels.filter((c: any) => c.id === 'wb') });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  g.fn.setCredentials('wb', { token: 'sandbox-wb-token' });
  return { g, book, seedMs };
}

const cardPages = () =>
  (sandboxes.control('wb', 'log') as { method: string; path: string; status: number }[]).filter(
    (e) => e.method === 'POST' && e.path === CARDS_LIST,
  );
const wbAmount = (i: number) =>
  sandboxes.control('wb', 'stock', { warehouseId: WB_WAREHOUSES[0].id, chrtId: (300_000 + i) * 10 });

it('maps 60,000 WB cards across runs from a saved cursor, pushing what is mapped meanwhile, every item once', () => {
  const n = 60_000;
  const { g, book, seedMs } = wbShop(n);
  // Seeding is a test's set-up: it must not be what a test waits for.
  expect(seedMs).toBeLessThan(10_000);
  clearLogs(sandboxes);
  const first = plain(g.fn.sendStocks('sidebar'));
  expect(first.status).toBe('continues');
  const pushedFirst = stockPushes(sandboxes).wb;
  expect(pushedFirst).toBeGreaterThan(10_000);
  expect(pushedFirst).toBeLessThan(n);
  // The cards list's 100 a minute is kept: 5 at once, then one per 600 ms.
  const pages = cardPages();
  expect(pages.every((p) => p.status === 200)).toBe(true);
  expect(pages.length).toBeLessThanOrEqual(5 + Math.ceil(4.5 * 100));
  const [row] = first.channels;
  expect(row).toMatchObject({ channel: 'Wildberries', status: 'Частично', accepted: pushedFirst });
  expect(row.details).toMatch(/сопоставление карточек — [\d\s]+ из ~60\s000/);
  // The sidebar shows the long job; the growing mapping lives in the hidden sheet, not in properties.
  const state = plain(g.fn.getState());
  expect(state.longJobs).toEqual([
    expect.objectContaining({ channelId: 'wb', kind: 'wbMapping', done: pushedFirst, expected: n }),
  ]);
  expect(state.longJobs[0].text).toMatch(/^Wildberries: сопоставление карточек — [\d\s]+ из ~60\s000$/);
  expect(book.sheet('_WB chrtId').hidden).toBe(true);
  expect(book.sheet('_WB chrtId').dump()).toHaveLength(1 + pushedFirst);
  const props = JSON.stringify(g.properties.document.getProperties());
  expect(props.length).toBeLessThan(20_000);

  let pushed = pushedFirst;
  let runs = 1;
  let last = first;
  const pagesBefore = pages.length;
  let pagesAfter = 0;
  while (last.status === 'continues' && runs < 6) {
    sandboxes.clock.advance(60_000);
    clearLogs(sandboxes);
    last = plain(g.fn.continueSync());
    runs++;
    const now = stockPushes(sandboxes).wb;
    expect(now).toBeGreaterThan(0);
    pushed += now;
    pagesAfter += cardPages().length;
  }
  expect(last.status).toBe('done');
  expect(runs).toBeGreaterThanOrEqual(2);
  expect(pushed).toBe(n);
  // The run is done once every item is pushed, but the pass ends only on the empty page after the
  // last full one; when a run's time ran out just before it, the next scheduled run reads it from
  // the cursor, with nothing to send.
  sandboxes.clock.advance(HOUR);
  clearLogs(sandboxes);
  expect(plain(g.fn.runScheduledSync()).status).toBe('done');
  expect(stockPushes(sandboxes).wb).toBe(0);
  pagesAfter += cardPages().length;
  // Every item pushed exactly once, and the cards were read once: each run continued from the cursor.
  expect(pagesBefore + pagesAfter).toBe(n / 100 + 1);
  expect(book.sheet('_Отправлено').dump()).toHaveLength(1 + n);
  expect(book.sheet('_WB chrtId').dump()).toHaveLength(1 + n);
  for (const i of [0, 30_000, n - 1]) expect(wbAmount(i)).toBe(stockOf(i));
  expect(plain(g.fn.getState()).longJobs).toEqual([]);

  // The mapping is complete: the next scheduled run reads no cards and sends nothing.
  sandboxes.clock.advance(HOUR);
  clearLogs(sandboxes);
  expect(plain(g.fn.runScheduledSync()).status).toBe('done');
  expect(cardPages()).toEqual([]);
  expect(stockPushes(sandboxes).wb).toBe(0);
});

// WB's description of the cards list names no 5xx answer (the sandbox would flag one as off-spec): a
// server failure is a dropped connection on every attempt, or an answer that is not JSON.
describe.each([
  ['dropped connections', { kind: 'drop', count: 50 }],
  ['an answer that is not JSON', { kind: 'malformed', count: 1 }],
  ['401', { kind: 'status', status: 401, count: 1 }],
])('the daily refresh of the cards fails (%s)', (_name, fault) => {
  it('pushes go on with the cached mapping and the journal says the mapping is from the cache', () => {
    const { g, book } = wbShop(30);
    expect(plain(g.fn.sendStocks('sidebar')).status).toBe('done');
    expect(stockPushes(sandboxes).wb).toBe(30);
    // A day later the refresh is due, and the cards list fails.
    sandboxes.clock.advance(25 * HOUR);
    clearLogs(sandboxes);
    book.sheet('Остатки').put(5, 3, 2); // A-00003
    sandboxes.control('wb', 'fault', { ...fault, path: CARDS_LIST });
    const result = plain(g.fn.sendStocks('sidebar'));
    expect(cardPages().length).toBeGreaterThan(0);
    expect(result.status).toBe('done');
    expect(stockPushes(sandboxes).wb).toBe(30);
    expect(wbAmount(3)).toBe(2);
    const [row] = result.channels;
    expect(row).toMatchObject({ channel: 'Wildberries', status: 'Выполнено', accepted: 30 });
    expect(row.details).toMatch(/сопоставление карточек — из кэша от 22\.11\.2026/);
    expect(row.details).toMatch(/обновить не удалось/);
    expect(journal(book).at(-1)?.Подробности).toBe(row.details);
    expect(book.sheet('_WB chrtId').dump()).toHaveLength(31);

    // The next run, the cards list working again, refreshes the mapping and says nothing of the cache.
    sandboxes.control('wb', 'clear-faults');
    sandboxes.clock.advance(HOUR);
    clearLogs(sandboxes);
    const next = plain(g.fn.sendStocks('sidebar'));
    expect(cardPages()).toHaveLength(1);
    expect(next.channels[0].details).not.toMatch(/кэш/);
    expect(stockPushes(sandboxes).wb).toBe(30);
  });
});
