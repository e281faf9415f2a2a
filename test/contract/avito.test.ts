/** The Avito connector against the Avito sandbox, which checks every request and answer against AVITO_API. */
import { AVITO_DELAYS, AVITO_SANDBOX } from '../../dev/sandbox/avito';
import {
  AVITO_LIMITS,
  AVITO_TARGET,
  AvitoConnector,
  type AvitoCredentials,
  memoryTokenCache,
  type TokenCache,
} from '../../src/connectors/avito';
import { ConnectorError, type HttpRequest } from '../../src/connectors/http';
import { requestsTo, useSandboxes } from './sandbox';

jest.setTimeout(60_000);
const env = useSandboxes();
const CHANNEL = 'Авито — ИП Иванов';
const MINUTE = 60_000;

function connector(over: { credentials?: AvitoCredentials; cache?: TokenCache; deadline?: number } = {}) {
  const s = env.get();
  return new AvitoConnector({ channel: CHANNEL, credentials: AVITO_SANDBOX, ...over }, s.http(), s.clock.timer());
}

/** Listing numbers as a seller copies them from Avito's links. */
const listings = (n: number, from = 3_000_000_000) => Array.from({ length: n }, (_, i) => from + i);
const ids = (numbers: number[]) => numbers.map(String);

function seed(numbers: number[], quantity = 0) {
  env.get().control('avito', 'seed', { items: numbers, quantity });
}
const stockOf = (itemId: number) => env.get().control('avito', 'stock', { itemId });
const tokenRequests = () => requestsTo(env.get(), 'avito', 'POST', '/token');
const avito = (method: HttpRequest['method'], path: string, token: string, body?: unknown): HttpRequest => ({
  method,
  url: `https://api.avito.ru${path}`,
  headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  ...(body === undefined ? {} : { body }),
});
/** A token straight from the sandbox, for requests a connector would never send. */
function rawToken(): string {
  const [answer] = env
    .get()
    .http()
    .fetchAll([
      {
        method: 'post',
        url: 'https://api.avito.ru/token',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        form: {
          grant_type: 'client_credentials',
          client_id: AVITO_SANDBOX.clientId,
          client_secret: AVITO_SANDBOX.clientSecret,
        },
      },
    ]);
  return JSON.parse(answer.text).access_token;
}

