/**
 * setCredentials, testConnection and getState through dist/Code.js, with UrlFetchApp going to the
 * sandbox marketplaces: keys stay in the caller's user properties and appear nowhere else.
 */
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import { OZON_SANDBOX, OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { WB_SANDBOX, WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
import { YM_CAMPAIGNS, YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import { type Gas, loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { workedExampleReserves, workedExampleSettings, workedExampleStock } from '../fixtures/workedExample';

jest.setTimeout(60_000);
let sandboxes: Sandboxes;
beforeAll(async () => {
  sandboxes = await startSandboxes();
}, 60_000);
afterAll(async () => {
  await sandboxes?.stop();
});

function bundle(): Gas {
  for (const m of ['ozon', 'wb', 'yandex'] as const) sandboxes.control(m, 'reset');
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', workedExampleStock);
  book.addSheet('Резервы', workedExampleReserves);
  const g = loadBundle({ book, sandboxes });
  expect(g.fn.saveSettings(workedExampleSettings).ok).toBe(true);
  return g;
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

it("stores keys in the caller's user properties and shows only «ключ сохранён, не проверен (…)»", () => {
  const g = bundle();
  expect(plain(g.fn.setCredentials('ozon', { clientId: ' 1001 ', apiKey: OZON_SANDBOX.apiKey }))).toEqual({
    ok: true,
    connection: {
      channelId: 'ozon',
      status: 'connected',
      check: 'unchecked',
      text: 'ключ сохранён, не проверен (…-key); склад не выбран',
    },
  });
  const owner = g.properties.users.get('owner@example.com');
  expect(JSON.parse(owner!.data.get('credentials.ozon')!)).toEqual(OZON_SANDBOX);
  const state = plain(g.fn.getState());
  expect(state.connections).toEqual([
    {
      channelId: 'ozon',
      status: 'connected',
      check: 'unchecked',
      text: 'ключ сохранён, не проверен (…-key); склад не выбран',
    },
    { channelId: 'wb', status: 'not-connected', text: 'не подключено; склад не выбран' },
    { channelId: 'ym', status: 'not-connected', text: 'не подключено; магазин не выбран' },
    { channelId: 'site', status: 'manual', text: 'ручной канал: только расчёт' },
  ]);
  // Another editor sees that the channel is connected, not the key, and has none of their own.
  g.properties.currentUser = 'editor@example.com';
  expect(plain(g.fn.getState()).connections[0]).toEqual({
    channelId: 'ozon',
    status: 'connected-by-other',
    check: 'unchecked',
    text: 'ключ другого пользователя сохранён, не проверен (…-key); склад не выбран; отправка идёт от его имени',
  });
  expect(plain(g.fn.testConnection('ozon'))).toEqual({
    ok: false,
    channelId: 'ozon',
    reason: 'key',
    error: 'Ozon: ключ ещё не сохранён — введите его в карточке канала и нажмите «Проверить подключение»',
  });
});

it('refuses bad credentials with a clear message and stores nothing', () => {
  const g = bundle();
  expect(plain(g.fn.setCredentials('ozon', { clientId: 'abc', apiKey: 'x' }))).toEqual({
    ok: false,
    error: 'Ozon: Client-Id Ozon — это число из кабинета (Настройки → Seller API)',
  });
  expect(plain(g.fn.setCredentials('site', { apiKey: 'x' }))).toEqual({
    ok: false,
    error: 'Сайт: У ручного канала нет подключения к площадке: он только считается в таблице',
  });
  expect(plain(g.fn.setCredentials('nope', { apiKey: 'x' }))).toEqual({
    ok: false,
    error: 'Канала с кодом «nope» нет в сохранённых настройках: сначала сохраните настройки',
  });
  expect(g.properties.users.get('owner@example.com')?.data.size ?? 0).toBe(0);
});

it('testConnection lists Ozon warehouses, Wildberries warehouses (and caches chrtIds), Yandex Market campaigns', () => {
  const g = bundle();
  sandboxes.control('wb', 'seed', {
    items: [
      { vendorCode: '=SUM(1)', sizes: [['0460000000017']] },
      { vendorCode: 'A-1', sizes: [['4600000000024']] },
    ],
  });
  g.fn.setCredentials('ozon', OZON_SANDBOX);
  g.fn.setCredentials('wb', { token: `Bearer ${WB_SANDBOX.token}` });
  g.fn.setCredentials('ym', YM_SANDBOX);
  expect(plain(g.fn.testConnection('ozon'))).toMatchObject({
    ok: true,
    targets: OZON_WAREHOUSES.map((w) => ({ id: String(w.warehouse_id), name: w.name })),
  });
  expect(plain(g.fn.testConnection('wb'))).toMatchObject({
    ok: true,
    targets: WB_WAREHOUSES.map((w) => ({ id: String(w.id) })),
    note: 'карточек Wildberries (размеров): 2',
  });
  expect(plain(g.fn.testConnection('ym'))).toMatchObject({
    ok: true,
    targets: [{ id: String(YM_CAMPAIGNS[0].id), businessId: String(YM_SANDBOX.businessId) }],
  });
  const cache = g.book.sheet('_WB chrtId');
  expect(cache.hidden).toBe(true);
  const rows = cache.dump();
  expect(rows[0]).toEqual(['Канал', 'chrtId', 'nmID', 'Артикул продавца', 'Баркоды', 'Обновлено']);
  // Marketplace text is written as text: no formula, and the barcode keeps its leading zero.
  expect(rows[1].slice(0, 5)).toEqual(['wb', expect.any(Number), expect.any(Number), '=SUM(1)', '0460000000017']);
  expect(cache.formulas.size).toBe(0);
  expect(g.urlFetch!.calls).toBeGreaterThanOrEqual(4);
});

it('a wrong key names the channel: «неверный ключ или нет прав»', () => {
  const g = bundle();
  g.fn.setCredentials('ym', { apiKey: 'wrong-key' });
  expect(plain(g.fn.testConnection('ym'))).toEqual({
    ok: false,
    channelId: 'ym',
    reason: 'refused',
    error: 'Яндекс Маркет: неверный ключ или нет прав (HTTP 401). Проверьте ключ и его права в кабинете площадки.',
  });
});

it('no secret reaches a cell, a document property, a log line or anything returned to the sidebar', () => {
  const g = bundle();
  const secrets = { ozon: 'OZON-SECRET-7f3e9a', wb: 'WB-SECRET-TOKEN-55c1', ym: 'YM-SECRET-KEY-0d2b' };
  const returned: unknown[] = [];
  returned.push(g.fn.setCredentials('ozon', { clientId: '1001', apiKey: secrets.ozon }));
  returned.push(g.fn.setCredentials('wb', { token: secrets.wb }));
  returned.push(g.fn.setCredentials('ym', { apiKey: secrets.ym }));
  returned.push(g.fn.testConnection('ozon'), g.fn.testConnection('wb'), g.fn.testConnection('ym'));
  returned.push(g.fn.getState(), g.fn.recalculate(), g.fn.saveSettings(workedExampleSettings));
  const leaks = (text: string) =>
    Object.values(secrets).filter((s) => text.includes(s) || text.includes(s.slice(0, 12)));
  expect(leaks(JSON.stringify(returned))).toEqual([]);
  for (const sheet of g.book.sheets) expect(leaks(JSON.stringify(sheet.dump()))).toEqual([]);
  expect(leaks(JSON.stringify([...g.properties.document.data]))).toEqual([]);
  expect(leaks(JSON.stringify(g.logs))).toEqual([]);
  expect(leaks(JSON.stringify(g.book.toasts))).toEqual([]);
  // The keys did go where they belong: the owner's user properties, and the marketplace's headers.
  expect(leaks(JSON.stringify([...g.properties.users.get('owner@example.com')!.data]))).toHaveLength(3);
  expect(g.urlFetch!.sent.every((r) => !leaks(r.url).length && !leaks(r.payload ?? '').length)).toBe(true);
});
