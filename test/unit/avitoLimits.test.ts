/**
 * The Avito connector's LIMITS agree with the project's description of the API (schema limits, the
 * status enum, prose limits), so neither can drift; and its parsers: what is shown for sale, which
 * ids are listing numbers, per-item refusals in Russian, the token request as the spec wants it.
 */
import { type Method, proseLimit, type Schema } from '../../src/connectors/apiDescription';
import {
  AVITO_LIMITS,
  AVITO_VERIFY,
  AvitoConnector,
  itemErrorReason,
  listingOf,
  mapAvitoStatus,
  memoryTokenCache,
  shownForSale,
} from '../../src/connectors/avito';
import { AVITO_API } from '../../src/connectors/avito.api';
import type { HttpRequest, HttpResponse } from '../../src/connectors/http';

const STOCKS = '/stock-management/1/stocks';
const INFO = '/stock-management/1/info';
const ORDERS = '/order-management/1/orders';

function requestSchema(method: Method, path: string): Schema {
  const schema = AVITO_API.paths[path]?.[method]?.requestBody?.content['application/json'].schema;
  if (!schema) throw new Error(`no request body for ${path}`);
  return schema;
}
const parameter = (name: string) => AVITO_API.paths[ORDERS]?.get?.parameters?.find((p) => p.name === name);

describe('AVITO_LIMITS agree with AVITO_API', () => {
  it('the host is the description’s server', () => {
    expect(AVITO_API.servers.map((s) => s.url)).toEqual([AVITO_LIMITS.host]);
  });

  it('PUT stocks: 200 listings a request (text and schema), 100 requests a minute, quantity 0..999999', () => {
    const stocks = requestSchema('put', STOCKS).properties?.stocks;
    expect(AVITO_LIMITS.stocksPerRequest).toBe(proseLimit(AVITO_API, 'put', STOCKS, 'itemsPerRequest'));
    expect(AVITO_LIMITS.stocksPerRequest).toBe(stocks?.maxItems);
    expect(AVITO_LIMITS.stocksPerMinute).toBe(proseLimit(AVITO_API, 'put', STOCKS, 'requestsPerMinute'));
    expect(AVITO_LIMITS.stocksPolicy.windows).toEqual([{ limit: AVITO_LIMITS.stocksPerMinute, ms: 60_000 }]);
    expect(stocks?.items?.properties?.quantity).toMatchObject({ minimum: 0, maximum: AVITO_LIMITS.maxQuantity });
  });

  it('POST info: 10 ids a request by its text (the schema’s 500 is looser), 100 requests a minute', () => {
    expect(AVITO_LIMITS.infoPerRequest).toBe(proseLimit(AVITO_API, 'post', INFO, 'itemsPerRequest'));
    expect(AVITO_LIMITS.infoPerRequest).toBeLessThanOrEqual(
      requestSchema('post', INFO).properties?.item_ids?.maxItems ?? 0,
    );
    expect(AVITO_LIMITS.infoPerMinute).toBe(proseLimit(AVITO_API, 'post', INFO, 'requestsPerMinute'));
    expect(AVITO_LIMITS.infoPolicy.windows).toEqual([{ limit: AVITO_LIMITS.infoPerMinute, ms: 60_000 }]);
  });

  it('GET orders: the page is the largest `limit`, 500 requests a minute, every status of the enum is mapped once', () => {
    expect(AVITO_LIMITS.ordersPage).toBe(parameter('limit')?.schema.maximum);
    expect(AVITO_LIMITS.ordersPerMinute).toBe(proseLimit(AVITO_API, 'get', ORDERS, 'requestsPerMinute'));
    expect(AVITO_LIMITS.ordersPolicy.windows).toEqual([{ limit: AVITO_LIMITS.ordersPerMinute, ms: 60_000 }]);
    const mapped = Object.values(AVITO_LIMITS.statuses).flat();
    expect(new Set(mapped).size).toBe(mapped.length);
    expect([...mapped].sort()).toEqual([...(parameter('statuses')?.schema.items?.enum ?? [])].sort());
  });

  it('a token is kept at most as long as CacheService keeps anything, and renewed well before it ends', () => {
    expect(AVITO_LIMITS.cacheMaxSeconds).toBe(6 * 3600);
    expect(AVITO_LIMITS.renewBeforeMs).toBeGreaterThan(6 * 60_000);
    expect(AVITO_LIMITS.renewBeforeMs).toBeLessThan(AVITO_LIMITS.tokenLifetimeMs);
  });
});

describe('Avito statuses', () => {
  it.each([
    ['on_confirmation', 'new'],
    ['ready_to_ship', 'new'],
    ['in_transit', 'shipped'],
    ['delivered', 'shipped'],
    ['closed', 'shipped'],
    ['canceled', 'cancelled'],
    ['on_return', 'other'],
    ['in_dispute', 'other'],
    ['confirming', 'other'],
    ['', 'other'],
  ])('%s → %s', (raw, status) => {
    expect(mapAvitoStatus(raw)).toBe(status);
  });
});

describe('what Avito shows for sale', () => {
  const entry = { item_id: 7, quantity: 4, is_unlimited: false, is_multiple: true, is_out_of_stock: false };

  it('is the info quantity (already less what is booked), 0 included', () => {
    expect(shownForSale(entry)).toEqual({ itemId: 7, quantity: 4 });
    expect(shownForSale({ ...entry, quantity: 0, is_out_of_stock: true })).toEqual({ itemId: 7, quantity: 0 });
  });

  it.each([
    ['unlimited', { ...entry, is_unlimited: true }],
    ['no quantity', { ...entry, quantity: undefined }],
    ['quantity as text', { ...entry, quantity: '4' }],
    ['negative', { ...entry, quantity: -1 }],
    ['not whole', { ...entry, quantity: 1.5 }],
    ['no item_id', { ...entry, item_id: undefined }],
    ['not an object', 7],
  ])('is unknown with %s', (_why, e) => {
    expect(shownForSale(e)).toBeUndefined();
  });
});

