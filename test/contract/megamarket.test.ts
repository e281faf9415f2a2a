/**
 * The MegaMarket connector against the MegaMarket sandbox, which checks every request and answer
 * against the project's description (src/connectors/megamarket.api.ts) and answers logical errors
 * as the legacy API does: HTTP 200 with `error`.
 */
import { MM_SANDBOX } from '../../dev/sandbox/megamarket';
import { ConnectorError } from '../../src/connectors/http';
import { MegaMarketConnector, MM_LIMITS } from '../../src/connectors/megamarket';
import { requestsTo, skus, useSandboxes } from './sandbox';

jest.setTimeout(60_000);
const env = useSandboxes();
const STOCKS = '/api/merchantIntegration/v1/offerService/stock/update';
const SEARCH = '/api/market/v1/orderService/order/search';
const GET = '/api/market/v1/orderService/order/get';

function connector(overrides: Partial<ConstructorParameters<typeof MegaMarketConnector>[0]> = {}) {
  const s = env.get();
  return new MegaMarketConnector(
    { channel: 'Мегамаркет — ИП Иванов', credentials: MM_SANDBOX, ...overrides },
    s.http(),
    s.clock.timer(),
  );
}

const stockOf = (offerId: string) => env.get().control('megamarket', 'stock', { offerId });
const pushes = () => requestsTo(env.get(), 'megamarket', 'POST', STOCKS);

describe('the token', () => {
  it('is checked by «Проверить подключение»; the legacy API has no warehouses to pick', () => {
    expect(connector().listTargets()).toEqual([]);
    expect(requestsTo(env.get(), 'megamarket', 'POST', SEARCH)).toHaveLength(1);
  });

  it('a wrong one is answered HTTP 200 with error: the connector names the token, never accepts anything', () => {
    const s = env.get();
    s.control('megamarket', 'seed', { offers: ['A'] });
    const bad = connector({ credentials: { token: 'not-the-token' } });
    const refused = new ConnectorError(
      'auth',
      'Мегамаркет — ИП Иванов: Мегамаркет не принял токен (UNAUTHORIZED Токен не найден или недействителен). Проверьте токен в личном кабинете Мегамаркета.',
    );
    expect(() => bad.listTargets()).toThrow(refused);
    expect(() => bad.setStocks([{ id: 'A', amount: 1 }])).toThrow(refused);
    // One request, not a halving down to single offers.
    expect(pushes()).toHaveLength(1);
    expect(stockOf('A')).toEqual({ available: 0, reserved: 0 });
  });

  it('401 and 403 from the gateway are the key too', () => {
    const s = env.get();
    s.control('megamarket', 'fault', { kind: 'status', status: 401, count: 1, path: STOCKS });
    expect(() => connector().setStocks([{ id: 'A', amount: 1 }])).toThrow(/неверный ключ или нет прав \(HTTP 401\)/);
    s.control('megamarket', 'fault', { kind: 'status', status: 403, count: 1, path: SEARCH });
    expect(() => connector().listOrders(s.clock.now() - 3_600_000, s.clock.now())).toThrow(
      /неверный ключ или нет прав \(HTTP 403\)/,
    );
  });
});

