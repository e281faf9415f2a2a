/**
 * Wildberries sandbox (Marketplace and Content APIs on one server), validated against the project's
 * own description (src/connectors/wildberries.api.ts): cards with sizes, seller warehouses, stock
 * (`amount`) per chrtId × warehouse, FBS assembly tasks. Each group of methods the spec names
 * (seller stocks, seller warehouses, FBS assembly tasks) has its own token bucket of 20 refilled
 * every 200 ms (300 a minute) where a 4xx answer costs 10; the cards list has 5 every 600 ms.
 * 204 for a stock update even when nothing changed; a push shows in reads `applyDelayMs` after it
 * was accepted, a buyer's order reaches the orders API `orderDelayMs` after it was placed.
 */
import { type Fault, Sandbox, type SandboxRequest, type SandboxResponse } from './base';

/**
 * WB's spec states no delay between a 204 and the stock read (unlike Yandex Market's «до нескольких
 * минут»), and the connector confirms every push by reading it back; so by default a push shows at
 * once. `configure {applyDelayMs}` shows what a delay would do: the push is not confirmed and is
 * sent again next run (never recorded as accepted). The live check measures the real delay [verify].
 */
export const WB_SANDBOX_DEFAULTS = { applyDelayMs: 0, orderDelayMs: 30_000 };
const DAY_MS = 24 * 3600 * 1000;
/** "Максимум 30 календарных дней одним запросом"; tasks are listed "не более 3 месяцев" back. */
const ORDERS_WINDOW_S = 30 * 24 * 3600;
const ORDERS_KEPT_MS = 92 * DAY_MS;

export const WB_SANDBOX = { token: 'sandbox-wb-token' };
export const WB_WAREHOUSES = [
  {
    id: 507,
    name: 'Мой склад FBS',
    officeId: 15,
    cargoType: 1,
    deliveryType: 1,
    isDeleting: false,
    isProcessing: false,
  },
  { id: 508, name: 'Склад DBS', officeId: 16, cargoType: 1, deliveryType: 2, isDeleting: false, isProcessing: false },
];

export interface WbCard {
  nmID: number;
  vendorCode: string;
  sizes: { chrtID: number; techSize: string; skus: string[] }[];
  updatedAt: string;
}
export interface WbOrder {
  id: number;
  createdAt: string;
  chrtId: number;
  nmId: number;
  article: string;
  skus: string[];
  warehouseId: number;
  supplierStatus: string;
  wbStatus: string;
  /** Simulated time from which the orders API shows the task. */
  visibleAt: number;
  /** The buyer's order (`buyer-order`) the task is one unit of: each unit is its own assembly task. */
  buyerOrder?: number;
}

/** A push accepted by PUT stocks, shown in reads from `at`. */
interface PendingPush {
  warehouseId: number;
  chrtId: number;
  amount: number;
  at: number;
}

type BucketName = 'stocks' | 'warehouses' | 'fbs' | 'content';

class TokenBucket {
  private tokens: number;
  private at = 0;
  constructor(
    readonly capacity: number,
    readonly refillMs: number,
  ) {
    this.tokens = capacity;
  }
  private refill(now: number): void {
    if (now > this.at) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.at) / this.refillMs);
      this.at = now;
    }
  }
  /** Seconds until a token is free, or 0 having taken one. */
  take(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) * this.refillMs) / 1000;
  }
  charge(now: number, cost: number): void {
    this.refill(now);
    this.tokens -= cost;
  }
  reset(): void {
    this.tokens = this.capacity;
    this.at = 0;
  }
}

export class WildberriesSandbox extends Sandbox {
  cards: WbCard[] = [];
  /** What reads show: amount per warehouse and chrtId. */
  stocks = new Map<number, Map<number, number>>();
  pending: PendingPush[] = [];
  orders = new Map<number, WbOrder>();
  settings = { ...WB_SANDBOX_DEFAULTS };
  /** Warehouse id → simulated time until which PUT stocks answers 406 WarehouseStocksUpdateBlock. */
  processingUntil = new Map<number, number>();
  /** chrtIds a PUT answers 409 StoreIsProcessing for. */
  storeProcessing = new Set<number>();
  /** The seller is blocked: PUT stocks answers 406 StatusNotAcceptable. */
  sellerBlocked = false;
  private nextOrderId = 9_000_000_000;
  private currentPath = '';
  private readonly buckets: Record<BucketName, TokenBucket> = {
    stocks: new TokenBucket(20, 200),
    warehouses: new TokenBucket(20, 200),
    fbs: new TokenBucket(20, 200),
    content: new TokenBucket(5, 600),
  };

