/**
 * The connection card's state (SPEC 7, issue 14 «honest states»): a saved key is «не проверен» until
 * «Проверить подключение» or a run checks it; the outcome and its time are kept in document properties
 * without any secret, and a key that failed is never shown as connected.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_SANDBOX, OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import { openShop, openShopWithReserves, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const connection = (g: ReturnType<typeof openShop>['g'], id: string) =>
  plain(g.fn.getState()).connections.find((c: { channelId: string }) => c.channelId === id);

it('a saved key reads «не проверен» until checked, then «проверено …» with the time; a new key is unchecked again', () => {
  const { g } = openShop(sandboxes, 3);
  const warehouse = OZON_WAREHOUSES[0].warehouse_id;
  expect(connection(g, 'ozon')).toEqual({
    channelId: 'ozon',
    status: 'connected',
    check: 'unchecked',
    text: `ключ сохранён, не проверен (…-key); склад ${warehouse}`,
  });
  sandboxes.clock.set(Date.parse('2026-12-01T07:00:00Z'));
  expect(g.fn.testConnection('ozon').ok).toBe(true);
  expect(connection(g, 'ozon')).toMatchObject({
    check: 'ok',
    // The check listed the warehouses: the card names the chosen one, not its number.
    text: `проверено 01.12.2026 10:00, склад «${OZON_WAREHOUSES[0].name}»; ключ …-key`,
  });
  expect(JSON.parse(g.properties.document.data.get('check.ozon')!)).toEqual({
    at: '2026-12-01T07:00:00.000Z',
    ok: true,
  });
  g.fn.setCredentials('ozon', OZON_SANDBOX);
  expect(connection(g, 'ozon').check).toBe('unchecked');
  expect(g.properties.document.data.has('check.ozon')).toBe(false);
});

it('a key that failed its check reads «ошибка: …», never «подключено»; the record holds no secret', () => {
  const { g } = openShop(sandboxes, 3);
  g.fn.setCredentials('ym', { apiKey: 'WRONG-SECRET-KEY-4321' });
  sandboxes.clock.set(Date.parse('2026-12-01T07:00:00Z'));
  expect(g.fn.testConnection('ym').ok).toBe(false);
  const state = connection(g, 'ym');
  expect(state.check).toBe('failed');
  expect(state.text).toMatch(/^ошибка: Яндекс Маркет: неверный ключ или нет прав \(HTTP 401\)/);
  expect(state.text).toContain('(проверка 01.12.2026 10:00); ключ …4321');
  expect(state.text).not.toContain('подключено');
  expect(JSON.stringify([...g.properties.document.data])).not.toContain('WRONG-SECRET');
  // Another editor sees the failure too: the record is the document's.
  g.properties.currentUser = 'editor@example.com';
  expect(connection(g, 'ym')).toMatchObject({ status: 'connected-by-other', check: 'failed' });
});

it('a run that meets a 401/403 records the failed check; a good key checked later reads «проверено»', () => {
  const { g } = openShop(sandboxes, 3);
  g.fn.setCredentials('ym', { apiKey: 'not-the-key' });
  sandboxes.clock.set(Date.parse('2026-12-01T07:30:00Z'));
  g.fn.sendStocks('sidebar');
  expect(connection(g, 'ym')).toMatchObject({ check: 'failed' });
  expect(connection(g, 'ym').text).toContain('HTTP 401');
  expect(connection(g, 'ym').text).toContain('(проверка 01.12.2026 10:30)');
  // A push the marketplace accepted is a check of the key as well: «проверено» at the run's time.
  expect(connection(g, 'ozon').check).toBe('ok');
  expect(connection(g, 'ozon').text).toContain('проверено 01.12.2026 10:30');
  g.fn.setCredentials('ym', YM_SANDBOX);
  expect(g.fn.testConnection('ym').ok).toBe(true);
  expect(connection(g, 'ym')).toMatchObject({ check: 'ok' });
});

it('a key that failed and then sent successfully reads «проверено» without «Проверить подключение»', () => {
  const { g } = openShop(sandboxes, 3);
  g.fn.setCredentials('ym', { apiKey: 'not-the-key' });
  sandboxes.clock.set(Date.parse('2026-12-01T07:30:00Z'));
  g.fn.sendStocks('sidebar');
  expect(connection(g, 'ym').check).toBe('failed');
  expect(g.fn.getState().tasks.find((t: any) => t.channel === 'Яндекс Маркет').status).toBe('Ошибка');
  g.fn.setCredentials('ym', YM_SANDBOX);
  sandboxes.clock.set(Date.parse('2026-12-01T07:45:00Z'));
  const sent = g.fn.sendStocks('sidebar');
  expect(sent.channels.find((c: any) => c.channel === 'Яндекс Маркет')).toMatchObject({ status: 'Выполнено' });
  expect(connection(g, 'ym')).toMatchObject({ check: 'ok' });
  expect(connection(g, 'ym').text).toContain('проверено 01.12.2026 10:45');
  // A later accepted push writes nothing more: the record already says the key works.
  const before = g.properties.document.data.get('check.ym');
  sandboxes.clock.set(Date.parse('2026-12-01T08:00:00Z'));
  g.fn.sendStocks('sidebar');
  expect(g.properties.document.data.get('check.ym')).toBe(before);
});

it('a 401 while pulling orders records the failed check too, when the run has nothing to send', () => {
  const { g } = openShopWithReserves(sandboxes, 3);
  g.fn.setCredentials('ym', { apiKey: 'revoked-key' });
  sandboxes.clock.set(Date.parse('2026-12-01T08:00:00Z'));
  g.fn.runScheduledSync();
  expect(connection(g, 'ym')).toMatchObject({ check: 'failed' });
  expect(connection(g, 'ym').text).toContain('HTTP 401');
  expect(connection(g, 'ym').text).toContain('(проверка 01.12.2026 11:00)');
  expect(JSON.stringify([...g.properties.document.data])).not.toContain('revoked-key');
});
