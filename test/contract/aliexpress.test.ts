/**
 * The AliExpress connector against the AliExpress sandbox, which checks every request and answer
 * against the project's description (src/connectors/aliexpress.api.ts) and sets stock asynchronously:
 * an item counts as accepted only when its product's task says so.
 */
import { ALI_SANDBOX } from '../../dev/sandbox/aliexpress';
import {
  ALI_LIMITS,
  AliExpressConnector,
  type AliSku,
  type AliSkuIndex,
  buildSkuIndex,
} from '../../src/connectors/aliexpress';
import { ConnectorError } from '../../src/connectors/http';
import { requestsTo, skus, useSandboxes } from './sandbox';

jest.setTimeout(60_000);
const env = useSandboxes();
const PUSH = '/api/v1/product/update-sku-stock';
const TASKS = '/api/v1/tasks';
const ORDERS = '/seller-api/v1/order/get-order-list';

/** The seller's product list as the sandbox has it: what the use case caches on «_AliExpress товары». */
function catalogue(): AliSkuIndex {
  const list = env.get().control('aliexpress', 'skus') as (AliSku & { skuId: string })[];
  return buildSkuIndex(list.map(({ productId, skuId, code }) => ({ productId, skuId, code })));
}

function connector(overrides: Partial<ConstructorParameters<typeof AliExpressConnector>[0]> = {}) {
  const s = env.get();
  return new AliExpressConnector(
    { channel: 'AliExpress — ИП Иванов', credentials: ALI_SANDBOX, index: catalogue(), ...overrides },
    s.http(),
    s.clock.timer(),
  );
}

const seed = (codes: string[], perProduct = 1) => env.get().control('aliexpress', 'seed', { codes, perProduct });
const stockOf = (code: string) => env.get().control('aliexpress', 'stock', { code });

describe('the token and the product list', () => {
  it('«Проверить подключение» reads one product; AliExpress has no warehouse to pick', () => {
    seed(['A']);
    expect(connector().listTargets()).toEqual([]);
  });

  it('a wrong token is refused with 401, named as the key', () => {
    seed(['A']);
    const bad = connector({ credentials: { token: 'wrong' } });
    expect(() => bad.listTargets()).toThrow(
      new ConnectorError(
        'auth',
        'AliExpress — ИП Иванов: неверный ключ или нет прав (HTTP 401). Проверьте ключ и его права в кабинете площадки.',
      ),
    );
    expect(() => bad.setStocks([{ id: 'A', amount: 1 }])).toThrow(/HTTP 401/);
  });

  it('pages 50 products at a time after last_product_id, SKUs with their product and code', () => {
    seed(skus(240), 2);
    const c = connector({ index: undefined });
    const pages = [];
    let next: string | undefined;
    do {
      const page = c.fetchProductsPage(next);
      if (!page) throw new Error('not asked');
      pages.push(page);
      next = page.next;
    } while (next);
    expect(pages.map((p) => p.products)).toEqual([50, 50, 20]);
    expect(pages.flatMap((p) => p.skus)).toHaveLength(240);
    expect(pages[0].skus[1]).toEqual({ productId: '1000001', skuId: '2000002', code: 'SKU-00001' });
    expect(pages[0].next).toBe('1000050');
  });
});