describe('the one target', () => {
  it('is the listings, once the keys gave a token, and says Avito has no warehouses', () => {
    const targets = connector().listTargets();
    expect(targets).toEqual([
      {
        ...AVITO_TARGET,
        note: 'складов у Авито нет: остаток задаётся каждому объявлению, номер объявления — в столбце ID канала',
      },
    ]);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('says when the account may not read orders (order management is for B2C sellers)', () => {
    env.get().control('avito', 'configure', { b2c: false });
    const [target] = connector().listTargets();
    expect(target.note).toContain('заказы Авито этому аккаунту недоступны (HTTP 403');
  });

  it('a wrong secret is named as such, without the secret', () => {
    const secret = 'wrong-secret-0123456789abcdef';
    const bad = connector({ credentials: { clientId: AVITO_SANDBOX.clientId, clientSecret: secret } });
    let error: unknown;
    try {
      bad.listTargets();
    } catch (e) {
      error = e;
    }
    expect(error).toEqual(
      new ConnectorError(
        'auth',
        `${CHANNEL}: доступ не выдан — неверный Client ID или Client Secret (HTTP 400, invalid_client). Проверьте их в кабинете Авито: avito.ru/professionals/api.`,
      ),
    );
    expect(String((error as Error).message)).not.toContain(secret);
    expect(() => bad.setStocks([{ id: '3000000000', amount: 1 }])).toThrow(/неверный Client ID или Client Secret/);
  });
});

describe('setting stock', () => {
  it('sends 1,000 listings in batches of 200 and reads them back 10 a request once Avito shows them', () => {
    const s = env.get();
    const numbers = listings(1000);
    seed(numbers, 3);
    const started = s.clock.now();
    const outcomes = connector().setStocks(numbers.map((n, i) => ({ id: String(n), amount: i % 17 })));
    expect(outcomes.every((o) => o.accepted)).toBe(true);
    const pushes = requestsTo(s, 'avito', 'PUT', '/stock-management/1/stocks');
    expect(pushes.map((p) => p.items)).toEqual([200, 200, 200, 200, 200]);
    expect(s.clock.now() - started).toBe(0);
    // Avito's cache shows a push a minute later (the sandbox's assumption; strong reads see it at once).
    expect(connector().readStocks(['3000000001']).get('3000000001')).toBe(3);
    s.clock.advance(AVITO_DELAYS.applyDelayMs);
    s.control('avito', 'clear-log');
    const back = connector().readStocks(ids(numbers));
    expect(numbers.every((n, i) => back.get(String(n)) === i % 17)).toBe(true);
    const reads = requestsTo(s, 'avito', 'POST', '/stock-management/1/info');
    expect(reads).toHaveLength(100);
    expect(reads.every((r) => r.items === AVITO_LIMITS.infoPerRequest && r.status === 200)).toBe(true);
  });

  it('keeps within 100 pushes a minute: the 101st waits for the next minute, and nothing meets a 429', () => {
    const s = env.get();
    const numbers = listings(101 * 200);
    seed(numbers);
    const started = s.clock.now();
    const outcomes = connector().setStocks(numbers.map((n) => ({ id: String(n), amount: 1 })));
    expect(outcomes.every((o) => o.accepted)).toBe(true);
    const pushes = requestsTo(s, 'avito', 'PUT', '/stock-management/1/stocks');
    expect(pushes).toHaveLength(101);
    expect(pushes.every((p) => p.status === 200)).toBe(true);
    expect(pushes[100].at - started).toBe(MINUTE);
  });

  it('reads more than 1,000 listings in the next minute too (100 info requests a minute)', () => {
    const s = env.get();
    const numbers = listings(1010);
    seed(numbers, 2);
    const started = s.clock.now();
    const back = connector().readStocks(ids(numbers));
    expect(back.size).toBe(1010);
    const reads = requestsTo(s, 'avito', 'POST', '/stock-management/1/info');
    expect(reads.map((r) => r.status).every((status) => status === 200)).toBe(true);
    expect(reads[100].at - started).toBe(MINUTE);
  });

  it('refuses per listing with reasons in Russian, accepting the rest; only what Avito took counts as accepted', () => {
    const s = env.get();
    seed([3000000001, 3000000002, 3000000003]);
    s.control('avito', 'refuse', { items: [3000000003], error: 'stocks are not available for this item' });
    const outcomes = connector().setStocks([
      { id: '3000000001', amount: 5 },
      { id: '3999999999', amount: 1 },
      { id: 'A-00001', amount: 1 },
      { id: '3000000002', amount: 1_000_000 },
      { id: '3000000003', amount: 2 },
    ]);
    expect(outcomes).toEqual([
      { id: '3000000001', accepted: true },
      {
        id: '3999999999',
        accepted: false,
        reason: 'объявление с таким номером не найдено у этого аккаунта Авито (item not found)',
        retryLater: false,
      },
      {
        id: 'A-00001',
        accepted: false,
        reason:
          '«A-00001» — не номер объявления Авито: в столбце ID канала нужен номер объявления (цифры из его ссылки)',
      },
      {
        id: '3000000002',
        accepted: false,
        reason: `Авито принимает остаток не больше ${(999_999).toLocaleString('ru-RU')} шт.`,
      },
      {
        id: '3000000003',
        accepted: false,
        reason: 'Авито не принял остаток: stocks are not available for this item',
        retryLater: false,
      },
    ]);
    // What was refused here never went out; what Avito refused holds what it held.
    expect(requestsTo(s, 'avito', 'PUT', '/stock-management/1/stocks').map((p) => p.items)).toEqual([3]);
    expect([stockOf(3000000001).quantity, stockOf(3000000002).quantity, stockOf(3000000003).quantity]).toEqual([
      5, 0, 0,
    ]);
  });

  it('a malformed answer, or one silent about a listing, is never taken for acceptance', () => {
    const s = env.get();
    const numbers = listings(400);
    seed(numbers);
    s.control('avito', 'fault', { kind: 'malformed', count: 1, path: '/stock-management/1/stocks' });
    const outcomes = connector().setStocks(numbers.map((n) => ({ id: String(n), amount: 7 })));
    const refused = outcomes.filter((o) => !o.accepted);
    expect(refused).toHaveLength(200);
    expect(refused.every((o) => o.retryLater && o.reason === 'непонятный ответ Авито, повторим в следующий раз')).toBe(
      true,
    );
    for (const o of outcomes.filter((x) => x.accepted)) expect(stockOf(Number(o.id)).quantity).toBe(7);
  });
});

describe('the token', () => {
  it('is asked for once and kept in the cache: another connector (another run) uses it', () => {
    const s = env.get();
    seed([3000000001]);
    const cache = memoryTokenCache(s.clock.timer());
    connector({ cache }).setStocks([{ id: '3000000001', amount: 1 }]);
    connector({ cache }).readStocks(['3000000001']);
    connector({ cache }).listOrders(s.clock.now() - MINUTE, s.clock.now());
    expect(tokenRequests()).toHaveLength(1);
  });

  it('is cached no longer than CacheService allows (6 hours) and than it lives, less the renewal margin', () => {
    const s = env.get();
    const puts: number[] = [];
    // A cache that never finds the token, so that each connector asks for one and puts it.
    const recording: TokenCache = {
      get: () => null,
      put: (_key, _value, seconds) => {
        puts.push(seconds);
      },
      remove: () => undefined,
    };
    connector({ cache: recording }).listTargets();
    s.control('avito', 'configure', { tokenTtlSec: 3600 });
    connector({ cache: recording }).listTargets();
    expect(puts).toEqual([AVITO_LIMITS.cacheMaxSeconds, 3600 - AVITO_LIMITS.renewBeforeMs / 1000]);
  });

  it('serves only the keys it was given for: new keys are checked by Avito, not by an old token', () => {
    const s = env.get();
    seed([3000000001]);
    const cache = memoryTokenCache(s.clock.timer());
    connector({ cache }).setStocks([{ id: '3000000001', amount: 1 }]);
    const changed = connector({ cache, credentials: { ...AVITO_SANDBOX, clientSecret: 'replaced-secret-0123456789' } });
    expect(() => changed.setStocks([{ id: '3000000001', amount: 2 }])).toThrow(/неверный Client ID или Client Secret/);
    expect(tokenRequests()).toHaveLength(2);
    expect(stockOf(3000000001).quantity).toBe(1);
  });

  it('is renewed before it ends: a token of an hour is replaced after 50 minutes, before any 401', () => {
    const s = env.get();
    seed([3000000001]);
    s.control('avito', 'configure', { tokenTtlSec: 3600 });
    const once = connector();
    once.setStocks([{ id: '3000000001', amount: 1 }]);
    s.clock.advance(49 * MINUTE);
    once.setStocks([{ id: '3000000001', amount: 2 }]);
    expect(tokenRequests()).toHaveLength(1);
    s.clock.advance(MINUTE);
    once.setStocks([{ id: '3000000001', amount: 3 }]);
    expect(tokenRequests()).toHaveLength(2);
    expect((s.control('avito', 'log') as { status: number }[]).some((e) => e.status === 401)).toBe(false);
    expect(stockOf(3000000001).quantity).toBe(3);
  });

  it('a token refused (revoked, expired early) gets one fresh token, and the push goes through', () => {
    const s = env.get();
    seed([3000000001]);
    const cache = memoryTokenCache(s.clock.timer());
    connector({ cache }).listTargets();
    s.control('avito', 'revoke-tokens');
    const outcomes = connector({ cache }).setStocks([{ id: '3000000001', amount: 4 }]);
    expect(outcomes).toEqual([{ id: '3000000001', accepted: true }]);
    expect((s.control('avito', 'log') as { path: string; status: number }[]).map((e) => [e.path, e.status])).toEqual([
      ['/token', 200],
      ['/order-management/1/orders', 200],
      ['/stock-management/1/stocks', 401],
      ['/token', 200],
      ['/stock-management/1/stocks', 200],
    ]);
  });

  it('a 401 or 403 that stays after a fresh token is the key’s: an auth error, named with its status', () => {
    const s = env.get();
    seed([3000000001]);
    s.control('avito', 'fault', { kind: 'status', status: 401, count: 2, path: '/stock-management/' });
    expect(() => connector().setStocks([{ id: '3000000001', amount: 1 }])).toThrow(
      new ConnectorError(
        'auth',
        `${CHANNEL}: неверный ключ или нет прав (HTTP 401). Проверьте ключ и его права в кабинете площадки.`,
      ),
    );
    s.control('avito', 'fault', { kind: 'status', status: 403, count: 2, path: '/order-management/' });
    expect(() => connector().listOrders(s.clock.now() - MINUTE, s.clock.now())).toThrow(/HTTP 403/);
    // One 403 only: the fresh token reads the orders.
    s.control('avito', 'fault', { kind: 'status', status: 403, count: 1, path: '/order-management/' });
    expect(connector().listOrders(s.clock.now() - MINUTE, s.clock.now())).toEqual([]);
  });

  it('no message repeats the token or the secret, even when Avito echoes the request', () => {
    const s = env.get();
    seed([3000000001]);
    s.control('avito', 'fault', { kind: 'status', status: 400, echo: true, path: '/stock-management/1/stocks' });
    const [outcome] = connector().setStocks([{ id: '3000000001', amount: 1 }]);
    expect(outcome.accepted).toBe(false);
    expect(outcome.reason).toContain('площадка отклонила запрос (HTTP 400)');
    expect(outcome.reason).not.toMatch(/sandbox-avito-token/);
    expect(outcome.reason).not.toContain(AVITO_SANDBOX.clientSecret);
  });

  it('no message repeats the secret when the token request’s error page echoes it', () => {
    const s = env.get();
    s.control('avito', 'fault', { kind: 'status', status: 400, echo: true, path: '/token' });
    expect(() => connector().listTargets()).toThrow(
      new ConnectorError(
        'auth',
        `${CHANNEL}: доступ не выдан — неверный Client ID или Client Secret (HTTP 400, invalid_request). Проверьте их в кабинете Авито: avito.ru/professionals/api.`,
      ),
    );
  });

  it('is asked for with a form, as the spec says: a JSON token request breaks the contract', () => {
    const s = env.get();
    const [answer] = s.http().fetchAll([
      {
        method: 'post',
        url: 'https://api.avito.ru/token',
        headers: { 'Content-Type': 'application/json' },
        body: { grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' },
      },
    ]);
    expect(answer.status).toBe(400);
    expect(s.control('avito', 'violations')).toEqual([
      { method: 'post', path: '/token', errors: ['a form expected, got «application/json»'] },
    ]);
    s.control('avito', 'clear-log');
  });
});

describe('when Avito is slow, busy or silent', () => {
  it('a 429 is waited out (Retry-After) and a 500 retried, then all goes through', () => {
    const s = env.get();
    const numbers = listings(400);
    seed(numbers);
    s.control('avito', 'fault', {
      kind: 'status',
      status: 429,
      retryAfterSec: 5,
      count: 1,
      path: '/stock-management/',
    });
    s.control('avito', 'fault', { kind: 'status', status: 500, count: 1, path: '/stock-management/' });
    const started = s.clock.now();
    const outcomes = connector().setStocks(numbers.map((n) => ({ id: String(n), amount: 2 })));
    expect(outcomes.every((o) => o.accepted)).toBe(true);
    expect(s.clock.now() - started).toBeGreaterThanOrEqual(5_000);
  });

  it('another client spending the minute’s quota: the sandbox answers 429, the connector waits and finishes', () => {
    const s = env.get();
    // Two runs' connectors keep 100 a minute each; together they send 120 within the minute.
    const numbers = listings(120 * 200);
    seed(numbers);
    const first = connector().setStocks(numbers.slice(0, 12_000).map((n) => ({ id: String(n), amount: 1 })));
    const second = connector().setStocks(numbers.slice(12_000).map((n) => ({ id: String(n), amount: 1 })));
    expect([...first, ...second].every((o) => o.accepted)).toBe(true);
    const statuses = requestsTo(s, 'avito', 'PUT', '/stock-management/1/stocks').map((p) => p.status);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((x) => x === 200)).toHaveLength(120);
  });

  it('persistent server errors leave the batch for later, the other batches are taken', () => {
    const s = env.get();
    const numbers = listings(400);
    seed(numbers);
    const policy = AVITO_LIMITS.stocksPolicy;
    s.control('avito', 'fault', {
      kind: 'status',
      status: 500,
      count: 2 * policy.maxAttempts - 1,
      path: '/stock-management/',
    });
    const outcomes = connector().setStocks(numbers.map((n) => ({ id: String(n), amount: 2 })));
    const refused = outcomes.filter((o) => !o.accepted);
    expect(refused).toHaveLength(200);
    expect(refused[0]).toMatchObject({ retryLater: true, reason: expect.stringContaining('(HTTP 500)') });
  });

  it('a dropped connection is retried; one that never answers says so and is tried again next run', () => {
    const s = env.get();
    seed([3000000001, 3000000002]);
    s.control('avito', 'fault', { kind: 'drop', count: 1, path: '/stock-management/1/stocks' });
    expect(connector().setStocks([{ id: '3000000001', amount: 1 }])).toEqual([{ id: '3000000001', accepted: true }]);
    s.control('avito', 'fault', {
      kind: 'drop',
      count: AVITO_LIMITS.stocksPolicy.maxAttempts,
      path: '/stock-management/1/stocks',
    });
    const [outcome] = connector().setStocks([{ id: '3000000002', amount: 1 }]);
    expect(outcome).toMatchObject({ accepted: false, retryLater: true, reason: expect.stringContaining('нет ответа') });
  });

  it('answers taking 20 s: no batch starts after the run’s deadline, the rest is marked not sent', () => {
    const s = env.get();
    const numbers = listings(5000);
    seed(numbers);
    const cache = memoryTokenCache(s.clock.timer());
    connector({ cache }).listTargets();
    s.control('avito', 'latency', { ms: 20_000, path: '/stock-management/1/stocks' });
    const begin = s.clock.now();
    const outcomes = connector({ cache, deadline: begin + 30_000 }).setStocks(
      numbers.map((n) => ({ id: String(n), amount: 1 })),
    );
    // 25 batches, 10 at a time: waves at 0 s and 20 s; the third would start at 40 s, past the deadline.
    const sent = requestsTo(s, 'avito', 'PUT', '/stock-management/1/stocks').map((p) => p.at - begin);
    expect(sent).toEqual([...Array(10).fill(0), ...Array(10).fill(20_000)]);
    expect(outcomes.filter((o) => o.accepted)).toHaveLength(4000);
    const notSent = outcomes.filter((o) => !o.accepted);
    expect(notSent).toHaveLength(1000);
    expect(
      notSent.every(
        (o) => o.notSent && o.reason === 'не отправлено: время запуска вышло, продолжим в следующем запуске',
      ),
    ).toBe(true);
  });
});

describe('orders', () => {
  it('are read 20 a page while Avito says there are more, each status mapped, the raw one kept', () => {
    const s = env.get();
    const statuses = [
      'on_confirmation',
      'ready_to_ship',
      'in_transit',
      'delivered',
      'closed',
      'canceled',
      'on_return',
      'in_dispute',
      'confirming',
    ];
    for (let k = 0; k < 45; k++)
      s.control('avito', 'order', {
        orderId: `7000${k}`,
        status: statuses[k % statuses.length],
        items: [{ id: 3000000000 + k, count: 1 + (k % 2) }],
      });
    s.clock.advance(1000);
    const lines = connector().listOrders(s.clock.now() - MINUTE, s.clock.now());
    expect(lines).toHaveLength(45);
    const pages = (s.control('avito', 'log') as { path: string }[]).filter((e) => e.path.startsWith('/order-'));
    expect(pages).toHaveLength(3);
    const mapped: Record<string, string> = {};
    for (const l of lines) mapped[l.rawStatus] = l.status;
    expect(mapped).toEqual({
      on_confirmation: 'new',
      ready_to_ship: 'new',
      in_transit: 'shipped',
      delivered: 'shipped',
      closed: 'shipped',
      canceled: 'cancelled',
      on_return: 'other',
      in_dispute: 'other',
      confirming: 'other',
    });
    expect(lines.find((l) => l.orderId === '70001')).toMatchObject({
      itemIds: ['3000000001'],
      quantity: 2,
      lineId: '0',
      status: 'new',
    });
  });

  it('a page over 20 is refused with 400 and the orders error shape', () => {
    const s = env.get();
    const [answer] = s.http().fetchAll([avito('get', '/order-management/1/orders?limit=50', rawToken())]);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ code: 400, message: expect.stringContaining('must be <= 20') });
    expect(s.control('avito', 'violations')).toHaveLength(1);
    s.control('avito', 'clear-log');
  });

  it('more than 10 ids an info request, or 200 listings a push, is refused with 400 and {message}', () => {
    const s = env.get();
    const token = rawToken();
    const [info, push] = s.http().fetchAll([
      avito('post', '/stock-management/1/info', token, { item_ids: listings(11) }),
      avito('put', '/stock-management/1/stocks', token, {
        stocks: listings(201).map((item_id) => ({ item_id, quantity: 1 })),
      }),
    ]);
    expect([info.status, push.status]).toEqual([400, 400]);
    expect(JSON.parse(info.text)).toEqual({ message: 'item_ids: no more than 10 items in one request' });
    expect(Object.keys(JSON.parse(push.text))).toEqual(['message']);
    s.control('avito', 'clear-log');
  });

  it('the lane’s look: the first page of orders created since, as id:status marks', () => {
    const s = env.get();
    s.control('avito', 'order', { orderId: '1', items: [{ id: 3000000001 }], createdAt: s.clock.now() - 3_600_000 });
    s.clock.advance(1000);
    const from = s.clock.now();
    s.control('avito', 'order', { orderId: '2', items: [{ id: 3000000001 }] });
    expect(connector().peekOrders(from, s.clock.now())).toEqual(['2:on_confirmation']);
  });
});

