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
    ['NOPE', false, '«NOPE» не найден в карточках Wildberries (нужен баркод, артикул продавца или chrtId)'],
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
    { id: 'OLD-BARCODE', accepted: false, reason: 'товар (chrtId) не найден на складе Wildberries', retryLater: false },
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
