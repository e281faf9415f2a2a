/**
 * WB_LIMITS agree with the project's description of the Wildberries API (schema maximums, x-limits,
 * enums), so that neither drifts; and what is shown for sale is read once, unknown when unreadable.
 */
import type { Method, Schema } from '../../src/connectors/apiDescription';
import { proseLimit } from '../../src/connectors/apiDescription';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/connectors/http';
import {
  buildChrtIndex,
  mapWbStatus,
  shownForSale,
  WB_LIMITS,
  WildberriesConnector,
} from '../../src/connectors/wildberries';
import { WB_API } from '../../src/connectors/wildberries.api';

const STOCKS = '/api/v3/stocks/{warehouseId}';

function body(method: Method, path: string): Schema {
  return WB_API.paths[path]?.[method]?.requestBody?.content['application/json'].schema as Schema;
}

function answer(method: Method, path: string, status = '200'): Schema {
  return WB_API.paths[path]?.[method]?.responses[status].content?.['application/json'].schema as Schema;
}

const limit = (method: Method, path: string, name: string) => proseLimit(WB_API, method, path, name);

describe('WB_LIMITS agree with WB_API', () => {
  it('stocks per request, reads per request and the largest amount', () => {
    const stocks = body('put', STOCKS).properties?.stocks as Schema;
    expect(WB_LIMITS.stocksPerRequest).toBe(stocks.maxItems);
    expect(stocks.minItems).toBe(1);
    expect(WB_LIMITS.maxAmount).toBe(stocks.items?.properties?.amount.maximum);
    expect(WB_LIMITS.readsPerRequest).toBe(body('post', STOCKS).properties?.chrtIds.maxItems);
  });

  it('the cards page, the orders page, statuses per request and the orders window', () => {
    expect(WB_LIMITS.cardsPage).toBe(
      body('post', '/content/v2/get/cards/list').properties?.settings.properties?.cursor.properties?.limit.maximum,
    );
    const page = WB_API.paths['/api/v3/orders'].get?.parameters?.find((p) => p.name === 'limit')?.schema;
    expect(page).toMatchObject({ minimum: 1, maximum: WB_LIMITS.ordersPage });
    expect(WB_LIMITS.statusesPerRequest).toBe(body('post', '/api/v3/orders/status').properties?.orders.maxItems);
    expect(WB_LIMITS.ordersWindowMs).toBe(limit('get', '/api/v3/orders', 'windowDays') * 24 * 3600 * 1000);
  });

  it('the rate limits of every Marketplace operation, and of the cards list', () => {
    const marketplace: [Method, string][] = [
      ['put', STOCKS],
      ['post', STOCKS],
      ['get', '/api/v3/warehouses'],
      ['get', '/api/v3/orders/new'],
      ['get', '/api/v3/orders'],
      ['post', '/api/v3/orders/status'],
    ];
    for (const [method, path] of marketplace) {
      const [perMinute, burst] = WB_LIMITS.marketplacePolicy.windows;
      expect(perMinute).toEqual({ limit: limit(method, path, 'requestsPerMinute'), ms: 60_000 });
      expect(burst).toEqual({
        limit: limit(method, path, 'burst'),
        ms: limit(method, path, 'burst') * limit(method, path, 'intervalMs'),
      });
      expect(WB_LIMITS.marketplacePolicy.costOf4xx).toBe(limit(method, path, 'costOf4xx'));
    }
    const cards = '/content/v2/get/cards/list';
    const [perMinute, burst] = WB_LIMITS.contentPolicy.windows;
    expect(perMinute).toEqual({ limit: limit('post', cards, 'requestsPerMinute'), ms: 60_000 });
    expect(burst).toEqual({
      limit: limit('post', cards, 'burst'),
      ms: limit('post', cards, 'burst') * limit('post', cards, 'intervalMs'),
    });
    expect(WB_API.paths[cards].post?.['x-limits']?.costOf4xx).toBeUndefined();
    expect(WB_LIMITS.contentPolicy.costOf4xx).toBeUndefined();
  });

  it('the status enums, each mapped on purpose', () => {
    const status = answer('post', '/api/v3/orders/status').properties?.orders.items?.properties ?? {};
    expect([...WB_LIMITS.supplierStatuses].sort()).toEqual([...(status.supplierStatus.enum ?? [])].sort());
    expect([...WB_LIMITS.wbStatuses].sort()).toEqual([...(status.wbStatus.enum ?? [])].sort());
    expect(WB_LIMITS.supplierStatuses.map((s) => mapWbStatus(s, 'waiting'))).toEqual([
      'new',
      'new',
      'shipped',
      'cancelled',
    ]);
    const cancelled = ['canceled', 'canceled_by_client', 'declined_by_client', 'defect'];
    for (const wb of WB_LIMITS.wbStatuses)
      expect([wb, mapWbStatus('new', wb)]).toEqual([
        wb,
        cancelled.includes(wb) ? 'cancelled' : wb === 'sold' ? 'shipped' : 'new',
      ]);
  });
});

describe('shown for sale', () => {
  it('is `amount`: a whole, non-negative number; anything else is unknown', () => {
    expect(shownForSale({ chrtId: 1, amount: 4 })).toEqual({ chrtId: 1, amount: 4 });
    expect(shownForSale({ chrtId: 1, amount: 0 })).toEqual({ chrtId: 1, amount: 0 });
    for (const entry of [
      { chrtId: 1 },
      { chrtId: 1, amount: '5' },
      { chrtId: 1, amount: null },
      { chrtId: 1, amount: -1 },
      { chrtId: 1, amount: 1.5 },
      { amount: 3 },
      null,
      7,
    ])
      expect(shownForSale(entry)).toBeUndefined();
  });

  function connectorAnswering(...texts: string[]) {
    const sent: HttpRequest[] = [];
    const http: HttpClient = {
      fetchAll: (requests) =>
        requests.map((r): HttpResponse => {
          sent.push(r);
          return { status: 200, headers: {}, text: texts.shift() ?? '' };
        }),
    };
    const index = buildChrtIndex(
      [1, 2, 3, 4].map((c) => ({ chrtId: c, nmId: c, vendorCode: `V${c}`, barcodes: [`B${c}`] })),
    );
    const timer = { now: () => 0, sleep: () => undefined };
    return {
      sent,
      connector: new WildberriesConnector(
        { channel: 'WB', credentials: { token: 't' }, warehouseId: '7', index },
        http,
        timer,
      ),
    };
  }

  it('readStocks leaves out entries without a numeric amount, and everything of an answer it cannot parse', () => {
    const { connector, sent } = connectorAnswering(
      JSON.stringify({
        stocks: [{ chrtId: 1 }, { chrtId: 2, amount: '5' }, { chrtId: 3, amount: 4 }, { chrtId: 4, amount: 0 }],
      }),
      '{"stocks": [',
    );
    expect([...connector.readStocks(['B1', 'V2', 'B3', 'B4'])]).toEqual([
      ['B3', 4],
      ['B4', 0],
    ]);
    expect(sent[0]).toMatchObject({
      method: 'post',
      url: 'https://marketplace-api.wildberries.ru/api/v3/stocks/7',
      body: { chrtIds: [1, 2, 3, 4] },
    });
    expect(connector.readStocks(['B1', 'B2']).size).toBe(0);
  });
});
