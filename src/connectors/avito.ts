/**
 * Avito («Доставка», «Авито Товары») over HttpClient, limits in AVITO_LIMITS (they agree with
 * AVITO_API, the project's description of the spec: test/unit/avitoLimits.test.ts checks). Avito
 * has no warehouses: stock is set per listing, by its `item_id` — the listing's number, which the
 * channel's id column holds. Every request carries a bearer token from POST /token
 * (client_credentials, a form), valid 24 hours: it is kept in the user's cache (CacheService keeps
 * an entry 6 hours at most, so a token is asked for about four times a day) and renewed before it
 * ends; a 401 or 403 gets one fresh token for the requests it spoiled. Neither the client secret
 * nor a token ever appears in a message.
 */
import { withoutSecrets } from '../core/secrets';
import {
  authError,
  badResponse,
  type Connector,
  chunk,
  failureReason,
  type ItemOutcome,
  type OrderLine,
  type OrderStatus,
  requireOk,
  type StockUpdate,
  type Target,
} from './common';
import { ConnectorError, excerpt, type HttpClient, type HttpRequest, isObject, parseJson, type Timer } from './http';
import { type JobResult, RateLimiter, type RatePolicy, RequestScheduler } from './scheduler';

const MINUTE = 60_000;
const DAY = 24 * 3_600_000;
const BACKOFF = [1_000, 4_000, 15_000];

/** A policy of `perMinute` requests a minute (none: no window), `maxParallel` sent together. */
function policy(perMinute: number, maxParallel: number, maxAttempts = 4): RatePolicy {
  return {
    windows: perMinute ? [{ limit: perMinute, ms: MINUTE }] : [],
    maxParallel,
    maxAttempts,
    maxWaitMs: 65_000,
    backoffMs: BACKOFF,
  };
}

/**
 * Every limit and enum of the Avito specs the connector relies on (authorization, stock-management
 * and order-management of 2026-04-30), and the cache's own.
 */
export const AVITO_LIMITS = {
  host: 'https://api.avito.ru',
  /** PUT /stock-management/1/stocks: «… элементов в одном запросе - 200», «… запросов в минуту - 100». */
  stocksPerRequest: 200,
  stocksPerMinute: 100,
  stocksPolicy: policy(100, 10),
  /** The `quantity` an item may be given: 0..999999. */
  maxQuantity: 999_999,
  /** POST /stock-management/1/info: «… элементов в одном запросе - 10» (its schema allows 500: AVITO_VERIFY), 100 a minute. */
  infoPerRequest: 10,
  infoPerMinute: 100,
  infoPolicy: policy(100, 10),
  /** GET /order-management/1/orders: `limit` 0..20, «… запросов в минуту - 500». */
  ordersPage: 20,
  ordersPerMinute: 500,
  ordersPolicy: policy(500, 1),
  /** Pages one pull reads at most (10,000 orders). */
  ordersMaxPages: 500,
  /**
   * Orders can be asked for only by creation date (`dateFrom`): a status that changed is seen by
   * reading every order created this long ago. An order leaves on_confirmation and ready_to_ship
   * within days (Avito cancels one not shipped by `schedules.shipTill`), so two weeks is ample.
   */
  ordersLookbackMs: 14 * DAY,
  /** POST /token names no limit; a connector asks for one token, and one more after a 401. */
  tokenPolicy: policy(0, 1, 3),
  /** «Время действия токена ограничено - 24 часа»: when an answer names no `expires_in`. */
  tokenLifetimeMs: DAY,
  /** A token this close to its end is renewed first: no run (6 minutes at most) outlives it. */
  renewBeforeMs: 10 * MINUTE,
  /** CacheService keeps an entry 21,600 s (6 hours) at most. */
  cacheMaxSeconds: 21_600,
  /** The order status enum of the spec, by what it means for stock. */
  statuses: {
    new: ['on_confirmation', 'ready_to_ship'],
    shipped: ['in_transit', 'delivered', 'closed'],
    cancelled: ['canceled'],
    other: ['on_return', 'in_dispute'],
  },
} as const;

