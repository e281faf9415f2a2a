/**
 * Yandex Market Partner API sandbox on the project's own description (YM_API): campaigns of one
 * business, the seller's FBS warehouse, stock per campaign as AVAILABLE and FREEZE (FIT is their
 * sum), and the Market's returns warehouse that getStocks may also answer for FBS. Limits are the
 * spec's x-resource-limit-config, answered HTTP 420 with X-RateLimit-Resource-* headers; a bad SKU
 * rejects the whole updateStocks request with 400; at most 2 requests of one key at the same moment.
 * A push shows in reads only applyDelayMs after it was accepted («Данные в каталоге обновляются не
 * мгновенно. Это занимает до нескольких минут»); a buyer's order reserves its units at once and
 * reaches the orders list orderDelayMs later.
 */
import { configureDelays, type Fault, Sandbox, type SandboxRequest, type SandboxResponse, Window } from './base';

export const YM_SANDBOX = { apiKey: 'sandbox-ym-key', businessId: 9100 };
export const YM_CAMPAIGNS = [
  {
    id: 21000001,
    domain: 'Мой магазин на Маркете',
    clientId: 1,
    business: { id: 9100, name: 'ИП Иванов' },
    placementType: 'FBS',
    apiAvailability: 'AVAILABLE',
  },
];
/** The seller's own warehouse of the campaign (getPagedWarehouses lists it). */
export const YM_WAREHOUSE = { id: 555, name: 'Склад на Профсоюзной', campaignId: YM_CAMPAIGNS[0].id, express: false };
/** The Market's returns warehouse: not the seller's, never in getPagedWarehouses. */
export const YM_RETURNS_WAREHOUSE_ID = 172;

const DEFAULTS = { applyDelayMs: 5 * 60_000, orderDelayMs: 30_000 };
const DAY = 86_400_000;

export interface YmOrder {
  orderId: number;
  campaignId: number;
  status: string;
  substatus: string;
  creationDate: string;
  /** When the order last changed; it is listed only from `visibleAt` on. */
  updateDate: number;
  visibleAt: number;
  items: { id: number; offerId: string; count: number }[];
}

interface Stock {
  available: number;
  freeze: number;
  updatedAt: string;
}

interface OfferStocks {
  offerId: string;
  updatedAt?: string;
  stocks: { type: string; count: number }[];
}

interface Push {
  campaign: number;
  sku: string;
  count: number;
  at: number;
}

export class YandexMarketSandbox extends Sandbox {
  offers = new Set<string>();
  /** What the Market shows, per campaign and offer. */
  stocks = new Map<number, Map<string, Stock>>();
  /** Units on the Market's returns warehouse, per offer: seeded offers have 1 (a return not collected). */
  returns = new Map<string, number>();
  orders = new Map<number, YmOrder>();
  private pending: Push[] = [];
  private settings = { ...DEFAULTS };
  private nextOrderId = 50_000_001;
  /** x-resource-limit-config of each operation. */
  private readonly windows = {
    updateStocks: new Window(100_000, 60_000),
    getStocks: new Window(100_000, 60_000),
    getCampaigns: new Window(1_000, 3_600_000),
    getPagedWarehouses: new Window(100, 3_600_000),
    getBusinessOrders: new Window(10_000, 3_600_000),
  };

  reset(): void {
    this.offers.clear();
    this.stocks.clear();
    this.returns.clear();
    this.orders.clear();
    this.pending = [];
    this.settings = { ...DEFAULTS };
    this.nextOrderId = 50_000_001;
    for (const w of Object.values(this.windows)) w.reset();
  }

  protected authorized(req: SandboxRequest): boolean {
    return req.headers['api-key'] === YM_SANDBOX.apiKey;
  }

  protected unauthorized(): SandboxResponse {
    return {
      status: 401,
      body: { status: 'ERROR', errors: [{ code: 'UNAUTHORIZED', message: 'Api-Key is invalid' }] },
    };
  }

  protected error(status: number, message: string): SandboxResponse {
    const code =
      status === 420
        ? 'HIT_RATE_LIMIT'
        : status === 404
          ? 'NOT_FOUND'
          : status === 403
            ? 'FORBIDDEN'
            : status >= 500
              ? 'INTERNAL_ERROR'
              : 'BAD_REQUEST';
    return { status, body: { status: 'ERROR', errors: [{ code, message }] } };
  }

