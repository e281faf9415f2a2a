/**
 * Yandex Market Partner API over HttpClient, limits in YM_LIMITS. Stock is per campaign, keyed by
 * the seller's offerId; a rate limit is answered with HTTP 420; a 400 rejects the whole request.
 * An empty value means "no change" to Yandex Market, so out of stock is always sent as 0.
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
import { ConnectorError, excerpt, type HttpClient, type HttpRequest, isObject, parseJson, type Timer } from './http';
import { RateLimiter, type RatePolicy, RequestScheduler } from './scheduler';

const BACKOFF = [1_000, 4_000, 15_000];

export const YM_LIMITS = {
  host: 'https://api.partner.market.yandex.ru',
  /** SKUs per updateStocks request. */
  stocksPerRequest: 2000,
  /** updateStocks: 100,000 SKUs a minute (each request costs its SKUs); 2 requests in parallel per login. */
  stocksPolicy: {
    windows: [{ limit: 100_000, ms: 60_000 }],
    maxParallel: 2,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: BACKOFF,
  } as RatePolicy,
  /** getStocks: 100,000 returned offers a minute; a page holds at most 200. */
  readPolicy: {
    windows: [{ limit: 100_000, ms: 60_000 }],
    maxParallel: 2,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: BACKOFF,
  } as RatePolicy,
  readPage: 200,
  /** getBusinessOrders: 10,000 requests an hour; 50 orders a page; a period of at most 30 days. */
  ordersPolicy: {
    windows: [{ limit: 10_000, ms: 3_600_000 }],
    maxParallel: 1,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: BACKOFF,
  } as RatePolicy,
  ordersPage: 50,
  ordersWindowMs: 30 * 24 * 3600 * 1000,
  /** getCampaigns: 1,000 requests an hour, 100 a page. */
  campaignsPolicy: {
    windows: [{ limit: 1_000, ms: 3_600_000 }],
    maxParallel: 1,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: BACKOFF,
  } as RatePolicy,
  campaignsPage: 100,
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
  if (['PLACING', 'RESERVED', 'UNPAID', 'PROCESSING', 'PENDING'].includes(status)) return 'new';
  if (['DELIVERY', 'PICKUP', 'DELIVERED', 'PARTIALLY_RETURNED', 'RETURNED'].includes(status)) return 'shipped';
  if (status === 'CANCELLED') return 'cancelled';
  return 'other';
}

export class YandexMarketConnector implements Connector {
  private readonly limiters = {
    stocks: new RateLimiter(YM_LIMITS.stocksPolicy.windows),
    read: new RateLimiter(YM_LIMITS.readPolicy.windows),
    orders: new RateLimiter(YM_LIMITS.ordersPolicy.windows),
    campaigns: new RateLimiter(YM_LIMITS.campaignsPolicy.windows),
  };

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

  private scheduler(kind: keyof YandexMarketConnector['limiters']): RequestScheduler {
    const policy = {
      stocks: YM_LIMITS.stocksPolicy,
      read: YM_LIMITS.readPolicy,
      orders: YM_LIMITS.ordersPolicy,
      campaigns: YM_LIMITS.campaignsPolicy,
    }[kind];
    return new RequestScheduler(policy, this.limiters[kind], this.http, this.timer, this.config.deadline);
  }