/**
 * What the specs and the notes leave open, in one place: the live check prints this list, and
 * each item is confirmed on a real account before a seller relies on it (docs/LIVE-CHECK.md).
 */
export const AVITO_VERIFY: readonly { fact: string; check: string }[] = [
  {
    fact: 'Client ID и Client Secret — в кабинете Авито: avito.ru/professionals/api (в заметках — «Профессиональные инструменты → API»)',
    check: 'пройти этот путь в кабинете и назвать его продавцу так же',
  },
  {
    fact: 'POST /token отвечает без перенаправления (пример в спецификации зовёт /token/ через curl -L; UrlFetch перенаправлений не выполняет)',
    check: 'live-check получает токен (раздел «Цель»)',
  },
  {
    fact: 'неверный Client Secret: спецификация описывает у /token только ответ 200; песочница отвечает 400 invalid_client',
    check: 'live-check с заведомо неверным AVITO_CLIENT_SECRET: код ответа и текст ошибки',
  },
  {
    fact: 'просроченный или чужой токен: 401 (так у остатков) или 403 (так в разделе авторизации) — коннектор берёт новый токен при обоих',
    check: 'запрос со старым токеном (через сутки)',
  },
  {
    fact: 'новый токен не отменяет выданный раньше (у каждого пользователя свой кэш токена)',
    check: 'два live-check подряд, затем чтение первым токеном',
  },
  {
    fact: 'остаток задаётся по номеру объявления (item_id); сопоставление артикулов через Автозагрузку (/autoload/v2/items/avito_ids) не используется',
    check: 'readStocks по номерам объявлений из кабинета',
  },
  {
    fact: 'POST /stock-management/1/info: по тексту не больше 10 номеров за запрос, по схеме — 500; коннектор шлёт по 10',
    check: 'запрос из 11 и из 500 номеров',
  },
  {
    fact: 'quantity в PUT — «количество с подачи или редактирования», info показывает его минус бронь: пока заказ в брони, показано на заказанное меньше отправленного (а резерв надстройка уже вычла); уменьшает ли Авито количество после отгрузки (песочница уменьшает: тогда до следующей отправки показано на отгруженное меньше)',
    check: 'товар из нового заказа: показано = отправлено − заказано; после отгрузки — info без новой отправки',
  },
  {
    fact: 'quantity: 0 убирает «Купить с доставкой», объявление остаётся',
    check: '--set НОМЕР=0 на тестовом объявлении, затем вернуть',
  },
  {
    fact: 'тексты ошибок по объявлению (stocks[].errors): спецификация их не перечисляет; «not found» читается как «объявление не найдено»',
    check: '--set на номер, которого нет у аккаунта',
  },
  {
    fact: 'через сколько принятый остаток виден в info (без strong_consistency): песочница — 60 с, окно оседания по умолчанию — 5 мин',
    check: '--set и время до показа, несколько раз',
  },
  {
    fact: 'заказы: страницы с 1, hasMore; closed приходит только после доставки (читается как отгружен)',
    check: 'listOrders на кабинете с заказами: сводка статусов',
  },
  {
    fact: 'заказы API отдаёт только продавцам B2C: остальным — 403?',
    check: 'live-check на кабинете не B2C',
  },
  {
    fact: 'ответ 429: есть ли Retry-After (спецификация называет только X-RateLimit-Limit и X-RateLimit-Remaining)',
    check: 'заголовки первого 429',
  },
];

export interface AvitoCredentials {
  clientId: string;
  clientSecret: string;
}

/** Where tokens are kept between runs: the user's CacheService cache in the bundle. Entries may vanish early. */
export interface TokenCache {
  get(key: string): string | null;
  put(key: string, value: string, seconds: number): void;
  remove(key: string): void;
}

