/**
 * Yandex Market Partner API over HttpClient, limits in YM_LIMITS (they agree with YM_API, the
 * project's description of the spec: a unit test checks). Stock is per campaign, keyed by the
 * seller's offerId; a rate limit is answered with HTTP 420; a 400 rejects the whole request (split until
 * the bad SKUs are isolated). An empty
 * value means "no change" to Yandex Market, so out of stock is always sent as 0.
 */
import {
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
import {
  ConnectorError,
  excerpt,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  isObject,
  parseJson,
  type Timer,
} from './http';
import { RateLimiter, type RatePolicy, RequestScheduler } from './scheduler';

const BACKOFF = [1_000, 4_000, 15_000];
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** A policy within the spec's x-resource-limit-config: `limit` units per `ms`. */
function policy(limit: number, ms: number, maxParallel: number): RatePolicy {
  return { windows: [{ limit, ms }], maxParallel, maxAttempts: 4, maxWaitMs: 65_000, backoffMs: BACKOFF };
}

export const YM_LIMITS = {
  host: 'https://api.partner.market.yandex.ru',
  /** updateStocks: SKUs a request (skus maxItems) and the largest count (count maximum). */
  stocksPerRequest: 2000,
  countMax: 2_000_000_000,
  /** updateStocks: 100,000 SKUs a minute (each request costs its SKUs); 2 requests in parallel per login. */
  stocksPolicy: policy(100_000, MINUTE, 2),
  /**
   * Requests one setStocks may spend splitting refused batches (two per split): enough to isolate
   * five bad SKUs among 2,000 however they lie (2·5·11). What it leaves is tried again next run,
   * without the SKUs accepted meanwhile; a catalogue refused whole costs each run 121 requests at most.
   */
  maxSplitRequests: 120,
  /** getStocks: offerIds a request (1..500, then no pageToken/limit); 100,000 returned offers a minute. */
  readPerRequest: 500,
  readPolicy: policy(100_000, MINUTE, 2),
  /** What Yandex Market shows for sale (WarehouseStockType): «Доступный к заказу», not FIT (with reserved units). */
  forSaleStockType: 'AVAILABLE',
  /** getPagedWarehouses: 100 requests an hour, at most 30 a page, 25 campaigns a request. */
  warehousesPolicy: policy(100, HOUR, 1),
  warehousesPage: 30,
  /** getBusinessOrders: 10,000 requests an hour; 50 orders a page; a period of at most 30 days. */
  ordersPolicy: policy(10_000, HOUR, 1),
  ordersPage: 50,
  ordersWindowDays: 30,
  /** getCampaigns: 1,000 requests an hour, 100 a page. */
  campaignsPolicy: policy(1_000, HOUR, 1),
  campaignsPage: 100,
  /** OrderStatusType, by what it means for stock; UNKNOWN and values the spec may add are 'other'. */
  statuses: {
    new: ['PLACING', 'RESERVED', 'UNPAID', 'PROCESSING', 'PENDING'],
    shipped: ['DELIVERY', 'PICKUP', 'DELIVERED', 'PARTIALLY_RETURNED', 'RETURNED'],
    cancelled: ['CANCELLED'],
  },
} as const;

export interface YmCredentials {
  apiKey: string;
}
export interface YmConfig {
  channel: string;
  credentials: YmCredentials;
  campaignId?: string;
  businessId?: string;
  deadline?: number;
}

export function mapYmStatus(status: string): OrderStatus {
  const { statuses } = YM_LIMITS;
  for (const kind of ['new', 'shipped', 'cancelled'] as const)
    if ((statuses[kind] as readonly string[]).includes(status)) return kind;
  return 'other';
}

/**
 * The one "shown for sale" reading: the AVAILABLE count of an offer's getStocks `stocks` entries. An offer
 * without an AVAILABLE entry, or one whose count is not a whole number ≥ 0, is unknown (undefined),
 * never 0.
 */
export function forSaleOf(stocks: unknown): number | undefined {
  if (!Array.isArray(stocks)) return undefined;
  const available = stocks.filter((s) => isObject(s) && s.type === YM_LIMITS.forSaleStockType);
  if (!available.length) return undefined;
  let sum = 0;
  for (const entry of available) {
    const count = (entry as Record<string, unknown>).count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return undefined;
    sum += count;
  }
  return sum;
}

type StockPair = [sku: string, count: number];
type Refusal = { reason: string; retryLater: boolean; notSent?: boolean; wholeRequest?: boolean };

/**
 * What a seller should read about one SKU the Market refused on its own (its batch had nothing
 * else): the Market's own words are kept after the explanation, for support.
 */
export function itemRefusal(failure: Refusal): Omit<ItemOutcome, 'id' | 'accepted'> {
  const { wholeRequest, ...rest } = failure;
  if (!wholeRequest) return rest;
  const said = failure.reason;
  if (/not found|unknown|не найден|нет в каталоге|not exist/i.test(said))
    return {
      reason: `нет в каталоге Маркета: SKU должен в точности совпадать с каталогом (${said})`,
      retryLater: false,
    };
  if (/count|range|must be|maximum|minimum|количеств/i.test(said))
    return {
      reason: `количество вне диапазона, который принимает Маркет (0…${YM_LIMITS.countMax.toLocaleString('ru-RU')}) (${said})`,
      retryLater: false,
    };
  return { reason: `Яндекс Маркет отклонил этот товар: ${said}`, retryLater: false };
}

/** SKUs of a refused batch the splitting had no requests left to tell apart: tried again next run. */
function unresolvedRefusal(failure: Refusal, size: number): Omit<ItemOutcome, 'id' | 'accepted'> {
  return {
    reason: `Яндекс Маркет отклонил запрос из ${size} товаров, среди них есть отклонённые; найти их не хватило запросов этого запуска, повторим в следующий раз (${failure.reason})`,
    retryLater: true,
  };
}

type RefusedBatch = { batch: StockPair[]; failure: Refusal };

/**
 * The count to send per SKU (the last one given wins), within the Market's range; an amount that
 * is not a number would go as null and get its whole batch refused, so it is never sent.
 */
function countsToSend(items: readonly StockUpdate[], outcomes: Map<string, ItemOutcome>): Map<string, number> {
  const latest = new Map<string, number>();
  for (const item of items) {
    if (typeof item.amount !== 'number' || Number.isNaN(item.amount)) {
      latest.delete(item.id);
      outcomes.set(item.id, { id: item.id, accepted: false, reason: 'количество не число, не отправлено' });
    } else {
      outcomes.delete(item.id);
      latest.set(item.id, Math.min(YM_LIMITS.countMax, Math.max(0, Math.floor(item.amount))));
    }
  }
  return latest;
}

/** The halves of each batch refused whole, while the split budget lasts; past it, the batch waits for the next run. */
function halvesOf(
  refused: readonly RefusedBatch[],
  budget: { splitsLeft: number },
  outcomes: Map<string, ItemOutcome>,
): StockPair[][] {
  const halves: StockPair[][] = [];
  for (const { batch, failure } of refused) {
    if (budget.splitsLeft < 2) {
      for (const [id] of batch) outcomes.set(id, { id, accepted: false, ...unresolvedRefusal(failure, batch.length) });
      continue;
    }
    budget.splitsLeft -= 2;
    const half = Math.ceil(batch.length / 2);
    halves.push(batch.slice(0, half), batch.slice(half));
  }
  return halves;
}

type Kind = 'stocks' | 'read' | 'warehouses' | 'orders' | 'campaigns';

const POLICIES: Record<Kind, RatePolicy> = {
  stocks: YM_LIMITS.stocksPolicy,
  read: YM_LIMITS.readPolicy,
  warehouses: YM_LIMITS.warehousesPolicy,
  orders: YM_LIMITS.ordersPolicy,
  campaigns: YM_LIMITS.campaignsPolicy,
};

/**
 * A campaign's `placementType` (FBS, DBS, FBY, LAAS) in the seller's words; one we do not know is left out
 * rather than shown raw.
 */
const PLACEMENTS: Record<string, string> = {
  FBS: 'свой склад, доставляет Маркет',
  DBS: 'свой склад и своя доставка',
  FBY: 'склад Маркета',
  LAAS: 'логистика Маркета для других площадок',
};

function placementText(type: unknown): string | undefined {
  const key = String(type);
  // An own text only: «constructor» and the like are not campaign models.
  const text: unknown = PLACEMENTS[key];
  return typeof text === 'string' ? text : undefined;
}

export class YandexMarketConnector implements Connector {
  private readonly limiters = Object.fromEntries(
    Object.entries(POLICIES).map(([kind, p]) => [kind, new RateLimiter(p.windows)]),
  ) as Record<Kind, RateLimiter>;
  /** The seller's own warehouses of the campaign, looked up once (getPagedWarehouses: 100 an hour). */
  private ownWarehouseIds: Set<string> | undefined;

  constructor(
    private readonly config: YmConfig,
    private readonly http: HttpClient,
    private readonly timer: Timer,
  ) {}

  private request(method: HttpRequest['method'], path: string, body?: unknown): HttpRequest {
    return {
      method,
      url: `${YM_LIMITS.host}${path}`,
      headers: { 'Api-Key': this.config.credentials.apiKey, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    };
  }

  private scheduler(kind: Kind): RequestScheduler {
    return new RequestScheduler(POLICIES[kind], this.limiters[kind], this.http, this.timer, this.config.deadline);
  }

  private one(kind: Kind, request: HttpRequest): Record<string, unknown> {
    const [result] = this.scheduler(kind).run([{ request, tag: null }]);
    const json = parseJson(requireOk(this.config.channel, result).text);
    if (!isObject(json)) throw badResponse(this.config.channel, `${request.url}: не JSON`);
    return json;
  }

  /** Every page of a paged list: `read` gives a page's items and its paging object. */
  private pages(
    query: (token: string) => HttpRequest,
    read: (json: Record<string, unknown>) => { list: unknown; paging: unknown },
    max = 100,
  ): Record<string, unknown>[] {
    const items: Record<string, unknown>[] = [];
    let token = '';
    for (let page = 0; page < max; page++) {
      const request = query(token);
      const json = this.one(this.kindOf(request), request);
      const { list, paging } = read(json);
      if (!Array.isArray(list)) throw badResponse(this.config.channel, `${request.url}: нет списка`);
      for (const item of list) if (isObject(item)) items.push(item);
      const next = isObject(paging) ? paging.nextPageToken : undefined;
      if (typeof next !== 'string' || next === '') break;
      token = next;
    }
    return items;
  }

  private kindOf(request: HttpRequest): Kind {
    if (request.url.includes('/warehouses')) return 'warehouses';
    if (request.url.includes('/orders')) return 'orders';
    return 'campaigns';
  }

  private campaign(): string {
    if (!this.config.campaignId || !/^\d+$/.test(this.config.campaignId)) {
      throw new ConnectorError(
        'config',
        `${this.config.channel}: не выбран магазин (кампания) Яндекс Маркета — нажмите «Проверить подключение» и выберите его`,
      );
    }
    return this.config.campaignId;
  }

  private business(): string {
    if (!this.config.businessId || !/^\d+$/.test(this.config.businessId))
      throw new ConnectorError(
        'config',
        `${this.config.channel}: не известен кабинет (businessId) — нажмите «Проверить подключение»`,
      );
    return this.config.businessId;
  }

  private tokenQuery(limit: number, token: string): string {
    return `limit=${limit}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
  }

  listTargets(): Target[] {
    const campaigns = this.pages(
      (token) => this.request('get', `/v2/campaigns?${this.tokenQuery(YM_LIMITS.campaignsPage, token)}`),
      (json) => ({ list: json.campaigns, paging: json.paging }),
    );
    return campaigns.map((c) => {
      const business = isObject(c.business) ? c.business : {};
      return {
        id: String(c.id),
        name: String(c.domain ?? business.name ?? c.id),
        note: placementText(c.placementType),
        businessId: business.id !== undefined ? String(business.id) : undefined,
      };
    });
  }

  /**
   * updateStocks has no per-item result: one SKU the Market does not know, or one count out of its
   * range, makes it refuse the whole request with 400. A refused batch is split in halves until
   * each bad SKU stands alone, so the others go through and the bad ones are named: at most two
   * requests per bad SKU per halving (O(bad·log n)), each round within the same rate limiter.
   */
  setStocks(items: readonly StockUpdate[]): ItemOutcome[] {
    const campaign = this.campaign();
    const outcomes = new Map<string, ItemOutcome>();
    const budget = { splitsLeft: YM_LIMITS.maxSplitRequests };
    let batches = chunk([...countsToSend(items, outcomes)], YM_LIMITS.stocksPerRequest);
    while (batches.length) batches = halvesOf(this.pushRound(campaign, batches, outcomes), budget, outcomes);
    const seen = new Set<string>();
    return items.filter((i) => !seen.has(i.id) && seen.add(i.id)).map((i) => outcomes.get(i.id) as ItemOutcome);
  }

  /** Sends the batches (2 in parallel, 420 waited out); records each outcome and returns the batches refused whole. */
  private pushRound(campaign: string, batches: StockPair[][], outcomes: Map<string, ItemOutcome>): RefusedBatch[] {
    const refused: RefusedBatch[] = [];
    for (const result of this.scheduler('stocks').run(batches.map((batch) => this.stocksJob(campaign, batch)))) {
      const failure = this.stocksFailure(result.response, result.timedOut);
      if (!failure) for (const [id] of result.tag) outcomes.set(id, { id, accepted: true });
      else if (failure.wholeRequest && result.tag.length > 1) refused.push({ batch: result.tag, failure });
      else for (const [id] of result.tag) outcomes.set(id, { id, accepted: false, ...itemRefusal(failure) });
    }
    return refused;
  }

  private stocksJob(campaign: string, batch: StockPair[]) {
    return {
      request: this.request('put', `/v2/campaigns/${campaign}/offers/stocks`, {
        skus: batch.map(([sku, count]) => ({ sku, items: [{ count }] })),
      }),
      cost: batch.length,
      tag: batch,
    };
  }

  /** Why an updateStocks answer is not a success (null when it is); `wholeRequest`: the Market's 400. */
  private stocksFailure(r: HttpResponse | null, timedOut?: boolean): Refusal | null {
    const json = r ? parseJson(r.text) : undefined;
    if (r && r.status === 200 && isObject(json) && json.status === 'OK') return null;
    if (r && r.status === 400 && isObject(json) && Array.isArray(json.errors)) {
      const text = json.errors
        .filter(isObject)
        .map((e) => `${String(e.code ?? '')}: ${String(e.message ?? '')}`)
        .join('; ');
      return { reason: excerpt(text), retryLater: false, wholeRequest: true };
    }
    return failureReason(this.config.channel, r, timedOut);
  }

  /**
   * The campaign's own warehouses: getStocks may also answer for the Market's returns warehouse
   * (FBS: «в ответе может вернуться не только партнерский склад, но и склад возвратов Маркета»),
   * whose units are not for sale.
   */
  private ownWarehouses(campaign: string): Set<string> {
    if (this.ownWarehouseIds) return this.ownWarehouseIds;
    const business = this.business();
    const warehouses = this.pages(
      (token) =>
        this.request(
          'post',
          `/v2/businesses/${business}/warehouses?${this.tokenQuery(YM_LIMITS.warehousesPage, token)}`,
          {
            campaignIds: [Number(campaign)],
          },
        ),
      (json) => {
        const result = isObject(json.result) ? json.result : {};
        return { list: result.warehouses, paging: result.paging };
      },
    );
    this.ownWarehouseIds = new Set(
      warehouses.filter((w) => String(w.campaignId) === campaign).map((w) => String(w.id)),
    );
    return this.ownWarehouseIds;
  }

  readStocks(ids: readonly string[]): Map<string, number> {
    const campaign = this.campaign();
    const own = this.ownWarehouses(campaign);
    const found = new Map<string, number>();
    // With offerIds the spec wants no pageToken, limit or archived: the list comes back whole.
    const jobs = chunk([...new Set(ids)], YM_LIMITS.readPerRequest).map((batch) => ({
      request: this.request('post', `/v2/campaigns/${campaign}/offers/stocks`, { offerIds: batch }),
      cost: batch.length,
      tag: batch,
    }));
    for (const result of this.scheduler('read').run(jobs)) {
      const json = parseJson(requireOk(this.config.channel, result).text);
      const body = isObject(json) && isObject(json.result) ? json.result : undefined;
      if (!body || !Array.isArray(body.warehouses)) throw badResponse(this.config.channel, 'нет остатков');
      for (const w of body.warehouses.filter(isObject)) {
        if (!own.has(String(w.warehouseId)) || !Array.isArray(w.offers)) continue;
        for (const o of w.offers.filter(isObject)) {
          const forSale = forSaleOf(o.stocks);
          if (forSale === undefined) continue;
          const id = String(o.offerId);
          found.set(id, (found.get(id) ?? 0) + forSale);
        }
      }
    }
    return found;
  }

  listOrders(fromMs: number, toMs: number): OrderLine[] {
    const campaign = this.campaign();
    const business = this.business();
    const windowMs = YM_LIMITS.ordersWindowDays * 24 * HOUR;
    const dates = {
      updateDateFrom: new Date(Math.max(fromMs, toMs - windowMs)).toISOString(),
      updateDateTo: new Date(toMs).toISOString(),
    };
    const orders = this.pages(
      (token) =>
        this.request('post', `/v1/businesses/${business}/orders?${this.tokenQuery(YM_LIMITS.ordersPage, token)}`, {
          campaignIds: [Number(campaign)],
          dates,
        }),
      (json) => ({ list: json.orders, paging: json.paging }),
      1000,
    );
    return orders.flatMap((o) => this.linesOf(o));
  }

  /** The first page of the business's orders updated since `fromMs`: what the orders lane compares. */
  peekOrders(fromMs: number, toMs: number): string[] {
    const dates = { updateDateFrom: new Date(fromMs).toISOString(), updateDateTo: new Date(toMs).toISOString() };
    const orders = this.pages(
      () =>
        this.request('post', `/v1/businesses/${this.business()}/orders?${this.tokenQuery(YM_LIMITS.ordersPage, '')}`, {
          campaignIds: [Number(this.campaign())],
          dates,
        }),
      (json) => ({ list: json.orders, paging: json.paging }),
      1,
    );
    return orders.map((o) => `${String(o.orderId)}:${String(o.status ?? '')}`);
  }

  private linesOf(o: Record<string, unknown>): OrderLine[] {
    const status = String(o.status ?? '');
    return (Array.isArray(o.items) ? o.items : []).filter(isObject).map((item) => ({
      orderId: String(o.orderId),
      itemIds: [String(item.offerId)],
      ...(item.id !== undefined ? { lineId: String(item.id) } : {}),
      quantity: Number(item.count) || 0,
      status: mapYmStatus(status),
      rawStatus: status,
      createdAt: String(o.creationDate ?? ''),
    }));
  }
}
