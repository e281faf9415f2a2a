/**
 * AliExpress's connector against its description (limits, the [verify] list in one place), what is
 * shown for sale, the sku_code mapping, status mapping and texts, the awaiting-results sheet and the
 * credentials.
 */
import { ALI_LIMITS, buildSkuIndex, mapAliStatus, secondsUtc, shownForSale } from '../../src/connectors/aliexpress';
import { ALI_API, ALI_DELIVERY_STATUSES, ALI_ORDER_STATUSES, ALI_VERIFY } from '../../src/connectors/aliexpress.api';
import { proseLimit } from '../../src/connectors/apiDescription';
import { mergeSkuPass } from '../../src/core/aliMapping';
import { MARKETPLACE_MAXIMUM } from '../../src/core/cells';
import { orderStatusText } from '../../src/core/orderStatusText';
import { pendingRows, readPending } from '../../src/core/pendingResults';
import { validateCredentials } from '../../src/usecases/credentials';

const PUSH = '/api/v1/product/update-sku-stock';

describe('ALI_LIMITS agree with ALI_API', () => {
  it('1000 products a push and 100,000 in 4 hours, inventory up to 999 999, pages of 50, reads of 100', () => {
    expect(ALI_LIMITS.productsPerRequest).toBe(proseLimit(ALI_API, 'post', PUSH, 'productsPerRequest'));
    expect(ALI_LIMITS.productsPer4Hours).toBe(proseLimit(ALI_API, 'post', PUSH, 'productsPer4Hours'));
    expect(ALI_LIMITS.pushPolicy.windows).toEqual([{ limit: ALI_LIMITS.productsPer4Hours, ms: 4 * 3600 * 1000 }]);
    expect(ALI_LIMITS.inventoryMax).toBe(proseLimit(ALI_API, 'post', PUSH, 'inventoryMax'));
    expect(MARKETPLACE_MAXIMUM.aliexpress).toBe(ALI_LIMITS.inventoryMax);
    expect(ALI_LIMITS.productsPage).toBe(
      proseLimit(ALI_API, 'post', '/api/v1/scroll-short-product-by-filter', 'pageLimit'),
    );
    expect(ALI_LIMITS.stocksReadPerRequest).toBe(proseLimit(ALI_API, 'post', '/api/v1/stocks', 'skusPerRequest'));
    expect(ALI_LIMITS.ordersPage).toBe(proseLimit(ALI_API, 'post', '/seller-api/v1/order/get-order-list', 'pageSize'));
    expect(ALI_API.servers.map((s) => s.url)).toEqual([ALI_LIMITS.host, ALI_LIMITS.ordersHost]);
  });

  it('the inventory pattern takes "0" to "999999" and nothing else', () => {
    const schema = ALI_API.paths[PUSH]?.post?.requestBody?.content['application/json'].schema;
    const pattern = new RegExp(
      schema?.properties?.products?.items?.properties?.skus?.items?.properties?.inventory?.pattern ?? '',
    );
    expect(['0', '7', '999999'].every((v) => pattern.test(v))).toBe(true);
    expect(['', '-1', '01', '1000000', '1.5'].some((v) => pattern.test(v))).toBe(false);
  });

  it('follows the doc, names no official spec, and lists every unconfirmed fact in one place', () => {
    expect(ALI_API['x-follows']).toMatchObject({ files: [], date: '2026-12-01', doc: expect.stringContaining('§5') });
    expect(ALI_API['x-verify']).toBe(ALI_VERIFY);
    for (const word of [
      'openapi.aliexpress.ru',
      '1000',
      'tasks',
      '30 с',
      'limit',
      '100 SKU',
      'page_size',
      'PartialShipped',
    ])
      expect(ALI_VERIFY.some((fact) => fact.includes(word))).toBe(true);
  });
});

describe('what AliExpress shows for sale', () => {
  it('is max_sellable_quantity; anything else is unknown, never 0', () => {
    expect(shownForSale({ sku: '1', max_sellable_quantity: 7 })).toEqual({ skuId: '1', amount: 7 });
    expect(shownForSale({ sku: 1, max_sellable_quantity: 0 })).toEqual({ skuId: '1', amount: 0 });
    for (const entry of [
      { sku: '1' },
      { sku: '1', max_sellable_quantity: '7' },
      { sku: '1', max_sellable_quantity: -1 },
      {},
      'x',
    ])
      expect(shownForSale(entry)).toBeUndefined();
  });
});