describe("a buyer's order", () => {
  it('books units at once (shown less), reaches the orders list 30 s later as on_confirmation', () => {
    const s = env.get();
    seed([3000000001], 10);
    const from = s.clock.now();
    const { orderId } = s.control('avito', 'buyer-order', { id: 3000000001, quantity: 3 });
    expect(stockOf(3000000001)).toEqual({ quantity: 10, reserved: 3, available: 7, shown: 7 });
    expect(connector().readStocks(['3000000001']).get('3000000001')).toBe(7);
    s.clock.advance(AVITO_DELAYS.orderDelayMs - 1);
    expect(connector().listOrders(from, s.clock.now())).toEqual([]);
    s.clock.advance(1);
    expect(connector().listOrders(from, s.clock.now())).toEqual([
      expect.objectContaining({
        orderId,
        itemIds: ['3000000001'],
        quantity: 3,
        status: 'new',
        rawStatus: 'on_confirmation',
      }),
    ]);
  });

  it('shipped: in_transit, the units leave with the parcel; cancelled: they are for sale again', () => {
    const s = env.get();
    seed([3000000001, 3000000002], 10);
    const from = s.clock.now();
    const shipped = s.control('avito', 'buyer-order', { id: 3000000001, quantity: 2 }).orderId;
    const cancelled = s.control('avito', 'buyer-order', { id: 3000000002, quantity: 4 }).orderId;
    s.clock.advance(AVITO_DELAYS.orderDelayMs);
    s.control('avito', 'ship', { orderId: shipped });
    s.control('avito', 'cancel', { orderId: cancelled });
    expect(stockOf(3000000001)).toMatchObject({ quantity: 8, reserved: 0, available: 8 });
    expect(stockOf(3000000002)).toMatchObject({ quantity: 10, reserved: 0, available: 10 });
    const byOrder = new Map(
      connector()
        .listOrders(from, s.clock.now())
        .map((l) => [l.orderId, l]),
    );
    expect(byOrder.get(shipped)).toMatchObject({ status: 'shipped', rawStatus: 'in_transit' });
    expect(byOrder.get(cancelled)).toMatchObject({ status: 'cancelled', rawStatus: 'canceled' });
  });

  it('a push over a booking: Avito shows the pushed number less what is booked', () => {
    const s = env.get();
    s.control('avito', 'configure', { applyDelayMs: 0 });
    seed([3000000001], 10);
    s.control('avito', 'buyer-order', { id: 3000000001, quantity: 2 });
    connector().setStocks([{ id: '3000000001', amount: 5 }]);
    expect(stockOf(3000000001)).toEqual({ quantity: 5, reserved: 2, available: 3, shown: 3 });
  });
});