export interface AvitoConfig {
  channel: string;
  credentials: AvitoCredentials;
  /** Absent (tests, the live check): a cache that lives as long as the connector. */
  cache?: TokenCache;
  deadline?: number;
}

/** The one target: Avito has no warehouses, stock belongs to each listing. */
export const AVITO_TARGET = { id: 'listings', name: 'Авито: остатки по объявлениям' } as const;
const NO_WAREHOUSES =
  'складов у Авито нет: остаток задаётся каждому объявлению, номер объявления — в столбце ID канала';

export function mapAvitoStatus(status: string): OrderStatus {
  for (const kind of ['new', 'shipped', 'cancelled'] as const)
    if ((AVITO_LIMITS.statuses[kind] as readonly string[]).includes(status)) return kind;
  return 'other';
}

/**
 * What Avito shows for sale of one listing, from an info entry: `quantity`, «доступное количество
 * товара (количество с подачи или редактирования минус бронь)». An unlimited listing has no number,
 * and an entry without a whole quantity ≥ 0 says nothing: undefined, never 0.
 */
export function shownForSale(entry: unknown): { itemId: number; quantity: number } | undefined {
  if (!isObject(entry) || typeof entry.item_id !== 'number' || entry.is_unlimited === true) return undefined;
  const { quantity } = entry;
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 0) return undefined;
  return { itemId: entry.item_id, quantity };
}

