/**
 * AliExpress Russia's open API over HttpClient, limits in ALI_LIMITS (src/connectors/aliexpress.api.ts
 * describes it; what no official source confirms is listed in ALI_VERIFY there). Stock is set by
 * `sku_code` within its `product_id`, which the seller's product list gives (cached by the use case on
 * «_AliExpress товары»). The push is asynchronous: an item counts as accepted only when its product's
 * task says so — read within the run for a bounded time, or in a later run through `resultsOf`; until
 * then it is neither accepted nor refused (`awaiting`, the group id to ask again).
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
const REQUESTS_PER_SECOND = 5;
const PRODUCTS_PER_4_HOURS = 100_000;

/**
 * Every limit the connector keeps to (src/connectors/aliexpress.api.ts describes them;
 * test/unit/aliexpressLimits.test.ts keeps the two in step). Only the product quota and the inventory
 * range come from an official page; the rest is in ALI_VERIFY.
 */
export const ALI_LIMITS = {
  /** Products, stock and tasks (/api/v1/…): the host of the official pages. */
  host: 'https://openapi.ru.laliexpress.com',
  /** Orders (/seller-api/v1/…): the host the 2026 clients call. */
  ordersHost: 'https://openapi.aliexpress.ru',
  productsPerRequest: 1000,
  productsPer4Hours: PRODUCTS_PER_4_HOURS,
  inventoryMax: 999_999,
  /** scroll-short-product-by-filter `limit`. */
  productsPage: 50,
  /** SKUs per POST /api/v1/stocks. */
  stocksReadPerRequest: 100,
  /** get-order-list `page_size`. */
  ordersPage: 50,
  requestsPerSecond: REQUESTS_PER_SECOND,
  /** Pushes cost their products against the 4-hour quota. */
  pushPolicy: {
    windows: [{ limit: PRODUCTS_PER_4_HOURS, ms: 4 * 3600 * 1000 }],
    maxParallel: REQUESTS_PER_SECOND,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: BACKOFF,
  } as RatePolicy,
  generalPolicy: {
    windows: [{ limit: REQUESTS_PER_SECOND, ms: 1_000 }],
    maxParallel: REQUESTS_PER_SECOND,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: BACKOFF,
  } as RatePolicy,
  /** How long a push waits for its tasks within the run, asking every `resultPollMs`. */
  resultWaitMs: 30_000,
  resultPollMs: 5_000,
} as const;

export interface AliCredentials {
  token: string;
}

/** One SKU of the seller's product list: what maps a seller's code to the product its stock is set in. */
export interface AliSku {
  productId: string;
  skuId: string;
  code: string;
}

export interface AliSkuIndex {
  /** By sku_code and by sku_id. */
  byId: Map<string, AliSku>;
  /** Codes that name SKUs of several products: they do not name one. */
  ambiguous: Set<string>;
}

export function buildSkuIndex(skus: readonly AliSku[]): AliSkuIndex {
  const byId = new Map<string, AliSku>();
  const ambiguous = new Set<string>();
  for (const s of skus) byId.set(s.skuId, s);
  for (const s of skus) {
    if (!s.code) continue;
    const seen = byId.get(s.code);
    if (seen && seen.skuId !== s.skuId && seen.code === s.code) ambiguous.add(s.code);
    else byId.set(s.code, s);
  }
  for (const code of ambiguous) byId.delete(code);
  return { byId, ambiguous };
}

export interface AliConfig {
  channel: string;
  credentials: AliCredentials;
  index?: AliSkuIndex;
  deadline?: number;
}

/** A page of the product list: its SKUs, how many products, and where the next page starts (none after the last). */
export interface AliProductsPage {
  skus: AliSku[];
  products: number;
  next?: string;
}

/**
 * An order's state for reserves from its two statuses: shipped once its delivery is Shipped or
 * Delivered (a later cancel is a return), cancelled before that, shipped when Finished; Created or
 * InProgress not shipped yet (PartialShipped included: the rest is still to go) is still ours.
 */
export function mapAliStatus(orderStatus: string, deliveryStatus: string): OrderStatus {
  if (deliveryStatus === 'Shipped' || deliveryStatus === 'Delivered') return 'shipped';
  if (orderStatus === 'Cancelled' || deliveryStatus === 'Cancelled') return 'cancelled';
  if (orderStatus === 'Finished') return 'shipped';
  const open = orderStatus === 'Created' || orderStatus === 'InProgress';
  if (open && ['Init', 'PartialShipped', ''].includes(deliveryStatus)) return 'new';
  return 'other';
}

