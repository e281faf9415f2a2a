/**
 * Wildberries Marketplace and Content APIs over HttpClient, limits in WB_LIMITS. Stock is set by
 * `chrtId` (since 2026); sellers know barcodes and vendor codes, so ids are resolved through the
 * cards list. WB answers 204 even when nothing changed, so every push is read back.
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
import { ConnectorError, excerpt, type HttpClient, type HttpRequest, isObject, parseJson, type Timer } from './http';
import { RateLimiter, type RatePolicy, RequestScheduler } from './scheduler';

const BACKOFF = [1_000, 4_000, 15_000];

export const WB_LIMITS = {
  marketplaceHost: 'https://marketplace-api.wildberries.ru',
  contentHost: 'https://content-api.wildberries.ru',
  stocksPerRequest: 1000,
  /** Seller stocks, warehouses and FBS orders: 300 a minute, bursts of 20 (one per 200 ms); a 4xx counts as 10. */
  marketplacePolicy: {
    windows: [
      { limit: 300, ms: 60_000 },
      { limit: 20, ms: 4_000 },
    ],
    maxParallel: 10,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    costOf4xx: 10,
    backoffMs: BACKOFF,
  } as RatePolicy,
  /** Cards list: 100 a minute, bursts of 5. */
  contentPolicy: {
    windows: [
      { limit: 100, ms: 60_000 },
      { limit: 5, ms: 3_000 },
    ],
    maxParallel: 1,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    costOf4xx: 10,
    backoffMs: BACKOFF,
  } as RatePolicy,
  cardsPage: 100,
  ordersPage: 1000,
  statusesPerRequest: 1000,
  /** The largest stock the API accepts for one item (the spec's maximum; above it the request breaks the contract). */
  maxAmount: 100_000,
  /** /api/v3/orders covers at most 30 days per request. */
  ordersWindowMs: 30 * 24 * 3600 * 1000,
} as const;

export interface WbCredentials {
  token: string;
}

/** One size of one card: what maps a seller's barcode or vendor code to the chrtId stock is set by. */
export interface WbCardSize {
  chrtId: number;
  nmId: number;
  vendorCode: string;
  barcodes: string[];
}

export interface ChrtIndex {
  byId: Map<string, number>;
  /** Vendor codes with several sizes: they do not name one chrtId. */
  ambiguous: Set<string>;
}

export function buildChrtIndex(sizes: readonly WbCardSize[]): ChrtIndex {
  const byId = new Map<string, number>();
  const vendorSizes = new Map<string, Set<number>>();
  for (const s of sizes) {
    byId.set(String(s.chrtId), s.chrtId);
    for (const b of s.barcodes) byId.set(b, s.chrtId);
    const set = vendorSizes.get(s.vendorCode) ?? new Set<number>();
    set.add(s.chrtId);
    vendorSizes.set(s.vendorCode, set);
  }
  const ambiguous = new Set<string>();
  for (const [vendorCode, set] of vendorSizes) {
    if (set.size === 1) {
      if (!byId.has(vendorCode)) byId.set(vendorCode, [...set][0]);
    } else ambiguous.add(vendorCode);
  }
  return { byId, ambiguous };
}

export interface WbConfig {
  channel: string;
  credentials: WbCredentials;
  warehouseId?: string;
  index?: ChrtIndex;
  deadline?: number;
}

const CANCELLED_WB = [
  'canceled',
  'canceled_by_client',
  'declined_by_client',
  'canceled_by_carrier',
  'canceled_by_missed_call',
];

export function mapWbStatus(supplierStatus: string, wbStatus: string): OrderStatus {
  if (
    CANCELLED_WB.includes(wbStatus) ||
    supplierStatus === 'cancel' ||
    supplierStatus === 'cancel_carrier' ||
    supplierStatus === 'reject'
  )
    return 'cancelled';
  if (
    wbStatus === 'sold' ||
    supplierStatus === 'complete' ||
    supplierStatus === 'deliver' ||
    supplierStatus === 'receive'
  )
    return 'shipped';
  if (supplierStatus === 'new' || supplierStatus === 'confirm') return 'new';
  return 'other';
}