  reset(): void {
    this.cards = [];
    this.stocks.clear();
    this.pending = [];
    this.orders.clear();
    this.settings = { ...WB_SANDBOX_DEFAULTS };
    this.processingUntil.clear();
    this.storeProcessing.clear();
    this.sellerBlocked = false;
    this.nextOrderId = 9_000_000_000;
    for (const bucket of Object.values(this.buckets)) bucket.reset();
  }

  handle(req: SandboxRequest) {
    // The error body depends on the API: the Content API has its own shape.
    this.currentPath = req.path;
    return super.handle(req);
  }

  protected authorized(req: SandboxRequest): boolean {
    const value = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    return value === WB_SANDBOX.token;
  }

  private problem(status: number, title: string, detail: string, statusText: string): SandboxResponse {
    return {
      status,
      headers: { 'Content-Type': 'application/problem+json' },
      body: {
        title,
        detail,
        code: status === 401 ? '07e4668e-unauthorized' : '',
        requestId: 'sandbox',
        origin: status === 401 ? 's2s-api-auth' : 'api-marketplace',
        status,
        statusText,
        timestamp: new Date(this.clock.now()).toISOString(),
      },
    };
  }

  protected unauthorized(): SandboxResponse {
    return this.problem(401, 'unauthorized', 'token is malformed', 'Unauthorized');
  }

  protected error(status: number, message: string): SandboxResponse {
    if (status === 429) return this.problem(429, 'too many requests', message, 'Too Many Requests');
    if (this.currentPath.startsWith('/content/'))
      return { status, body: { data: null, error: true, errorText: message, additionalErrors: null } };
    return { status, body: { code: status === 404 ? 'NotFound' : 'IncorrectRequest', message, data: null } };
  }

  protected rateLimited(status: number, retryAfterSec: number, message: string): SandboxResponse {
    const response = this.error(status, message);
    return {
      ...response,
      headers: {
        ...response.headers,
        'X-Ratelimit-Retry': String(Math.max(1, Math.ceil(retryAfterSec))),
        'X-Ratelimit-Reset': String(Math.max(1, Math.ceil(retryAfterSec))),
      },
    };
  }

  protected itemsOf(req: SandboxRequest): number {
    const body = req.body as any;
    return Array.isArray(body?.stocks)
      ? body.stocks.length
      : Array.isArray(body?.chrtIds)
        ? body.chrtIds.length
        : Array.isArray(body?.orders)
          ? body.orders.length
          : 0;
  }

  private sizes() {
    return this.cards.flatMap((card) => card.sizes.map((size) => ({ card, size })));
  }

  /** Sizes by chrtID, rebuilt when cards were seeded: a push of 1,000 items on 100,000 cards stays linear. */
  private sizeByChrt = { cards: [] as WbCard[], count: -1, index: new Map<number, WbCard['sizes'][number]>() };
  private sizeOfChrt(chrtId: number) {
    const cache = this.sizeByChrt;
    if (cache.cards !== this.cards || cache.count !== this.cards.length) {
      cache.index = new Map();
      for (const { size } of this.sizes()) if (!cache.index.has(size.chrtID)) cache.index.set(size.chrtID, size);
      cache.cards = this.cards;
      cache.count = this.cards.length;
    }
    return cache.index.get(chrtId);
  }

  private bucketOf(path: string): BucketName {
    if (path.startsWith('/content/')) return 'content';
    if (path.startsWith('/api/v3/stocks/')) return 'stocks';
    if (path === '/api/v3/warehouses') return 'warehouses';
    return 'fbs';
  }

  protected route(req: SandboxRequest, fault: Fault | undefined): SandboxResponse {
    const now = this.clock.now();
    const name = this.bucketOf(req.path);
    const bucket = this.buckets[name];
    const wait = bucket.take(now);
    if (wait > 0) return this.rateLimited(429, wait, 'Too many requests');
    this.settle(now);
    const response = this.answer(req, fault);
    // "Один запрос с кодами ответов 4XX учитывается как 10 запросов" (Marketplace API; the cards list has no such rule).
    if (name !== 'content' && response.status >= 400 && response.status < 500) bucket.charge(now, 9);
    return response;
  }

  /** Pushes whose delay has passed become what reads show, in the order they were accepted. */
  private settle(now: number): void {
    const due = this.pending.filter((p) => p.at <= now);
    if (!due.length) return;
    this.pending = this.pending.filter((p) => p.at > now);
    for (const p of due) this.stockOf(p.warehouseId).set(p.chrtId, p.amount);
  }

  private stockOf(warehouseId: number): Map<number, number> {
    const stock = this.stocks.get(warehouseId) ?? new Map<number, number>();
    this.stocks.set(warehouseId, stock);
    return stock;
  }