describe('setting stock, asynchronously', () => {
  it('1,200 SKUs go in batches of 1000 products; accepted only when their tasks succeed, within the run', () => {
    const s = env.get();
    const ids = skus(1200);
    seed(ids);
    const started = s.clock.now();
    const outcomes = connector().setStocks(ids.map((id, i) => ({ id, amount: i % 5 })));
    expect(outcomes.every((o) => o.accepted)).toBe(true);
    expect(requestsTo(s, 'aliexpress', 'POST', PUSH).map((r) => r.items)).toEqual([1000, 200]);
    // The tasks end 20 s after the push; asked every 5 s.
    expect(s.clock.now() - started).toBe(20_000);
    expect(requestsTo(s, 'aliexpress', 'GET', TASKS)).toHaveLength(2 * 4);
    expect(stockOf(ids[3])).toEqual({ available: 3, reserved: 0 });
    expect(stockOf(ids[5])).toEqual({ available: 0, reserved: 0 });
  });

  it('a result not known within the run is neither accepted nor refused: awaiting, and told in the next run', () => {
    const s = env.get();
    seed(['A', 'B']);
    s.control('aliexpress', 'configure', { taskDelayMs: 10 * 60_000 });
    const started = s.clock.now();
    const outcomes = connector().setStocks([
      { id: 'A', amount: 4 },
      { id: 'B', amount: 0 },
    ]);
    expect(outcomes).toEqual([
      {
        id: 'A',
        accepted: false,
        retryLater: true,
        awaiting: 'g-1',
        reason: 'AliExpress ещё обрабатывает остаток: результат проверим в следующем запуске',
      },
      expect.objectContaining({ id: 'B', accepted: false, awaiting: 'g-1' }),
    ]);
    // The wait is bounded: 30 s, then the run goes on.
    expect(s.clock.now() - started).toBe(ALI_LIMITS.resultWaitMs);
    expect(stockOf('A')).toEqual({ available: 0, reserved: 0 });
    const pending = [
      { id: 'A', group: 'g-1' },
      { id: 'B', group: 'g-1' },
    ];
    expect(
      connector()
        .resultsOf(pending)
        .map((o) => o.awaiting),
    ).toEqual(['g-1', 'g-1']);
    s.clock.advance(10 * 60_000);
    expect(connector().resultsOf(pending)).toEqual([
      { id: 'A', accepted: true },
      { id: 'B', accepted: true },
    ]);
    expect(stockOf('A')).toEqual({ available: 4, reserved: 0 });
  });

  it('no time left in the run: nothing is waited for, the items are awaiting', () => {
    const s = env.get();
    seed(['A']);
    const [outcome] = connector({ deadline: s.clock.now() + 3_000 }).setStocks([{ id: 'A', amount: 1 }]);
    expect(outcome).toMatchObject({ accepted: false, awaiting: 'g-1', retryLater: true });
    expect(requestsTo(s, 'aliexpress', 'GET', TASKS)).toEqual([]);
  });

  it('per-item refusals with Russian reasons: not in the list, over 999 999, refused at once, a failed task', () => {
    seed(['A', 'B', 'C', 'D'], 2);
    const index = catalogue();
    // The cached list is a day old: one product is gone since, one SKU's code was changed.
    const sku = (code: string) => index.byId.get(code) as AliSku;
    index.byId.set('GONE', { productId: '999', skuId: '1', code: 'GONE' });
    index.byId.set('OLD-C', { ...sku('C'), code: 'OLD-C' });
    const outcomes = connector({ index }).setStocks([
      { id: 'A', amount: 1 },
      { id: 'NOPE', amount: 1 },
      { id: 'B', amount: 1_000_000 },
      { id: 'GONE', amount: 1 },
      { id: 'OLD-C', amount: 2 },
      { id: 'D', amount: 2 },
    ]);
    expect(outcomes).toEqual([
      { id: 'A', accepted: true },
      {
        id: 'NOPE',
        accepted: false,
        reason:
          '«NOPE» не найден в товарах AliExpress: у варианта товара там нужен такой же артикул (или номер SKU в столбце ID)',
      },
      { id: 'B', accepted: false, reason: 'AliExpress принимает остаток не больше 999 999 шт.' },
      { id: 'GONE', accepted: false, reason: 'AliExpress не принял остаток: Товар не найден', retryLater: false },
      {
        id: 'OLD-C',
        accepted: false,
        reason: 'AliExpress не принял остаток: SKU_NOT_FOUND SKU с кодом OLD-C не найден у товара 1000002',
        retryLater: false,
      },
      expect.objectContaining({ id: 'D', accepted: false, retryLater: false }),
    ]);
    // A failed task applies nothing of its product.
    expect(stockOf('D')).toEqual({ available: 0, reserved: 0 });
    expect(stockOf('A')).toEqual({ available: 1, reserved: 0 });
  });

  it('an answer that is not a group of tasks is never accepted', () => {
    const s = env.get();
    seed(['A']);
    s.control('aliexpress', 'fault', { kind: 'malformed', count: 1, path: PUSH });
    expect(connector().setStocks([{ id: 'A', amount: 1 }])).toEqual([
      { id: 'A', accepted: false, reason: 'непонятный ответ AliExpress, повторим в следующий раз', retryLater: true },
    ]);
    s.control('aliexpress', 'fault', { kind: 'status', status: 200, count: 1, path: PUSH });
    expect(connector().setStocks([{ id: 'A', amount: 1 }])[0]).toMatchObject({
      accepted: false,
      reason: 'AliExpress отказал: 200 injected 200',
    });
  });

  it('retries 429 after Retry-After and a 500 with backoff; a 403 is the key', () => {
    const s = env.get();
    seed(['A']);
    s.control('aliexpress', 'fault', { kind: 'status', status: 429, retryAfterSec: 9, count: 1, path: PUSH });
    s.control('aliexpress', 'fault', { kind: 'status', status: 500, count: 1, path: TASKS });
    const started = s.clock.now();
    expect(connector().setStocks([{ id: 'A', amount: 2 }])).toEqual([{ id: 'A', accepted: true }]);
    expect(s.clock.now() - started).toBeGreaterThanOrEqual(9_000);
    expect(requestsTo(s, 'aliexpress', 'POST', PUSH).map((r) => r.status)).toEqual([429, 200]);
    s.control('aliexpress', 'fault', { kind: 'status', status: 403, count: 1, path: PUSH });
    expect(() => connector().setStocks([{ id: 'A', amount: 3 }])).toThrow(/неверный ключ или нет прав \(HTTP 403\)/);
  });

  it('a slow AliExpress: no push starts after the deadline, and what was left is not sent', () => {
    const s = env.get();
    const ids = skus(3000);
    seed(ids);
    s.control('aliexpress', 'latency', { ms: 40_000, path: PUSH });
    const outcomes = connector({ deadline: s.clock.now() + 30_000 }).setStocks(ids.map((id) => ({ id, amount: 1 })));
    expect(outcomes.filter((o) => o.notSent)).toHaveLength(0);
    // All three pushes went in one wave; no time was left to wait for their tasks.
    expect(outcomes.every((o) => o.awaiting)).toBe(true);
    const later = connector({ deadline: s.clock.now() - 1 }).setStocks([{ id: ids[0], amount: 2 }]);
    expect(later[0]).toMatchObject({ accepted: false, notSent: true, retryLater: true });
  });
});

