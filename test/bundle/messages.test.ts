/**
 * What a seller reads (SPEC 7): marketplace text never repeats a stored key, a key an HTTP header
 * cannot carry is refused when entered, and an over-long settings field gets a Russian error.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_SANDBOX } from '../../dev/sandbox/ozon';
import { YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import { journal, openShop, shopSettings, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const MEGABYTE = 'x'.repeat(1024 * 1024);

it('a marketplace error that echoes the Api-Key shows «…» in the journal, the last tasks and the answer', () => {
  const { g, book } = openShop(sandboxes, 3);
  sandboxes.control('ozon', 'fault', {
    kind: 'status',
    status: 400,
    echo: true,
    count: 1,
    path: '/v2/products/stocks',
  });
  const result = plain(g.fn.sendStocks('sidebar'));
  const ozon = result.channels.find((c: any) => c.channel === 'Ozon');
  expect(ozon.status).toBe('Ошибка');
  expect(ozon.details).toContain('api-key: …');
  const everything = JSON.stringify([journal(book), plain(g.fn.getState()).tasks, result]);
  expect(everything).not.toContain(OZON_SANDBOX.apiKey);
});

it('testConnection never repeats the key a marketplace echoed', () => {
  const { g } = openShop(sandboxes, 1);
  sandboxes.control('yandex', 'fault', { kind: 'status', status: 400, echo: true, count: 1, path: '/v2/campaigns' });
  const result = plain(g.fn.testConnection('ym'));
  expect(result.ok).toBe(false);
  expect(result.error).toContain('api-key: …');
  expect(result.error).not.toContain(YM_SANDBOX.apiKey);
});

it('a key with characters an HTTP header cannot carry is refused in Russian, and nothing is stored', () => {
  const { g } = openShop(sandboxes, 1, { connect: false });
  for (const apiKey of ['ключ-из-кабинета', 'abc\u00a0def', 'abc\ndef', '«abcdef»']) {
    const result = plain(g.fn.setCredentials('ym', { apiKey }));
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^Яндекс Маркет: Ключ содержит символы/) });
  }
  expect(plain(g.fn.getState()).connections.find((c: any) => c.channelId === 'ym').status).toBe('not-connected');
  expect(plain(g.fn.setCredentials('ym', { apiKey: ' ACMA:abc-123 ' })).ok).toBe(true);
});

it('a megabyte in a settings field gets a Russian error that names the limit, and the saved settings stay', () => {
  const { g } = openShop(sandboxes, 1);
  const cases: [(s: any) => void, string][] = [
    [(s) => (s.channels[0].rule = { type: 'conditions', conditions: [], otherwise: MEGABYTE }), '500'],
    [(s) => (s.channels[0].target = { warehouseId: MEGABYTE }), '64'],
    [(s) => (s.channels[0].filter = { header: 'Наименование', op: 'contains', value: MEGABYTE }), '200'],
    [(s) => (s.channels[0].name = MEGABYTE), '100'],
    [(s) => (s.warehouses[0].column = MEGABYTE), '100'],
  ];
  for (const [spoil, limit] of cases) {
    const settings = shopSettings();
    spoil(settings);
    const result = plain(g.fn.saveSettings(settings));
    expect(result.ok).toBe(false);
    expect(result.errors[0].message).toMatch(new RegExp(`длиннее ${limit} символов$`));
  }
  expect(plain(g.fn.getState()).settings.channels[0].target.warehouseId).toBe(
    shopSettings().channels[0].target?.warehouseId,
  );
});