  private answer(req: SandboxRequest, fault: Fault | undefined): SandboxResponse {
    const stockPath = /^\/api\/v3\/stocks\/(\d+)$/.exec(req.path);
    if (stockPath) {
      const warehouse = Number(stockPath[1]);
      if (!WB_WAREHOUSES.some((w) => w.id === warehouse)) return this.error(404, 'Warehouse not found');
      return req.method === 'put' ? this.putStocks(warehouse, req.body, fault) : this.readStocks(warehouse, req.body);
    }
    if (req.method === 'get' && req.path === '/api/v3/warehouses') return { status: 200, body: this.warehouses() };
    if (req.method === 'post' && req.path === '/content/v2/get/cards/list') return this.cardsPage(req.body);
    if (req.method === 'get' && req.path === '/api/v3/orders/new')
      return {
        status: 200,
        body: {
          orders: this.visibleOrders()
            .filter((o) => o.supplierStatus === 'new')
            .map(publicOrder),
        },
      };
    if (req.method === 'get' && req.path === '/api/v3/orders') return this.ordersPage(req.query);
    if (req.method === 'post' && req.path === '/api/v3/orders/status') return this.statuses(req.body);
    return this.error(404, 'Not implemented in the sandbox');
  }

  private warehouses() {
    const now = this.clock.now();
    return WB_WAREHOUSES.map((w) => ({ ...w, isProcessing: (this.processingUntil.get(w.id) ?? 0) > now }));
  }

  private readStocks(warehouse: number, body: any): SandboxResponse {
    const stock = this.stockOf(warehouse);
    const chrtIds = body.chrtIds as number[];
    return {
      status: 200,
      body: { stocks: chrtIds.filter((c) => stock.has(c)).map((c) => ({ chrtId: c, amount: stock.get(c) })) },
    };
  }

  private putStocks(warehouse: number, body: any, fault: Fault | undefined): SandboxResponse {
    const now = this.clock.now();
    if ((this.processingUntil.get(warehouse) ?? 0) > now)
      return {
        status: 406,
        body: { code: 'WarehouseStocksUpdateBlock', message: 'The warehouse is processing', data: null },
      };
    if (this.sellerBlocked)
      return {
        status: 406,
        body: {
          code: 'StatusNotAcceptable',
          message: 'Обновление остатков заблокировано в связи с баном поставщика',
          data: null,
        },
      };
    if (fault?.kind === 'silent') return { status: 204 };
    const notFound: { chrtId: number; amount: number }[] = [];
    const processing: { sku: string; amount: number }[] = [];
    for (const item of body.stocks as any[]) {
      // Field names are not checked: an item without chrtId is silently ignored, as WB does.
      if (typeof item.chrtId !== 'number' || typeof item.amount !== 'number') continue;
      const size = this.sizeOfChrt(item.chrtId);
      if (!size) notFound.push({ chrtId: item.chrtId, amount: item.amount });
      // As the spec's examples: the item named by its barcode (`sku`) alone.
      else if (this.storeProcessing.has(item.chrtId)) processing.push({ sku: size.skus[0] ?? '', amount: item.amount });
      else
        this.pending.push({
          warehouseId: warehouse,
          chrtId: item.chrtId,
          amount: item.amount,
          at: now + this.settings.applyDelayMs,
        });
    }
    this.settle(now);
    const conflicts = [
      ...(notFound.length ? [{ code: 'NotFound', message: 'Not found', data: notFound }] : []),
      ...(processing.length
        ? [{ code: 'StoreIsProcessing', message: 'The store is processing', data: processing }]
        : []),
    ];
    return conflicts.length ? { status: 409, body: conflicts } : { status: 204 };
  }