  /** HTTP 420 «Enhance Your Calm» with the X-RateLimit-Resource-* headers YM sends. */
  protected rateLimited(status: number, retryAfterSec: number, message: string, limit = 0): SandboxResponse {
    const until = new Date(this.clock.now() + Math.max(1, Math.ceil(retryAfterSec)) * 1000).toUTCString();
    const response = this.error(status, message);
    return {
      ...response,
      headers: {
        'X-RateLimit-Resource-Until': until,
        'X-RateLimit-Resource-Remaining': '0',
        ...(limit ? { 'X-RateLimit-Resource-Limit': String(limit) } : {}),
      },
    };
  }

  /** Takes `cost` from the operation's window; the 420 to answer when it does not fit. */
  private overLimit(
    operation: keyof YandexMarketSandbox['windows'],
    cost: number,
    what: string,
  ): SandboxResponse | null {
    const window = this.windows[operation];
    const wait = window.take(this.clock.now(), cost);
    if (wait <= 0) return null;
    const period = window.ms >= 3_600_000 ? '1h' : '1m';
    return this.rateLimited(
      420,
      wait,
      `Hit rate limit of ${window.limit} ${what} per ${period} for resource ${operation}`,
      window.limit,
    );
  }

  protected itemsOf(req: SandboxRequest): number {
    const body = req.body as any;
    return Array.isArray(body?.skus) ? body.skus.length : Array.isArray(body?.offerIds) ? body.offerIds.length : 0;
  }

  protected route(req: SandboxRequest, _fault: Fault | undefined): SandboxResponse {
    if (this.inFlight > 2) return this.rateLimited(420, 1, 'Hit rate limit of 2 parallel requests');
    this.applyDuePushes();
    if (req.method === 'get' && req.path === '/v2/campaigns') return this.getCampaigns();
    const stocks = /^\/v2\/campaigns\/(\d+)\/offers\/stocks$/.exec(req.path);
    if (stocks && req.method === 'put') return this.updateStocks(Number(stocks[1]), req);
    if (stocks && req.method === 'post') return this.getStocks(Number(stocks[1]), req);
    const warehouses = /^\/v2\/businesses\/(\d+)\/warehouses$/.exec(req.path);
    if (warehouses && req.method === 'post') return this.getPagedWarehouses(Number(warehouses[1]), req);
    const orders = /^\/v1\/businesses\/(\d+)\/orders$/.exec(req.path);
    if (orders && req.method === 'post') return this.getBusinessOrders(Number(orders[1]), req);
    return this.error(404, 'Not implemented in the sandbox');
  }

  private getCampaigns(): SandboxResponse {
    const limited = this.overLimit('getCampaigns', 1, 'requests');
    if (limited) return limited;
    return { status: 200, body: { campaigns: YM_CAMPAIGNS, paging: {} } };
  }

  private stockOf(campaign: number): Map<string, Stock> {
    const stock = this.stocks.get(campaign) ?? new Map<string, Stock>();
    this.stocks.set(campaign, stock);
    return stock;
  }

  /** Pushes accepted applyDelayMs ago or earlier become what the Market shows. */
  private applyDuePushes(): void {
    const now = this.clock.now();
    const due = this.pending.filter((p) => p.at + this.settings.applyDelayMs <= now);
    if (!due.length) return;
    this.pending = this.pending.filter((p) => p.at + this.settings.applyDelayMs > now);
    for (const p of due) {
      const stock = this.stockOf(p.campaign);
      const current = stock.get(p.sku);
      stock.set(p.sku, {
        available: p.count,
        freeze: current?.freeze ?? 0,
        updatedAt: new Date(p.at + this.settings.applyDelayMs).toISOString(),
      });
    }
  }

