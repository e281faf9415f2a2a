/**
 * The two editions continue a cut run differently (SPEC 6, 7), through dist/Code.js on the
 * simulated clock. A bound script sets a one-off trigger, but only from the owner's runs (a trigger
 * an editor made would run as that editor); an add-on may have one time-driven trigger per user and
 * document, so its continuation waits for the hourly run, and the sidebar says so.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_SANDBOX, OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { WB_SANDBOX } from '../../dev/sandbox/wildberries';
import { YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import { type Gas, loadBundle } from '../fakes/gas';
import { clearLogs, openShop, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const MINUTE = 60_000;
const N = 300;
const ozonStock = (i: number) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: OZON_WAREHOUSES[0].warehouse_id })?.present;

/** Ozon and Wildberries keep asking to wait a minute: a «send everything» of 300 items runs out of time. */
function rateLimitStorm(): void {
  sandboxes.control('ozon', 'fault', {
    kind: 'status',
    status: 429,
    retryAfterSec: 60,
    count: 5,
    path: '/v2/products/stocks',
  });
  sandboxes.control('wb', 'fault', {
    kind: 'status',
    status: 429,
    retryAfterSec: 60,
    count: 3,
    path: '/api/v3/stocks',
  });
}

/**
 * What a cut run's journal rows say each marketplace accepted; a channel the run never reached
 * before its deadline has no row (its items wait for the continuation), so it accepted none.
 */
function acceptedByMarketplace(result: { channels: { channel: string; accepted: number }[] }): number {
  const names = ['Ozon', 'Wildberries', 'Яндекс Маркет'];
  const rows = result.channels.filter((c) => names.includes(c.channel));
  expect(rows.length).toBeGreaterThan(0);
  return rows.reduce((sum, c) => sum + c.accepted, 0);
}

/**
 * Items in pushes the marketplaces took (2xx): a push the rest of the 429 storm refused and the
 * scheduler sent again is one push of its items, not two — how much of the storm is left for the
 * next run depends on where the first run's deadline fell.
 */
function takenPushes(): number {
  const taken = (m: 'ozon' | 'wb' | 'yandex', test: (e: { method: string; path: string }) => boolean) =>
    (sandboxes.control(m, 'log') as { method: string; path: string; status: number; items: number }[])
      .filter((e) => test(e) && e.status >= 200 && e.status < 300)
      .reduce((sum, e) => sum + e.items, 0);
  return (
    taken('ozon', (e) => e.path === '/v2/products/stocks') +
    taken('wb', (e) => e.method === 'PUT' && e.path.startsWith('/api/v3/stocks/')) +
    taken('yandex', (e) => e.method === 'PUT' && /\/offers\/stocks$/.test(e.path))
  );
}

/** Everything of the cut run reached the marketplaces and «_Отправлено», and nothing is left waiting. */
function expectCompleted(g: Gas): void {
  expect(g.book.sheet('_Отправлено').dump()).toHaveLength(1 + 3 * N);
  for (const i of [0, 150, 299]) expect(ozonStock(i)).toBe(10 + (i % 7));
  expect(plain(g.fn.getState())).toMatchObject({ continues: false, continuesBy: null });
}

describe('bound script', () => {
  it("the owner's cut run continues by a one-off trigger of the owner's", () => {
    const { g } = openShop(sandboxes, N);
    expect(plain(g.fn.installTriggers()).ok).toBe(true);
    rateLimitStorm();
    const first = plain(g.fn.sendStocks('sidebar'));
    expect(first).toMatchObject({
      status: 'continues',
      message: 'Не всё успело уйти за один запуск: продолжение запустится само через минуту.',
    });
    expect(g.scriptApp.triggers.filter((t) => t.handler === 'continueSync')).toEqual([
      expect.objectContaining({ type: 'CLOCK', afterMs: MINUTE, owner: 'owner@example.com' }),
    ]);
    expect(plain(g.fn.getState())).toMatchObject({ continues: true, continuesBy: 'trigger' });
    sandboxes.clock.advance(MINUTE);
    expect(plain(g.fn.continueSync()).status).toBe('done');
    expectCompleted(g);
  });

  it("an editor's cut run makes no trigger: the owner's next scheduled run continues it", () => {
    const { g } = openShop(sandboxes, N);
    g.fn.installTriggers();
    // The editor has keys of their own, so their press sends — until time runs out.
    g.properties.currentUser = 'manager@example.com';
    g.fn.setCredentials('ozon', OZON_SANDBOX);
    g.fn.setCredentials('wb', WB_SANDBOX);
    g.fn.setCredentials('ym', YM_SANDBOX);
    rateLimitStorm();
    const asEditor = plain(g.fn.sendStocks('sidebar'));
    expect(asEditor).toMatchObject({
      status: 'continues',
      message:
        'Не всё успело уйти за один запуск: остальное отправит следующий запуск по расписанию от имени владельца.',
    });
    // A trigger the editor made would run as the editor: none is made, by anyone.
    expect(g.scriptApp.triggers.filter((t) => t.handler === 'continueSync')).toEqual([]);
    expect(plain(g.fn.getState())).toMatchObject({ continues: true, continuesBy: 'owner' });
    const accepted = acceptedByMarketplace(asEditor);
    g.properties.currentUser = 'owner@example.com';
    sandboxes.clock.advance(60 * MINUTE);
    clearLogs(sandboxes);
    const owner = plain(g.fn.runScheduledSync());
    expect(owner.status).toBe('done');
    expectCompleted(g);
    // What the editor's run had accepted was not sent again, and the rest was sent once.
    expect(takenPushes()).toBe(3 * N - accepted);
  });
});

describe('editor add-on', () => {
  function openAddOn(): Gas {
    const shop = openShop(sandboxes, N);
    return loadBundle({ book: shop.book, properties: shop.g.properties, sandboxes, installation: 'WEB_STORE_ADD_ON' });
  }

  it('Google refuses an add-on a second time-driven trigger', () => {
    const g = openAddOn();
    g.fn.installTriggers();
    expect(() => g.scriptApp.newTrigger('continueSync').timeBased().after(MINUTE).create()).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account. Try deleting some.',
    );
  });

  it('a cut run makes no second time-driven trigger: the hourly run continues it, and the sidebar says so', () => {
    const g = openAddOn();
    expect(plain(g.fn.installTriggers()).everyMinutes).toBe(60);
    rateLimitStorm();
    const first = plain(g.fn.sendStocks('sidebar'));
    expect(first).toMatchObject({
      status: 'continues',
      message:
        'Не всё успело уйти за один запуск. Дополнению Google разрешает только один запуск по расписанию в час: остальное уйдёт со следующим ежечасным запуском (или нажмите «Отправить остатки»).',
    });
    expect(g.scriptApp.triggers.map((t) => [t.handler, t.type])).toEqual([
      ['runScheduledSync', 'CLOCK'],
      ['onEditInstalled', 'ON_EDIT'],
    ]);
    expect(plain(g.fn.getState())).toMatchObject({ continues: true, continuesBy: 'hourly' });
    const accepted = acceptedByMarketplace(first);
    sandboxes.clock.advance(60 * MINUTE);
    clearLogs(sandboxes);
    expect(plain(g.fn.runScheduledSync()).status).toBe('done');
    expectCompleted(g);
    expect(takenPushes()).toBe(3 * N - accepted);
    expect(g.scriptApp.triggers).toHaveLength(2);
  });
});