/** The listing number an id of the channel's id column names, or undefined when it is not one. */
export function listingOf(id: string): number | undefined {
  const text = id.trim();
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The Russian reason of a per-item refusal; Avito's own words are kept (the spec lists none). */
export function itemErrorReason(errors: readonly unknown[]): string {
  const said = excerpt(errors.map(String).filter(Boolean).join('; '), 150);
  if (!said) return 'Авито не обновил остаток без объяснения';
  if (/not found|не найден/i.test(said))
    return `объявление с таким номером не найдено у этого аккаунта Авито (${said})`;
  return `Авито не принял остаток: ${said}`;
}

interface Token {
  value: string;
  expiresAt: number;
  /** The fingerprint of the keys it was given for. */
  keys: string;
}

/**
 * A short fingerprint of the keys (32-bit FNV-1a; it tells nothing of the secret): a cached token
 * serves only the keys it was given for, so new keys are never taken for working by an old token.
 */
export function keysFingerprint(credentials: AvitoCredentials): string {
  let hash = 0x811c9dc5;
  for (const c of `${credentials.clientId}\n${credentials.clientSecret}`) {
    hash ^= c.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function tokenOf(text: string | null, keys: string): Token | undefined {
  const json = text ? parseJson(text) : undefined;
  if (!isObject(json) || typeof json.value !== 'string' || typeof json.expiresAt !== 'number') return undefined;
  return json.keys === keys ? { value: json.value, expiresAt: json.expiresAt, keys } : undefined;
}

/** A token cache for one connector's life (no CacheService outside Apps Script). */
export function memoryTokenCache(timer: Timer): TokenCache {
  const entries = new Map<string, { value: string; until: number }>();
  return {
    get: (key) => {
      const entry = entries.get(key);
      return entry && entry.until > timer.now() ? entry.value : null;
    },
    put: (key, value, seconds) => {
      entries.set(key, { value, until: timer.now() + seconds * 1000 });
    },
    remove: (key) => {
      entries.delete(key);
    },
  };
}

type Kind = 'stocks' | 'info' | 'orders' | 'token';
const POLICIES: Record<Kind, RatePolicy> = {
  stocks: AVITO_LIMITS.stocksPolicy,
  info: AVITO_LIMITS.infoPolicy,
  orders: AVITO_LIMITS.ordersPolicy,
  token: AVITO_LIMITS.tokenPolicy,
};

/** A request that needs a token: built again with a fresh one after a 401/403. */
interface AuthorizedJob<T> {
  build(token: string): HttpRequest;
  tag: T;
}

type Listing = [itemId: number, entry: { ids: string[]; amount: number }];

const isAuthStatus = (status: number | undefined) => status === 401 || status === 403;

export class AvitoConnector implements Connector {
  private readonly limiters = Object.fromEntries(
    Object.entries(POLICIES).map(([kind, p]) => [kind, new RateLimiter(p.windows)]),
  ) as Record<Kind, RateLimiter>;
  private readonly cache: TokenCache;
  private readonly keys: string;
  private token: Token | undefined;
  /** Every token this connector held: masked in messages as the secret is. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly config: AvitoConfig,
    private readonly http: HttpClient,
    private readonly timer: Timer,
  ) {
    this.cache = config.cache ?? memoryTokenCache(timer);
    this.keys = keysFingerprint(config.credentials);
  }

  private scheduler(kind: Kind): RequestScheduler {
    return new RequestScheduler(POLICIES[kind], this.limiters[kind], this.http, this.timer, this.config.deadline);
  }

  private get channel(): string {
    return this.config.channel;
  }

  /** Text with the client secret and every token taken out (SPEC 7). */
  private clean(text: string): string {
    return withoutSecrets(text, [this.config.credentials.clientSecret, ...this.seen]);
  }

  /** Runs a public step; a marketplace error leaves it without any secret in its message. */
  private guarded<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      if (error instanceof ConnectorError) throw new ConnectorError(error.kind, this.clean(error.message));
      throw error;
    }
  }

  private request(method: HttpRequest['method'], path: string, token: string, body?: unknown): HttpRequest {
    return {
      method,
      url: `${AVITO_LIMITS.host}${path}`,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
    };
  }

  // ---- the token ----

  private get cacheKey(): string {
    return `avito.token.${this.config.credentials.clientId}`;
  }

  /** The token to use: this connector's, the cache's, or a new one; any of them only while it has time left. */
  private currentToken(): Token {
    const usable = (t: Token | undefined): t is Token =>
      t !== undefined && t.expiresAt - this.timer.now() > AVITO_LIMITS.renewBeforeMs;
    if (usable(this.token)) return this.token;
    let cached: Token | undefined;
    try {
      cached = tokenOf(this.cache.get(this.cacheKey), this.keys);
    } catch {
      // A cache that fails to answer is a cache without the token.
      cached = undefined;
    }
    this.token = usable(cached) ? cached : this.newToken();
    this.seen.add(this.token.value);
    return this.token;
  }

  /** Drops a token the marketplace refused, here and in the cache. */
  private forget(token: Token): void {
    if (this.token?.value === token.value) this.token = undefined;
    try {
      this.cache.remove(this.cacheKey);
    } catch {
      // Nothing to do: the next run asks for a token again if the cache still holds this one.
    }
  }

  private tokenRequest(): HttpRequest {
    const { clientId, clientSecret } = this.config.credentials;
    return {
      method: 'post',
      url: `${AVITO_LIMITS.host}/token`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    };
  }

  /** POST /token; the token is cached for as long as the cache and its own life allow. */
  private newToken(): Token {
    const [result] = this.scheduler('token').run([{ request: this.tokenRequest(), tag: null }]);
    const now = this.timer.now();
    const json = result.response?.status === 200 ? parseJson(result.response.text) : undefined;
    if (!isObject(json) || typeof json.access_token !== 'string' || json.access_token === '')
      throw this.tokenFailure(result);
    const lifetime =
      typeof json.expires_in === 'number' && json.expires_in > 0
        ? json.expires_in * 1000
        : AVITO_LIMITS.tokenLifetimeMs;
    const token = { value: json.access_token, expiresAt: now + lifetime, keys: this.keys };
    this.seen.add(token.value);
    const seconds = Math.min(AVITO_LIMITS.cacheMaxSeconds, Math.floor((lifetime - AVITO_LIMITS.renewBeforeMs) / 1000));
    try {
      if (seconds >= 1) this.cache.put(this.cacheKey, JSON.stringify(token), seconds);
    } catch {
      // Not cached: the next run asks for another token, nothing else is lost.
    }
    return token;
  }

  /**
   * Why no token came: the keys were refused (400, 401, 403, or a 200 without a token), or the
   * request failed otherwise (no answer, a rate limit, a server error, another 4xx such as a 404).
   */
  private tokenFailure(result: JobResult<null>): ConnectorError {
    const response = result.response;
    const refused = response !== null && [200, 400, 401, 403].includes(response.status);
    if (!refused) return this.setupError(result);
    const json = parseJson(response.text);
    const code = isObject(json) && typeof json.error === 'string' ? `, ${excerpt(json.error, 60)}` : '';
    return new ConnectorError(
      'auth',
      `${this.channel}: доступ не выдан — неверный Client ID или Client Secret (HTTP ${response.status}${code}). Проверьте их в кабинете Авито: avito.ru/professionals/api.`,
    );
  }

  /** The error a setup call shows for an answer that is not a success (requireOk), as a value. */
  private setupError(result: JobResult<unknown>): ConnectorError {
    try {
      requireOk(this.channel, result);
      return badResponse(this.channel, 'нет токена');
    } catch (error) {
      if (error instanceof ConnectorError) return error;
      throw error;
    }
  }

  /**
   * Sends the jobs with the current token. The ones answered 401/403 (a token expired or revoked
   * since) are sent once more with a fresh token; what they answer then is final.
   */
  private send<T>(kind: Kind, jobs: readonly AuthorizedJob<T>[]): JobResult<T>[] {
    // Nothing to send needs no token either.
    if (!jobs.length) return [];
    const token = this.currentToken();
    const results = this.scheduler(kind).run(jobs.map((j) => ({ request: j.build(token.value), tag: j.tag })));
    const spoiled = results.flatMap((r, i) => (isAuthStatus(r.response?.status) ? [i] : []));
    if (!spoiled.length) return results;
    this.forget(token);
    const fresh = this.currentToken();
    const again = this.scheduler(kind).run(
      spoiled.map((i) => ({ request: jobs[i].build(fresh.value), tag: jobs[i].tag })),
    );
    spoiled.forEach((i, k) => {
      results[i] = { ...again[k], attempts: results[i].attempts + again[k].attempts };
    });
    return results;
  }

  /** One request of a setup or list call: its JSON object, or the error requireOk names. */
  private one(kind: Kind, build: (token: string) => HttpRequest, what: string): Record<string, unknown> {
    const [result] = this.send(kind, [{ build, tag: null }]);
    const json = parseJson(requireOk(this.channel, result).text);
    if (!isObject(json)) throw badResponse(this.channel, what);
    return json;
  }

  // ---- the Connector ----

  /**
   * The one target (no warehouses), once the keys gave a token — a new one: a check checks the keys,
   * not a token cached while they worked. The note says whether orders can be read.
   */
  listTargets(): Target[] {
    return this.guarded(() => {
      this.token = this.newToken();
      return [{ ...AVITO_TARGET, note: `${NO_WAREHOUSES}${this.ordersNote()}` }];
    });
  }

  /** One order to see whether this account may read orders (order management is for B2C sellers only). */
  private ordersNote(): string {
    const since = Math.floor((this.timer.now() - AVITO_LIMITS.ordersLookbackMs) / 1000);
    const [result] = this.send('orders', [{ build: (t) => this.ordersRequest(t, since, 1, 1), tag: null }]);
    const status = result.response?.status;
    if (status === 200) return '';
    if (status === 403)
      return '; заказы Авито этому аккаунту недоступны (HTTP 403: управление заказами — только для продавцов B2C), резервов по заказам Авито не будет';
    if (status === 401) throw authError(this.channel, status);
    return `; заказы проверить не удалось (${failureReason(this.channel, result.response, result.timedOut).reason})`;
  }

  setStocks(items: readonly StockUpdate[]): ItemOutcome[] {
    return this.guarded(() => {
      const outcomes = new Map<string, ItemOutcome>();
      const listings = this.listings(items, outcomes);
      const jobs = chunk(listings, AVITO_LIMITS.stocksPerRequest).map((batch) => ({
        build: (token: string) =>
          this.request('put', '/stock-management/1/stocks', token, {
            stocks: batch.map(([item_id, e]) => ({ item_id, quantity: e.amount })),
          }),
        tag: batch,
      }));
      for (const result of this.send('stocks', jobs)) this.batchOutcomes(result, outcomes);
      const seen = new Set<string>();
      return items
        .filter((i) => !seen.has(i.id) && seen.add(i.id))
        .map((i) => {
          const outcome = outcomes.get(i.id) as ItemOutcome;
          return outcome.reason === undefined ? outcome : { ...outcome, reason: this.clean(outcome.reason) };
        });
    });
  }

  /** One entry per listing (the last amount given wins); ids that name no listing, and amounts Avito refuses, get their outcome at once. */
  private listings(items: readonly StockUpdate[], outcomes: Map<string, ItemOutcome>): Listing[] {
    const latest = new Map<string, number>();
    for (const item of items) latest.set(item.id, item.amount);
    const byListing = new Map<number, Listing[1]>();
    for (const [id, amount] of latest) {
      const itemId = listingOf(id);
      const refuse = (reason: string) => outcomes.set(id, { id, accepted: false, reason });
      if (itemId === undefined)
        refuse(`«${id}» — не номер объявления Авито: в столбце ID канала нужен номер объявления (цифры из его ссылки)`);
      else if (typeof amount !== 'number' || !Number.isFinite(amount)) refuse('количество не число, не отправлено');
      else if (amount > AVITO_LIMITS.maxQuantity)
        refuse(`Авито принимает остаток не больше ${AVITO_LIMITS.maxQuantity.toLocaleString('ru-RU')} шт.`);
      else {
        const entry = byListing.get(itemId) ?? { ids: [], amount: 0 };
        entry.ids.push(id);
        entry.amount = Math.max(0, Math.floor(amount));
        byListing.set(itemId, entry);
      }
    }
    return [...byListing];
  }

  /** Each listing's outcome from the answer to its batch (or the lack of one). */
  private batchOutcomes(result: JobResult<Listing[]>, outcomes: Map<string, ItemOutcome>): void {
    const r = result.response;
    if (r && isAuthStatus(r.status)) throw authError(this.channel, r.status);
    const json = r?.status === 200 ? parseJson(r.text) : undefined;
    const set = (entry: Listing[1], outcome: Omit<ItemOutcome, 'id'>) => {
      for (const id of entry.ids) outcomes.set(id, { id, ...outcome });
    };
    if (!isObject(json) || !Array.isArray(json.stocks)) {
      const failure =
        r?.status === 200
          ? { reason: 'непонятный ответ Авито, повторим в следующий раз', retryLater: true }
          : failureReason(this.channel, r, result.timedOut);
      for (const [, entry] of result.tag) set(entry, { accepted: false, ...failure });
      return;
    }
    const answered = new Map<number, Record<string, unknown>>();
    for (const s of json.stocks) if (isObject(s) && typeof s.item_id === 'number') answered.set(s.item_id, s);
    for (const [itemId, entry] of result.tag) {
      const s = answered.get(itemId);
      if (!s)
        set(entry, {
          accepted: false,
          reason: 'Авито не ответил по этому объявлению, повторим в следующий раз',
          retryLater: true,
        });
      else if (s.success === true) set(entry, { accepted: true });
      else
        set(entry, {
          accepted: false,
          reason: itemErrorReason(Array.isArray(s.errors) ? s.errors : []),
          retryLater: false,
        });
    }
  }

  readStocks(ids: readonly string[]): Map<string, number> {
    return this.guarded(() => {
      const byListing = new Map<number, string[]>();
      for (const id of new Set(ids)) {
        const itemId = listingOf(id);
        if (itemId !== undefined) byListing.set(itemId, [...(byListing.get(itemId) ?? []), id]);
      }
      // Without strong_consistency: what buyers are shown, from Avito's cache.
      const jobs = chunk([...byListing.keys()], AVITO_LIMITS.infoPerRequest).map((batch) => ({
        build: (token: string) => this.request('post', '/stock-management/1/info', token, { item_ids: batch }),
        tag: batch,
      }));
      const found = new Map<string, number>();
      for (const result of this.send('info', jobs)) {
        const json = parseJson(requireOk(this.channel, result).text);
        if (!isObject(json) || !Array.isArray(json.stocks)) throw badResponse(this.channel, 'нет остатков');
        for (const entry of json.stocks) {
          const shown = shownForSale(entry);
          if (!shown) continue;
          for (const id of byListing.get(shown.itemId) ?? []) found.set(id, shown.quantity);
        }
      }
      return found;
    });
  }

  private ordersRequest(
    token: string,
    dateFrom: number,
    page: number,
    limit: number = AVITO_LIMITS.ordersPage,
  ): HttpRequest {
    return this.request('get', `/order-management/1/orders?dateFrom=${dateFrom}&page=${page}&limit=${limit}`, token);
  }

  /** Pages 1, 2, … of the orders created since `dateFrom` (Unix seconds), while Avito says there are more. */
  private *orderPages(dateFrom: number, maxPages: number): Generator<Record<string, unknown>[]> {
    for (let page = 1; page <= maxPages; page++) {
      const json = this.one('orders', (t) => this.ordersRequest(t, dateFrom, page), 'нет списка заказов');
      if (!Array.isArray(json.orders)) throw badResponse(this.channel, 'нет списка заказов');
      const orders = json.orders.filter(isObject);
      yield orders;
      if (json.hasMore !== true || !orders.length) return;
    }
  }

  /** Every order created within the lookback (or since `fromMs`, if earlier): statuses change without a date to ask by. */
  listOrders(fromMs: number, toMs: number): OrderLine[] {
    return this.guarded(() => {
      const dateFrom = Math.floor(Math.min(fromMs, toMs - AVITO_LIMITS.ordersLookbackMs) / 1000);
      const lines: OrderLine[] = [];
      for (const orders of this.orderPages(dateFrom, AVITO_LIMITS.ordersMaxPages))
        for (const order of orders) for (const line of linesOf(order)) lines.push(line);
      return lines;
    });
  }

  /** The first page of the orders created since `fromMs`: what the orders lane compares. */
  peekOrders(fromMs: number, _toMs: number): string[] {
    return this.guarded(() => {
      const marks: string[] = [];
      for (const orders of this.orderPages(Math.floor(fromMs / 1000), 1))
        for (const o of orders) marks.push(`${String(o.id)}:${String(o.status ?? '')}`);
      return marks;
    });
  }
}

/** An order's lines: one per item, the listing (`avitoId`) as the id the channel's column holds. */
function linesOf(order: Record<string, unknown>): OrderLine[] {
  const status = String(order.status ?? '');
  const items = Array.isArray(order.items) ? order.items : [];
  const lines: OrderLine[] = [];
  items.forEach((item, place) => {
    if (!isObject(item) || item.avitoId === undefined) return;
    lines.push({
      orderId: String(order.id),
      itemIds: [String(item.avitoId)],
      lineId: String(place),
      quantity: Number(item.count) || 0,
      status: mapAvitoStatus(status),
      rawStatus: status,
      createdAt: String(order.createdAt ?? ''),
    });
  });
  return lines;
}
