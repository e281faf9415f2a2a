/**
 * The Ozon connector's LIMITS agree with the project's description of the API (schema limits,
 * enums, prose limits), so neither can drift; and the one «shown for sale» reading: free_stock of
 * the channel's warehouse, anything else unknown (absent), never 0.
 */
import { proseLimit, type Schema } from '../../src/connectors/apiDescription';
import type { HttpRequest, HttpResponse } from '../../src/connectors/http';
import { OZON_LIMITS, OzonConnector, shownForSale } from '../../src/connectors/ozon';
import { OZON_API } from '../../src/connectors/ozon.api';

function requestSchema(path: string): Schema {
  const schema = OZON_API.paths[path]?.post?.requestBody?.content['application/json'].schema;
  if (!schema) throw new Error(`no request body for ${path}`);
  return schema;
}

const within = (value: number, schema: Schema | undefined) =>
  value >= (schema?.minimum ?? -Infinity) && value <= (schema?.maximum ?? Infinity);

describe('OZON_LIMITS agree with OZON_API', () => {
  it('/v2/products/stocks: 100 pairs a request, 80 requests a minute, a pair once per 30 s', () => {
    expect(OZON_LIMITS.stocksPerRequest).toBe(proseLimit(OZON_API, 'post', '/v2/products/stocks', 'pairsPerRequest'));
    expect(OZON_LIMITS.stocksPerMinute).toBe(proseLimit(OZON_API, 'post', '/v2/products/stocks', 'requestsPerMinute'));
    expect(OZON_LIMITS.stocksPolicy.windows).toContainEqual({ limit: OZON_LIMITS.stocksPerMinute, ms: 60_000 });
    expect(OZON_LIMITS.sameItemIntervalMs).toBe(
      1000 * proseLimit(OZON_API, 'post', '/v2/products/stocks', 'samePairIntervalSeconds'),
    );
  });

  it('/v1/product/info/warehouse/stocks: the page size is within limit 1..1000', () => {
    const limit = requestSchema('/v1/product/info/warehouse/stocks').properties?.limit;
    expect(limit).toMatchObject({ minimum: 1, maximum: 1000 });
    expect(within(OZON_LIMITS.stocksReadPage, limit)).toBe(true);
  });

  it('/v4/posting/fbs/list: the page size is within 1..100, sort_dir is in the enum, warehouse_ids fit', () => {
    const request = requestSchema('/v4/posting/fbs/list');
    expect(request.properties?.limit).toMatchObject({ minimum: 1, maximum: 100 });
    expect(within(OZON_LIMITS.ordersPage, request.properties?.limit)).toBe(true);
    expect(request.properties?.sort_dir?.enum).toContain(OZON_LIMITS.ordersSortDir);
    expect(OZON_LIMITS.ordersWarehouseIds).toBe(request.properties?.filter?.properties?.warehouse_ids?.maxItems);
    expect(OZON_LIMITS.ordersLookbackMs).toBeLessThanOrEqual(OZON_LIMITS.ordersPeriodMaxMs);
    expect(OZON_LIMITS.ordersPeriodMaxMs).toBeLessThanOrEqual(365 * 24 * 3600 * 1000);
  });

  it('/v2/warehouse/list: the page size is within its maximum', () => {
    expect(within(OZON_LIMITS.warehousesPage, requestSchema('/v2/warehouse/list').properties?.limit)).toBe(true);
  });
});

