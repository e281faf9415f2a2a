/**
 * Ozon Seller API: request builders and response parsers over HttpClient, with Ozon's limits in
 * OZON_LIMITS. Item key: `offer_id` (the seller's article). Endpoints of 2026: /v2/products/stocks,
 * /v1/product/info/warehouse/stocks, /v4/posting/fbs/list (cursor), /v2/warehouse/list.
 */
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
import { ConnectorError, type HttpClient, type HttpRequest, isObject, parseJson, type Timer } from './http';
import { RateLimiter, type RatePolicy, RequestScheduler } from './scheduler';

export const OZON_LIMITS = {
  host: 'https://api-seller.ozon.ru',
  /** offer × warehouse pairs per /v2/products/stocks request. */
  stocksPerRequest: 100,
  /** /v2/products/stocks: 80 requests a minute per seller account. */
  stocksPolicy: {
    windows: [
      { limit: 80, ms: 60_000 },
      { limit: 50, ms: 1_000 },
    ],
    maxParallel: 10,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: [1_000, 4_000, 15_000],
  } as RatePolicy,
  /** Everything else: 50 requests a second per Client-Id. */
  generalPolicy: {
    windows: [{ limit: 50, ms: 1_000 }],
    maxParallel: 10,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: [1_000, 4_000, 15_000],
  } as RatePolicy,
  /** The same offer and warehouse may be updated once per 30 s, else TOO_MANY_REQUESTS for that item. */
  sameItemIntervalMs: 30_000,
  stocksReadPage: 1000,
  ordersPage: 1000,
  warehousesPage: 200,
  /** /v4/posting/fbs/list accepts a creation period of up to a year; orders older than this are not looked at. */
  ordersLookbackMs: 90 * 24 * 3600 * 1000,
} as const;

export interface OzonCredentials {
  clientId: string;
  apiKey: string;
}
export interface OzonConfig {
  channel: string;
  credentials: OzonCredentials;
  warehouseId?: string;
  deadline?: number;
}

const NEW = [
  'awaiting_registration',
  'acceptance_in_progress',
  'awaiting_approve',
  'awaiting_verification',
  'awaiting_packaging',
  'awaiting_deliver',
];
const SHIPPED = ['delivering', 'driver_pickup', 'sent_by_seller', 'delivered', 'arbitration', 'client_arbitration'];
const CANCELLED = ['cancelled', 'cancelled_from_split_pending'];

export function mapOzonStatus(status: string): OrderStatus {
  if (NEW.includes(status)) return 'new';
  if (SHIPPED.includes(status)) return 'shipped';
  if (CANCELLED.includes(status)) return 'cancelled';
  return 'other';
}

const ITEM_ERRORS: Record<string, string> = {
  TOO_MANY_REQUESTS: 'Ozon разрешает обновлять товар на складе раз в 30 секунд',
  NOT_FOUND: 'товар с таким артикулом не найден на Ozon',
  PRODUCT_NOT_FOUND: 'товар с таким артикулом не найден на Ozon',
  INVALID_WAREHOUSE: 'склад Ozon не найден или не FBS',
  WAREHOUSE_NOT_FOUND: 'склад Ozon не найден или не FBS',
  NOT_PRICE_SENT: 'у товара на Ozon ещё нет цены: остаток можно задать после неё',
};

