/** YM_LIMITS (in the bundle) agree with YM_API (the project's description of the spec); the for-sale reading. */
import { proseLimit, type Schema } from '../../src/connectors/apiDescription';
import { forSaleOf, mapYmStatus, YM_LIMITS } from '../../src/connectors/yandexMarket';
import { YM_API, YM_ORDER_STATUSES, YM_STOCK_TYPES } from '../../src/connectors/yandexMarket.api';

const STOCKS = '/v2/campaigns/{campaignId}/offers/stocks';
const ORDERS = '/v1/businesses/{businessId}/orders';
const body = (path: string, method: 'put' | 'post'): Schema =>
  YM_API.paths[path]?.[method]?.requestBody?.content['application/json'].schema as Schema;
const limitParam = (path: string, method: 'get' | 'post') =>
  YM_API.paths[path]?.[method]?.parameters?.find((p) => p.name === 'limit')?.schema.maximum;
const rate = (path: string, method: 'get' | 'put' | 'post') => {
  const config = YM_API.paths[path]?.[method]?.['x-resource-limit-config'];
  if (!config) throw new Error(`${method} ${path} has no x-resource-limit-config`);
  const ms = { minutes: 60_000, hours: 3_600_000 }[config.none.period] * config.none['period-duration'];
  return { limit: config.none.amount, ms, parallel: config['parallel-limit-value'] };
};

it('updateStocks: SKUs a request and the count maximum are the schema maximums', () => {
  const skus = body(STOCKS, 'put').properties?.skus as Schema;
  expect(YM_LIMITS.stocksPerRequest).toBe(skus.maxItems);
  expect(YM_LIMITS.countMax).toBe(skus.items?.properties?.items.items?.properties?.count.maximum);
});

it('getStocks: offerIds a request are the schema maximum; the for-sale type is in the enum', () => {
  expect(YM_LIMITS.readPerRequest).toBe(body(STOCKS, 'post').properties?.offerIds.maxItems);
  expect(YM_STOCK_TYPES).toContain(YM_LIMITS.forSaleStockType);
});

it("pages are the limit parameters' maximums; the orders period is the x-limit", () => {
  expect(YM_LIMITS.campaignsPage).toBe(limitParam('/v2/campaigns', 'get'));
  expect(YM_LIMITS.ordersPage).toBe(limitParam(ORDERS, 'post'));
  expect(YM_LIMITS.warehousesPage).toBe(limitParam('/v2/businesses/{businessId}/warehouses', 'post'));
  expect(YM_LIMITS.ordersWindowDays).toBe(proseLimit(YM_API, 'post', ORDERS, 'periodDays'));
});

it('rate policies are the x-resource-limit-config windows, within the parallel limits', () => {
  const cases = [
    [YM_LIMITS.stocksPolicy, rate(STOCKS, 'put')],
    [YM_LIMITS.readPolicy, rate(STOCKS, 'post')],
    [YM_LIMITS.campaignsPolicy, rate('/v2/campaigns', 'get')],
    [YM_LIMITS.warehousesPolicy, rate('/v2/businesses/{businessId}/warehouses', 'post')],
    [YM_LIMITS.ordersPolicy, rate(ORDERS, 'post')],
  ] as const;
  for (const [policy, spec] of cases) {
    expect(policy.windows).toEqual([{ limit: spec.limit, ms: spec.ms }]);
    // Two requests in parallel per login at most (YM's docs), and never more than the operation allows.
    expect(policy.maxParallel).toBeLessThanOrEqual(Math.min(2, spec.parallel ?? 2));
  }
});

it('every order status of the spec but UNKNOWN is mapped; the mapped ones are all in the spec', () => {
  const mapped = [...YM_LIMITS.statuses.new, ...YM_LIMITS.statuses.shipped, ...YM_LIMITS.statuses.cancelled];
  expect([...mapped, 'UNKNOWN'].sort()).toEqual([...YM_ORDER_STATUSES].sort());
  expect(mapYmStatus('PROCESSING')).toBe('new');
  expect(mapYmStatus('DELIVERY')).toBe('shipped');
  expect(mapYmStatus('CANCELLED')).toBe('cancelled');
  expect(mapYmStatus('UNKNOWN')).toBe('other');
  expect(mapYmStatus('SOMETHING_NEW')).toBe('other');
});

describe('forSaleOf: AVAILABLE, or unknown', () => {
  it('is the AVAILABLE count, not FIT (which holds reserved units)', () => {
    expect(
      forSaleOf([
        { type: 'FIT', count: 10 },
        { type: 'FREEZE', count: 3 },
        { type: 'AVAILABLE', count: 7 },
      ]),
    ).toBe(7);
    expect(forSaleOf([{ type: 'AVAILABLE', count: 0 }])).toBe(0);
  });

  it.each([
    ['no stocks', undefined],
    ['not a list', { type: 'AVAILABLE', count: 1 }],
    ['an empty list', []],
    ['FIT only', [{ type: 'FIT', count: 5 }]],
    ['a count that is text', [{ type: 'AVAILABLE', count: '5' }]],
    ['no count', [{ type: 'AVAILABLE' }]],
    ['a fractional count', [{ type: 'AVAILABLE', count: 1.5 }]],
    ['a negative count', [{ type: 'AVAILABLE', count: -1 }]],
  ])('%s: unknown, never 0', (_what, stocks) => {
    expect(forSaleOf(stocks)).toBeUndefined();
  });
});