describe('what Ozon shows for sale', () => {
  const W = 22254230484000;

  it('is free_stock of the channel warehouse, not present', () => {
    expect(shownForSale({ offer_id: 'A', warehouse_id: W, present: 10, reserved: 3, free_stock: 7 }, W)).toBe(7);
    expect(shownForSale({ offer_id: 'A', warehouse_id: W, present: 0, reserved: 0, free_stock: 0 }, W)).toBe(0);
  });

  it.each([
    ['no free_stock', { offer_id: 'A', warehouse_id: W, present: 10, reserved: 3 }],
    ['free_stock as text', { offer_id: 'A', warehouse_id: W, free_stock: '7' }],
    ['free_stock null', { offer_id: 'A', warehouse_id: W, free_stock: null }],
    ['free_stock not a whole number', { offer_id: 'A', warehouse_id: W, free_stock: 1.5 }],
    ['free_stock negative', { offer_id: 'A', warehouse_id: W, free_stock: -1 }],
    ['another warehouse', { offer_id: 'A', warehouse_id: W + 1, free_stock: 7 }],
    ['not an object', 'A'],
  ])('is unknown with %s', (_why, entry) => {
    expect(shownForSale(entry, W)).toBeUndefined();
  });

  it('readStocks leaves an unreadable entry out (unknown, never 0) and follows the cursor', () => {
    const pages = [
      {
        cursor: 'c1',
        has_next: true,
        stocks: [
          { offer_id: 'A', warehouse_id: W, present: 5, reserved: 1, free_stock: 4 },
          { offer_id: 'B', warehouse_id: W, present: 5, reserved: 1 },
        ],
      },
      { cursor: '', has_next: false, stocks: [{ offer_id: 'C', warehouse_id: W, free_stock: 'many' }, 'junk'] },
    ];
    const sent: HttpRequest[] = [];
    const http = {
      fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
        return requests.map((r) => {
          sent.push(r);
          return { status: 200, headers: {}, text: JSON.stringify(pages[sent.length - 1]) };
        });
      },
    };
    const clock = { at: 0 };
    const timer = {
      now: () => clock.at,
      sleep: (ms: number) => {
        clock.at += ms;
      },
    };
    const connector = new OzonConnector(
      { channel: 'Ozon', credentials: { clientId: '1', apiKey: 'k' }, warehouseId: String(W) },
      http,
      timer,
    );
    expect([...connector.readStocks(['A', 'B', 'C'])]).toEqual([['A', 4]]);
    expect(sent.map((r) => r.body)).toEqual([
      { warehouse_id: W, limit: OZON_LIMITS.stocksReadPage, cursor: '' },
      { warehouse_id: W, limit: OZON_LIMITS.stocksReadPage, cursor: 'c1' },
    ]);
  });
});

describe('per-item refusals of /v2/products/stocks', () => {
  it('are explained in Russian, an unknown code too; only TOO_MANY_REQUESTS is tried again later', () => {
    const codes = ['PRODUCT_IS_ARCHIVED', 'NOT_PRICE_SENT', 'WAREHOUSE_NOT_FOUND', 'SOMETHING_NEW'];
    const http = {
      fetchAll: (requests: readonly HttpRequest[]): HttpResponse[] =>
        requests.map((r) => {
          const stocks = (r.body as { stocks: { offer_id: string; warehouse_id: number }[] }).stocks;
          const result = stocks.map((s, i) => ({
            ...s,
            updated: false,
            errors: [{ code: codes[i], message: 'Something new' }],
          }));
          return { status: 200, headers: {}, text: JSON.stringify({ result }) };
        }),
    };
    const timer = { now: () => 0, sleep: () => undefined };
    const connector = new OzonConnector(
      { channel: 'Ozon', credentials: { clientId: '1', apiKey: 'k' }, warehouseId: '5' },
      http,
      timer,
    );
    const outcomes = connector.setStocks(codes.map((id) => ({ id, amount: 1 })));
    expect(outcomes.map((o) => [o.reason, o.retryLater])).toEqual([
      ['товар в архиве Ozon: остаток можно задать, когда товар восстановят из архива', false],
      ['у товара на Ozon ещё нет цены: остаток можно задать после неё', false],
      ['склад Ozon не найден или не FBS', false],
      ['Ozon не принял остаток: SOMETHING_NEW Something new', false],
    ]);
  });
});
