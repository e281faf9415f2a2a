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
import {
  ConnectorError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  isObject,
  parseJson,
  type Timer,
} from './http';
import { RateLimiter, type RatePolicy, RequestScheduler } from './scheduler';

/** /v2/products/stocks: «до 80 запросов в минуту» per seller account. */
const STOCK_PUSHES_PER_MINUTE = 80;

/**
 * Ozon's limits and enums as the 2026-09-29 spec states them (src/connectors/ozon.api.ts describes
 * them; test/unit/ozonLimits.test.ts keeps the two in step).
 */
export const OZON_LIMITS = {
  host: 'https://api-seller.ozon.ru',
  /** offer × warehouse pairs per /v2/products/stocks request («100 пар товар-склад»). */
  stocksPerRequest: 100,
  stocksPerMinute: STOCK_PUSHES_PER_MINUTE,
  stocksPolicy: {
    windows: [
      { limit: STOCK_PUSHES_PER_MINUTE, ms: 60_000 },
      { limit: 50, ms: 1_000 },
    ],
    maxParallel: 10,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: [1_000, 4_000, 15_000],
  } as RatePolicy,
  /** Everything else: 50 requests a second per Client-Id (Ozon's «Лимиты запросов», not in the swagger paths). */
  generalPolicy: {
    windows: [{ limit: 50, ms: 1_000 }],
    maxParallel: 10,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: [1_000, 4_000, 15_000],
  } as RatePolicy,
  /** The same offer and warehouse may be updated once per 30 s, else TOO_MANY_REQUESTS for that item. */
  sameItemIntervalMs: 30_000,
  /** /v1/product/info/warehouse/stocks `limit`: 1..1000. */
  stocksReadPage: 1000,
  /** /v4/posting/fbs/list `limit`: 1..100. */
  ordersPage: 100,
  /** /v4/posting/fbs/list `sort_dir`: ASC | DESC. */
  ordersSortDir: 'ASC',
  /** /v4/posting/fbs/list `filter.warehouse_ids`: at most 1000 (int64 as strings). */
  ordersWarehouseIds: 1000,
  /** /v4/posting/fbs/list: the period since..to «не больше одного года». */
  ordersPeriodMaxMs: 365 * 24 * 3600 * 1000,
  /** Orders created longer ago than this are not looked at. */
  ordersLookbackMs: 90 * 24 * 3600 * 1000,
  /** /v2/warehouse/list `limit`: at most 200. */
  warehousesPage: 200,
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
  // Not accepted at the sorting centre: the parcel is back with the seller, still to ship.
  'not_accepted',
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
  PRODUCT_IS_ARCHIVED: 'товар в архиве Ozon: остаток можно задать, когда товар восстановят из архива',
};

/**
 * A warehouse's `status` as Ozon's cabinet words it (the Seller API's description of /v2/warehouse/list
 * maps them: new — «Активируется», created — «Активный», …); a status we do not know is named as given.
 */
const WAREHOUSE_STATUSES: Record<string, string> = {
  new: 'активируется',
  created: 'активный',
  disabled: 'в архиве',
  blocked: 'заблокирован',
  disabled_due_to_limit: 'на паузе',
  error: 'ошибка',
};

function warehouseStatusText(status: unknown): string | undefined {
  if (status === undefined || status === null || status === '') return undefined;
  return WAREHOUSE_STATUSES[String(status)] ?? `статус Ozon «${String(status)}»`;
}

/** The Russian reason of a per-item refusal; a code we do not know is named as Ozon gave it. */
function itemErrorReason(errors: Record<string, unknown>[]): string {
  if (!errors.length) return 'Ozon не обновил остаток без объяснения';
  const code = String(errors[0].code ?? '');
  return ITEM_ERRORS[code] ?? `Ozon не принял остаток: ${code} ${String(errors[0].message ?? '')}`.trim();
}

/**
 * What Ozon shows for sale, from one entry of /v1/product/info/warehouse/stocks: `free_stock` of the
 * channel's warehouse («доступно для заказа»; `present` includes reserved units). An entry of another
 * warehouse, or one without a numeric free_stock, says nothing: undefined, never 0.
 */
export function shownForSale(entry: unknown, warehouse: number): number | undefined {
  if (!isObject(entry)) return undefined;
  if (Number(entry.warehouse_id) !== warehouse) return undefined;
  const free = entry.free_stock;
  return typeof free === 'number' && Number.isSafeInteger(free) && free >= 0 ? free : undefined;
}