describe('reading stock', () => {
  it('is max_sellable_quantity: reserved units are not for sale; an id AliExpress does not know is unknown', () => {
    const s = env.get();
    const ids = skus(150);
    seed(ids);
    s.control('aliexpress', 'set-stock', { code: ids[0], available: 10 });
    s.control('aliexpress', 'buyer-order', { id: ids[0], quantity: 3 });
    const shown = connector().readStocks([...ids, 'NOPE']);
    expect(shown.get(ids[0])).toBe(7);
    expect(shown.get(ids[149])).toBe(0);
    expect(shown.has('NOPE')).toBe(false);
    expect(requestsTo(s, 'aliexpress', 'POST', '/api/v1/stocks')).toHaveLength(2);
  });
});

describe('orders', () => {
  it('pages the orders changed in the window, 50 a page, both statuses mapped, lines named by sku_code', () => {
    const s = env.get();
    seed(['A', 'B']);
    const statuses: [string, string, string][] = [
      ['Created', 'Init', 'new'],
      ['InProgress', 'PartialShipped', 'new'],
      ['InProgress', 'Shipped', 'shipped'],
      ['Finished', 'Delivered', 'shipped'],
      ['Cancelled', 'Cancelled', 'cancelled'],
      ['Cancelled', 'Init', 'cancelled'],
      ['Finished', 'Cancelled', 'cancelled'],
      ['Finished', 'Init', 'shipped'],
    ];
    const from = s.clock.now();
    for (let k = 0; k < 120; k++) {
      const [status, delivery_status] = statuses[k % statuses.length];
      s.control('aliexpress', 'order', {
        id: 7000 + k,
        codes: [k % 2 ? 'A' : 'B'],
        status,
        delivery_status,
        quantity: 2,
      });
    }
    s.clock.advance(1000);
    const lines = connector().listOrders(from, s.clock.now());
    expect(lines).toHaveLength(120);
    expect(requestsTo(s, 'aliexpress', 'POST', ORDERS)).toHaveLength(3);
    expect(lines[0]).toEqual({
      orderId: '7000',
      itemIds: ['B', '2000002'],
      lineId: '7000-1',
      quantity: 2,
      status: 'new',
      rawStatus: 'Created/Init',
      createdAt: expect.any(String),
    });
    const byId = new Map(lines.map((l) => [l.orderId, l.status]));
    expect(statuses.map((_, k) => byId.get(String(7000 + k)))).toEqual(statuses.map(([, , want]) => want));
  });

  it("a buyer's order reserves at once, is listed 30 s later; shipped leaves, a cancel frees", () => {
    const s = env.get();
    seed(['A']);
    s.control('aliexpress', 'set-stock', { code: 'A', available: 10 });
    const from = s.clock.now();
    const { orderId } = s.control('aliexpress', 'buyer-order', { id: 'A', quantity: 2 });
    expect(stockOf('A')).toEqual({ available: 8, reserved: 2 });
    s.clock.advance(29_000);
    expect(connector().listOrders(from, s.clock.now())).toEqual([]);
    s.clock.advance(1_000);
    expect(connector().listOrders(from, s.clock.now())).toEqual([
      expect.objectContaining({ orderId, itemIds: ['A', '2000001'], quantity: 2, status: 'new' }),
    ]);
    expect(connector().peekOrders(from, s.clock.now())).toEqual([`${orderId}:Created/Init`]);
    s.control('aliexpress', 'ship', { orderId });
    expect(stockOf('A')).toEqual({ available: 8, reserved: 0 });
    expect(connector().listOrders(from, s.clock.now())[0]).toMatchObject({
      status: 'shipped',
      rawStatus: 'InProgress/Shipped',
    });
    const second = s.control('aliexpress', 'buyer-order', { id: 'A', quantity: 5 });
    s.clock.advance(30_000);
    s.control('aliexpress', 'cancel', { orderId: second.orderId });
    expect(stockOf('A')).toEqual({ available: 8, reserved: 0 });
  });

  it('a later window sees only what changed since', () => {
    const s = env.get();
    seed(['A']);
    s.control('aliexpress', 'order', { id: 1, codes: ['A'] });
    s.clock.advance(60_000);
    const later = s.clock.now();
    s.control('aliexpress', 'order', { id: 2, codes: ['A'] });
    s.clock.advance(1000);
    expect(
      connector()
        .listOrders(later, s.clock.now())
        .map((l) => l.orderId),
    ).toEqual(['2']);
  });
});