describe('setting stock', () => {
  it('sends 1,000 offers in batches of 300, 5 requests a second, and MegaMarket shows them a minute later', () => {
    const s = env.get();
    const ids = skus(1000);
    s.control('megamarket', 'seed', { offers: ids });
    const started = s.clock.now();
    const outcomes = connector().setStocks(ids.map((id, i) => ({ id, amount: i % 9 })));
    expect(outcomes.every((o) => o.accepted)).toBe(true);
    expect(pushes().map((p) => p.items)).toEqual([300, 300, 300, 100]);
    expect(s.clock.now() - started).toBe(0);
    expect(stockOf(ids[5])).toEqual({ available: 0, reserved: 0 });
    s.clock.advance(60_000);
    expect(stockOf(ids[5])).toEqual({ available: 5, reserved: 0 });
  });

  it('keeps to 5 requests a second: the sixth waits for the next second', () => {
    const s = env.get();
    const ids = skus(6 * MM_LIMITS.stocksPerRequest);
    s.control('megamarket', 'seed', { offers: ids });
    const started = s.clock.now();
    expect(
      connector()
        .setStocks(ids.map((id) => ({ id, amount: 1 })))
        .every((o) => o.accepted),
    ).toBe(true);
    expect(pushes().map((p) => p.at - started)).toEqual([0, 0, 0, 0, 0, 1000]);
    expect(pushes().every((p) => p.status === 200)).toBe(true);
  });

  it('an unknown offer refuses its whole batch: halving finds it, the rest is accepted, the reason is Russian', () => {
    const s = env.get();
    const ids = skus(300);
    s.control('megamarket', 'seed', { offers: ids });
    const items = [...ids.slice(0, 100), 'NOPE-1', ...ids.slice(100, 250), 'NOPE-2', ...ids.slice(250)];
    const outcomes = connector().setStocks(items.map((id) => ({ id, amount: 3 })));
    expect(outcomes.filter((o) => o.accepted)).toHaveLength(300);
    expect(outcomes.filter((o) => !o.accepted)).toEqual([
      {
        id: 'NOPE-1',
        accepted: false,
        reason: 'Мегамаркет не принял остаток: OFFER_NOT_FOUND Оффер NOPE-1 не найден',
        retryLater: false,
      },
      {
        id: 'NOPE-2',
        accepted: false,
        reason: 'Мегамаркет не принял остаток: OFFER_NOT_FOUND Оффер NOPE-2 не найден',
        retryLater: false,
      },
    ]);
    // Two bad offers among 302: about 2 × 2 × log2(302) requests, far from one per offer.
    expect(pushes().length).toBeLessThanOrEqual(2 + 2 * 2 * 9);
    s.clock.advance(60_000);
    expect(stockOf(ids[0])).toEqual({ available: 3, reserved: 0 });
  });

  it('an answer 200 with an error is never accepted; when halving runs out of requests, the rest waits', () => {
    const s = env.get();
    const ids = skus(600);
    s.control('megamarket', 'seed', { offers: ids });
    s.control('megamarket', 'fault', { kind: 'status', status: 200, count: 1000, path: STOCKS });
    const outcomes = connector().setStocks(ids.map((id) => ({ id, amount: 1 })));
    expect(outcomes.filter((o) => o.accepted)).toEqual([]);
    expect(pushes().length).toBe(2 + MM_LIMITS.isolationRequests);
    // No batch came down to one offer: none is refused for good, each is tried again next run.
    expect(new Set(outcomes.map((o) => o.reason))).toEqual(
      new Set([
        'Мегамаркет отклонил пачку (200 injected 200), не успели выяснить, какой товар; повторим в следующий раз',
      ]),
    );
    expect(outcomes.every((o) => o.retryLater)).toBe(true);
    s.clock.advance(60_000);
    expect(stockOf(ids[0])).toEqual({ available: 0, reserved: 0 });
  });

  it('a body that is no answer at all is not accepted either, and is tried again next run', () => {
    const s = env.get();
    s.control('megamarket', 'seed', { offers: ['A'] });
    s.control('megamarket', 'fault', { kind: 'malformed', count: 1, path: STOCKS });
    expect(connector().setStocks([{ id: 'A', amount: 2 }])).toEqual([
      { id: 'A', accepted: false, reason: 'непонятный ответ Мегамаркета, повторим в следующий раз', retryLater: true },
    ]);
  });

  it('retries 429 after Retry-After and a 500 with backoff, then succeeds', () => {
    const s = env.get();
    s.control('megamarket', 'seed', { offers: ['A'] });
    s.control('megamarket', 'fault', { kind: 'status', status: 429, retryAfterSec: 7, count: 1, path: STOCKS });
    s.control('megamarket', 'fault', { kind: 'status', status: 500, count: 1, path: STOCKS });
    const started = s.clock.now();
    expect(connector().setStocks([{ id: 'A', amount: 2 }])).toEqual([{ id: 'A', accepted: true }]);
    expect(s.clock.now() - started).toBeGreaterThanOrEqual(7_000);
    expect(pushes().map((p) => p.status)).toEqual([429, 500, 200]);
  });

  it('a dropped connection is retried; one that never answers is left for the next run', () => {
    const s = env.get();
    s.control('megamarket', 'seed', { offers: ['A', 'B'] });
    s.control('megamarket', 'fault', { kind: 'drop', count: 1, path: STOCKS });
    expect(connector().setStocks([{ id: 'A', amount: 1 }])).toEqual([{ id: 'A', accepted: true }]);
    s.control('megamarket', 'fault', { kind: 'drop', count: MM_LIMITS.policy.maxAttempts, path: STOCKS });
    const [outcome] = connector().setStocks([{ id: 'B', amount: 1 }]);
    expect(outcome).toMatchObject({ accepted: false, retryLater: true, reason: expect.stringContaining('нет ответа') });
  });

  it('a slow MegaMarket: no request starts after the run’s deadline, and what was left is not sent', () => {
    const s = env.get();
    const ids = skus(3000);
    s.control('megamarket', 'seed', { offers: ids });
    s.control('megamarket', 'latency', { ms: 20_000, path: STOCKS });
    const begin = s.clock.now();
    const outcomes = connector({ deadline: begin + 30_000 }).setStocks(ids.map((id) => ({ id, amount: 1 })));
    // Two waves of 5 fit before the deadline: the first at 0, the second at 20 s.
    expect(outcomes.filter((o) => o.accepted)).toHaveLength(3000);
    const later = connector({ deadline: s.clock.now() + 10_000 }).setStocks(
      skus(6 * 300).map((id) => ({ id, amount: 2 })),
    );
    expect(later.filter((o) => o.notSent)).toHaveLength(300);
    expect(later.find((o) => o.notSent)?.reason).toBe(
      'не отправлено: время запуска вышло, продолжим в следующем запуске',
    );
  });

  it('says it cannot read stock, and readStocks refuses rather than pretend', () => {
    const c = connector();
    expect(c.canReadStocks).toBe(false);
    expect(() => c.readStocks(['A'])).toThrow(
      new ConnectorError(
        'config',
        'Мегамаркет — ИП Иванов: Мегамаркет не показывает остатки через API (в этой версии API нет чтения остатков)',
      ),
    );
  });
});