/** «YYYY-MM-DDThh:mm:ssZ», as the order list takes it. */
export function secondsUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * What AliExpress shows for sale of one SKU: `max_sellable_quantity` of POST /api/v1/stocks. An entry
 * without a whole, non-negative number is unknown: left out, never 0.
 */
export function shownForSale(entry: unknown): { skuId: string; amount: number } | undefined {
  if (!isObject(entry) || entry.sku === undefined) return undefined;
  const amount = entry.max_sellable_quantity;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) return undefined;
  return { skuId: String(entry.sku), amount };
}

/** The texts of `errors` (a map «field → text», or a list). */
function errorsText(errors: unknown): string {
  const values = Array.isArray(errors) ? errors : isObject(errors) ? Object.values(errors) : [];
  const texts = values.map((v) => (isObject(v) ? String(v.message ?? JSON.stringify(v)) : String(v)));
  return excerpt(texts.join('; ') || 'без объяснения', 150);
}

const TASK_DONE = 3;
const TASK_FAILED = 4;
const AWAITING = 'AliExpress ещё обрабатывает остаток: результат проверим в следующем запуске';

type Entry = { ids: string[]; amount: number };
/** A product sent in a group whose task has not told its result yet. */
type Sent = { group: string; productId: string; skus: Map<string, Entry> };
type Refusal = { reason: string; retryLater: boolean; notSent?: boolean };
type Task = Record<string, unknown>;

export class AliExpressConnector implements Connector {
  private readonly pushLimiter = new RateLimiter(ALI_LIMITS.pushPolicy.windows);
  private readonly generalLimiter = new RateLimiter(ALI_LIMITS.generalPolicy.windows);

  constructor(
    private readonly config: AliConfig,
    private readonly http: HttpClient,
    private readonly timer: Timer,
  ) {}