export class OzonConnector implements Connector {
  private readonly stockLimiter = new RateLimiter(OZON_LIMITS.stocksPolicy.windows);
  private readonly generalLimiter = new RateLimiter(OZON_LIMITS.generalPolicy.windows);
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly config: OzonConfig,
    private readonly http: HttpClient,
    private readonly timer: Timer,
  ) {}

  private request(path: string, body: unknown): HttpRequest {
    return {
      method: 'post',
      url: `${OZON_LIMITS.host}${path}`,
      headers: {
        'Client-Id': this.config.credentials.clientId,
        'Api-Key': this.config.credentials.apiKey,
        'Content-Type': 'application/json',
      },
      body,
    };
  }

  private scheduler(policy: RatePolicy, limiter: RateLimiter): RequestScheduler {
    return new RequestScheduler(policy, limiter, this.http, this.timer, this.config.deadline);
  }

  private general(path: string, body: unknown): unknown {
    const [result] = this.scheduler(OZON_LIMITS.generalPolicy, this.generalLimiter).run([
      { request: this.request(path, body), tag: path },
    ]);
    const response = requireOk(this.config.channel, result);
    const json = parseJson(response.text);
    if (!isObject(json)) throw badResponse(this.config.channel, `${path}: не JSON`);
    return json;
  }

  private warehouse(): number {
    const id = Number(this.config.warehouseId);
    if (!this.config.warehouseId || !Number.isSafeInteger(id)) {
      throw new ConnectorError(
        'config',
        `${this.config.channel}: не выбран склад Ozon — нажмите «Проверить подключение» и выберите склад`,
      );
    }
    return id;
  }

  listTargets(): Target[] {
    const targets: Target[] = [];
    let cursor = '';
    for (let page = 0; page < 50; page++) {
      const json = this.general('/v2/warehouse/list', { limit: OZON_LIMITS.warehousesPage, cursor }) as Record<
        string,
        unknown
      >;
      if (!Array.isArray(json.warehouses)) throw badResponse(this.config.channel, 'нет списка складов');
      for (const w of json.warehouses) {
        if (!isObject(w)) continue;
        targets.push({
          id: String(w.warehouse_id),
          name: String(w.name ?? w.warehouse_id),
          note: w.status ? String(w.status) : undefined,
        });
      }
      if (json.has_next !== true || typeof json.cursor !== 'string' || json.cursor === '') break;
      cursor = json.cursor;
    }
    return targets;
  }

  setStocks(items: readonly StockUpdate[]): ItemOutcome[] {
    const warehouse = this.warehouse();
    const latest = new Map<string, number>();
    for (const item of items) latest.set(item.id, item.amount);
    const outcomes = new Map<string, ItemOutcome>();
    let pending = [...latest.entries()];
    // One retry round for items Ozon refused as updated too recently, if the run has time for it.
    for (let round = 0; round < 2 && pending.length; round++) {
      if (round > 0) {
        const wait = OZON_LIMITS.sameItemIntervalMs;
        if (this.config.deadline !== undefined && this.timer.now() + wait > this.config.deadline) break;
        this.timer.sleep(wait);
      }
      const now = this.timer.now();
      const ready = pending.filter(
        ([id]) => now - (this.lastSent.get(`${id}|${warehouse}`) ?? -Infinity) >= OZON_LIMITS.sameItemIntervalMs,
      );
      const jobs = chunk(ready, OZON_LIMITS.stocksPerRequest).map((batch) => ({
        request: this.request('/v2/products/stocks', {
          stocks: batch.map(([id, amount]) => ({ offer_id: id, stock: amount, warehouse_id: warehouse })),
        }),
        tag: batch,
      }));
      const results = this.scheduler(OZON_LIMITS.stocksPolicy, this.stockLimiter).run(jobs);
      const tooSoon: [string, number][] = [];
      for (const result of results) {
        for (const [id] of result.tag) if (result.response) this.lastSent.set(`${id}|${warehouse}`, now);
        const response = result.response;
        if (response && (response.status === 401 || response.status === 403))
          throw authError(this.config.channel, response.status);
        const json = response && response.status === 200 ? parseJson(response.text) : undefined;
        if (!isObject(json) || !Array.isArray(json.result)) {
          const failure =
            response && response.status === 200
              ? { reason: 'непонятный ответ Ozon, повторим в следующий раз', retryLater: true }
              : failureReason(this.config.channel, response);
          for (const [id] of result.tag) outcomes.set(id, { id, accepted: false, ...failure });
          continue;
        }
        const byOffer = new Map<string, Record<string, unknown>>();
        for (const r of json.result) if (isObject(r)) byOffer.set(String(r.offer_id), r);
        for (const [id, amount] of result.tag) {
          const r = byOffer.get(id);
          if (!r) {
            outcomes.set(id, {
              id,
              accepted: false,
              reason: 'Ozon не ответил по этому товару, повторим в следующий раз',
              retryLater: true,
            });
            continue;
          }
          if (r.updated === true) {
            outcomes.set(id, { id, accepted: true });
            continue;
          }
          const errors = Array.isArray(r.errors) ? r.errors.filter(isObject) : [];
          const code = errors.length ? String(errors[0].code ?? '') : '';
          if (code === 'TOO_MANY_REQUESTS' && round === 0) tooSoon.push([id, amount]);
          const reason =
            ITEM_ERRORS[code] ??
            (errors.length
              ? `Ozon: ${code} ${String(errors[0].message ?? '')}`.trim()
              : 'Ozon не обновил остаток без объяснения');
          outcomes.set(id, { id, accepted: false, reason, retryLater: code === 'TOO_MANY_REQUESTS' });
        }
      }
      const sentNow = new Set(ready.map(([id]) => id));
      for (const [id, amount] of pending) if (!sentNow.has(id) && !outcomes.has(id)) tooSoon.push([id, amount]);
      pending = tooSoon;
    }
    for (const [id] of pending)
      if (!outcomes.has(id))
        outcomes.set(id, { id, accepted: false, reason: ITEM_ERRORS.TOO_MANY_REQUESTS, retryLater: true });
    return [...latest.keys()].map((id) => outcomes.get(id) as ItemOutcome);
  }

  readStocks(ids: readonly string[]): Map<string, number> {
    const warehouse = this.warehouse();
    const wanted = new Set(ids);
    const found = new Map<string, number>();
    let cursor = '';
    for (let page = 0; page < 1000; page++) {
      const json = this.general('/v1/product/info/warehouse/stocks', {
        warehouse_id: warehouse,
        limit: OZON_LIMITS.stocksReadPage,
        cursor,
      }) as Record<string, unknown>;
      if (!Array.isArray(json.stocks)) throw badResponse(this.config.channel, 'нет списка остатков');
      for (const s of json.stocks) {
        if (!isObject(s)) continue;
        const id = String(s.offer_id);
        if (wanted.has(id) && typeof s.present === 'number') found.set(id, s.present);
      }
      if (json.has_next !== true || typeof json.cursor !== 'string' || json.cursor === '') break;
      cursor = json.cursor;
    }
    return found;
  }

  listOrders(fromMs: number, toMs: number): OrderLine[] {
    const lines: OrderLine[] = [];
    let cursor = '';
    const filter = {
      since: new Date(Math.min(fromMs, toMs - OZON_LIMITS.ordersLookbackMs)).toISOString(),
      to: new Date(toMs).toISOString(),
      last_changed_status_date: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
      ...(this.config.warehouseId ? { warehouse_ids: [this.warehouse()] } : {}),
    };
    for (let page = 0; page < 1000; page++) {
      const json = this.general('/v4/posting/fbs/list', {
        cursor,
        limit: OZON_LIMITS.ordersPage,
        sort_dir: 'asc',
        filter,
      }) as Record<string, unknown>;
      if (!Array.isArray(json.postings)) throw badResponse(this.config.channel, 'нет списка отправлений');
      for (const p of json.postings) {
        if (!isObject(p) || !Array.isArray(p.products)) continue;
        const status = String(p.status ?? '');
        for (const product of p.products) {
          if (!isObject(product)) continue;
          lines.push({
            orderId: String(p.posting_number),
            itemIds: [String(product.offer_id)],
            quantity: Number(product.quantity) || 0,
            status: mapOzonStatus(status),
            rawStatus: status,
            createdAt: String(p.in_process_at ?? ''),
          });
        }
      }
      if (json.has_next !== true || typeof json.cursor !== 'string' || json.cursor === '') break;
      cursor = json.cursor;
    }
    return lines;
  }
}