describe('orders', () => {
  it('searches shipment ids 100 a page, reads them 50 a request, statuses mapped', () => {
    const s = env.get();
    const statuses = [
      'NEW',
      'PENDING_PACKING',
      'CONFIRMED',
      'PACKED',
      'SHIPPED',
      'DELIVERED',
      'MERCHANT_CANCELED',
      'CUSTOMER_CANCELED',
      'PACKING_EXPIRED',
      'SHIPPING_EXPIRED',
      'SOMETHING_NEW',
    ];
    for (let k = 0; k < 250; k++)
      s.control('megamarket', 'shipment', {
        shipmentId: `S-${k}`,
        status: statuses[k % statuses.length],
        items: [{ offerId: k % 2 ? 'A' : 'B', quantity: 1 + (k % 3) }],
      });
    s.clock.advance(1000);
    const lines = connector().listOrders(s.clock.now() - 3_600_000, s.clock.now());
    expect(lines).toHaveLength(250);
    expect(requestsTo(s, 'megamarket', 'POST', SEARCH)).toHaveLength(3);
    expect(requestsTo(s, 'megamarket', 'POST', GET)).toHaveLength(5);
    const byId = new Map(lines.map((l) => [l.orderId, l]));
    expect(byId.get('S-0')).toEqual({
      orderId: 'S-0',
      itemIds: ['B'],
      lineId: '1',
      quantity: 1,
      status: 'new',
      rawStatus: 'NEW',
      createdAt: expect.any(String),
    });
    const mapped = statuses.map((_, k) => byId.get(`S-${k}`)?.status);
    expect(mapped).toEqual([
      'new',
      'new',
      'new',
      'new',
      'shipped',
      'shipped',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
      'other',
    ]);
  });

  it("a buyer's order reserves units at once, reaches order/search 30 s later; shipped, then cancelled", () => {
    const s = env.get();
    s.control('megamarket', 'seed', { offers: ['A'] });
    s.control('megamarket', 'set-stock', { offerId: 'A', available: 10 });
    const from = s.clock.now();
    const { orderId } = s.control('megamarket', 'buyer-order', { id: 'A', quantity: 3 });
    expect(stockOf('A')).toEqual({ available: 7, reserved: 3 });
    s.clock.advance(29_999);
    expect(connector().listOrders(from, s.clock.now())).toEqual([]);
    s.clock.advance(1);
    expect(connector().listOrders(from, s.clock.now())).toEqual([
      expect.objectContaining({ orderId, itemIds: ['A'], quantity: 3, status: 'new', rawStatus: 'NEW' }),
    ]);
    s.control('megamarket', 'ship', { orderId });
    expect(stockOf('A')).toEqual({ available: 7, reserved: 0 });
    expect(connector().listOrders(from, s.clock.now())[0]).toMatchObject({ status: 'shipped', rawStatus: 'SHIPPED' });
    const second = s.control('megamarket', 'buyer-order', { id: 'A', quantity: 2 });
    s.clock.advance(30_000);
    s.control('megamarket', 'cancel', { orderId: second.orderId });
    expect(stockOf('A')).toEqual({ available: 7, reserved: 0 });
    expect(
      connector()
        .listOrders(from, s.clock.now())
        .find((l) => l.orderId === second.orderId),
    ).toMatchObject({
      status: 'cancelled',
      rawStatus: 'CUSTOMER_CANCELED',
    });
  });

  it('looks for status changes among the last 30 days of shipments, whatever the window asked', () => {
    const s = env.get();
    const now = s.clock.now();
    s.control('megamarket', 'shipment', {
      shipmentId: 'OLD',
      status: 'SHIPPED',
      createdAt: now - 20 * 24 * 3_600_000,
      items: [{ offerId: 'A' }],
    });
    s.clock.advance(1000);
    expect(
      connector()
        .listOrders(s.clock.now() - 60_000, s.clock.now())
        .map((l) => [l.orderId, l.status]),
    ).toEqual([['OLD', 'shipped']]);
    // The lane's peek looks at its own window only: new shipments.
    expect(connector().peekOrders(s.clock.now() - 60_000, s.clock.now())).toEqual([]);
  });

  it('a logical error of order/search is an error of the pull, never an empty list', () => {
    const s = env.get();
    s.control('megamarket', 'fault', { kind: 'status', status: 200, count: 1, path: SEARCH });
    expect(() => connector().listOrders(s.clock.now() - 60_000, s.clock.now())).toThrow(
      new ConnectorError('response', 'Мегамаркет — ИП Иванов: Мегамаркет отказал: 200 injected 200'),
    );
  });
});