  private cardsPage(body: any): SandboxResponse {
    const cursor = body.settings?.cursor ?? {};
    // The spec's default page is 10 cards.
    const limit = Number(cursor.limit ?? 10);
    const sorted = [...this.cards].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.nmID - b.nmID);
    const start =
      cursor.nmID !== undefined
        ? sorted.findIndex(
            (c) => c.updatedAt > cursor.updatedAt || (c.updatedAt === cursor.updatedAt && c.nmID > cursor.nmID),
          )
        : 0;
    const page = start < 0 ? [] : sorted.slice(start, start + limit);
    const last = page[page.length - 1];
    return {
      status: 200,
      body: { cards: page, cursor: { updatedAt: last?.updatedAt, nmID: last?.nmID, total: page.length } },
    };
  }

  private visibleOrders(): WbOrder[] {
    const now = this.clock.now();
    return [...this.orders.values()].filter((o) => o.visibleAt <= now);
  }

  private ordersPage(query: Record<string, string>): SandboxResponse {
    const nowS = Math.floor(this.clock.now() / 1000);
    const from = query.dateFrom !== undefined ? Number(query.dateFrom) : nowS - ORDERS_WINDOW_S;
    const to = query.dateTo !== undefined ? Number(query.dateTo) : nowS;
    if (to - from > ORDERS_WINDOW_S)
      return {
        status: 400,
        body: { code: 'IncorrectParameter', message: 'Максимум 30 календарных дней одним запросом', data: null },
      };
    const next = Number(query.next);
    const keptFrom = this.clock.now() - ORDERS_KEPT_MS;
    const list = this.visibleOrders()
      .filter((o) => {
        const t = Date.parse(o.createdAt);
        return t >= from * 1000 && t <= to * 1000 && t >= keptFrom && o.id > next;
      })
      .sort((a, b) => a.id - b.id)
      .slice(0, Number(query.limit));
    return {
      status: 200,
      body: { next: list.length ? list[list.length - 1].id : next, orders: list.map(publicOrder) },
    };
  }

  private statuses(body: any): SandboxResponse {
    const visible = new Map(this.visibleOrders().map((o) => [o.id, o]));
    const orders = (body.orders as number[])
      .filter((id) => visible.has(id))
      .map((id) => {
        const o = visible.get(id) as WbOrder;
        const isCancellable = o.supplierStatus === 'new' || o.supplierStatus === 'confirm';
        return { id, isCancellable, supplierStatus: o.supplierStatus, wbStatus: o.wbStatus };
      });
    return { status: 200, body: { orders } };
  }

  state() {
    this.settle(this.clock.now());
    return {
      cards: this.cards.length,
      stocks: Object.fromEntries([...this.stocks].map(([w, m]) => [w, Object.fromEntries(m)])),
      pending: this.pending,
      orders: [...this.orders.values()],
      settings: this.settings,
    };
  }

  /** The size a buyer orders by the id the seller knows: a barcode, a one-size card's vendor code, or a chrtId. */
  private sizeOf(id: string) {
    const matches = this.sizes().filter(
      ({ card, size }) => size.skus.includes(id) || String(size.chrtID) === id || card.vendorCode === id,
    );
    if (matches.length !== 1) throw new Error(matches.length ? `«${id}» names several sizes` : `no such item «${id}»`);
    return matches[0];
  }

  private task(id: number, found: ReturnType<WildberriesSandbox['sizeOf']>, warehouseId: number, at: number): WbOrder {
    return {
      id,
      createdAt: new Date(at).toISOString(),
      chrtId: found.size.chrtID,
      nmId: found.card.nmID,
      article: found.card.vendorCode,
      skus: found.size.skus,
      warehouseId,
      supplierStatus: 'new',
      wbStatus: 'waiting',
      visibleAt: at,
    };
  }

  /** A buyer orders: `amount` falls at once; the assembly tasks (one per unit) show after orderDelayMs. */
  private buyerOrder(body: { id: string; quantity?: number; orderId?: number; warehouseId?: number }) {
    const now = this.clock.now();
    this.settle(now);
    const found = this.sizeOf(String(body.id));
    const quantity = Number(body.quantity ?? 1);
    const warehouseId = Number(body.warehouseId ?? WB_WAREHOUSES[0].id);
    const stock = this.stockOf(warehouseId);
    const amount = stock.get(found.size.chrtID) ?? 0;
    if (!(quantity >= 1) || amount < quantity) throw new Error(`not enough stock of «${body.id}»: ${amount}`);
    stock.set(found.size.chrtID, amount - quantity);
    const orderId = Number(body.orderId ?? this.nextOrderId++);
    const taskIds = [orderId, ...Array.from({ length: quantity - 1 }, () => this.nextOrderId++)];
    for (const id of taskIds) {
      if (this.orders.has(id)) throw new Error(`order ${id} exists`);
      const task = this.task(id, found, warehouseId, now);
      this.orders.set(id, { ...task, visibleAt: now + this.settings.orderDelayMs, buyerOrder: orderId });
    }
    return { orderId, taskIds };
  }

  private tasksOf(orderId: unknown): WbOrder[] {
    const id = Number(orderId);
    const tasks = [...this.orders.values()].filter((o) => o.buyerOrder === id || o.id === id);
    if (!tasks.length) throw new Error(`no order ${orderId}`);
    return tasks;
  }

  /** Handed to delivery: `complete` («В доставке»); its units already left `amount` when it was ordered. */
  private ship(body: { orderId: number; wbStatus?: string }) {
    for (const task of this.tasksOf(body.orderId)) {
      if (task.supplierStatus === 'cancel') throw new Error(`order ${task.id} is cancelled`);
      task.supplierStatus = 'complete';
      task.wbStatus = body.wbStatus ?? 'sold';
    }
    return { ok: true };
  }

  /** Cancelled by the seller before shipment: the units return to `amount`. */
  private cancel(body: { orderId: number }) {
    this.settle(this.clock.now());
    for (const task of this.tasksOf(body.orderId)) {
      if (task.supplierStatus === 'complete') throw new Error(`order ${task.id} is shipped`);
      if (task.supplierStatus === 'cancel') continue;
      task.supplierStatus = 'cancel';
      task.wbStatus = 'canceled';
      const stock = this.stockOf(task.warehouseId);
      stock.set(task.chrtId, (stock.get(task.chrtId) ?? 0) + 1);
    }
    return { ok: true };
  }

  /** The older set-up action: a task in any status, shown at once (no stock change). */
  private order(body: any): WbOrder {
    const existing = this.orders.get(body.id);
    if (existing) {
      existing.supplierStatus = body.supplierStatus ?? existing.supplierStatus;
      existing.wbStatus = body.wbStatus ?? existing.wbStatus;
      return existing;
    }
    const id = body.barcode ?? body.vendorCode ?? String(body.chrtId);
    const at = body.createdAt ?? this.clock.now();
    const order: WbOrder = {
      ...this.task(body.id, this.sizeOf(id), body.warehouseId ?? WB_WAREHOUSES[0].id, at),
      supplierStatus: body.supplierStatus ?? 'new',
      wbStatus: body.wbStatus ?? 'waiting',
      visibleAt: this.clock.now(),
    };
    this.orders.set(order.id, order);
    return order;
  }

  private seed(body: { items: { vendorCode: string; sizes: string[][] }[] }) {
    for (const item of body.items) {
      const nmID = 300_000 + this.cards.length;
      this.cards.push({
        nmID,
        vendorCode: item.vendorCode,
        updatedAt: new Date(Date.UTC(2026, 0, 1) + this.cards.length * 1000).toISOString(),
        sizes: item.sizes.map((skus, i) => ({ chrtID: nmID * 10 + i, techSize: String(i), skus })),
      });
    }
    return { cards: this.cards.length };
  }

  control(action: string, body: any): unknown {
    switch (action) {
      case 'seed':
        return this.seed(body);
      case 'order':
        return this.order(body);
      case 'buyer-order':
        return this.buyerOrder(body);
      case 'ship':
        return this.ship(body);
      case 'cancel':
        return this.cancel(body);
      case 'configure':
        for (const key of ['applyDelayMs', 'orderDelayMs'] as const)
          if (typeof body[key] === 'number') this.settings[key] = body[key];
        return this.settings;
      case 'processing':
        // PUT stocks to this warehouse answers 406 WarehouseStocksUpdateBlock until `untilMs` (simulated time).
        this.processingUntil.set(Number(body.warehouseId), Number(body.untilMs));
        return { ok: true };
      case 'store-processing':
        // These chrtIds answer 409 StoreIsProcessing until the list is set again ([] clears it).
        this.storeProcessing = new Set((body.chrtIds ?? []).map(Number));
        return { ok: true };
      case 'seller-blocked':
        this.sellerBlocked = body.blocked !== false;
        return { ok: true };
      case 'stock':
        this.settle(this.clock.now());
        return this.stocks.get(body.warehouseId)?.get(body.chrtId) ?? null;
      case 'set-stock': {
        // The seller's stock as WB holds it, at once; a push still pending for it is dropped.
        this.pending = this.pending.filter((p) => p.warehouseId !== body.warehouseId || p.chrtId !== body.chrtId);
        this.stockOf(body.warehouseId).set(body.chrtId, body.amount);
        return { ok: true };
      }
      default:
        throw new Error(`unknown control action ${action}`);
    }
  }
}

function publicOrder(o: WbOrder) {
  const { supplierStatus: _s, wbStatus: _w, visibleAt: _v, buyerOrder: _b, ...rest } = o;
  return {
    ...rest,
    rid: `rid-${o.id}`,
    orderUid: `uid-${o.id}`,
    officeId: 15,
    offices: [],
    price: 100000,
    finalPrice: 100000,
    convertedPrice: 100000,
    currencyCode: 643,
    cargoType: 1,
    deliveryType: 'fbs',
    isZeroOrder: false,
    requiredMeta: [],
    optionalMeta: [],
    comment: '',
    options: { isB2B: false },
  };
}