  private one(kind: keyof YandexMarketConnector['limiters'], request: HttpRequest): Record<string, unknown> {
    const [result] = this.scheduler(kind).run([{ request, tag: null }]);
    const json = parseJson(requireOk(this.config.channel, result).text);
    if (!isObject(json)) throw badResponse(this.config.channel, `${request.url}: не JSON`);
    return json;
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

  listTargets(): Target[] {
    const targets: Target[] = [];
    let token = '';
    for (let page = 0; page < 100; page++) {
      const query = `limit=${YM_LIMITS.campaignsPage}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
      const json = this.one('campaigns', this.request('get', `/v2/campaigns?${query}`));
      if (!Array.isArray(json.campaigns)) throw badResponse(this.config.channel, 'нет списка магазинов');
      for (const c of json.campaigns.filter(isObject)) {
        const business = isObject(c.business) ? c.business : {};
        targets.push({
          id: String(c.id),
          name: String(c.domain ?? business.name ?? c.id),
          note: c.placementType ? String(c.placementType) : undefined,
          businessId: business.id !== undefined ? String(business.id) : undefined,
        });
      }
      const paging = isObject(json.paging) ? json.paging : {};
      if (typeof paging.nextPageToken !== 'string' || paging.nextPageToken === '') break;
      token = paging.nextPageToken;
    }
    return targets;
  }

  setStocks(items: readonly StockUpdate[]): ItemOutcome[] {
    const campaign = this.campaign();
    const latest = new Map<string, number>();
    for (const item of items) latest.set(item.id, Math.max(0, Math.floor(item.amount)));
    const jobs = chunk([...latest.entries()], YM_LIMITS.stocksPerRequest).map((batch) => ({
      request: this.request('put', `/v2/campaigns/${campaign}/offers/stocks`, {
        skus: batch.map(([sku, count]) => ({ sku, items: [{ count }] })),
      }),
      cost: batch.length,
      tag: batch,
    }));
    const outcomes = new Map<string, ItemOutcome>();
    for (const result of this.scheduler('stocks').run(jobs)) {
      const r = result.response;
      const json = r ? parseJson(r.text) : undefined;
      if (r && r.status === 200 && isObject(json) && json.status === 'OK') {
        for (const [id] of result.tag) outcomes.set(id, { id, accepted: true });
        continue;
      }
      let failure = failureReason(this.config.channel, r);
      if (r && r.status === 400 && isObject(json) && Array.isArray(json.errors)) {
        const text = json.errors
          .filter(isObject)
          .map((e) => `${String(e.code ?? '')}: ${String(e.message ?? '')}`)
          .join('; ');
        failure = { reason: `Яндекс Маркет отклонил весь запрос: ${excerpt(text)}`, retryLater: false };
      }
      for (const [id] of result.tag) outcomes.set(id, { id, accepted: false, ...failure });
    }
    return [...latest.keys()].map((id) => outcomes.get(id) as ItemOutcome);
  }

  readStocks(ids: readonly string[]): Map<string, number> {
    const campaign = this.campaign();
    const found = new Map<string, number>();
    const jobs = chunk([...new Set(ids)], YM_LIMITS.readPage).map((batch) => ({
      request: this.request('post', `/v2/campaigns/${campaign}/offers/stocks?limit=${YM_LIMITS.readPage}`, {
        offerIds: batch,
      }),
      cost: batch.length,
      tag: batch,
    }));
    for (const result of this.scheduler('read').run(jobs)) {
      const json = parseJson(requireOk(this.config.channel, result).text);
      const body = isObject(json) && isObject(json.result) ? json.result : undefined;
      if (!body || !Array.isArray(body.warehouses)) throw badResponse(this.config.channel, 'нет остатков');
      for (const w of body.warehouses.filter(isObject)) {
        if (!Array.isArray(w.offers)) continue;
        for (const o of w.offers.filter(isObject)) {
          const stocks = Array.isArray(o.stocks) ? o.stocks.filter(isObject) : [];
          const fit = stocks.filter((s) => s.type === 'FIT').reduce((sum, s) => sum + (Number(s.count) || 0), 0);
          found.set(String(o.offerId), (found.get(String(o.offerId)) ?? 0) + fit);
        }
      }
    }
    return found;
  }

  listOrders(fromMs: number, toMs: number): OrderLine[] {
    const campaign = this.campaign();
    if (!this.config.businessId)
      throw new ConnectorError(
        'config',
        `${this.config.channel}: не известен кабинет (businessId) — нажмите «Проверить подключение»`,
      );
    const from = new Date(Math.max(fromMs, toMs - YM_LIMITS.ordersWindowMs)).toISOString();
    const lines: OrderLine[] = [];
    let token = '';
    for (let page = 0; page < 1000; page++) {
      const query = `limit=${YM_LIMITS.ordersPage}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
      const json = this.one(
        'orders',
        this.request('post', `/v1/businesses/${this.config.businessId}/orders?${query}`, {
          campaignIds: [Number(campaign)],
          dates: { updateDateFrom: from, updateDateTo: new Date(toMs).toISOString() },
        }),
      );
      if (!Array.isArray(json.orders)) throw badResponse(this.config.channel, 'нет списка заказов');
      for (const o of json.orders.filter(isObject)) {
        const status = String(o.status ?? '');
        for (const item of (Array.isArray(o.items) ? o.items : []).filter(isObject)) {
          lines.push({
            orderId: String(o.orderId),
            itemIds: [String(item.offerId)],
            quantity: Number(item.count) || 0,
            status: mapYmStatus(status),
            rawStatus: status,
            createdAt: String(o.creationDate ?? ''),
          });
        }
      }
      const paging = isObject(json.paging) ? json.paging : {};
      if (typeof paging.nextPageToken !== 'string' || paging.nextPageToken === '') break;
      token = paging.nextPageToken;
    }
    return lines;
  }
}