  private updateStocks(campaign: number, req: SandboxRequest): SandboxResponse {
    if (!YM_CAMPAIGNS.some((c) => c.id === campaign)) return this.error(404, `Campaign ${campaign} not found`);
    const skus = (req.body as any).skus as { sku: string; items: { count: number }[] }[];
    const limited = this.overLimit('updateStocks', skus.length, 'SKUs');
    if (limited) return limited;
    const seen = new Set<string>();
    const duplicates = skus.filter((s) => seen.has(s.sku) || !seen.add(s.sku)).map((s) => s.sku);
    if (duplicates.length) return this.error(400, `Duplicate SKUs: ${duplicates.slice(0, 5).join(', ')}`);
    const unknown = skus.filter((s) => !this.offers.has(s.sku)).map((s) => s.sku);
    if (unknown.length) return this.error(400, `Offers not found: ${unknown.slice(0, 5).join(', ')}`);
    const at = this.clock.now();
    for (const s of skus) this.pending.push({ campaign, sku: s.sku, count: s.items[0].count, at });
    this.applyDuePushes();
    return { status: 200, body: { status: 'OK' } };
  }

  private getStocks(campaign: number, req: SandboxRequest): SandboxResponse {
    if (!YM_CAMPAIGNS.some((c) => c.id === campaign)) return this.error(403, `No access to campaign ${campaign}`);
    const body = (req.body ?? {}) as { offerIds?: string[] | null; archived?: boolean };
    const stock = this.stockOf(campaign);
    let ids: string[];
    let paging: { nextPageToken?: string } = {};
    if (body.offerIds) {
      // GetWarehouseStocksRequest: «Если вы запрашиваете информацию по конкретным SKU, не заполняйте pageToken, limit, archived».
      const filled = ['pageToken', 'limit'].filter((k) => req.query[k] !== undefined);
      if (body.archived !== undefined) filled.push('archived');
      if (filled.length) return this.error(400, `With offerIds do not fill ${filled.join(', ')}`);
      if (new Set(body.offerIds).size !== body.offerIds.length) return this.error(400, 'offerIds must be unique');
      ids = body.offerIds.filter((id) => this.offers.has(id) || stock.has(id));
    } else {
      const all = [...new Set([...this.offers, ...stock.keys()])].sort();
      const limit = Number(req.query.limit ?? 100);
      const offset = Number(req.query.pageToken ?? 0);
      ids = all.slice(offset, offset + limit);
      if (offset + ids.length < all.length) paging = { nextPageToken: String(offset + ids.length) };
    }
    const own = ids.map((id) => this.ownOffer(id, stock.get(id)));
    const returned = ids.filter((id) => (this.returns.get(id) ?? 0) > 0).map((id) => this.returnedOffer(id));
    const limited = this.overLimit('getStocks', own.length + returned.length, 'offers');
    if (limited) return limited;
    const warehouses = [{ warehouseId: YM_WAREHOUSE.id, offers: own }];
    if (returned.length) warehouses.push({ warehouseId: YM_RETURNS_WAREHOUSE_ID, offers: returned });
    return { status: 200, body: { status: 'OK', result: { paging, warehouses } } };
  }

  /** An offer of the catalogue never given stock is listed with no stock entries at all. */
  private ownOffer(offerId: string, stock: Stock | undefined): OfferStocks {
    if (!stock) return { offerId, stocks: [] };
    return {
      offerId,
      updatedAt: stock.updatedAt,
      stocks: [
        { type: 'FIT', count: stock.available + stock.freeze },
        { type: 'FREEZE', count: stock.freeze },
        { type: 'AVAILABLE', count: stock.available },
      ],
    };
  }

  private returnedOffer(offerId: string): OfferStocks {
    const count = this.returns.get(offerId) ?? 0;
    return {
      offerId,
      stocks: [
        { type: 'FIT', count },
        { type: 'AVAILABLE', count },
      ],
    };
  }

  private getPagedWarehouses(business: number, req: SandboxRequest): SandboxResponse {
    if (business !== YM_SANDBOX.businessId) return this.error(403, 'No access to this business');
    const limited = this.overLimit('getPagedWarehouses', 1, 'requests');
    if (limited) return limited;
    const campaignIds = (req.body as { campaignIds?: number[] | null } | undefined)?.campaignIds;
    const warehouses = [YM_WAREHOUSE].filter((w) => !campaignIds || campaignIds.includes(w.campaignId));
    return { status: 200, body: { status: 'OK', result: { warehouses, paging: {} } } };
  }

