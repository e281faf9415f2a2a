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
import { type JobResult, RateLimiter, type RatePolicy, RequestScheduler } from './scheduler';

const BACKOFF = [1_000, 4_000, 15_000];

/**
 * Every limit and enum of the Wildberries spec the connector relies on (02-items and 03-orders-fbs of
 * 2026-07-23; test/unit/wildberriesLimits.test.ts checks them against src/connectors/wildberries.api.ts).
 */
export const WB_LIMITS = {
  marketplaceHost: 'https://marketplace-api.wildberries.ru',
  contentHost: 'https://content-api.wildberries.ru',
  /** PUT /api/v3/stocks/{warehouseId}: 1 to 1000 items a request. */
  stocksPerRequest: 1000,
  /** POST /api/v3/stocks/{warehouseId}: up to 1000 chrtIds a request. */
  readsPerRequest: 1000,
  /**
   * Seller stocks, warehouses and FBS tasks: 300 a minute, one per 200 ms with bursts of 20 (so 20
   * per 4 s); a 4xx counts as 10. The spec gives each group its own quota; one limiter for all is stricter.
   */
  marketplacePolicy: {
    windows: [
      { limit: 300, ms: 60_000 },
      { limit: 20, ms: 20 * 200 },
    ],
    maxParallel: 10,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    costOf4xx: 10,
    backoffMs: BACKOFF,
  } as RatePolicy,
  /** Cards list: 100 a minute, one per 600 ms with bursts of 5 (the Content API counts a 4xx as one). */
  contentPolicy: {
    windows: [
      { limit: 100, ms: 60_000 },
      { limit: 5, ms: 5 * 600 },
    ],
    maxParallel: 1,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: BACKOFF,
  } as RatePolicy,
  /** cursor.limit of the cards list: at most 100. */
  cardsPage: 100,
  /** `limit` of /api/v3/orders: 1 to 1000. */
  ordersPage: 1000,
  /** POST /api/v3/orders/status: 1 to 1000 ids. */
  statusesPerRequest: 1000,
  /** The largest stock the API accepts for one item (the spec's maximum; above it the request breaks the contract). */
  maxAmount: 100_000,
  /** /api/v3/orders: «Максимум 30 календарных дней одним запросом». */
  ordersWindowMs: 30 * 24 * 3600 * 1000,
  /** The enums of POST /api/v3/orders/status. */
  supplierStatuses: ['new', 'confirm', 'complete', 'cancel'],
  wbStatuses: [
    'waiting',
    'sorted',
    'sold',
    'canceled',
    'canceled_by_client',
    'declined_by_client',
    'defect',
    'ready_for_pickup',
    'postponed_delivery',
    'accepted_by_carrier',
    'sent_to_carrier',
  ],
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

/** Where the cards list goes on: the last card read (the list is sorted by `updatedAt`, then `nmID`). */
export interface CardsCursor {
  updatedAt: string;
  nmID: number;
}

export interface CardsPage {
  sizes: WbCardSize[];
  cards: number;
  next?: CardsCursor;
}

export interface WbConfig {
  channel: string;
  credentials: WbCredentials;
  warehouseId?: string;
  index?: ChrtIndex;
  deadline?: number;
}

/**
 * Cancelled: by the seller, the buyer, WB or the carrier, or for a defect. `cancel_carrier` and
 * `canceled_by_carrier` are named in the spec's prose though not in its enums: read them as well.
 */
const CANCELLED_SUPPLIER = ['cancel', 'cancel_carrier'];
const CANCELLED_WB = ['canceled', 'canceled_by_client', 'declined_by_client', 'defect', 'canceled_by_carrier'];

/**
 * An assembly task's status for reserves: `complete` is «В доставке» (handed over), `sold` received. A
 * task the seller already handed over (`complete`) and then cancelled left the warehouse all the same:
 * its units come back only as a return, so it counts as shipped, never as a cancel that frees them.
 */
export function mapWbStatus(supplierStatus: string, wbStatus: string): OrderStatus {
  if (supplierStatus === 'complete' || wbStatus === 'sold') return 'shipped';
  if (CANCELLED_WB.includes(wbStatus) || CANCELLED_SUPPLIER.includes(supplierStatus)) return 'cancelled';
  // `confirm` is «На сборке»: still at the seller's warehouse.
  if (supplierStatus === 'new' || supplierStatus === 'confirm') return 'new';
  return 'other';
}

/** 409 codes of PUT stocks, each item's reason (the spec's examples). */
const CONFLICTS: Record<string, string> = {
  NotFound: 'размер карточки WB не найден на складе Wildberries',
  UploadDataLimit: 'количество больше допустимого Wildberries (100 000)',
  StoreIsProcessing: 'склад Wildberries сейчас обновляется, повторим в следующий раз',
  DeliveryTypeRestriction: 'категория товара недоступна для продажи с этим типом доставки склада',
  ProductPropertyConflict: 'оптовый товар продаётся только по схеме DBS',
  CargoWarehouseRestrictionMGT:
    'склад не подходит для малогабаритных товаров (МГТ): нужен склад без метки СГТ или КГТ+',
  CargoWarehouseRestrictionSGT: 'склад не подходит для товаров СГТ: нужен склад с отметкой СГТ',
  CargoWarehouseRestrictionSGTKGTPlus: 'склад не подходит для товаров СГТ/КГТ+: нужен склад с меткой СГТ или КГТ+',
  CargoWarehouseRestrictionKGTPlus: 'склад не подходит для товаров КГТ+: нужен склад с отметкой КГТ+',
};
/** Conflicts that pass by themselves: the items are tried again on the next run, never within this one. */
const TEMPORARY_CONFLICTS = new Set(['StoreIsProcessing']);

/** 406 of PUT stocks: the whole request is refused. */
const BLOCKS: Record<string, { reason: string; retryLater: boolean }> = {
  WarehouseStocksUpdateBlock: {
    reason: 'работы на складе Wildberries: обновить остатки сейчас невозможно, повторим в следующий раз',
    retryLater: true,
  },
  StatusNotAcceptable: {
    reason:
      'Wildberries заблокировал обновление остатков продавца: остатки не примутся, пока блокировку не снимут — проверьте кабинет Wildberries',
    retryLater: false,
  },
};

/**
 * What Wildberries shows for sale of one size at the seller's warehouse: `amount` of POST
 * /api/v3/stocks/{warehouseId}. [verify] that amount is what buyers can order (already less the
 * units of new assembly tasks) — the live check confirms it. An entry without a whole, non-negative
 * `amount` is unknown: left out, never 0.
 */
export function shownForSale(entry: unknown): { chrtId: number; amount: number } | undefined {
  if (!isObject(entry) || typeof entry.chrtId !== 'number') return undefined;
  const { amount } = entry;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) return undefined;
  return { chrtId: entry.chrtId, amount };
}