describe('the sandbox keeps the limits', () => {
  const request = (path: string, body: unknown, host = 'https://openapi.ru.laliexpress.com') => ({
    method: 'post' as const,
    url: `${host}${path}`,
    headers: { 'x-auth-token': ALI_SANDBOX.token, 'Content-Type': 'application/json' },
    body,
  });

  it('over 1000 products a push, 50 a page, 100 SKUs a read, 50 orders a page: refused', () => {
    const s = env.get();
    const products = skus(1001).map((id) => ({ product_id: id, skus: [{ sku_code: id, inventory: '1' }] }));
    const answers = s
      .http()
      .fetchAll([
        request(PUSH, { products }),
        request('/api/v1/scroll-short-product-by-filter', { limit: '51' }),
        request('/api/v1/stocks', { stocks: skus(101).map((sku) => ({ sku })) }),
        request(ORDERS, { page: 1, page_size: 51 }, 'https://openapi.aliexpress.ru'),
      ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(JSON.parse(answers[0].text)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('a request that breaks the description is caught (inventory is a string of digits)', () => {
    const s = env.get();
    const [response] = s
      .http()
      .fetchAll([request(PUSH, { products: [{ product_id: '1', skus: [{ sku_code: 'A', inventory: 5 }] }] })]);
    expect(response.status).toBe(400);
    expect(s.control('aliexpress', 'violations')).toEqual([
      { method: 'post', path: PUSH, errors: [expect.stringContaining('inventory must be string')] },
    ]);
    s.control('aliexpress', 'clear-log');
  });
});