  private getBusinessOrders(business: number, req: SandboxRequest): SandboxResponse {
    if (business !== YM_SANDBOX.businessId) return this.error(403, 'No access to this business');
    const limited = this.overLimit('getBusinessOrders', 1, 'requests');
    if (limited) return limited;
    const now = this.clock.now();
    const body = req.body as any;
    const from = body.dates?.updateDateFrom ? Date.parse(body.dates.updateDateFrom) : now - 30 * DAY;
    const to = body.dates?.updateDateTo ? Date.parse(body.dates.updateDateTo) : now;
    // «Максимальный диапазон дат за один запрос — 30 дней».
    if (to - from > 30 * DAY + 1000) return this.error(400, 'Period must not exceed 30 days');
    const list = [...this.orders.values()]
      .filter((o) => o.visibleAt <= now && o.updateDate >= from && o.updateDate <= to)
      .filter((o) => !body.campaignIds || body.campaignIds.includes(o.campaignId))
      .filter((o) => !body.statuses || body.statuses.includes(o.status))
      .sort((a, b) => a.orderId - b.orderId);
    const limit = Number(req.query.limit ?? 50);
    const offset = Number(req.query.pageToken ?? 0);
    const page = list.slice(offset, offset + limit);
    const next = offset + page.length;
    return {
      status: 200,
      body: {
        orders: page.map((o) => this.orderAnswer(o)),
        paging: next < list.length ? { nextPageToken: String(next) } : {},
      },
    };
  }

  /** BusinessOrderDTO with every field the spec requires. */
  private orderAnswer(o: YmOrder) {
    return {
      orderId: o.orderId,
      campaignId: o.campaignId,
      programType: 'FBS',
      status: o.status,
      substatus: o.substatus,
      creationDate: o.creationDate,
      updateDate: new Date(o.updateDate).toISOString(),
      paymentType: 'PREPAID',
      paymentMethod: 'YANDEX',
      fake: false,
      items: o.items.map((i) => ({ ...i, offerName: i.offerId })),
      delivery: {
        type: 'DELIVERY',
        serviceName: 'Доставка Маркета',
        deliveryServiceId: 1006360,
        deliveryPartnerType: 'YANDEX_MARKET',
        dates: { fromDate: o.creationDate.slice(0, 10) },
      },
    };
  }

  state() {
    return {
      offers: this.offers.size,
      stocks: Object.fromEntries(
        [...this.stocks].map(([c, m]) => [c, Object.fromEntries([...m].map(([k, v]) => [k, v.available]))]),
      ),
      pending: this.pending.length,
      settings: this.settings,
      orders: [...this.orders.values()],
    };
  }

  /** `order`: an order as the seller sees it, at once and without touching stock (older tests, the bench). */
  private upsertOrder(body: any): YmOrder {
    const now = this.clock.now();
    const existing = this.orders.get(body.orderId);
    const order: YmOrder = existing
      ? {
          ...existing,
          status: body.status ?? existing.status,
          substatus: body.substatus ?? existing.substatus,
          updateDate: now,
        }
      : {
          orderId: body.orderId,
          campaignId: body.campaignId ?? YM_CAMPAIGNS[0].id,
          status: body.status ?? 'PROCESSING',
          substatus: body.substatus ?? 'STARTED',
          creationDate: new Date(body.createdAt ?? now).toISOString(),
          updateDate: now,
          visibleAt: now,
          items: body.items.map((i: any, k: number) => ({ id: k + 1, offerId: i.offerId, count: i.count ?? 1 })),
        };
    this.orders.set(order.orderId, order);
    return order;
  }

