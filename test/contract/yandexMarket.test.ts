/** The Yandex Market connector against the YM sandbox, every request and answer checked against YM_API. */

import { YM_CAMPAIGNS, YM_RETURNS_WAREHOUSE_ID, YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import { ConnectorError } from '../../src/connectors/http';
import { YandexMarketConnector, YM_LIMITS } from '../../src/connectors/yandexMarket';
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
    {
      id: CAMPAIGN,
      name: YM_CAMPAIGNS[0].domain,
      note: 'свой склад, доставляет Маркет',
      businessId: String(YM_SANDBOX.businessId),
    },
  ]);
});

const STOCKS = `/v2/campaigns/${CAMPAIGN}/offers/stocks`;
const APPLY_DELAY_MS = 5 * 60_000;

it('sets 5,000 SKUs in 3 requests (2,000 a request, 2 in parallel); reads show them only after the apply delay, 500 SKUs a read', () => {
  const s = env.get();
  const ids = skus(5000);
  s.control('yandex', 'seed', { offers: ids });
  const started = s.clock.now();
  const outcomes = connector().setStocks(ids.map((id, i) => ({ id, amount: i % 5 })));
  expect(outcomes.every((o) => o.accepted)).toBe(true);
  expect(requestsTo(s, 'yandex', 'PUT', STOCKS).map((r) => r.items)).toEqual([2000, 2000, 1000]);
  expect(s.clock.now() - started).toBe(0);
  // «Данные в каталоге обновляются не мгновенно»: never stocked before, so still unknown, not 0.
  expect(connector().readStocks(ids).size).toBe(0);
  s.clock.advance(APPLY_DELAY_MS);
  const back = connector().readStocks(ids);
  expect(back.size).toBe(5000);
  expect(back.get(ids[5])).toBe(0);
  expect(back.get(ids[7])).toBe(2);
  // offerIds 500 a request, and no limit/pageToken with them (the sandbox refuses those with 400).
  expect(requestsTo(s, 'yandex', 'POST', STOCKS).map((r) => r.items)).toEqual([
    ...Array(10).fill(500),
    ...Array(10).fill(500),
  ]);
});

it("reads AVAILABLE of the seller's own warehouse: not FIT (with reserved units), not the returns warehouse", () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A', 'B'] });
  s.control('yandex', 'set-stock', { offerId: 'A', count: 7, freeze: 3 });
  s.control('yandex', 'returns', { offerId: 'A', count: 5 });
  const [raw] = s.send([
    {
      method: 'post',
      url: s.route(`https://api.partner.market.yandex.ru${STOCKS}`) as string,
      headers: { 'Api-Key': YM_SANDBOX.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ offerIds: ['A'] }),
    },
  ]);
  const warehouses = JSON.parse(raw.text).result.warehouses;
  expect(warehouses.map((w: { warehouseId: number }) => w.warehouseId)).toContain(YM_RETURNS_WAREHOUSE_ID);
  expect(s.control('yandex', 'stock-detail', { offerId: 'A' })).toEqual({ AVAILABLE: 7, FREEZE: 3, FIT: 10 });
  // B is in the catalogue with no stock entries at all: unknown, never 0.
  expect(connector().readStocks(['A', 'B', 'NOT-IN-CATALOGUE'])).toEqual(new Map([['A', 7]]));
});

it("looks up the seller's warehouses once per connector; without the business it says what to do", () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A'] });
  s.control('yandex', 'set-stock', { offerId: 'A', count: 1 });
  const c = connector();
  c.readStocks(['A']);
  c.readStocks(['A']);
  expect(requestsTo(s, 'yandex', 'POST', `/v2/businesses/${YM_SANDBOX.businessId}/warehouses`)).toHaveLength(1);
  expect(() => connector({ businessId: undefined }).readStocks(['A'])).toThrow(
    new ConnectorError('config', 'Яндекс Маркет: не известен кабинет (businessId) — нажмите «Проверить подключение»'),
  );
});

it('configure {applyDelayMs: 0} shows a push at once; reset restores the 5-minute default', () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A'] });
  s.control('yandex', 'configure', { applyDelayMs: 0 });
  connector().setStocks([{ id: 'A', amount: 4 }]);
  expect(connector().readStocks(['A'])).toEqual(new Map([['A', 4]]));
  s.control('yandex', 'reset');
  s.control('yandex', 'seed', { offers: ['A'] });
  s.control('yandex', 'set-stock', { offerId: 'A', count: 4 });
  connector().setStocks([{ id: 'A', amount: 9 }]);
  s.clock.advance(APPLY_DELAY_MS - 1000);
  expect(connector().readStocks(['A']).get('A')).toBe(4);
  s.clock.advance(1000);
  expect(connector().readStocks(['A']).get('A')).toBe(9);
});

