/** The Ozon connector against the Ozon sandbox, which checks every request against the official spec. */

import { OZON_SANDBOX, OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { ConnectorError } from '../../src/connectors/http';
import { OZON_LIMITS, OzonConnector } from '../../src/connectors/ozon';
import { requestsTo, skus, useSandboxes } from './sandbox';

jest.setTimeout(60_000);
const env = useSandboxes();
const WAREHOUSE = String(OZON_WAREHOUSES[0].warehouse_id);

function connector(overrides: Partial<ConstructorParameters<typeof OzonConnector>[0]> = {}) {
  const s = env.get();
  return new OzonConnector(
    { channel: 'Ozon — ИП Иванов', credentials: OZON_SANDBOX, warehouseId: WAREHOUSE, ...overrides },
    s.http(),
    s.clock.timer(),
  );
}

it("lists the seller's warehouses for setup", () => {
  expect(
    connector({ warehouseId: undefined })
      .listTargets()
      .map((t) => t.id),
  ).toEqual(OZON_WAREHOUSES.map((w) => String(w.warehouse_id)));
});

it("says a warehouse's status in the cabinet's words, not the API's code", () => {
  expect(
    connector({ warehouseId: undefined })
      .listTargets()
      .map((t) => t.note),
  ).toEqual(['активный', 'активный']);
});

it('sets 5,000 items in batches of 100 within 80 requests a minute, and reads them back', () => {
  const s = env.get();
  const ids = skus(5000);
  s.control('ozon', 'seed', { offers: ids });
  const started = s.clock.now();
  const outcomes = connector().setStocks(ids.map((id, i) => ({ id, amount: i % 37 })));
  expect(outcomes.filter((o) => o.accepted)).toHaveLength(5000);
  const pushes = requestsTo(s, 'ozon', 'POST', '/v2/products/stocks');
  expect(pushes).toHaveLength(50);
  expect(pushes.every((p) => p.items === OZON_LIMITS.stocksPerRequest && p.status === 200)).toBe(true);
  // 50 requests fit one minute's 80: no waiting at all.
  expect(s.clock.now() - started).toBe(0);
  // Ozon shows a push a minute after it took it; the read follows the cursor, 1000 a page.
  s.clock.advance(60_000);
  s.control('ozon', 'clear-log');
  const back = connector().readStocks(ids);
  expect(back.size).toBe(5000);
  expect(ids.every((id, i) => back.get(id) === i % 37)).toBe(true);
  expect(requestsTo(s, 'ozon', 'POST', '/v1/product/info/warehouse/stocks')).toHaveLength(5);
});

it('waits for the next minute when more than 80 requests are needed', () => {
  const s = env.get();
  const ids = skus(9000);
  s.control('ozon', 'seed', { offers: ids });
  const started = s.clock.now();
  const outcomes = connector().setStocks(ids.map((id) => ({ id, amount: 1 })));
  expect(outcomes.every((o) => o.accepted)).toBe(true);
  const pushes = requestsTo(s, 'ozon', 'POST', '/v2/products/stocks');
  expect(pushes).toHaveLength(90);
  expect(pushes.every((p) => p.status === 200)).toBe(true);
  // The floor: requests 81–90 cannot start before a minute has passed.
  expect(s.clock.now() - started).toBe(60_000);
});

it('honours the 30-second rule: an item updated again too soon is retried after 30 s', () => {
  const s = env.get();
  const ids = skus(10);
  s.control('ozon', 'seed', { offers: ids });
  expect(
    connector()
      .setStocks(ids.map((id) => ({ id, amount: 1 })))
      .every((o) => o.accepted),
  ).toBe(true);
  const started = s.clock.now();
  // A new run (no memory of the last push) meets Ozon's TOO_MANY_REQUESTS per item.
  const outcomes = connector().setStocks(ids.map((id) => ({ id, amount: 2 })));
  expect(outcomes.every((o) => o.accepted)).toBe(true);
  expect(s.clock.now() - started).toBe(30_000);
  s.clock.advance(60_000);
  expect(s.control('ozon', 'stock', { offer_id: ids[0], warehouse_id: OZON_WAREHOUSES[0].warehouse_id })).toEqual({
    present: 2,
    reserved: 0,
    free_stock: 2,
  });
});

it('leaves an item refused for the 30-second rule to the next run when the run has no time left', () => {
  const s = env.get();
  s.control('ozon', 'seed', { offers: ['A'] });
  connector().setStocks([{ id: 'A', amount: 1 }]);
  const [outcome] = connector({ deadline: s.clock.now() + 10_000 }).setStocks([{ id: 'A', amount: 2 }]);
  expect(outcome).toEqual({
    id: 'A',
    accepted: false,
    reason: 'Ozon разрешает обновлять товар на складе раз в 30 секунд',
    retryLater: true,
  });
});

it('turns per-item errors into rejected items with a reason in Russian, accepting the rest', () => {
  const s = env.get();
  s.control('ozon', 'seed', { offers: ['A', 'B'] });
  const outcomes = connector().setStocks([
    { id: 'A', amount: 3 },
    { id: 'NOPE', amount: 1 },
    { id: 'B', amount: 0 },
  ]);
  expect(outcomes).toEqual([
    { id: 'A', accepted: true },
    { id: 'NOPE', accepted: false, reason: 'товар с таким артикулом не найден на Ozon', retryLater: false },
    { id: 'B', accepted: true },
  ]);
});

it('retries 429 after Retry-After and a 500 with backoff, then succeeds', () => {
  const s = env.get();
  const ids = skus(300);
  s.control('ozon', 'seed', { offers: ids });
  s.control('ozon', 'fault', { kind: 'status', status: 429, retryAfterSec: 5, count: 2, path: '/v2/products/stocks' });
  s.control('ozon', 'fault', { kind: 'status', status: 500, count: 1, path: '/v2/products/stocks' });
  const started = s.clock.now();
  const outcomes = connector().setStocks(ids.map((id) => ({ id, amount: 4 })));
  expect(outcomes.every((o) => o.accepted)).toBe(true);
  expect(s.clock.now() - started).toBeGreaterThanOrEqual(5_000);
  expect(requestsTo(s, 'ozon', 'POST', '/v2/products/stocks').filter((r) => r.status === 200)).toHaveLength(3);
});

it('gives up on a batch after bounded retries and keeps the other batches', () => {
  const s = env.get();
  const ids = skus(200);
  s.control('ozon', 'seed', { offers: ids });
  // Both batches go out together each time: 2 × 3 failures, then the first batch fails a 4th time.
  // (500 is the server error Ozon's spec names for this operation.)
  s.control('ozon', 'fault', {
    kind: 'status',
    status: 500,
    count: 2 * OZON_LIMITS.stocksPolicy.maxAttempts - 1,
    path: '/v2/products/stocks',
  });
  const outcomes = connector().setStocks(ids.map((id) => ({ id, amount: 4 })));
  const rejected = outcomes.filter((o) => !o.accepted);
  expect(rejected).toHaveLength(100);
  expect(rejected[0]).toMatchObject({
    retryLater: true,
    reason: expect.stringContaining('ошибка на стороне площадки (HTTP 500)'),
  });
  expect(outcomes.filter((o) => o.accepted)).toHaveLength(100);
});

it('survives a dropped connection and a malformed answer without losing the rest', () => {
  const s = env.get();
  const ids = skus(300);
  s.control('ozon', 'seed', { offers: ids });
  s.control('ozon', 'fault', { kind: 'drop', count: 1, path: '/v2/products/stocks' });
  s.control('ozon', 'fault', { kind: 'malformed', count: 1, path: '/v2/products/stocks' });
  const outcomes = connector().setStocks(ids.map((id) => ({ id, amount: 4 })));
  // The dropped one is retried; the malformed one cannot be known to have taken: next run.
  expect(outcomes.filter((o) => o.accepted)).toHaveLength(200);
  expect(
    outcomes
      .filter((o) => !o.accepted)
      .every((o) => o.retryLater && o.reason === 'непонятный ответ Ozon, повторим в следующий раз'),
  ).toBe(true);
});

it('names the channel when the key is wrong', () => {
  const bad = connector({ credentials: { clientId: OZON_SANDBOX.clientId, apiKey: 'wrong' } });
  expect(() => bad.listTargets()).toThrow(
    new ConnectorError(
      'auth',
      'Ozon — ИП Иванов: неверный ключ или нет прав (HTTP 403). Проверьте ключ и его права в кабинете площадки.',
    ),
  );
  expect(() => bad.setStocks([{ id: 'A', amount: 1 }])).toThrow(/неверный ключ или нет прав/);
});

it('asks for a warehouse before setting stock', () => {
  expect(() => connector({ warehouseId: undefined }).setStocks([{ id: 'A', amount: 1 }])).toThrow(
    'Ozon — ИП Иванов: не выбран склад Ozon',
  );
});

it('lists new and changed postings through v4 with a cursor, statuses mapped', () => {
  const s = env.get();
  s.control('ozon', 'seed', { offers: ['A', 'B'] });
  const from = s.clock.now();
  for (let i = 0; i < 1100; i++)
    s.control('ozon', 'posting', {
      posting_number: `P-${i}`,
      products: [{ offer_id: i % 2 ? 'A' : 'B', quantity: 1 + (i % 3) }],
    });
  s.control('ozon', 'posting', { posting_number: 'P-1', status: 'delivering' });
  s.control('ozon', 'posting', { posting_number: 'P-2', status: 'cancelled' });
  s.control('ozon', 'posting', { posting_number: 'P-3', status: 'delivered' });
  s.control('ozon', 'posting', { posting_number: 'P-4', status: 'awaiting_deliver' });
  s.clock.advance(1000);
  const lines = connector().listOrders(from, s.clock.now());
  expect(lines).toHaveLength(1100);
  // At most 100 a page, as the spec allows.
  expect(requestsTo(s, 'ozon', 'POST', '/v4/posting/fbs/list')).toHaveLength(11);
  const byId = new Map(lines.map((l) => [l.orderId, l]));
  expect(byId.get('P-0')).toMatchObject({
    status: 'new',
    rawStatus: 'awaiting_packaging',
    itemIds: ['B'],
    quantity: 1,
  });
  expect(byId.get('P-1')).toMatchObject({ status: 'shipped', rawStatus: 'delivering' });
  expect(byId.get('P-2')).toMatchObject({ status: 'cancelled' });
  expect(byId.get('P-3')).toMatchObject({ status: 'shipped' });
  expect(byId.get('P-4')).toMatchObject({ status: 'new' });
  // A later window sees only what changed since.
  const later = s.clock.now();
  s.control('ozon', 'posting', { posting_number: 'P-5', status: 'cancelled' });
  s.clock.advance(1000);
  expect(
    connector()
      .listOrders(later, s.clock.now())
      .map((l) => [l.orderId, l.status]),
  ).toEqual([['P-5', 'cancelled']]);
});

it('a request that breaks the official spec is caught by the sandbox', () => {
  const s = env.get();
  const [response] = s.http().fetchAll([
    {
      method: 'post',
      url: 'https://api-seller.ozon.ru/v2/products/stocks',
      headers: {
        'Client-Id': OZON_SANDBOX.clientId,
        'Api-Key': OZON_SANDBOX.apiKey,
        'Content-Type': 'application/json',
      },
      body: { stocks: [{ offer_id: 'A', product_id: 0, stock: 'five', warehouse_id: 1 }] },
    },
  ]);
  expect(response.status).toBe(400);
  const violations = s.control('ozon', 'violations');
  expect(violations).toEqual([
    { method: 'post', path: '/v2/products/stocks', errors: [expect.stringContaining('stock must be integer')] },
  ]);
  s.control('ozon', 'clear-log');
});

const MOSCOW = OZON_WAREHOUSES[0].warehouse_id;
const stockOf = (offer: string) => env.get().control('ozon', 'stock', { offer_id: offer, warehouse_id: MOSCOW });
const ozonRequest = (path: string, body: unknown) => ({
  method: 'post' as const,
  url: `https://api-seller.ozon.ru${path}`,
  headers: { 'Client-Id': OZON_SANDBOX.clientId, 'Api-Key': OZON_SANDBOX.apiKey, 'Content-Type': 'application/json' },
  body,
});

/** Seeds offers with `present` units each, shown at once. */
function stocked(offers: string[], present: number) {
  const s = env.get();
  s.control('ozon', 'seed', { offers });
  for (const offer_id of offers) s.control('ozon', 'set-stock', { offer_id, warehouse_id: MOSCOW, present });
}

describe('stock as Ozon shows it', () => {
  it('a push shows in reads only a minute after Ozon took it; configure {applyDelayMs: 0} shows it at once', () => {
    const s = env.get();
    stocked(['A'], 3);
    expect(connector().setStocks([{ id: 'A', amount: 9 }])).toEqual([{ id: 'A', accepted: true }]);
    expect(connector().readStocks(['A']).get('A')).toBe(3);
    s.clock.advance(59_999);
    expect(connector().readStocks(['A']).get('A')).toBe(3);
    s.clock.advance(1);
    expect(connector().readStocks(['A']).get('A')).toBe(9);
    s.control('ozon', 'configure', { applyDelayMs: 0 });
    s.clock.advance(30_000);
    connector().setStocks([{ id: 'A', amount: 4 }]);
    expect(connector().readStocks(['A']).get('A')).toBe(4);
    s.control('ozon', 'reset');
    expect(s.control('ozon', 'configure', {})).toEqual({ applyDelayMs: 60_000, orderDelayMs: 30_000 });
  });

  it('readStocks is free_stock: reserved units are not for sale, and an item Ozon has no entry for is unknown', () => {
    const s = env.get();
    stocked(['A', 'B'], 10);
    s.control('ozon', 'set-stock', { offer_id: 'A', warehouse_id: MOSCOW, present: 10, reserved: 4 });
    const shown = connector().readStocks(['A', 'B', 'NEVER-STOCKED']);
    expect([...shown]).toEqual([
      ['A', 6],
      ['B', 10],
    ]);
  });

  it('the pushed stock is the free one: present keeps the reserved units on top', () => {
    const s = env.get();
    s.control('ozon', 'configure', { applyDelayMs: 0 });
    stocked(['A'], 10);
    s.control('ozon', 'buyer-order', { id: 'A', quantity: 2 });
    connector().setStocks([{ id: 'A', amount: 5 }]);
    expect(stockOf('A')).toEqual({ present: 7, reserved: 2, free_stock: 5 });
  });
});

describe("a buyer's order", () => {
  it('reserves units at once (free_stock → reserved, present unchanged) and reaches the postings list 30 s later', () => {
    const s = env.get();
    stocked(['A'], 10);
    const from = s.clock.now();
    const { orderId } = s.control('ozon', 'buyer-order', { id: 'A', quantity: 3 });
    expect(stockOf('A')).toEqual({ present: 10, reserved: 3, free_stock: 7 });
    expect(connector().readStocks(['A']).get('A')).toBe(7);
    s.clock.advance(29_999);
    expect(connector().listOrders(from, s.clock.now())).toEqual([]);
    s.clock.advance(1);
    expect(connector().listOrders(from, s.clock.now())).toEqual([
      expect.objectContaining({
        orderId,
        itemIds: ['A'],
        quantity: 3,
        status: 'new',
        rawStatus: 'awaiting_packaging',
      }),
    ]);
  });

  it('configure {orderDelayMs} sets how late it shows', () => {
    const s = env.get();
    stocked(['A'], 10);
    s.control('ozon', 'configure', { orderDelayMs: 120_000 });
    const from = s.clock.now();
    s.control('ozon', 'buyer-order', { id: 'A', quantity: 1, orderId: '0001-1' });
    s.clock.advance(60_000);
    expect(connector().listOrders(from, s.clock.now())).toEqual([]);
    s.clock.advance(60_000);
    expect(
      connector()
        .listOrders(from, s.clock.now())
        .map((l) => l.orderId),
    ).toEqual(['0001-1']);
  });

  it('shipped: delivering, its units leave present and reserved; what is for sale does not move', () => {
    const s = env.get();
    stocked(['A'], 10);
    const from = s.clock.now();
    const { orderId } = s.control('ozon', 'buyer-order', { id: 'A', quantity: 3 });
    s.clock.advance(30_000);
    s.control('ozon', 'ship', { orderId });
    expect(stockOf('A')).toEqual({ present: 7, reserved: 0, free_stock: 7 });
    expect(connector().readStocks(['A']).get('A')).toBe(7);
    s.clock.advance(1000);
    expect(connector().listOrders(from, s.clock.now())).toEqual([
      expect.objectContaining({ orderId, status: 'shipped', rawStatus: 'delivering' }),
    ]);
  });

  it('cancelled: its units are for sale again', () => {
    const s = env.get();
    stocked(['A'], 10);
    const from = s.clock.now();
    const { orderId } = s.control('ozon', 'buyer-order', { id: 'A', quantity: 3 });
    s.clock.advance(30_000);
    s.control('ozon', 'cancel', { orderId });
    expect(stockOf('A')).toEqual({ present: 10, reserved: 0, free_stock: 10 });
    s.clock.advance(1000);
    expect(connector().listOrders(from, s.clock.now())).toEqual([
      expect.objectContaining({ orderId, status: 'cancelled', rawStatus: 'cancelled' }),
    ]);
  });

  it('more than 100 open postings are all read, 100 a page', () => {
    const s = env.get();
    const ids = skus(250);
    stocked(ids, 5);
    const from = s.clock.now();
    for (const id of ids) s.control('ozon', 'buyer-order', { id, quantity: 1 });
    s.clock.advance(30_000);
    s.control('ozon', 'clear-log');
    const lines = connector().listOrders(from, s.clock.now());
    expect(new Set(lines.map((l) => l.orderId)).size).toBe(250);
    expect(lines.every((l) => l.status === 'new')).toBe(true);
    expect(requestsTo(s, 'ozon', 'POST', '/v4/posting/fbs/list').map((r) => r.status)).toEqual([200, 200, 200]);
  });
});

describe('refusals as Ozon gives them', () => {
  it('an archived product is refused for good, with the reason in Russian', () => {
    const s = env.get();
    s.control('ozon', 'seed', { offers: ['A', 'OLD'] });
    s.control('ozon', 'archive', { offers: ['OLD'] });
    expect(
      connector().setStocks([
        { id: 'A', amount: 1 },
        { id: 'OLD', amount: 1 },
      ]),
    ).toEqual([
      { id: 'A', accepted: true },
      {
        id: 'OLD',
        accepted: false,
        reason: 'товар в архиве Ozon: остаток можно задать, когда товар восстановят из архива',
        retryLater: false,
      },
    ]);
  });

  it('a postings page over 100 is refused with 400 and rpcStatus, as the spec allows only 1..100', () => {
    const s = env.get();
    const now = new Date(s.clock.now()).toISOString();
    const [response] = s
      .http()
      .fetchAll([ozonRequest('/v4/posting/fbs/list', { limit: 1000, filter: { since: now, to: now } })]);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      code: 3,
      message: expect.stringContaining('must be <= 100'),
      details: [],
    });
    expect(s.control('ozon', 'violations')).toHaveLength(1);
    s.control('ozon', 'clear-log');
  });

  it('more than 100 pairs in one push, or a postings period over a year, is refused with 400', () => {
    const s = env.get();
    const pairs = skus(101).map((offer_id) => ({ offer_id, product_id: 0, stock: 1, warehouse_id: MOSCOW }));
    const long = {
      limit: 100,
      filter: { since: '2025-01-01T00:00:00Z', to: '2026-11-22T00:00:00Z' },
    };
    const [push, list] = s
      .http()
      .fetchAll([ozonRequest('/v2/products/stocks', { stocks: pairs }), ozonRequest('/v4/posting/fbs/list', long)]);
    expect([push.status, list.status]).toEqual([400, 400]);
    expect(JSON.parse(push.text)).toMatchObject({ code: 3, details: [] });
  });
});

it('order pages answering in 10 s: no page starts after the run’s deadline, and the pull says time ran out', () => {
  const s = env.get();
  for (let k = 0; k < 500; k++)
    s.control('ozon', 'posting', { posting_number: `P-${k}`, products: [{ offer_id: 'A', quantity: 1 }] });
  s.control('ozon', 'latency', { ms: 10_000, path: '/v4/posting/fbs/list' });
  const begin = s.clock.now();
  expect(() => connector({ deadline: begin + 25_000 }).listOrders(begin - 3_600_000, begin)).toThrow(
    new ConnectorError('deadline', 'Ozon — ИП Иванов: время запуска вышло, продолжим в следующем запуске'),
  );
  expect(requestsTo(s, 'ozon', 'POST', '/v4/posting/fbs/list').map((p) => p.at - begin)).toEqual([0, 10_000, 20_000]);
});
