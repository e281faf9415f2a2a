/**
 * The Wildberries connector against the WB sandbox (Marketplace + Content), every request and answer
 * checked against the project's description (src/connectors/wildberries.api.ts).
 */

import { WB_SANDBOX, WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
import { ConnectorError } from '../../src/connectors/http';
import { buildChrtIndex, WB_LIMITS, WildberriesConnector } from '../../src/connectors/wildberries';
import { requestsTo, useSandboxes } from './sandbox';

jest.setTimeout(60_000);
const env = useSandboxes();
const WAREHOUSE = String(WB_WAREHOUSES[0].id);

const barcode = (i: number) => `46${String(i).padStart(11, '0')}`;

function seed(n: number): void {
  env.get().control('wb', 'seed', {
    items: Array.from({ length: n }, (_, i) => ({ vendorCode: `V-${i}`, sizes: [[barcode(i)]] })),
  });
}

function connector(overrides: Partial<ConstructorParameters<typeof WildberriesConnector>[0]> = {}) {
  const s = env.get();
  return new WildberriesConnector(
    { channel: 'Wildberries', credentials: WB_SANDBOX, warehouseId: WAREHOUSE, ...overrides },
    s.http(),
    s.clock.timer(),
  );
}

/** Pushes show in reads at once (the sandbox's default is WB's apply delay of 60 s). */
function instantPushes(): void {
  env.get().control('wb', 'configure', { applyDelayMs: 0 });
}

function indexed() {
  const c = connector();
  return connector({ index: buildChrtIndex(c.fetchCardSizes()) });
}

it('lists seller warehouses', () => {
  expect(connector().listTargets()).toEqual(WB_WAREHOUSES.map((w) => ({ id: String(w.id), name: w.name })));
});

it('resolves barcodes and vendor codes to chrtId through the cards list, page by page within 100 a minute', () => {
  const s = env.get();
  seed(1200);
  s.control('wb', 'seed', { items: [{ vendorCode: 'SHIRT', sizes: [['2000000000011'], ['2000000000028']] }] });
  const started = s.clock.now();
  const sizes = connector().fetchCardSizes();
  expect(sizes).toHaveLength(1202);
  const pages = requestsTo(s, 'wb', 'POST', '/content/v2/get/cards/list');
  expect(pages).toHaveLength(13);
  // Bursts of 5 every 3 s: pages 6–13 wait; 13 pages fit well inside the 100-a-minute quota.
  expect(s.clock.now() - started).toBeGreaterThan(0);
  const index = buildChrtIndex(sizes);
  expect(index.byId.get(barcode(7))).toBe(index.byId.get('V-7'));
  expect(index.byId.has('SHIRT')).toBe(false);
  expect(index.ambiguous.has('SHIRT')).toBe(true);
  expect(index.byId.get('2000000000028')).toBeDefined();
});

it('sets 5,000 items in 5 requests of 1,000 and confirms them by reading back', () => {
  const s = env.get();
  instantPushes();
  seed(5000);
  const c = indexed();
  s.control('wb', 'clear-log');
  const started = s.clock.now();
  const outcomes = c.setStocks(Array.from({ length: 5000 }, (_, i) => ({ id: barcode(i), amount: i % 11 })));
  expect(outcomes.filter((o) => o.accepted)).toHaveLength(5000);
  expect(requestsTo(s, 'wb', 'PUT', `/api/v3/stocks/${WAREHOUSE}`).map((r) => r.items)).toEqual([
    1000, 1000, 1000, 1000, 1000,
  ]);
  expect(requestsTo(s, 'wb', 'POST', `/api/v3/stocks/${WAREHOUSE}`)).toHaveLength(5);
  expect(s.clock.now() - started).toBe(0);
  const back = c.readStocks([barcode(3), 'V-4', 'UNKNOWN']);
  expect([...back]).toEqual([
    [barcode(3), 3],
    ['V-4', 4],
  ]);
});

it('reports the items a silent 204 did not take', () => {
  const s = env.get();
  instantPushes();
  seed(3);
  const c = indexed();
  c.setStocks([
    { id: barcode(0), amount: 1 },
    { id: barcode(1), amount: 1 },
  ]);
  s.control('wb', 'fault', { kind: 'silent', count: 1, path: '/api/v3/stocks' });
  const outcomes = c.setStocks([
    { id: barcode(0), amount: 5 },
    { id: barcode(1), amount: 1 },
  ]);
  expect(outcomes[0]).toEqual({
    id: barcode(0),
    accepted: false,
    retryLater: true,
    reason: 'Wildberries ответил «принято», но остаток не изменился (сейчас 1, отправлено 5); повторим в следующий раз',
  });
  // Already at the value sent: nothing to fix.
  expect(outcomes[1]).toEqual({ id: barcode(1), accepted: true });
});

it('rejects ids missing from the cards without sending them, and a vendor code with several sizes', () => {
  const s = env.get();
  instantPushes();
  seed(2);
  s.control('wb', 'seed', { items: [{ vendorCode: 'SHIRT', sizes: [['2000000000011'], ['2000000000028']] }] });
  const c = indexed();
  s.control('wb', 'clear-log');
  const outcomes = c.setStocks([
    { id: 'NOPE', amount: 1 },
    { id: 'SHIRT', amount: 1 },
    { id: 'V-1', amount: 2 },
  ]);
  expect(outcomes.map((o) => [o.id, o.accepted, o.reason])).toEqual([
    [
      'NOPE',
      false,
      '«NOPE» не найден в карточках Wildberries (нужен баркод размера, артикул продавца или номер размера карточки WB)',
    ],
    ['SHIRT', false, 'у артикула «SHIRT» несколько размеров на Wildberries: укажите баркод размера'],
    ['V-1', true, undefined],
  ]);
  expect(requestsTo(s, 'wb', 'PUT', /^\/api\/v3\/stocks\//).map((r) => r.items)).toEqual([1]);
});

it('turns a 409 list into per-item reasons and keeps the items that took', () => {
  instantPushes();
  seed(2);
  const sizes = connector().fetchCardSizes();
  // A chrtId the seller's cache still has but WB no longer knows.
  const index = buildChrtIndex([...sizes, { chrtId: 999, nmId: 1, vendorCode: 'OLD', barcodes: ['OLD-BARCODE'] }]);
  const outcomes = connector({ index }).setStocks([
    { id: 'OLD-BARCODE', amount: 1 },
    { id: 'V-0', amount: 200_000 },
    { id: 'V-1', amount: 7 },
  ]);
  expect(outcomes).toEqual([
    {
      id: 'OLD-BARCODE',
      accepted: false,
      reason: 'размер карточки WB не найден на складе Wildberries',
      retryLater: false,
    },
    // Above the spec's maximum: refused here, never sent (the request would break the contract).
    {
      id: 'V-0',
      accepted: false,
      reason: `Wildberries принимает остаток не больше ${(100_000).toLocaleString('ru-RU')} шт.`,
    },
    { id: 'V-1', accepted: true },
  ]);
});

it('waits as X-Ratelimit-Retry asks after a 429, then succeeds', () => {
  const s = env.get();
  instantPushes();
  seed(10);
  const c = indexed();
  s.control('wb', 'fault', { kind: 'status', status: 429, retryAfterSec: 7, count: 1, path: '/api/v3/stocks' });
  const started = s.clock.now();
  expect(c.setStocks([{ id: barcode(1), amount: 3 }]).every((o) => o.accepted)).toBe(true);
  expect(s.clock.now() - started).toBeGreaterThanOrEqual(7_000);
});

it('counts a 4xx answer as ten requests', () => {
  const s = env.get();
  seed(1);
  const c = connector({
    warehouseId: '999',
    index: buildChrtIndex([{ chrtId: 1, nmId: 1, vendorCode: 'X', barcodes: [] }]),
  });
  // 2 answers of 404 cost 20 of the 20-request burst: the third request has to wait.
  const started = s.clock.now();
  c.setStocks([{ id: 'X', amount: 1 }]);
  c.setStocks([{ id: 'X', amount: 1 }]);
  expect(s.clock.now()).toBe(started);
  c.setStocks([{ id: 'X', amount: 1 }]);
  expect(s.clock.now()).toBeGreaterThan(started);
  expect(requestsTo(s, 'wb', 'PUT', '/api/v3/stocks/999').every((r) => r.status === 404)).toBe(true);
  expect(requestsTo(s, 'wb', 'PUT', '/api/v3/stocks/999').length).toBe(3);
  expect(WB_LIMITS.marketplacePolicy.costOf4xx).toBe(10);
});

it('names the channel when the token is wrong', () => {
  expect(() => connector({ credentials: { token: 'personal-token' } }).listTargets()).toThrow(
    new ConnectorError(
      'auth',
      'Wildberries: неверный ключ или нет прав (HTTP 401). Проверьте ключ и его права в кабинете площадки.',
    ),
  );
});

it('lists new and changed assembly tasks with statuses mapped to new / shipped / cancelled', () => {
  const s = env.get();
  seed(3);
  const created = s.clock.now();
  s.control('wb', 'order', { id: 1, barcode: barcode(0) });
  s.control('wb', 'order', { id: 2, vendorCode: 'V-1', supplierStatus: 'confirm' });
  s.control('wb', 'order', { id: 3, barcode: barcode(2), supplierStatus: 'complete', wbStatus: 'sold' });
  s.control('wb', 'order', { id: 4, barcode: barcode(2), supplierStatus: 'new', wbStatus: 'canceled_by_client' });
  s.clock.advance(60_000);
  const lines = connector()
    .listOrders(created, s.clock.now())
    .sort((a, b) => Number(a.orderId) - Number(b.orderId));
  expect(lines.map((l) => [l.orderId, l.status, l.quantity])).toEqual([
    ['1', 'new', 1],
    ['2', 'new', 1],
    ['3', 'shipped', 1],
    ['4', 'cancelled', 1],
  ]);
  expect(lines[0].itemIds).toEqual([barcode(0), 'V-0', expect.any(String)]);
});

describe('where stock is at stake', () => {
  const WH = WB_WAREHOUSES[0].id;
  const shown = (c: WildberriesConnector, id: string) => c.readStocks([id]).get(id);

  it('a push shows in reads only after the apply delay: the read-back says so, the next run confirms it', () => {
    const s = env.get();
    seed(1);
    s.control('wb', 'configure', { applyDelayMs: 60_000 });
    const c = indexed();
    const first = c.setStocks([{ id: barcode(0), amount: 5 }]);
    expect(first).toEqual([
      {
        id: barcode(0),
        accepted: false,
        retryLater: true,
        reason:
          'Wildberries ответил «принято», но остаток не изменился (сейчас нет, отправлено 5); повторим в следующий раз',
      },
    ]);
    s.clock.advance(59_000);
    expect(shown(c, barcode(0))).toBeUndefined();
    s.clock.advance(1_000);
    expect(shown(c, barcode(0))).toBe(5);
    expect(c.setStocks([{ id: barcode(0), amount: 5 }])).toEqual([{ id: barcode(0), accepted: true }]);
  });

  it('a buyer order lowers amount at once; its tasks come as new after the order delay, then shipped or cancelled', () => {
    const s = env.get();
    instantPushes();
    seed(2);
    const c = indexed();
    c.setStocks([
      { id: barcode(0), amount: 5 },
      { id: 'V-1', amount: 2 },
    ]);
    const placed = s.clock.now();
    // The buyer orders by what the seller knows: a barcode, or the vendor code of a one-size card.
    const { orderId, taskIds } = s.control('wb', 'buyer-order', { id: barcode(0), quantity: 2 });
    const other = s.control('wb', 'buyer-order', { id: 'V-1', quantity: 1, orderId: 77 });
    expect(other.orderId).toBe(77);
    expect(shown(c, barcode(0))).toBe(3);
    expect(shown(c, 'V-1')).toBe(1);
    expect(c.listOrders(placed, s.clock.now())).toEqual([]);
    s.clock.advance(30_000);
    const lines = c.listOrders(placed, s.clock.now());
    // One assembly task per unit, each «new».
    expect(lines.map((l) => [Number(l.orderId), l.status, l.rawStatus, l.quantity])).toEqual(
      expect.arrayContaining([
        [taskIds[0], 'new', 'new/waiting', 1],
        [taskIds[1], 'new', 'new/waiting', 1],
        [77, 'new', 'new/waiting', 1],
      ]),
    );
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.orderId === '77')?.itemIds).toEqual([barcode(1), 'V-1', expect.any(String)]);
    s.control('wb', 'ship', { orderId });
    s.control('wb', 'cancel', { orderId: 77 });
    const after = new Map(c.listOrders(placed, s.clock.now()).map((l) => [l.orderId, [l.status, l.rawStatus]]));
    expect(after.get(String(taskIds[0]))).toEqual(['shipped', 'complete/sold']);
    expect(after.get('77')).toEqual(['cancelled', 'cancel/canceled']);
    // Shipped units had already left amount; cancelled ones return.
    expect(shown(c, barcode(0))).toBe(3);
    expect(shown(c, 'V-1')).toBe(2);
    expect(() => s.control('wb', 'buyer-order', { id: 'V-1', quantity: 3 })).toThrow(/not enough stock/);
  });

  it('a warehouse at work (406 WarehouseStocksUpdateBlock) is tried again next run, with one request now', () => {
    const s = env.get();
    instantPushes();
    seed(2);
    const c = indexed();
    s.control('wb', 'processing', { warehouseId: WH, untilMs: s.clock.now() + 10 * 60_000 });
    expect(c.listTargets()[0]).toMatchObject({ id: String(WH), note: 'склад обновляется' });
    s.control('wb', 'clear-log');
    const outcomes = c.setStocks([
      { id: barcode(0), amount: 1 },
      { id: barcode(1), amount: 2 },
    ]);
    const reason = 'работы на складе Wildberries: обновить остатки сейчас невозможно, повторим в следующий раз';
    expect(outcomes).toEqual([
      { id: barcode(0), accepted: false, retryLater: true, reason },
      { id: barcode(1), accepted: false, retryLater: true, reason },
    ]);
    expect(requestsTo(s, 'wb', 'PUT', /^\/api\/v3\/stocks\//).map((r) => r.status)).toEqual([406]);
    expect(requestsTo(s, 'wb', 'POST', /^\/api\/v3\/stocks\//)).toEqual([]);
    s.clock.advance(10 * 60_000);
    expect(c.setStocks([{ id: barcode(0), amount: 1 }])).toEqual([{ id: barcode(0), accepted: true }]);
  });

  it('a blocked seller (406 StatusNotAcceptable) is final until the block is lifted in the cabinet', () => {
    const s = env.get();
    seed(1);
    const c = indexed();
    s.control('wb', 'seller-blocked', { blocked: true });
    expect(c.setStocks([{ id: barcode(0), amount: 1 }])).toEqual([
      {
        id: barcode(0),
        accepted: false,
        retryLater: false,
        reason:
          'Wildberries заблокировал обновление остатков продавца: остатки не примутся, пока блокировку не снимут — проверьте кабинет Wildberries',
      },
    ]);
    expect(requestsTo(s, 'wb', 'PUT', /^\/api\/v3\/stocks\//)).toHaveLength(1);
  });

  it('409 StoreIsProcessing named by barcode (sku) is tried next run; the other items take', () => {
    const s = env.get();
    instantPushes();
    seed(3);
    const sizes = connector().fetchCardSizes();
    const c = connector({ index: buildChrtIndex(sizes) });
    const busy = sizes.find((z) => z.barcodes[0] === barcode(1))?.chrtId;
    s.control('wb', 'store-processing', { chrtIds: [busy] });
    s.control('wb', 'clear-log');
    const outcomes = c.setStocks([0, 1, 2].map((i) => ({ id: barcode(i), amount: 4 })));
    expect(outcomes).toEqual([
      { id: barcode(0), accepted: true },
      {
        id: barcode(1),
        accepted: false,
        retryLater: true,
        reason: 'склад Wildberries сейчас обновляется, повторим в следующий раз',
      },
      { id: barcode(2), accepted: true },
    ]);
    // Not retried within the run: one PUT (a 4xx costs ten), one read-back.
    expect(requestsTo(s, 'wb', 'PUT', /^\/api\/v3\/stocks\//).map((r) => r.status)).toEqual([409]);
    s.control('wb', 'store-processing', { chrtIds: [] });
    expect(c.setStocks([{ id: barcode(1), amount: 4 }])).toEqual([{ id: barcode(1), accepted: true }]);
  });

  it('asks /api/v3/orders for at most 30 days: the sandbox refuses a longer window', () => {
    const s = env.get();
    const longer = s.send([
      {
        method: 'get',
        url: s.route(
          `https://marketplace-api.wildberries.ru/api/v3/orders?limit=10&next=0&dateFrom=0&dateTo=${30 * 86400 + 1}`,
        ) as string,
        headers: { Authorization: WB_SANDBOX.token },
      },
    ]);
    expect(longer[0].status).toBe(400);
    expect(connector().listOrders(0, s.clock.now())).toEqual([]);
    const asked = requestsTo(s, 'wb', 'GET', '/api/v3/orders');
    expect(asked.map((r) => r.status)).toEqual([400, 200]);
  });
});

it('card pages answering in 10 s: no page starts after the run’s deadline, and the mapping says time ran out', () => {
  const s = env.get();
  seed(1000);
  s.control('wb', 'latency', { ms: 10_000, path: '/content/' });
  const begin = s.clock.now();
  expect(() => connector({ deadline: begin + 35_000 }).fetchCardSizes()).toThrow(
    new ConnectorError('deadline', 'Wildberries: время запуска вышло, продолжим в следующем запуске'),
  );
  const pages = requestsTo(s, 'wb', 'POST', '/content/v2/get/cards/list').map((p) => p.at - begin);
  expect(pages).toEqual([0, 10_000, 20_000, 30_000]);
});

it('a push whose read-back the run has no time for is left to the continuation, never journaled as refused', () => {
  const s = env.get();
  seed(3);
  const index = buildChrtIndex(connector().fetchCardSizes());
  // The push answers after 10 s; the deadline falls before the read-back can start.
  s.control('wb', 'latency', { ms: 10_000, path: `/api/v3/stocks/${WAREHOUSE}` });
  const c = connector({ index, deadline: s.clock.now() + 5_000 });
  const outcomes = c.setStocks([{ id: barcode(0), amount: 4 }]);
  expect(outcomes).toEqual([
    {
      id: barcode(0),
      accepted: false,
      notSent: true,
      retryLater: true,
      reason: 'не успели проверить, принял ли Wildberries остаток: продолжение отправит ещё раз',
    },
  ]);
  expect(requestsTo(s, 'wb', 'POST', `/api/v3/stocks/${WAREHOUSE}`)).toEqual([]);
});