const CONFLICTS: Record<string, string> = {
  NotFound: 'товар (chrtId) не найден на складе Wildberries',
  UploadDataLimit: 'количество больше допустимого Wildberries (100 000)',
  StoreIsProcessing: 'склад Wildberries сейчас обновляется, повторим позже',
  DeliveryTypeRestriction: 'тип доставки склада не подходит товару',
  ProductPropertyConflict: 'свойства товара не подходят складу',
};

export class WildberriesConnector implements Connector {
  private readonly marketplaceLimiter = new RateLimiter(WB_LIMITS.marketplacePolicy.windows);
  private readonly contentLimiter = new RateLimiter(WB_LIMITS.contentPolicy.windows);

  constructor(
    private readonly config: WbConfig,
    private readonly http: HttpClient,
    private readonly timer: Timer,
  ) {}

  private request(method: HttpRequest['method'], url: string, body?: unknown): HttpRequest {
    return {
      method,
      url,
      headers: { Authorization: this.config.credentials.token, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    };
  }

  private scheduler(content = false): RequestScheduler {
    return content
      ? new RequestScheduler(WB_LIMITS.contentPolicy, this.contentLimiter, this.http, this.timer, this.config.deadline)
      : new RequestScheduler(
          WB_LIMITS.marketplacePolicy,
          this.marketplaceLimiter,
          this.http,
          this.timer,
          this.config.deadline,
        );
  }

  private one(request: HttpRequest, content = false): unknown {
    const [result] = this.scheduler(content).run([{ request, tag: null }]);
    const response = requireOk(this.config.channel, result);
    const json = parseJson(response.text);
    if (json === undefined) throw badResponse(this.config.channel, `${request.url}: не JSON`);
    return json;
  }

  private warehouse(): string {
    if (!this.config.warehouseId || !/^\d+$/.test(this.config.warehouseId)) {
      throw new ConnectorError(
        'config',
        `${this.config.channel}: не выбран склад Wildberries — нажмите «Проверить подключение» и выберите склад`,
      );
    }
    return this.config.warehouseId;
  }

  private index(): ChrtIndex {
    if (!this.config.index)
      throw new ConnectorError(
        'config',
        `${this.config.channel}: нет сопоставления баркодов и chrtId — обновите карточки Wildberries`,
      );
    return this.config.index;
  }

  listTargets(): Target[] {
    const json = this.one(this.request('get', `${WB_LIMITS.marketplaceHost}/api/v3/warehouses`));
    if (!Array.isArray(json)) throw badResponse(this.config.channel, 'нет списка складов');
    return json.filter(isObject).map((w) => ({
      id: String(w.id),
      name: String(w.name ?? w.id),
      note: w.isProcessing ? 'склад обновляется' : undefined,
    }));
  }

  /** Every size of every card, for the barcode / vendor code → chrtId mapping. */
  fetchCardSizes(): WbCardSize[] {
    const sizes: WbCardSize[] = [];
    let cursor: Record<string, unknown> = { limit: WB_LIMITS.cardsPage };
    for (let page = 0; page < 10_000; page++) {
      const json = this.one(
        this.request('post', `${WB_LIMITS.contentHost}/content/v2/get/cards/list`, {
          settings: { sort: { ascending: true }, cursor, filter: { withPhoto: -1 } },
        }),
        true,
      );
      if (!isObject(json) || !Array.isArray(json.cards)) throw badResponse(this.config.channel, 'нет списка карточек');
      for (const card of json.cards) {
        if (!isObject(card) || !Array.isArray(card.sizes)) continue;
        for (const size of card.sizes) {
          if (!isObject(size) || typeof size.chrtID !== 'number') continue;
          sizes.push({
            chrtId: size.chrtID,
            nmId: Number(card.nmID),
            vendorCode: String(card.vendorCode ?? ''),
            barcodes: Array.isArray(size.skus) ? size.skus.map(String) : [],
          });
        }
      }
      const next = isObject(json.cursor) ? json.cursor : {};
      if (json.cards.length < WB_LIMITS.cardsPage || next.updatedAt === undefined) break;
      cursor = { limit: WB_LIMITS.cardsPage, updatedAt: next.updatedAt, nmID: next.nmID };
    }
    return sizes;
  }

  private readChrt(chrtIds: readonly number[]): { amounts: Map<number, number>; failed: Set<number> } {
    const warehouse = this.warehouse();
    const amounts = new Map<number, number>();
    const failed = new Set<number>();
    const jobs = chunk(chrtIds, WB_LIMITS.stocksPerRequest).map((batch) => ({
      request: this.request('post', `${WB_LIMITS.marketplaceHost}/api/v3/stocks/${warehouse}`, { chrtIds: batch }),
      tag: batch,
    }));
    for (const result of this.scheduler().run(jobs)) {
      const r = result.response;
      if (r && (r.status === 401 || r.status === 403)) throw authError(this.config.channel, r.status);
      const json = r && r.status === 200 ? parseJson(r.text) : undefined;
      if (!isObject(json) || !Array.isArray(json.stocks)) {
        for (const c of result.tag) failed.add(c);
        continue;
      }
      for (const s of json.stocks)
        if (isObject(s) && typeof s.chrtId === 'number') amounts.set(s.chrtId, Number(s.amount) || 0);
    }
    return { amounts, failed };
  }

  setStocks(items: readonly StockUpdate[]): ItemOutcome[] {
    const warehouse = this.warehouse();
    const index = this.index();
    const outcomes = new Map<string, ItemOutcome>();
    const byChrt = new Map<number, { ids: string[]; amount: number }>();
    for (const item of items) {
      if (item.amount > WB_LIMITS.maxAmount) {
        outcomes.set(item.id, {
          id: item.id,
          accepted: false,
          reason: `Wildberries принимает остаток не больше ${WB_LIMITS.maxAmount.toLocaleString('ru-RU')} шт.`,
        });
        continue;
      }
      const chrtId = index.byId.get(item.id);
      if (chrtId === undefined) {
        const reason = index.ambiguous.has(item.id)
          ? `у артикула «${item.id}» несколько размеров на Wildberries: укажите баркод размера`
          : `«${item.id}» не найден в карточках Wildberries (нужен баркод, артикул продавца или chrtId)`;
        outcomes.set(item.id, { id: item.id, accepted: false, reason });
        continue;
      }
      const entry = byChrt.get(chrtId) ?? { ids: [], amount: item.amount };
      if (!entry.ids.includes(item.id)) entry.ids.push(item.id);
      entry.amount = item.amount;
      byChrt.set(chrtId, entry);
    }
    const jobs = chunk([...byChrt.entries()], WB_LIMITS.stocksPerRequest).map((batch) => ({
      request: this.request('put', `${WB_LIMITS.marketplaceHost}/api/v3/stocks/${warehouse}`, {
        stocks: batch.map(([chrtId, e]) => ({ chrtId, amount: e.amount })),
      }),
      tag: batch,
    }));
    const toVerify: [number, { ids: string[]; amount: number }][] = [];
    const reject = (entry: { ids: string[] }, reason: string, retryLater = false, notSent = false) => {
      for (const id of entry.ids)
        outcomes.set(id, { id, accepted: false, reason, retryLater, ...(notSent ? { notSent } : {}) });
    };
    for (const result of this.scheduler().run(jobs)) {
      const r = result.response;
      if (r && (r.status === 401 || r.status === 403)) throw authError(this.config.channel, r.status);
      if (r && (r.status === 204 || r.status === 200)) {
        toVerify.push(...result.tag);
        continue;
      }
      if (r && r.status === 409) {
        const json = parseJson(r.text);
        const conflicts = new Map<number, string>();
        if (Array.isArray(json)) {
          for (const e of json.filter(isObject)) {
            const reason =
              CONFLICTS[String(e.code)] ??
              `Wildberries: ${String(e.code ?? '')} ${excerpt(String(e.message ?? ''), 100)}`.trim();
            if (Array.isArray(e.data)) for (const d of e.data.filter(isObject)) conflicts.set(Number(d.chrtId), reason);
          }
        }
        for (const [chrtId, entry] of result.tag) {
          const reason = conflicts.get(chrtId);
          if (reason) reject(entry, reason, reason === CONFLICTS.StoreIsProcessing);
          else toVerify.push([chrtId, entry]);
        }
        continue;
      }
      const failure = failureReason(this.config.channel, r);
      for (const [, entry] of result.tag) reject(entry, failure.reason, failure.retryLater, failure.notSent);
    }
    // 204 says nothing about what took: read back and compare.
    if (toVerify.length) {
      const { amounts, failed } = this.readChrt(toVerify.map(([c]) => c));
      for (const [chrtId, entry] of toVerify) {
        if (failed.has(chrtId))
          reject(entry, 'не удалось проверить, принял ли Wildberries остаток; повторим в следующий раз', true);
        else if (amounts.get(chrtId) === entry.amount)
          for (const id of entry.ids) outcomes.set(id, { id, accepted: true });
        else
          reject(
            entry,
            `Wildberries ответил «принято», но остаток не изменился (сейчас ${amounts.get(chrtId) ?? 'нет'}, отправлено ${entry.amount}); повторим в следующий раз`,
            true,
          );
      }
    }
    const seen = new Set<string>();
    return items.filter((i) => !seen.has(i.id) && seen.add(i.id)).map((i) => outcomes.get(i.id) as ItemOutcome);
  }

  readStocks(ids: readonly string[]): Map<string, number> {
    const index = this.index();
    const chrt = new Map<number, string[]>();
    for (const id of ids) {
      const c = index.byId.get(id);
      if (c !== undefined) chrt.set(c, [...(chrt.get(c) ?? []), id]);
    }
    const { amounts } = this.readChrt([...chrt.keys()]);
    const found = new Map<string, number>();
    for (const [c, list] of chrt) if (amounts.has(c)) for (const id of list) found.set(id, amounts.get(c) as number);
    return found;
  }

  listOrders(_fromMs: number, toMs: number): OrderLine[] {
    const orders = new Map<string, Record<string, unknown>>();
    const fresh = this.one(this.request('get', `${WB_LIMITS.marketplaceHost}/api/v3/orders/new`));
    if (!isObject(fresh) || !Array.isArray(fresh.orders))
      throw badResponse(this.config.channel, 'нет списка новых заказов');
    for (const o of fresh.orders.filter(isObject)) orders.set(String(o.id), o);
    // Status changes cannot be queried by date: look at every task created within the last 30 days.
    const dateFrom = Math.floor((toMs - WB_LIMITS.ordersWindowMs) / 1000);
    const dateTo = Math.floor(toMs / 1000);
    let next = 0;
    for (let page = 0; page < 1000; page++) {
      const json = this.one(
        this.request(
          'get',
          `${WB_LIMITS.marketplaceHost}/api/v3/orders?limit=${WB_LIMITS.ordersPage}&next=${next}&dateFrom=${dateFrom}&dateTo=${dateTo}`,
        ),
      );
      if (!isObject(json) || !Array.isArray(json.orders)) throw badResponse(this.config.channel, 'нет списка заказов');
      for (const o of json.orders.filter(isObject)) if (!orders.has(String(o.id))) orders.set(String(o.id), o);
      if (json.orders.length < WB_LIMITS.ordersPage || typeof json.next !== 'number' || json.next === next) break;
      next = json.next;
    }
    const statuses = new Map<string, { supplierStatus: string; wbStatus: string }>();
    const ids = [...orders.keys()].map(Number).filter(Number.isSafeInteger);
    const jobs = chunk(ids, WB_LIMITS.statusesPerRequest).map((batch) => ({
      request: this.request('post', `${WB_LIMITS.marketplaceHost}/api/v3/orders/status`, { orders: batch }),
      tag: batch,
    }));
    for (const result of this.scheduler().run(jobs)) {
      const json = parseJson(requireOk(this.config.channel, result).text);
      if (!isObject(json) || !Array.isArray(json.orders))
        throw badResponse(this.config.channel, 'нет статусов заказов');
      for (const s of json.orders.filter(isObject))
        statuses.set(String(s.id), {
          supplierStatus: String(s.supplierStatus ?? ''),
          wbStatus: String(s.wbStatus ?? ''),
        });
    }
    const lines: OrderLine[] = [];
    for (const [id, o] of orders) {
      const s = statuses.get(id) ?? { supplierStatus: 'new', wbStatus: 'waiting' };
      const itemIds = [
        ...(Array.isArray(o.skus) ? o.skus.map(String) : []),
        ...(o.article ? [String(o.article)] : []),
        ...(o.chrtId !== undefined ? [String(o.chrtId)] : []),
      ];
      lines.push({
        orderId: id,
        itemIds,
        quantity: 1,
        status: mapWbStatus(s.supplierStatus, s.wbStatus),
        rawStatus: `${s.supplierStatus}/${s.wbStatus}`,
        createdAt: String(o.createdAt ?? ''),
      });
    }
    return lines;
  }
}