it("a buyer's order moves AVAILABLE to FREEZE at once and reaches the orders list 30 s later, PROCESSING", () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A'] });
  s.control('yandex', 'set-stock', { offerId: 'A', count: 10 });
  const from = s.clock.now();
  const { orderId } = s.control('yandex', 'buyer-order', { id: 'A', quantity: 3 });
  expect(connector().readStocks(['A']).get('A')).toBe(7);
  expect(s.control('yandex', 'stock-detail', { offerId: 'A' })).toEqual({ AVAILABLE: 7, FREEZE: 3, FIT: 10 });
  s.clock.advance(29_000);
  expect(connector().listOrders(from, s.clock.now())).toEqual([]);
  s.clock.advance(1_000);
  expect(connector().listOrders(from, s.clock.now())).toEqual([
    expect.objectContaining({
      orderId: String(orderId),
      itemIds: ['A'],
      quantity: 3,
      status: 'new',
      rawStatus: 'PROCESSING',
    }),
  ]);
});

it('ship: DELIVERY, the reserved units leave (FREEZE decreases); cancel: CANCELLED, the units are for sale again', () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A'] });
  s.control('yandex', 'set-stock', { offerId: 'A', count: 10 });
  s.control('yandex', 'configure', { orderDelayMs: 0 });
  const from = s.clock.now();
  const shipped = s.control('yandex', 'buyer-order', { id: 'A', quantity: 2 }).orderId;
  const cancelled = s.control('yandex', 'buyer-order', { id: 'A', quantity: 3 }).orderId;
  s.control('yandex', 'ship', { orderId: shipped });
  expect(s.control('yandex', 'stock-detail', { offerId: 'A' })).toEqual({ AVAILABLE: 5, FREEZE: 3, FIT: 8 });
  s.control('yandex', 'cancel', { orderId: cancelled });
  expect(s.control('yandex', 'stock-detail', { offerId: 'A' })).toEqual({ AVAILABLE: 8, FREEZE: 0, FIT: 8 });
  expect(connector().readStocks(['A']).get('A')).toBe(8);
  s.clock.advance(1000);
  const byId = new Map(
    connector()
      .listOrders(from, s.clock.now())
      .map((l) => [l.orderId, l]),
  );
  expect(byId.get(String(shipped))).toMatchObject({ status: 'shipped', rawStatus: 'DELIVERY' });
  expect(byId.get(String(cancelled))).toMatchObject({ status: 'cancelled', rawStatus: 'CANCELLED' });
});

it('answers 420 with X-RateLimit-Resource-* past a limit of the spec (getPagedWarehouses: 100 an hour)', () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A'] });
  s.control('yandex', 'set-stock', { offerId: 'A', count: 1 });
  for (let i = 0; i < 100; i++) connector().readStocks(['A']);
  const [raw] = s.send([
    {
      method: 'post',
      url: s.route(`https://api.partner.market.yandex.ru/v2/businesses/${YM_SANDBOX.businessId}/warehouses`) as string,
      headers: { 'Api-Key': YM_SANDBOX.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ campaignIds: [Number(CAMPAIGN)] }),
    },
  ]);
  expect(raw.status).toBe(420);
  expect(JSON.parse(raw.text)).toEqual({
    status: 'ERROR',
    errors: [expect.objectContaining({ code: 'HIT_RATE_LIMIT' })],
  });
  const headers = Object.fromEntries(Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  expect(Date.parse(headers['x-ratelimit-resource-until'])).toBeGreaterThan(s.clock.now());
  expect(headers).toMatchObject({ 'x-ratelimit-resource-remaining': '0', 'x-ratelimit-resource-limit': '100' });
  // The next connector cannot wait an hour: the read fails as a rate limit, nothing is guessed.
  expect(() => connector().readStocks(['A'])).toThrow(expect.objectContaining({ kind: 'rate' }));
});

const putStocks = (s: ReturnType<typeof env.get>, skus: { sku: string; items: { count: unknown }[] }[]) =>
  s.send([
    {
      method: 'put',
      url: s.route(`https://api.partner.market.yandex.ru${STOCKS}`) as string,
      headers: { 'Api-Key': YM_SANDBOX.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ skus }),
    },
  ])[0];