  private request(method: HttpRequest['method'], url: string, body?: unknown): HttpRequest {
    return {
      method,
      url,
      headers: { 'x-auth-token': this.config.credentials.token, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    };
  }

  private scheduler(push = false): RequestScheduler {
    return push
      ? new RequestScheduler(ALI_LIMITS.pushPolicy, this.pushLimiter, this.http, this.timer, this.config.deadline)
      : new RequestScheduler(
          ALI_LIMITS.generalPolicy,
          this.generalLimiter,
          this.http,
          this.timer,
          this.config.deadline,
        );
  }

  /** The JSON of a successful answer; a failure, or an answer with `error`, is an error that says why. */
  private answer(result: JobResult<unknown> | undefined, what: string): Record<string, unknown> {
    const json = parseJson(requireOk(this.config.channel, result).text);
    if (!isObject(json)) throw badResponse(this.config.channel, what);
    if (isObject(json.error))
      throw new ConnectorError(
        'response',
        `${this.config.channel}: AliExpress отказал: ${String(json.error.code ?? '')} ${excerpt(String(json.error.message ?? ''), 150)}`.trim(),
      );
    return json;
  }

  private one(request: HttpRequest, what: string): Record<string, unknown> {
    return this.answer(this.scheduler().run([{ request, tag: null }])[0], what);
  }

  private index(): AliSkuIndex {
    if (!this.config.index)
      throw new ConnectorError(
        'config',
        `${this.config.channel}: нет сопоставления артикулов и товаров AliExpress — обновите список товаров`,
      );
    return this.config.index;
  }

  /** The token is checked with one product of the list; AliExpress has no warehouse to choose here. */
  listTargets(): Target[] {
    this.one(this.productsRequest(undefined, 1), 'список товаров');
    return [];
  }

  private productsRequest(last: string | undefined, limit: number = ALI_LIMITS.productsPage): HttpRequest {
    return this.request('post', `${ALI_LIMITS.host}/api/v1/scroll-short-product-by-filter`, {
      limit: String(limit),
      ...(last ? { last_product_id: last } : {}),
    });
  }

  /**
   * One page of the product list after `last` (from the start without it). Null when the page could not
   * be asked in this run (its deadline came first, or the list asks too long a wait): a long catalogue is
   * read across runs.
   */
  fetchProductsPage(last?: string): AliProductsPage | null {
    const [result] = this.scheduler().run([{ request: this.productsRequest(last), tag: null }]);
    if (result.response === null) return null;
    const json = this.answer(result, 'список товаров');
    if (!Array.isArray(json.data)) throw badResponse(this.config.channel, 'нет списка товаров');
    const skus: AliSku[] = [];
    const products = json.data.filter(isObject);
    for (const p of products)
      for (const s of Array.isArray(p.sku) ? p.sku.filter(isObject) : [])
        if (s.sku_id !== undefined)
          skus.push({ productId: String(p.id), skuId: String(s.sku_id), code: String(s.code ?? '') });
    const lastId = products.length ? String(products[products.length - 1].id) : undefined;
    return {
      skus,
      products: products.length,
      ...(products.length >= ALI_LIMITS.productsPage && lastId ? { next: lastId } : {}),
    };
  }

  setStocks(items: readonly StockUpdate[]): ItemOutcome[] {
    const outcomes = new Map<string, ItemOutcome>();
    const byProduct = this.resolve(items, this.index(), outcomes);
    const sent = this.push(byProduct, outcomes);
    this.awaitResults(sent, outcomes);
    const seen = new Set<string>();
    return items.filter((i) => !seen.has(i.id) && seen.add(i.id)).map((i) => outcomes.get(i.id) as ItemOutcome);
  }

  /** The items to send, by product and sku_code; those that cannot be sent get their outcome at once. */
  private resolve(items: readonly StockUpdate[], index: AliSkuIndex, outcomes: Map<string, ItemOutcome>) {
    const byProduct = new Map<string, Map<string, Entry>>();
    const refuse = (id: string, reason: string) => outcomes.set(id, { id, accepted: false, reason });
    for (const item of items) {
      const sku = index.byId.get(item.id);
      if (item.amount > ALI_LIMITS.inventoryMax)
        refuse(
          item.id,
          `AliExpress принимает остаток не больше ${String(ALI_LIMITS.inventoryMax).replace(/\B(?=(\d{3})+$)/g, ' ')} шт.`,
        );
      else if (!sku)
        refuse(
          item.id,
          index.ambiguous.has(item.id)
            ? `артикул «${item.id}» есть у нескольких товаров AliExpress: укажите sku_id`
            : `«${item.id}» не найден в товарах AliExpress: у варианта товара там нужен такой же артикул (или номер SKU в столбце ID)`,
        );
      else if (!sku.code)
        refuse(item.id, `у варианта ${sku.skuId} на AliExpress не задан артикул: задайте его в карточке товара`);
      else {
        outcomes.delete(item.id);
        const skus = byProduct.get(sku.productId) ?? new Map<string, Entry>();
        const entry = skus.get(sku.code) ?? { ids: [], amount: item.amount };
        if (!entry.ids.includes(item.id)) entry.ids.push(item.id);
        entry.amount = item.amount;
        skus.set(sku.code, entry);
        byProduct.set(sku.productId, skus);
      }
    }
    return byProduct;
  }

  private static mark(outcomes: Map<string, ItemOutcome>, skus: Map<string, Entry>, outcome: Omit<ItemOutcome, 'id'>) {
    for (const entry of skus.values()) for (const id of entry.ids) outcomes.set(id, { id, ...outcome });
  }

  /** Sends the products in batches; returns those taken for processing, whose tasks tell the result. */
  private push(byProduct: Map<string, Map<string, Entry>>, outcomes: Map<string, ItemOutcome>): Sent[] {
    const jobs = chunk([...byProduct.entries()], ALI_LIMITS.productsPerRequest).map((batch) => ({
      request: this.request('post', `${ALI_LIMITS.host}/api/v1/product/update-sku-stock`, {
        products: batch.map(([product_id, skus]) => ({
          product_id,
          skus: [...skus].map(([sku_code, e]) => ({ sku_code, inventory: String(e.amount) })),
        })),
      }),
      cost: batch.length,
      tag: batch,
    }));
    const sent: Sent[] = [];
    for (const result of this.scheduler(true).run(jobs)) {
      const refusal = this.batchRefusal(result.response, result.timedOut);
      if (refusal) {
        for (const [, skus] of result.tag) AliExpressConnector.mark(outcomes, skus, { accepted: false, ...refusal });
        continue;
      }
      const json = parseJson((result.response as HttpResponse).text) as Record<string, unknown>;
      const group = String(json.group_id);
      const results = json.results as unknown[];
      result.tag.forEach(([productId, skus], k) => {
        const r = results[k];
        // Refused at once (prevalidation): the task will never run.
        if (isObject(r) && r.ok === false)
          AliExpressConnector.mark(outcomes, skus, {
            accepted: false,
            reason: `AliExpress не принял остаток: ${errorsText(r.errors)}`,
            retryLater: false,
          });
        else sent.push({ group, productId, skus });
      });
    }
    return sent;
  }

  /** Why a whole batch failed, or undefined when AliExpress took it for processing. */
  private batchRefusal(r: HttpResponse | null, timedOut?: boolean): Refusal | undefined {
    if (r && (r.status === 401 || r.status === 403)) throw authError(this.config.channel, r.status);
    if (r?.status !== 200) return failureReason(this.config.channel, r, timedOut);
    const json = parseJson(r.text);
    if (isObject(json) && isObject(json.error))
      return {
        reason: `AliExpress отказал: ${String(json.error.code ?? '')} ${excerpt(String(json.error.message ?? ''), 150)}`,
        retryLater: false,
      };
    if (!isObject(json) || typeof json.group_id !== 'string' || !json.group_id || !Array.isArray(json.results))
      return { reason: 'непонятный ответ AliExpress, повторим в следующий раз', retryLater: true };
    return undefined;
  }

  /** Asks the groups' tasks every few seconds within the bounded wait; what stays open is awaiting. */
  private awaitResults(sent: Sent[], outcomes: Map<string, ItemOutcome>): void {
    let open = sent;
    const until = Math.min(
      this.timer.now() + ALI_LIMITS.resultWaitMs,
      this.config.deadline ?? Number.POSITIVE_INFINITY,
    );
    while (open.length && this.timer.now() + ALI_LIMITS.resultPollMs <= until) {
      this.timer.sleep(ALI_LIMITS.resultPollMs);
      const tasks = this.tasksOf(new Set(open.map((s) => s.group)));
      open = open.filter((s) => !this.settle(s, tasks.get(s.group)?.get(s.productId), outcomes));
    }
    for (const s of open)
      AliExpressConnector.mark(outcomes, s.skus, {
        accepted: false,
        reason: AWAITING,
        retryLater: true,
        awaiting: s.group,
      });
  }

  /** The tasks of each group by product id; a group whose answer did not come is left out (still open). */
  private tasksOf(groups: Set<string>): Map<string, Map<string, Task>> {
    const jobs = [...groups].map((group) => ({
      request: this.request('get', `${ALI_LIMITS.host}/api/v1/tasks?group_id=${encodeURIComponent(group)}`),
      tag: group,
    }));
    const byGroup = new Map<string, Map<string, Task>>();
    for (const result of this.scheduler().run(jobs)) {
      const r = result.response;
      if (r && (r.status === 401 || r.status === 403)) throw authError(this.config.channel, r.status);
      const json = r?.status === 200 ? parseJson(r.text) : undefined;
      if (!isObject(json) || !Array.isArray(json.data)) continue;
      const tasks = new Map<string, Task>();
      for (const t of json.data.filter(isObject)) tasks.set(String(t.product_id), t);
      byGroup.set(result.tag, tasks);
    }
    return byGroup;
  }

  /** Records a finished task's outcome for each of its SKUs; false while the task is not finished. */
  private settle(s: Sent, task: Task | undefined, outcomes: Map<string, ItemOutcome>): boolean {
    if (!task || (task.status !== TASK_DONE && task.status !== TASK_FAILED)) return false;
    const error = isObject(task.error)
      ? `${String(task.error.code ?? '')} ${String(task.error.message ?? '')}`.trim()
      : '';
    const perSku = isObject(task.batch_results) ? task.batch_results : {};
    for (const [code, entry] of s.skus) {
      const own = perSku[code];
      const refused = task.status === TASK_FAILED || (isObject(own) && own.success === false);
      const why = isObject(own) && own.error ? String(own.error) : error || 'без объяснения';
      for (const id of entry.ids)
        outcomes.set(
          id,
          refused
            ? { id, accepted: false, reason: `AliExpress не принял остаток: ${excerpt(why, 150)}`, retryLater: false }
            : { id, accepted: true },
        );
    }
    return true;
  }

  /**
   * The results of pushes an earlier run left awaiting: accepted, refused, or still awaiting (the same
   * group). An id the product list no longer names cannot be told: not accepted, to be sent again.
   */
  resultsOf(pending: readonly { id: string; group: string }[]): ItemOutcome[] {
    const index = this.index();
    const tasks = this.tasksOf(new Set(pending.map((p) => p.group)));
    const outcomes = new Map<string, ItemOutcome>();
    for (const p of pending) {
      const sku = index.byId.get(p.id);
      if (!sku) {
        outcomes.set(p.id, {
          id: p.id,
          accepted: false,
          reason: 'результат прошлой отправки не узнать: товара нет в списке AliExpress',
          retryLater: true,
        });
        continue;
      }
      const s: Sent = {
        group: p.group,
        productId: sku.productId,
        skus: new Map([[sku.code, { ids: [p.id], amount: 0 }]]),
      };
      if (!this.settle(s, tasks.get(p.group)?.get(sku.productId), outcomes))
        outcomes.set(p.id, { id: p.id, accepted: false, reason: AWAITING, retryLater: true, awaiting: p.group });
    }
    return pending.map((p) => outcomes.get(p.id) as ItemOutcome);
  }

  readStocks(ids: readonly string[]): Map<string, number> {
    const index = this.index();
    const bySku = new Map<string, string[]>();
    for (const id of ids) {
      const sku = index.byId.get(id);
      if (sku) bySku.set(sku.skuId, [...(bySku.get(sku.skuId) ?? []), id]);
    }
    const jobs = chunk([...bySku.keys()], ALI_LIMITS.stocksReadPerRequest).map((batch) => ({
      request: this.request('post', `${ALI_LIMITS.host}/api/v1/stocks`, { stocks: batch.map((sku) => ({ sku })) }),
      tag: null,
    }));
    const found = new Map<string, number>();
    for (const result of this.scheduler().run(jobs)) {
      const data = this.answer(result, 'остатки').data;
      const info = isObject(data) && Array.isArray(data.skus_info) ? data.skus_info : [];
      for (const entry of info) {
        const shown = shownForSale(entry);
        if (shown) for (const id of bySku.get(shown.skuId) ?? []) found.set(id, shown.amount);
      }
    }
    return found;
  }

  private ordersPage(fromMs: number, toMs: number, page: number): { orders: Record<string, unknown>[]; total: number } {
    const body = {
      page,
      page_size: ALI_LIMITS.ordersPage,
      update_at_from: secondsUtc(fromMs),
      update_at_to: secondsUtc(toMs),
    };
    const json = this.one(
      this.request('post', `${ALI_LIMITS.ordersHost}/seller-api/v1/order/get-order-list`, body),
      'заказы',
    );
    const data = json.data;
    if (!isObject(data) || !Array.isArray(data.orders)) throw badResponse(this.config.channel, 'нет списка заказов');
    return { orders: data.orders.filter(isObject), total: Number(data.total_count) || 0 };
  }

  /** The lane's mark per order changed in the window: its id with both statuses. */
  peekOrders(fromMs: number, toMs: number): string[] {
    return this.ordersPage(fromMs, toMs, 1).orders.map(
      (o) => `${String(o.id)}:${String(o.status ?? '')}/${String(o.delivery_status ?? '')}`,
    );
  }

  listOrders(fromMs: number, toMs: number): OrderLine[] {
    const lines: OrderLine[] = [];
    for (let page = 1; page <= 1000; page++) {
      const { orders, total } = this.ordersPage(fromMs, toMs, page);
      for (const o of orders) for (const line of this.linesOf(o)) lines.push(line);
      if (orders.length < ALI_LIMITS.ordersPage || page * ALI_LIMITS.ordersPage >= total) break;
    }
    return lines;
  }

  /** An order's lines: the item named by its sku_code (from the product list) and its sku_id. */
  private linesOf(o: Record<string, unknown>): OrderLine[] {
    const status = String(o.status ?? '');
    const delivery = String(o.delivery_status ?? '');
    const lines = Array.isArray(o.order_lines) ? o.order_lines.filter(isObject) : [];
    return lines.map((line, k) => {
      const skuId = String(line.sku_id ?? '');
      const code = this.config.index?.byId.get(skuId)?.code;
      const quantity = Number(line.quantity);
      return {
        orderId: String(o.id),
        itemIds: [...(code ? [code] : []), skuId],
        lineId: line.id !== undefined ? String(line.id) : String(k),
        quantity: Number.isInteger(quantity) && quantity > 0 ? quantity : 1,
        status: mapAliStatus(status, delivery),
        rawStatus: `${status}/${delivery}`,
        createdAt: String(o.created_at ?? ''),
      };
    });
  }
}