type Pair = [id: string, amount: number];

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
    const body = { limit: OZON_LIMITS.warehousesPage };
    for (const warehouses of this.pages('/v2/warehouse/list', body, 'warehouses', 'нет списка складов')) {
      for (const w of warehouses) {
        if (!isObject(w)) continue;
        targets.push({
          id: String(w.warehouse_id),
          name: String(w.name ?? w.warehouse_id),
          note: warehouseStatusText(w.status),
        });
      }
    }
    return targets;
  }

  setStocks(items: readonly StockUpdate[]): ItemOutcome[] {
    const warehouse = this.warehouse();
    const latest = new Map<string, number>();
    for (const item of items) latest.set(item.id, item.amount);
    const outcomes = new Map<string, ItemOutcome>();
    let pending: Pair[] = [...latest.entries()];
    // One retry round for items Ozon refused as updated too recently, if the run has time for it.
    for (let round = 0; round < 2 && pending.length; round++) {
      if (round > 0) {
        const wait = OZON_LIMITS.sameItemIntervalMs;
        if (this.config.deadline !== undefined && this.timer.now() + wait > this.config.deadline) break;
        this.timer.sleep(wait);
      }
      pending = this.pushRound(pending, warehouse, round === 0, outcomes);
    }
    for (const [id] of pending)
      if (!outcomes.has(id))
        outcomes.set(id, { id, accepted: false, reason: ITEM_ERRORS.TOO_MANY_REQUESTS, retryLater: true });
    return [...latest.keys()].map((id) => outcomes.get(id) as ItemOutcome);
  }

  /**
   * Pushes the pairs not updated in the last 30 s, records each outcome, and returns the pairs to
   * try again after 30 s: those held back here and, in the first round, those Ozon refused as too soon.
   */
  private pushRound(pending: Pair[], warehouse: number, retryTooSoon: boolean, outcomes: Map<string, ItemOutcome>) {
    const now = this.timer.now();
    const sentAt = (id: string) => this.lastSent.get(`${id}|${warehouse}`) ?? -Infinity;
    const ready = pending.filter(([id]) => now - sentAt(id) >= OZON_LIMITS.sameItemIntervalMs);
    const jobs = chunk(ready, OZON_LIMITS.stocksPerRequest).map((batch) => ({
      // product_id is in the schema's `required` list, while the operation says to send offer_id or
      // product_id, not both («offer_id wins»): 0 is proto3's «not set», so the offer_id decides.
      request: this.request('/v2/products/stocks', {
        stocks: batch.map(([id, amount]) => ({ offer_id: id, product_id: 0, stock: amount, warehouse_id: warehouse })),
      }),
      tag: batch,
    }));
    const tooSoon: Pair[] = [];
    for (const result of this.scheduler(OZON_LIMITS.stocksPolicy, this.stockLimiter).run(jobs)) {
      for (const [id] of result.tag) if (result.response) this.lastSent.set(`${id}|${warehouse}`, now);
      for (const outcome of this.batchOutcomes(result.tag, result.response)) {
        outcomes.set(outcome.id, outcome);
        if (retryTooSoon && outcome.reason === ITEM_ERRORS.TOO_MANY_REQUESTS)
          tooSoon.push(result.tag.find(([id]) => id === outcome.id) as Pair);
      }
    }
    const sentNow = new Set(ready.map(([id]) => id));
    for (const pair of pending) if (!sentNow.has(pair[0]) && !outcomes.has(pair[0])) tooSoon.push(pair);
    return tooSoon;
  }

  /** Each pair's outcome from the answer to its batch (or the lack of one). */
  private batchOutcomes(batch: Pair[], response: HttpResponse | null): ItemOutcome[] {
    if (response && (response.status === 401 || response.status === 403))
      throw authError(this.config.channel, response.status);
    const json = response && response.status === 200 ? parseJson(response.text) : undefined;
    if (!isObject(json) || !Array.isArray(json.result)) {
      const failure =
        response && response.status === 200
          ? { reason: 'непонятный ответ Ozon, повторим в следующий раз', retryLater: true }
          : failureReason(this.config.channel, response);
      return batch.map(([id]) => ({ id, accepted: false, ...failure }));
    }
    const byOffer = new Map<string, Record<string, unknown>>();
    for (const r of json.result) if (isObject(r)) byOffer.set(String(r.offer_id), r);
    return batch.map(([id]) => this.itemOutcome(id, byOffer.get(id)));
  }

  private itemOutcome(id: string, r: Record<string, unknown> | undefined): ItemOutcome {
    if (!r)
      return {
        id,
        accepted: false,
        reason: 'Ozon не ответил по этому товару, повторим в следующий раз',
        retryLater: true,
      };
    if (r.updated === true) return { id, accepted: true };
    const errors = Array.isArray(r.errors) ? r.errors.filter(isObject) : [];
    // Only the 30-second rule is temporary; every other refusal stays until the seller acts.
    const tooSoon = errors.length > 0 && String(errors[0].code ?? '') === 'TOO_MANY_REQUESTS';
    return { id, accepted: false, reason: itemErrorReason(errors), retryLater: tooSoon };
  }

  /** Follows the cursor of a paged Ozon list until it says there is no more. */
  private *pages(path: string, body: Record<string, unknown>, list: string, what: string): Generator<unknown[]> {
    let cursor = '';
    for (let page = 0; page < 1000; page++) {
      const json = this.general(path, { ...body, cursor }) as Record<string, unknown>;
      const items = json[list];
      if (!Array.isArray(items)) throw badResponse(this.config.channel, what);
      yield items;
      if (json.has_next !== true || typeof json.cursor !== 'string' || json.cursor === '' || json.cursor === cursor)
        return;
      cursor = json.cursor;
    }
  }

  readStocks(ids: readonly string[]): Map<string, number> {
    const warehouse = this.warehouse();
    const wanted = new Set(ids);
    const found = new Map<string, number>();
    const body = { warehouse_id: warehouse, limit: OZON_LIMITS.stocksReadPage };
    for (const stocks of this.pages('/v1/product/info/warehouse/stocks', body, 'stocks', 'нет списка остатков')) {
      for (const entry of stocks) {
        if (!isObject(entry) || !wanted.has(String(entry.offer_id))) continue;
        const shown = shownForSale(entry, warehouse);
        if (shown !== undefined) found.set(String(entry.offer_id), shown);
      }
    }
    return found;
  }

  /** The postings filter: a period of at most a year that ends at `toMs`, changed within [fromMs, toMs]. */
  private postingsFilter(fromMs: number, toMs: number): Record<string, unknown> {
    const since = Math.max(toMs - OZON_LIMITS.ordersPeriodMaxMs, Math.min(fromMs, toMs - OZON_LIMITS.ordersLookbackMs));
    return {
      since: new Date(since).toISOString(),
      to: new Date(toMs).toISOString(),
      last_changed_status_date: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
      ...(this.config.warehouseId ? { warehouse_ids: [String(this.warehouse())] } : {}),
    };
  }

  /** One page of the postings changed since `fromMs`, newest first: what the orders lane compares. */
  peekOrders(fromMs: number, toMs: number): string[] {
    const body = { limit: OZON_LIMITS.ordersPage, sort_dir: 'DESC', filter: this.postingsFilter(fromMs, toMs) };
    const json = this.general('/v4/posting/fbs/list', { ...body, cursor: '' }) as Record<string, unknown>;
    if (!Array.isArray(json.postings)) throw badResponse(this.config.channel, 'нет списка отправлений');
    return json.postings.filter(isObject).map((p) => `${String(p.posting_number)}:${String(p.status ?? '')}`);
  }

  listOrders(fromMs: number, toMs: number): OrderLine[] {
    const lines: OrderLine[] = [];
    const body = {
      limit: OZON_LIMITS.ordersPage,
      sort_dir: OZON_LIMITS.ordersSortDir,
      filter: this.postingsFilter(fromMs, toMs),
    };
    for (const postings of this.pages('/v4/posting/fbs/list', body, 'postings', 'нет списка отправлений')) {
      for (const p of postings) {
        if (!isObject(p) || !Array.isArray(p.products)) continue;
        const status = String(p.status ?? '');
        for (const [place, product] of p.products.entries()) {
          if (!isObject(product)) continue;
          lines.push({
            orderId: String(p.posting_number),
            itemIds: [String(product.offer_id)],
            lineId: String(place),
            quantity: Number(product.quantity) || 0,
            status: mapOzonStatus(status),
            rawStatus: status,
            createdAt: String(p.in_process_at ?? ''),
          });
        }
      }
    }
    return lines;
  }
}