describe('the sku_code mapping', () => {
  it('names each SKU by its code and its sku_id; a code of two products names neither', () => {
    const index = buildSkuIndex([
      { productId: 'p1', skuId: 's1', code: 'A' },
      { productId: 'p1', skuId: 's2', code: 'B' },
      { productId: 'p2', skuId: 's3', code: 'B' },
      { productId: 'p3', skuId: 's4', code: '' },
    ]);
    expect(index.byId.get('A')).toEqual({ productId: 'p1', skuId: 's1', code: 'A' });
    expect(index.byId.get('s4')?.productId).toBe('p3');
    expect(index.byId.has('B')).toBe(false);
    expect(index.ambiguous).toEqual(new Set(['B']));
    expect(index.byId.get('s3')?.code).toBe('B');
  });

  it('a pass over the list keeps the older SKUs until it ends, then only what it found', () => {
    const old = { sku: { productId: 'p1', skuId: 's1', code: 'A' }, stamp: 'old' };
    const gone = { sku: { productId: 'p9', skuId: 's9', code: 'Z' }, stamp: 'old' };
    const pass = { startedAt: 'new', read: 0, expected: 0 };
    const moved = { productId: 'p2', skuId: 's1', code: 'A' };
    expect(mergeSkuPass([old, gone], pass, [moved], false).map((r) => [r.sku.skuId, r.sku.productId])).toEqual([
      ['s9', 'p9'],
      ['s1', 'p2'],
    ]);
    expect(mergeSkuPass([old, gone], pass, [moved], true).map((r) => r.sku.skuId)).toEqual(['s1']);
  });
});

describe('AliExpress order statuses', () => {
  it.each([
    ['Created', 'Init', 'new'],
    ['InProgress', 'Init', 'new'],
    ['InProgress', 'PartialShipped', 'new'],
    ['InProgress', 'Shipped', 'shipped'],
    ['Finished', 'Delivered', 'shipped'],
    ['Cancelled', 'Shipped', 'shipped'],
    ['Cancelled', 'Init', 'cancelled'],
    ['InProgress', 'Cancelled', 'cancelled'],
    ['Finished', 'Init', 'shipped'],
    ['Something', 'Init', 'other'],
  ])('%s / %s → %s', (order, delivery, status) => {
    expect(mapAliStatus(order, delivery)).toBe(status);
  });

  it('has a Russian label for every status of the doc', () => {
    for (const order of ALI_ORDER_STATUSES)
      for (const delivery of ALI_DELIVERY_STATUSES)
        expect(orderStatusText('aliexpress', `${order}/${delivery}`)).not.toMatch(/[A-Za-z]/);
    expect(orderStatusText('aliexpress', 'Created/Init')).toBe('создан, доставка: ещё не отправлен');
    expect(orderStatusText('aliexpress', 'New/Init')).toBe('статус площадки «New», доставка: ещё не отправлен');
  });

  it('dates go as seconds in UTC with Z', () => {
    expect(secondsUtc(Date.parse('2026-11-22T09:00:00.456Z'))).toBe('2026-11-22T09:00:00Z');
  });
});

describe('«_Ожидают ответа»', () => {
  it('keeps each awaiting push with its group through a round trip, ids as text', () => {
    const pending = new Map([['ali', [{ id: '007', qty: 3, group: 'g-1', at: '2026-11-22T09:00:00.000Z' }]]]);
    const rows = pendingRows(pending);
    expect(rows[1]).toEqual(["'ali", "'007", 3, "'g-1", "'2026-11-22T09:00:00.000Z"]);
    const asSheets = rows.map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/^'/, '') : v)));
    expect(readPending(asSheets)).toEqual(pending);
    expect(readPending([rows[0], ['ali', 'X', 'many', 'g', '']])).toEqual(new Map());
  });
});

describe('AliExpress credentials', () => {
  it('a token, «Bearer» dropped; printable ASCII only', () => {
    expect(validateCredentials('aliexpress', { token: ' Bearer eyJ.x.y ' })).toEqual({
      ok: true,
      credentials: { token: 'eyJ.x.y' },
    });
    expect(validateCredentials('aliexpress', {})).toEqual({ ok: false, error: 'Введите токен AliExpress' });
    expect(validateCredentials('aliexpress', { token: 'eyJ\u00a0x' })).toMatchObject({ ok: false });
  });
});