it("the sandbox refuses a whole updateStocks with the spec's 400 (ApiErrorResponse) for an unknown offer or a count out of range", () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A', 'B'] });
  s.control('yandex', 'configure', { applyDelayMs: 0 });
  const unknown = putStocks(s, [
    { sku: 'A', items: [{ count: 1 }] },
    { sku: 'NOT-IN-CATALOGUE', items: [{ count: 1 }] },
  ]);
  expect(unknown.status).toBe(400);
  expect(JSON.parse(unknown.text)).toEqual({
    status: 'ERROR',
    errors: [{ code: 'BAD_REQUEST', message: expect.stringContaining('NOT-IN-CATALOGUE') }],
  });
  const outOfRange = putStocks(s, [
    { sku: 'A', items: [{ count: 1 }] },
    { sku: 'B', items: [{ count: 2_000_000_001 }] },
  ]);
  expect(outOfRange.status).toBe(400);
  expect(JSON.parse(outOfRange.text)).toEqual({
    status: 'ERROR',
    errors: [{ code: 'BAD_REQUEST', message: expect.stringContaining('count must be <= 2000000000') }],
  });
  // Nothing of either request was taken, A included.
  expect(s.control('yandex', 'stock', { offerId: 'A' })).toBeNull();
  // A count out of range is off the spec: recorded as a violation (the connector never sends one, it caps).
  expect(s.control('yandex', 'violations')).toHaveLength(1);
  s.control('yandex', 'clear-log');
});

it('splits a refused batch until the unknown SKUs stand alone: the others are accepted, the bad ones named, O(bad·log n) requests', () => {
  const s = env.get();
  const ids = skus(2500);
  const bad = [3, 777, 1999, 2000, 2444];
  s.control('yandex', 'seed', { offers: ids.filter((_, i) => !bad.includes(i)) });
  const outcomes = connector().setStocks(ids.map((id) => ({ id, amount: 1 })));
  expect(outcomes.filter((o) => o.accepted)).toHaveLength(2495);
  for (const i of bad)
    expect(outcomes[i]).toEqual({
      id: ids[i],
      accepted: false,
      retryLater: false,
      reason: `нет в каталоге Маркета: SKU должен в точности совпадать с каталогом (BAD_REQUEST: Offers not found: ${ids[i]})`,
    });
  const puts = requestsTo(s, 'yandex', 'PUT', STOCKS);
  expect(puts.length).toBeLessThanOrEqual(2 + 2 * bad.length * Math.ceil(Math.log2(2000)));
  expect(puts.filter((p) => p.status === 420)).toEqual([]);
});

it('a catalogue the Market refuses whole costs a bounded number of requests; what was not told apart is retried next run', () => {
  const s = env.get();
  const ids = skus(2000);
  const outcomes = connector().setStocks(ids.map((id) => ({ id, amount: 1 })));
  expect(outcomes.every((o) => !o.accepted)).toBe(true);
  expect(requestsTo(s, 'yandex', 'PUT', STOCKS).length).toBeLessThanOrEqual(1 + YM_LIMITS.maxSplitRequests);
  const unresolved = outcomes.filter((o) => o.retryLater);
  expect(unresolved.length).toBeGreaterThan(0);
  expect(unresolved[0].reason).toMatch(/^Яндекс Маркет отклонил запрос из \d+ товаров, среди них есть отклонённые/);
});

it('a run out of time sends nothing and leaves every item for the next run', () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A', 'B'] });
  const outcomes = connector({ deadline: s.clock.now() }).setStocks([
    { id: 'A', amount: 1 },
    { id: 'B', amount: Number.NaN },
  ]);
  expect(outcomes).toEqual([
    {
      id: 'A',
      accepted: false,
      notSent: true,
      retryLater: true,
      reason: 'не отправлено: время запуска вышло, продолжим в следующем запуске',
    },
    { id: 'B', accepted: false, reason: 'количество не число, не отправлено' },
  ]);
  expect(requestsTo(s, 'yandex', 'PUT', STOCKS)).toEqual([]);
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

it('refuses limit or pageToken together with offerIds, as the spec says not to fill them', () => {
  const s = env.get();
  s.control('yandex', 'seed', { offers: ['A'] });
  const [raw] = s.send([
    {
      method: 'post',
      url: s.route(`https://api.partner.market.yandex.ru${STOCKS}?limit=200`) as string,
      headers: { 'Api-Key': YM_SANDBOX.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ offerIds: ['A'] }),
    },
  ]);
  expect(raw.status).toBe(400);
  expect(raw.text).toContain('With offerIds do not fill limit');
});