describe('listing numbers', () => {
  it('are the digits of a listing’s link, spaces around allowed', () => {
    expect(listingOf('2799377316')).toBe(2799377316);
    expect(listingOf(' 2799377316 ')).toBe(2799377316);
  });

  it.each(['', 'A-00001', '12.5', '-5', '0', '1e9', '12345678901234567'])('«%s» is not one', (id) => {
    expect(listingOf(id)).toBeUndefined();
  });
});

describe('per-listing refusals', () => {
  it('say in Russian what Avito said, its own words kept', () => {
    expect(itemErrorReason(['item not found'])).toBe(
      'объявление с таким номером не найдено у этого аккаунта Авито (item not found)',
    );
    expect(itemErrorReason(['quantity is locked', 'try later'])).toBe(
      'Авито не принял остаток: quantity is locked; try later',
    );
    expect(itemErrorReason([])).toBe('Авито не обновил остаток без объяснения');
  });
});

describe('the requests', () => {
  it('asks for the token with the client_credentials form, then sends it as a bearer token, the latest amount per listing', () => {
    const sent: HttpRequest[] = [];
    const http = {
      fetchAll: (requests: readonly HttpRequest[]): HttpResponse[] =>
        requests.map((r) => {
          sent.push(r);
          if (r.url.endsWith('/token'))
            return {
              status: 200,
              headers: {},
              text: JSON.stringify({ access_token: 'tok-0123456789', expires_in: 86400 }),
            };
          const stocks = (r.body as { stocks: { item_id: number }[] }).stocks;
          return {
            status: 200,
            headers: {},
            text: JSON.stringify({ stocks: stocks.map((s) => ({ item_id: s.item_id, success: true, errors: [] })) }),
          };
        }),
    };
    const timer = { now: () => 0, sleep: () => undefined };
    const connector = new AvitoConnector(
      { channel: 'Авито', credentials: { clientId: 'id-1', clientSecret: 'secret-0123456789' } },
      http,
      timer,
    );
    const outcomes = connector.setStocks([
      { id: '11', amount: 3 },
      { id: '11', amount: 5 },
      { id: '12', amount: -2 },
    ]);
    expect(outcomes).toEqual([
      { id: '11', accepted: true },
      { id: '12', accepted: true },
    ]);
    expect(sent[0]).toEqual({
      method: 'post',
      url: 'https://api.avito.ru/token',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      form: { grant_type: 'client_credentials', client_id: 'id-1', client_secret: 'secret-0123456789' },
    });
    expect(sent[1]).toMatchObject({
      method: 'put',
      url: 'https://api.avito.ru/stock-management/1/stocks',
      headers: { Authorization: 'Bearer tok-0123456789' },
      body: {
        stocks: [
          { item_id: 11, quantity: 5 },
          { item_id: 12, quantity: 0 },
        ],
      },
    });
  });

  it.each([
    [418, 'площадка отклонила запрос (HTTP 418)'],
    [404, 'площадка отклонила запрос (HTTP 404)'],
    [0, 'нет ответа от площадки'],
  ])('a token request answered %s with a text that repeats the secret: the message leaves it out', (status, said) => {
    const secret = 'secret-echoed-0123456789';
    const http = {
      fetchAll: (requests: readonly HttpRequest[]): HttpResponse[] =>
        requests.map(() => ({ status, headers: {}, text: `failed: client_secret=${secret}` })),
    };
    // Retries wait: the clock moves as they do.
    let now = 0;
    const timer = {
      now: () => now,
      sleep: (ms: number) => {
        now += ms;
      },
    };
    const connector = new AvitoConnector(
      { channel: 'Авито', credentials: { clientId: 'id-1', clientSecret: secret } },
      http,
      timer,
    );
    let message = '';
    try {
      connector.listTargets();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(said);
    expect(message).toContain('client_secret=…');
    expect(message).not.toContain(secret);
  });

  it('nothing to send or read asks for no token at all', () => {
    const sent: HttpRequest[] = [];
    const http = {
      fetchAll: (requests: readonly HttpRequest[]): HttpResponse[] => {
        for (const r of requests) sent.push(r);
        return [];
      },
    };
    const connector = new AvitoConnector(
      { channel: 'Авито', credentials: { clientId: 'id-1', clientSecret: 'secret-0123456789' } },
      http,
      { now: () => 0, sleep: () => undefined },
    );
    expect(connector.setStocks([{ id: 'not-a-listing', amount: 1 }])).toEqual([
      expect.objectContaining({ id: 'not-a-listing', accepted: false }),
    ]);
    expect(connector.readStocks(['not-a-listing']).size).toBe(0);
    expect(sent).toEqual([]);
  });

  it('the memory cache forgets an entry when its seconds are up', () => {
    let now = 0;
    const cache = memoryTokenCache({ now: () => now, sleep: () => undefined });
    cache.put('k', 'v', 10);
    now = 9_999;
    expect(cache.get('k')).toBe('v');
    now = 10_000;
    expect(cache.get('k')).toBeNull();
  });
});

it('every open question is a fact with a way to check it', () => {
  expect(AVITO_VERIFY.length).toBeGreaterThan(5);
  for (const v of AVITO_VERIFY) {
    expect(v.fact.length).toBeGreaterThan(20);
    expect(v.check.length).toBeGreaterThan(5);
  }
});