describe('the sandbox keeps the limits', () => {
  const request = (path: string, data: unknown) => ({
    method: 'post' as const,
    url: `https://api.megamarket.tech${path}`,
    headers: { 'Content-Type': 'application/json' },
    body: { meta: {}, data: { token: MM_SANDBOX.token, ...(data as object) } },
  });

  it('over 300 offers or 50 shipments in one request: HTTP 200 with error', () => {
    const s = env.get();
    const stocks = skus(301).map((offerId) => ({ offerId, quantity: 1 }));
    const ids = skus(51);
    const [push, get] = s.http().fetchAll([request(STOCKS, { stocks }), request(GET, { shipments: ids })]);
    expect([push.status, get.status]).toEqual([200, 200]);
    expect(JSON.parse(push.text)).toMatchObject({ success: 0, error: { code: 'VALIDATION_ERROR' } });
    expect(JSON.parse(get.text)).toMatchObject({ success: 0, error: { code: 'VALIDATION_ERROR' } });
  });

  it('a request that breaks the description is caught', () => {
    const s = env.get();
    const [response] = s.http().fetchAll([request(STOCKS, { stocks: [{ offerId: 'A', quantity: -1 }] })]);
    expect(response.status).toBe(400);
    expect(s.control('megamarket', 'violations')).toEqual([
      {
        method: 'post',
        path: STOCKS,
        errors: [expect.stringContaining('quantity must be >= 0')],
      },
    ]);
    s.control('megamarket', 'clear-log');
  });
});