  /**
   * `buyer-order` {id, quantity, orderId?, campaignId?}: a buyer orders offer `id` (the seller's SKU,
   * offerId / sku): AVAILABLE → FREEZE at once (FIT unchanged); the order reaches the orders list
   * orderDelayMs later, PROCESSING / STARTED («заказ подтвержден, его можно начать обрабатывать»).
   */
  private buyerOrder(body: any): { orderId: number } {
    const now = this.clock.now();
    const campaign = body.campaignId ?? YM_CAMPAIGNS[0].id;
    const quantity = Number(body.quantity ?? 1);
    const stock = this.stockOf(campaign).get(body.id);
    if (!stock || stock.available < quantity)
      throw new Error(`buyer-order: ${body.id} has ${stock?.available ?? 0} available, not ${quantity}`);
    stock.available -= quantity;
    stock.freeze += quantity;
    const orderId = Number(body.orderId ?? this.nextOrderId++);
    const visibleAt = now + this.settings.orderDelayMs;
    this.orders.set(orderId, {
      orderId,
      campaignId: campaign,
      status: 'PROCESSING',
      substatus: 'STARTED',
      // Dated when the buyer ordered, though the API lists it only later (see the Ozon sandbox).
      creationDate: new Date(now).toISOString(),
      updateDate: now,
      visibleAt,
      items: [{ id: 1, offerId: body.id, count: quantity }],
    });
    return { orderId };
  }

  /** `ship`: DELIVERY («передан в службу доставки»); the reserved units leave: FREEZE decreases. */
  private ship(body: any): YmOrder {
    return this.moveOrder(body.orderId, 'DELIVERY', 'DELIVERY_SERVICE_RECEIVED', (stock, count) => {
      stock.freeze -= count;
    });
  }

  /** `cancel`: CANCELLED; the reserved units are for sale again: FREEZE → AVAILABLE. */
  private cancel(body: any): YmOrder {
    return this.moveOrder(body.orderId, 'CANCELLED', 'USER_CHANGED_MIND', (stock, count) => {
      stock.freeze -= count;
      stock.available += count;
    });
  }

  private moveOrder(
    orderId: number,
    status: string,
    substatus: string,
    release: (stock: Stock, count: number) => void,
  ): YmOrder {
    const order = this.orders.get(Number(orderId));
    if (!order) throw new Error(`no order ${orderId}`);
    if (order.status !== 'PROCESSING') throw new Error(`order ${orderId} is ${order.status} already`);
    const stock = this.stockOf(order.campaignId);
    for (const item of order.items) {
      const s = stock.get(item.offerId);
      if (s) release(s, Math.min(item.count, s.freeze));
    }
    const now = this.clock.now();
    Object.assign(order, { status, substatus, updateDate: Math.max(now, order.visibleAt) });
    return order;
  }

  control(action: string, body: any): unknown {
    this.applyDuePushes();
    switch (action) {
      case 'seed':
        for (const id of body.offers as string[]) {
          this.offers.add(id);
          if (!this.returns.has(id)) this.returns.set(id, 1);
        }
        return { offers: this.offers.size };
      case 'configure':
        configureDelays(this.settings, body);
        // A shorter delay shows the pushes that are now due at once.
        this.applyDuePushes();
        return this.settings;
      case 'returns':
        this.returns.set(body.offerId, Number(body.count));
        return { ok: true };
      case 'order':
        return this.upsertOrder(body);
      case 'buyer-order':
        return this.buyerOrder(body);
      case 'ship':
        return this.ship(body);
      case 'cancel':
        return this.cancel(body);
      case 'stock': {
        // What the Market shows for sale (AVAILABLE); pushes not yet applied do not count.
        const stock = this.stocks.get(body.campaignId ?? YM_CAMPAIGNS[0].id)?.get(body.offerId);
        return stock ? stock.available : null;
      }
      case 'stock-detail': {
        const stock = this.stocks.get(body.campaignId ?? YM_CAMPAIGNS[0].id)?.get(body.offerId);
        return stock ? { AVAILABLE: stock.available, FREEZE: stock.freeze, FIT: stock.available + stock.freeze } : null;
      }
      case 'set-stock': {
        // What the Market shows, at once (a state the seller set earlier): AVAILABLE, FREEZE kept.
        const stock = this.stockOf(body.campaignId ?? YM_CAMPAIGNS[0].id);
        const freeze = stock.get(body.offerId)?.freeze ?? 0;
        stock.set(body.offerId, {
          available: body.count,
          freeze: body.freeze ?? freeze,
          updatedAt: new Date(this.clock.now()).toISOString(),
        });
        return { ok: true };
      }
      default:
        throw new Error(`unknown control action ${action}`);
    }
  }
}
