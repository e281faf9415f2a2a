/**
 * MegaMarket's connector against its description (limits, the [verify] list in one place), the
 * answer that counts as accepted, status mapping and texts, and what «cannot read» means in settings
 * and credentials.
 */
import { proseLimit } from '../../src/connectors/apiDescription';
import { MM_LIMITS, mapMegamarketStatus, verdictOf, w3c } from '../../src/connectors/megamarket';
import { MM_API, MM_VERIFY } from '../../src/connectors/megamarket.api';
import { orderStatusText } from '../../src/core/orderStatusText';
import { type Channel, NO_STOCK_READ, validateSettings } from '../../src/core/settings';
import { validateCredentials } from '../../src/usecases/credentials';
import { connectorFor, type MarketDeps } from '../../src/usecases/marketplaces';

const STOCKS = '/api/merchantIntegration/v1/offerService/stock/update';
const SEARCH = '/api/market/v1/orderService/order/search';
const GET = '/api/market/v1/orderService/order/get';

describe('MM_LIMITS agree with MM_API', () => {
  it('300 offers a push, 100 shipments a search page, 50 a get, 5 requests a second', () => {
    expect(MM_LIMITS.stocksPerRequest).toBe(proseLimit(MM_API, 'post', STOCKS, 'stocksPerRequest'));
    expect(MM_LIMITS.ordersPage).toBe(proseLimit(MM_API, 'post', SEARCH, 'pageLimit'));
    expect(MM_LIMITS.shipmentsPerGet).toBe(proseLimit(MM_API, 'post', GET, 'shipmentsPerRequest'));
    expect(MM_LIMITS.requestsPerSecond).toBe(proseLimit(MM_API, 'post', GET, 'requestsPerSecond'));
    expect(MM_LIMITS.policy.windows).toEqual([{ limit: MM_LIMITS.requestsPerSecond, ms: 1000 }]);
    expect(MM_API.servers[0].url).toBe(MM_LIMITS.host);
  });

  it('follows the doc, names no official spec, and lists every unconfirmed fact in one place', () => {
    expect(MM_API['x-follows']).toMatchObject({ files: [], date: '2026-12-01', doc: expect.stringContaining('§4') });
    expect(MM_API['x-verify']).toBe(MM_VERIFY);
    // Every limit the connector keeps and no official page states is among them.
    for (const word of ['300', 'order/search', 'order/get', '5 в секунду', 'token']) {
      expect(MM_VERIFY.some((fact) => fact.includes(word))).toBe(true);
    }
  });
});

describe('what counts as accepted', () => {
  it('only success: 1 without error', () => {
    expect(verdictOf('{"success":1,"meta":{},"data":{}}')).toEqual({ data: {} });
    expect(verdictOf('{"success":1,"meta":{},"data":{},"error":{"code":"X","message":"m"}}')).toEqual({
      error: { code: 'X', message: 'm' },
    });
    expect(verdictOf('{"success":0,"meta":{}}')).toEqual({ error: { code: '', message: 'success: 0' } });
    expect(verdictOf('{"meta":{},"data":{}}')).toEqual({ error: { code: '', message: 'success: undefined' } });
    expect(verdictOf('{"success":"1"}')).toMatchObject({ error: {} });
    expect(verdictOf('<html>')).toBeUndefined();
  });

  it('a token error is told from an item error', () => {
    expect(MM_LIMITS.tokenError.test('UNAUTHORIZED Токен не найден')).toBe(true);
    expect(MM_LIMITS.tokenError.test('401 invalid token')).toBe(true);
    expect(MM_LIMITS.tokenError.test('OFFER_NOT_FOUND Оффер A не найден')).toBe(false);
  });

  it('dates go as W3C seconds in UTC', () => {
    expect(w3c(Date.parse('2026-11-22T09:00:00.123Z'))).toBe('2026-11-22T09:00:00+00:00');
  });
});

describe('MegaMarket statuses', () => {
  it.each([
    ['NEW', 'new'],
    ['PENDING', 'new'],
    ['PENDING_CONFIRMATION', 'new'],
    ['PENDING_PACKING', 'new'],
    ['PENDING_SHIPPING', 'new'],
    ['CONFIRMED', 'new'],
    ['PACKED', 'new'],
    ['SHIPPED', 'shipped'],
    ['DELIVERED', 'shipped'],
    ['MERCHANT_CANCELED', 'cancelled'],
    ['CUSTOMER_CANCELED', 'cancelled'],
    ['PACKING_EXPIRED', 'cancelled'],
    ['SHIPPING_EXPIRED', 'cancelled'],
    ['CONFIRMATION_EXPIRED', 'cancelled'],
    ['RETURNED', 'other'],
    ['', 'other'],
  ])('%s → %s, in Russian for the reserve', (raw, status) => {
    expect(mapMegamarketStatus(raw)).toBe(status);
    if (raw && raw !== 'RETURNED' && raw !== 'CONFIRMATION_EXPIRED')
      expect(orderStatusText('megamarket', raw)).not.toMatch(/[A-Za-z]/);
  });

  it('an unknown code is named as MegaMarket’s own', () => {
    expect(orderStatusText('megamarket', 'RETURNED')).toBe('статус площадки «RETURNED»');
  });
});

describe('a marketplace that cannot read stock', () => {
  const deps = {
    http: { fetchAll: () => [] },
    timer: { now: () => 0, sleep: () => undefined },
  } as unknown as MarketDeps;
  const channel = (marketplace: Channel['marketplace']) =>
    ({ id: 'c', name: 'К', column: 'К', marketplace, enabled: true, target: {} }) as Channel;

  it('is the one whose connector says so: the settings list and the connectors agree', () => {
    for (const m of ['ozon', 'wb', 'yandex', 'megamarket', 'aliexpress'] as const) {
      const credentials =
        m === 'ozon' ? { clientId: '1', apiKey: 'k' } : m === 'yandex' ? { apiKey: 'k' } : { token: 't' };
      const readable = connectorFor(channel(m), credentials, deps).canReadStocks !== false;
      expect({ m, readable }).toEqual({ m, readable: NO_STOCK_READ[m] === undefined });
    }
  });

  it('a MegaMarket channel is refused as a «channel» source at save, in Russian', () => {
    const result = validateSettings(
      {
        version: 1,
        warehouses: [
          { id: 'main', column: 'Склад', type: 'own', inSale: true },
          {
            id: 'mm',
            column: 'На Мегамаркете',
            type: 'own',
            inSale: false,
            source: { kind: 'channel', channelId: 'mm' },
          },
        ],
        channels: [{ id: 'mm', name: 'Мегамаркет', column: 'ММ', marketplace: 'megamarket', sources: ['main'] }],
      },
      new Date('2026-11-22T09:00:00Z'),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'warehouses.1.source.channelId',
          message: expect.stringContaining(
            'нельзя брать остатки из канала «Мегамаркет»: Мегамаркет не показывает остатки через API',
          ),
        },
      ],
    });
  });
});

describe('MegaMarket credentials', () => {
  it('a token, cleaned; printable ASCII only', () => {
    expect(validateCredentials('megamarket', { token: '  3f6c1e2a-9b7d-4c58-a1e0-5d2f8b7c9e41 ' })).toEqual({
      ok: true,
      credentials: { token: '3f6c1e2a-9b7d-4c58-a1e0-5d2f8b7c9e41' },
    });
    expect(validateCredentials('megamarket', { token: '' })).toEqual({ ok: false, error: 'Введите токен Мегамаркета' });
    expect(validateCredentials('megamarket', { token: 'токен' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('только латиница'),
    });
  });
});
