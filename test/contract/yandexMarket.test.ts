/** The Yandex Market connector against the YM sandbox, checked against the official OpenAPI. */

import { YM_CAMPAIGNS, YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import { ConnectorError } from '../../src/connectors/http';
import { YandexMarketConnector } from '../../src/connectors/yandexMarket';
import { requestsTo, skus, useSandboxes } from './sandbox';

jest.setTimeout(60_000);
const env = useSandboxes();
const CAMPAIGN = String(YM_CAMPAIGNS[0].id);

function connector(overrides: Partial<ConstructorParameters<typeof YandexMarketConnector>[0]> = {}) {
  const s = env.get();
  return new YandexMarketConnector(
    {
      channel: 'Яндекс Маркет',
      credentials: YM_SANDBOX,
      campaignId: CAMPAIGN,
      businessId: String(YM_SANDBOX.businessId),
      ...overrides,
    },
    s.http(),
    s.clock.timer(),
  );
}

it('lists campaigns with their business for setup', () => {
  expect(connector({ campaignId: undefined }).listTargets()).toEqual([
    { id: CAMPAIGN, name: YM_CAMPAIGNS[0].domain, note: 'FBS', businessId: String(YM_SANDBOX.businessId) },
  ]);
});

it('sets 5,000 SKUs in 3 requests (2,000 a request, 2 in parallel) and reads them back; 0 is sent as 0', () => {
  const s = env.get();
  const ids = skus(5000);
  s.control('yandex', 'seed', { offers: ids });
  const started = s.clock.now();
  const outcomes = connector().setStocks(ids.map((id, i) => ({ id, amount: i % 5 })));
  expect(outcomes.every((o) => o.accepted)).toBe(true);
  expect(requestsTo(s, 'yandex', 'PUT', `/v2/campaigns/${CAMPAIGN}/offers/stocks`).map((r) => r.items)).toEqual([
    2000, 2000, 1000,
  ]);
  expect(s.clock.now() - started).toBe(0);
  const back = connector().readStocks(ids);
  expect(back.size).toBe(5000);
  expect(back.get(ids[5])).toBe(0);
  expect(back.get(ids[7])).toBe(2);
});

it("a bad SKU rejects its whole request with the marketplace's reason; other requests go through", () => {
  const s = env.get();
  const ids = skus(2500);
  s.control('yandex', 'seed', { offers: ids.slice(0, 2400) });
  const outcomes = connector().setStocks(ids.map((id) => ({ id, amount: 1 })));
  expect(outcomes.slice(0, 2000).every((o) => o.accepted)).toBe(true);
  const rejected = outcomes.slice(2000);
  expect(rejected.every((o) => !o.accepted && !o.retryLater)).toBe(true);
  expect(rejected[0].reason).toMatch(/^Яндекс Маркет отклонил весь запрос: BAD_REQUEST: Offers not found: SKU-02400/);
});

it('honours HTTP 420 with X-RateLimit-Resource-Until', () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A'] });
  s.control('yandex', 'fault', { kind: 'status', status: 420, retryAfterSec: 12, count: 1 });
  const started = s.clock.now();
  expect(connector().setStocks([{ id: 'A', amount: 0 }])).toEqual([{ id: 'A', accepted: true }]);
  expect(s.clock.now() - started).toBeGreaterThanOrEqual(12_000);
});

it('leaves items to the next run when the 420s do not stop', () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A'] });
  s.control('yandex', 'fault', { kind: 'status', status: 420, retryAfterSec: 1, count: 10 });
  const [outcome] = connector().setStocks([{ id: 'A', amount: 1 }]);
  expect(outcome).toEqual({
    id: 'A',
    accepted: false,
    retryLater: true,
    reason: 'площадка просит реже (лимит запросов), повторим в следующий раз',
  });
  s.control('yandex', 'clear-faults');
});

it('names the channel when the key is wrong', () => {
  expect(() => connector({ credentials: { apiKey: 'bad' } }).listTargets()).toThrow(
    new ConnectorError(
      'auth',
      'Яндекс Маркет: неверный ключ или нет прав (HTTP 401). Проверьте ключ и его права в кабинете площадки.',
    ),
  );
});

it('reads business orders 50 a page, statuses mapped', () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A', 'B'] });
  const from = s.clock.now();
  for (let i = 1; i <= 120; i++)
    s.control('yandex', 'order', { orderId: i, items: [{ offerId: i % 2 ? 'A' : 'B', count: 2 }] });
  s.control('yandex', 'order', { orderId: 2, status: 'DELIVERY', substatus: 'DELIVERY_SERVICE_RECEIVED' });
  s.control('yandex', 'order', { orderId: 3, status: 'CANCELLED', substatus: 'USER_CHANGED_MIND' });
  s.clock.advance(1000);
  const lines = connector().listOrders(from, s.clock.now());
  expect(lines).toHaveLength(120);
  expect(requestsTo(s, 'yandex', 'POST', `/v1/businesses/${YM_SANDBOX.businessId}/orders`)).toHaveLength(3);
  const byId = new Map(lines.map((l) => [l.orderId, l]));
  expect(byId.get('1')).toMatchObject({ status: 'new', itemIds: ['A'], quantity: 2 });
  expect(byId.get('2')).toMatchObject({ status: 'shipped', rawStatus: 'DELIVERY' });
  expect(byId.get('3')).toMatchObject({ status: 'cancelled' });
});