type Refusal = { reason: string; retryLater: boolean };

/** The refusal a 406 names (a block of the warehouse or of the seller), or undefined. */
function blockOf(response: HttpResponse | null): Refusal | undefined {
  if (response?.status !== 406) return undefined;
  const json = parseJson(response.text);
  return isObject(json) && typeof json.code === 'string' ? BLOCKS[json.code] : undefined;
}

type Entry = { ids: string[]; amount: number };

/** Per-item reasons of a 409 list, by chrtId (an item is named by `chrtId` or by its barcode `sku`). */
function conflictsOf(text: string, index: ChrtIndex): { byChrt: Map<number, Refusal>; all?: Refusal } {
  const json = parseJson(text);
  const byChrt = new Map<number, Refusal>();
  let all: Refusal | undefined;
  for (const e of Array.isArray(json) ? json.filter(isObject) : []) {
    const code = String(e.code ?? '');
    const refusal = {
      reason: CONFLICTS[code] ?? `Wildberries: ${code} ${excerpt(String(e.message ?? ''), 100)}`.trim(),
      retryLater: TEMPORARY_CONFLICTS.has(code),
    };
    const data = Array.isArray(e.data) ? e.data.filter(isObject) : [];
    // Without data (the spec's StoreIsProcessing example) the conflict is the whole request's.
    if (!data.length) all = all ?? refusal;
    for (const d of data) {
      const chrtId =
        typeof d.chrtId === 'number'
          ? d.chrtId
          : typeof d.sku === 'string' && d.sku
            ? index.byId.get(d.sku)
            : undefined;
      if (chrtId !== undefined) byChrt.set(chrtId, refusal);
    }
  }
  return { byChrt, all };
}

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
        `${this.config.channel}: баркоды ещё не сопоставлены с размерами карточек WB — нажмите «Проверить подключение», чтобы прочитать карточки Wildberries`,
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
    let cursor: CardsCursor | undefined;
    for (let page = 0; page < 10_000; page++) {
      // A page never asked is an error here, and says why: the run's time ran out, or the rate limit.
      const next = this.cardsPageOf(requireOk(this.config.channel, this.askCardsPage(cursor)));
      for (const s of next.sizes) sizes.push(s);
      if (!next.next) break;
      cursor = next.next;
    }
    return sizes;
  }

  /**
   * One page of the cards list after `cursor` (from the start without one): its sizes, how many
   * cards it held, and the cursor of the next page (none after the last). Null when the page could
   * not be asked in this run (its deadline came first, or the list asks too long a wait): a long
   * catalogue is read across runs.
   */
  fetchCardsPage(cursor?: CardsCursor): CardsPage | null {
    const result = this.askCardsPage(cursor);
    if (result.response === null) return null;
    return this.cardsPageOf(requireOk(this.config.channel, result));
  }

  /** The request for the page after `cursor`, through the cards list's limits and the run's deadline. */
  private askCardsPage(cursor?: CardsCursor): JobResult<null> {
    const request = this.request('post', `${WB_LIMITS.contentHost}/content/v2/get/cards/list`, {
      settings: {
        sort: { ascending: true },
        cursor: { limit: WB_LIMITS.cardsPage, ...cursor },
        filter: { withPhoto: -1 },
      },
    });
    return this.scheduler(true).run([{ request, tag: null }])[0];
  }

  /** A page of the cards list as the marketplace answered it. */
  private cardsPageOf(response: HttpResponse): CardsPage {
    const json = parseJson(response.text);
    if (!isObject(json) || !Array.isArray(json.cards)) throw badResponse(this.config.channel, 'нет списка карточек');
    const sizes: WbCardSize[] = [];
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
    // «Повторяйте …, пока значение total в ответе не станет меньше, чем значение limit в запросе».
    const total = typeof next.total === 'number' ? next.total : json.cards.length;
    const last = total < WB_LIMITS.cardsPage || typeof next.updatedAt !== 'string' || typeof next.nmID !== 'number';
    return {
      sizes,
      cards: json.cards.length,
      ...(last ? {} : { next: { updatedAt: next.updatedAt as string, nmID: next.nmID as number } }),
    };
  }

  /** What is shown for sale per chrtId; `failed`: chrtIds whose request got no usable answer. */
  private readChrt(chrtIds: readonly number[]): {
    amounts: Map<number, number>;
    failed: Set<number>;
    notRead: Set<number>;
  } {
    const warehouse = this.warehouse();
    const amounts = new Map<number, number>();
    const failed = new Set<number>();
    // Reads the run had no time (or rate) left for: the continuation pushes and checks them again.
    const notRead = new Set<number>();
    const jobs = chunk(chrtIds, WB_LIMITS.readsPerRequest).map((batch) => ({
      request: this.request('post', `${WB_LIMITS.marketplaceHost}/api/v3/stocks/${warehouse}`, { chrtIds: batch }),
      tag: batch,
    }));
    for (const result of this.scheduler().run(jobs)) {
      const r = result.response;
      if (r && (r.status === 401 || r.status === 403)) throw authError(this.config.channel, r.status);
      const json = r && r.status === 200 ? parseJson(r.text) : undefined;
      if (!isObject(json) || !Array.isArray(json.stocks)) {
        for (const c of result.tag) (r === null ? notRead : failed).add(c);
        continue;
      }
      for (const entry of json.stocks) {
        const shown = shownForSale(entry);
        if (shown) amounts.set(shown.chrtId, shown.amount);
      }
    }
    return { amounts, failed, notRead };
  }

  private static reject(outcomes: Map<string, ItemOutcome>, entry: Entry, refusal: Refusal, notSent?: boolean): void {
    for (const id of entry.ids)
      outcomes.set(id, {
        id,
        accepted: false,
        reason: refusal.reason,
        retryLater: refusal.retryLater,
        ...(notSent ? { notSent } : {}),
      });
  }

  /** The items to send, one per chrtId; those that cannot be sent get their outcome at once. */
  private resolve(items: readonly StockUpdate[], index: ChrtIndex, outcomes: Map<string, ItemOutcome>) {
    const byChrt = new Map<number, Entry>();
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
          : `«${item.id}» не найден в карточках Wildberries (нужен баркод размера, артикул продавца или номер размера карточки WB)`;
        outcomes.set(item.id, { id: item.id, accepted: false, reason });
        continue;
      }
      const entry = byChrt.get(chrtId) ?? { ids: [], amount: item.amount };
      if (!entry.ids.includes(item.id)) entry.ids.push(item.id);
      entry.amount = item.amount;
      byChrt.set(chrtId, entry);
    }
    return byChrt;
  }

  /**
   * PUT in batches. Returns what WB says it took, to be read back. A 406 or 409 is never retried
   * within the run: each 4xx costs 10 of the 300-a-minute quota, and a block lasts longer than a run.
   */
  private push(warehouse: string, byChrt: Map<number, Entry>, index: ChrtIndex, outcomes: Map<string, ItemOutcome>) {
    const jobs = chunk([...byChrt.entries()], WB_LIMITS.stocksPerRequest).map((batch) => ({
      request: this.request('put', `${WB_LIMITS.marketplaceHost}/api/v3/stocks/${warehouse}`, {
        stocks: batch.map(([chrtId, e]) => ({ chrtId, amount: e.amount })),
      }),
      tag: batch,
    }));
    const toVerify: [number, Entry][] = [];
    for (const result of this.scheduler().run(jobs)) {
      const r = result.response;
      if (r && (r.status === 401 || r.status === 403)) throw authError(this.config.channel, r.status);
      if (r && (r.status === 204 || r.status === 200)) {
        for (const entry of result.tag) toVerify.push(entry);
        continue;
      }
      if (r && r.status === 409) {
        const { byChrt: conflicts, all } = conflictsOf(r.text, index);
        for (const [chrtId, entry] of result.tag) {
          const refusal = conflicts.get(chrtId) ?? all;
          if (refusal) WildberriesConnector.reject(outcomes, entry, refusal);
          else toVerify.push([chrtId, entry]);
        }
        continue;
      }
      const failure: Refusal & { notSent?: boolean } = blockOf(r) ?? failureReason(this.config.channel, r);
      for (const [, entry] of result.tag) WildberriesConnector.reject(outcomes, entry, failure, failure.notSent);
    }
    return toVerify;
  }

  /** 204 says nothing about what took (wrong field names answer 204 too): read back and compare. */
  private verify(toVerify: [number, Entry][], outcomes: Map<string, ItemOutcome>): void {
    if (!toVerify.length) return;
    const { amounts, failed, notRead } = this.readChrt(toVerify.map(([c]) => c));
    for (const [chrtId, entry] of toVerify) {
      if (notRead.has(chrtId))
        WildberriesConnector.reject(
          outcomes,
          entry,
          {
            reason: 'не успели проверить, принял ли Wildberries остаток: продолжение отправит ещё раз',
            retryLater: true,
          },
          true,
        );
      else if (failed.has(chrtId))
        WildberriesConnector.reject(outcomes, entry, {
          reason: 'не удалось проверить, принял ли Wildberries остаток; повторим в следующий раз',
          retryLater: true,
        });
      else if (amounts.get(chrtId) === entry.amount)
        for (const id of entry.ids) outcomes.set(id, { id, accepted: true });
      else
        WildberriesConnector.reject(outcomes, entry, {
          reason: `Wildberries ответил «принято», но остаток не изменился (сейчас ${amounts.get(chrtId) ?? 'нет'}, отправлено ${entry.amount}); повторим в следующий раз`,
          retryLater: true,
        });
    }
  }

  setStocks(items: readonly StockUpdate[]): ItemOutcome[] {
    const warehouse = this.warehouse();
    const index = this.index();
    const outcomes = new Map<string, ItemOutcome>();
    const byChrt = this.resolve(items, index, outcomes);
    this.verify(this.push(warehouse, byChrt, index, outcomes), outcomes);
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

  /** The assembly tasks waiting now (/api/v3/orders/new has no cursor): the lane compares their ids. */
  peekOrders(_fromMs: number, _toMs: number): string[] {
    const fresh = this.one(this.request('get', `${WB_LIMITS.marketplaceHost}/api/v3/orders/new`));
    if (!isObject(fresh) || !Array.isArray(fresh.orders))
      throw badResponse(this.config.channel, 'нет списка новых заказов');
    return fresh.orders.filter(isObject).map((o) => String(o.id));
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
        lineId: id,
        quantity: 1,
        status: mapWbStatus(s.supplierStatus, s.wbStatus),
        rawStatus: `${s.supplierStatus}/${s.wbStatus}`,
        createdAt: String(o.createdAt ?? ''),
      });
    }
    return lines;
  }
}