describe('the sandbox itself', () => {
  it('answers an expired or a foreign token 401 with {message}; configure and reset restore the defaults', () => {
    const s = env.get();
    seed([3000000001]);
    s.control('avito', 'configure', { tokenTtlSec: 60 });
    const token = rawToken();
    const read = (t: string) =>
      s.http().fetchAll([avito('post', '/stock-management/1/info', t, { item_ids: [3000000001] })])[0];
    expect(read(token).status).toBe(200);
    s.clock.advance(60_000);
    const expired = read(token);
    expect([expired.status, Object.keys(JSON.parse(expired.text))]).toEqual([401, ['message']]);
    expect(read('someone-elses-token').status).toBe(401);
    s.control('avito', 'reset');
    expect(s.control('avito', 'configure', {})).toEqual({ ...AVITO_DELAYS, tokenTtlSec: 86_400, b2c: true });
  });

  it('strong_consistency reads the database at once; an ordinary read shows a push after applyDelayMs', () => {
    const s = env.get();
    seed([3000000001], 1);
    connector().setStocks([{ id: '3000000001', amount: 6 }]);
    const token = rawToken();
    const read = (strong: boolean) =>
      JSON.parse(
        s
          .http()
          .fetchAll([
            avito('post', '/stock-management/1/info', token, { item_ids: [3000000001], strong_consistency: strong }),
          ])[0].text,
      ).stocks[0].quantity;
    expect([read(true), read(false)]).toEqual([6, 1]);
    s.clock.advance(AVITO_DELAYS.applyDelayMs - 1);
    expect(read(false)).toBe(1);
    s.clock.advance(1);
    expect(read(false)).toBe(6);
  });
});
