/**
 * Avito sandbox, built on the project's description (src/connectors/avito.api.ts): the validator
 * refuses what the schemas do not allow (more than 200 items a push, a quantity over 999,999, an
 * orders `limit` over 20) in the spec's error shape — `{message}` for stock management,
 * `{code, message}` for orders; this file enforces what the spec states only in prose (10 ids an
 * info request, 100 requests a minute for each stock operation, 500 for orders) and answers 429 past them.
 *
 * Tokens: POST /token takes the client_credentials form and gives a token that expires after
 * `tokenTtlSec` (86,400 by default, as the spec says); an expired or unknown token is answered 401.
 *
 * Stock per listing as the spec describes it: `quantity` is what the seller set («количество с
 * подачи или редактирования»), bookings are `reserved`, and info shows quantity − reserved. A buyer's
 * order books units at once and reaches the orders list `orderDelayMs` later, as on_confirmation;
 * shipping takes the units off, cancelling frees them.
 *
 * A push shows in info only `applyDelayMs` (60 s) after it was taken, unless the read asks for
 * `strong_consistency` («пропустить поход в кеш, отдать данные из базы»): the spec says ordinary
 * reads come from a cache and names no lifetime; a minute is an assumed one, to be measured with
 * `npm run live-check -- --channel avito --set` (AVITO_VERIFY).
 */
import { configureDelays, type Fault, Sandbox, type SandboxRequest, type SandboxResponse, Window } from './base';

export const AVITO_SANDBOX = { clientId: 'sandbox-avito-client', clientSecret: 'sandbox-avito-secret-0123456789' };

/** Defaults of `configure`, restored by `reset`. */
export const AVITO_DELAYS = { applyDelayMs: 60_000, orderDelayMs: 30_000 };
export const AVITO_TOKEN_TTL_SEC = 86_400;

const INFO_IDS_PER_REQUEST = 10;
const STOCK_REQUESTS_PER_MINUTE = 100;
const ORDER_REQUESTS_PER_MINUTE = 500;

/** A listing: pushes in the order taken (the latest is what the database holds), bookings apart. */
interface Listing {
  /** The quantity before the first push still kept. */
  base: number;
  pushes: { quantity: number; at: number }[];
  reserved: number;
  /** The error a push of this listing gets (a listing without delivery, say). */
  refusal?: string;
}

export interface AvitoOrder {
  id: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  /** When the order shows in the orders list. */
  visibleAt: number;
  items: { avitoId: number; count: number; sellerId?: string }[];
  /** Placed through `buyer-order`: its units are booked until shipped or cancelled. */
  books?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class AvitoSandbox extends Sandbox {
  listings = new Map<number, Listing>();
  tokens = new Map<string, number>();
  orders = new Map<string, AvitoOrder>();
  delays = { ...AVITO_DELAYS };
  tokenTtlSec = AVITO_TOKEN_TTL_SEC;
  /** Order management is for B2C sellers only: another account is answered 403. */
  b2c = true;
  private issued = 0;
  private lastPath = '';
  private readonly stocksWindow = new Window(STOCK_REQUESTS_PER_MINUTE, 60_000);
  private readonly infoWindow = new Window(STOCK_REQUESTS_PER_MINUTE, 60_000);
  private readonly ordersWindow = new Window(ORDER_REQUESTS_PER_MINUTE, 60_000);

  reset(): void {
    this.listings.clear();
    this.tokens.clear();
    this.orders.clear();
    this.delays = { ...AVITO_DELAYS };
    this.tokenTtlSec = AVITO_TOKEN_TTL_SEC;
    this.b2c = true;
    this.issued = 0;
    this.stocksWindow.reset();
    this.infoWindow.reset();
    this.ordersWindow.reset();
  }

  /** The error shape depends on the API the path belongs to: the request's path is kept for it. */
  handle(req: SandboxRequest) {
    this.lastPath = req.path;
    return super.handle(req);
  }

  protected authorized(req: SandboxRequest): boolean {
    if (req.path === '/token') return true;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const until = token === undefined ? undefined : this.tokens.get(token);
    return until !== undefined && this.clock.now() < until;
  }

  protected unauthorized(): SandboxResponse {
    return this.error(401, 'Unauthorized: access token is invalid or expired');
  }

  protected error(status: number, message: string): SandboxResponse {
    if (this.lastPath === '/token') return { status, body: { error: 'invalid_request', error_description: message } };
    if (this.lastPath.startsWith('/order-management/')) return { status, body: { code: status, message } };
    return { status, body: { message } };
  }

  protected itemsOf(req: SandboxRequest): number {
    const body = req.body as any;
    if (Array.isArray(body?.stocks)) return body.stocks.length;
    return Array.isArray(body?.item_ids) ? body.item_ids.length : 0;
  }

  protected route(req: SandboxRequest, _fault: Fault | undefined): SandboxResponse {
    const now = this.clock.now();
    const limited = (window: Window) => {
      const wait = window.take(now);
      return wait > 0 ? this.rateLimited(429, wait, 'Too many requests') : undefined;
    };
    switch (req.path) {
      case '/token':
        return this.token(req, now);
      case '/stock-management/1/stocks':
        return limited(this.stocksWindow) ?? this.setStocks(req.body as any, now);
      case '/stock-management/1/info':
        return limited(this.infoWindow) ?? this.info(req.body as any, now);
      case '/order-management/1/orders':
        return limited(this.ordersWindow) ?? this.listOrders(req.query, now);
      default:
        return this.error(404, 'Not implemented in the sandbox');
    }
  }

  /** client_credentials as a form; anything else is a broken request (a JSON body is a violation too). */
  private token(req: SandboxRequest, now: number): SandboxResponse {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      this.violations.push({ method: req.method, path: req.path, errors: [`a form expected, got «${type}»`] });
      return this.error(400, 'form expected');
    }
    const form = (req.body ?? {}) as Record<string, string>;
    if (form.grant_type !== 'client_credentials')
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'unsupported grant type' } };
    if (form.client_id !== AVITO_SANDBOX.clientId || form.client_secret !== AVITO_SANDBOX.clientSecret)
      return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client id or secret' } };
    this.issued++;
    const token = `sandbox-avito-token-${String(this.issued).padStart(6, '0')}`;
    this.tokens.set(token, now + this.tokenTtlSec * 1000);
    return { status: 200, body: { access_token: token, expires_in: this.tokenTtlSec, token_type: 'Bearer' } };
  }

  /** What the database holds (strong) or what the cache shows: the pushes taken at least applyDelayMs ago. */
  private quantityOf(listing: Listing, now: number, strong: boolean): number {
    let quantity = listing.base;
    for (const push of listing.pushes)
      if (strong || push.at <= now - this.delays.applyDelayMs) quantity = push.quantity;
    return quantity;
  }

  /** Pushes every read already shows fold into the base. */
  private settle(listing: Listing, now: number): void {
    while (listing.pushes.length > 1 && listing.pushes[1].at <= now - this.delays.applyDelayMs)
      listing.base = (listing.pushes.shift() as { quantity: number }).quantity;
  }

  private setStocks(body: { stocks: { item_id: number; quantity: number }[] }, now: number): SandboxResponse {
    const stocks = body.stocks.map(({ item_id, quantity }) => {
      const listing = this.listings.get(item_id);
      const refuse = (error: string) => ({ item_id, external_id: null, success: false, errors: [error] });
      if (!listing) return refuse('item not found');
      if (listing.refusal) return refuse(listing.refusal);
      listing.pushes.push({ quantity, at: now });
      this.settle(listing, now);
      return { item_id, external_id: null, success: true, errors: [] };
    });
    return { status: 200, body: { stocks } };
  }

  private info(body: { item_ids: number[]; strong_consistency?: boolean }, now: number): SandboxResponse {
    if (body.item_ids.length > INFO_IDS_PER_REQUEST)
      return this.error(400, `item_ids: no more than ${INFO_IDS_PER_REQUEST} items in one request`);
    const stocks = body.item_ids.flatMap((item_id) => {
      const listing = this.listings.get(item_id);
      if (!listing) return [];
      const quantity = Math.max(0, this.quantityOf(listing, now, body.strong_consistency === true) - listing.reserved);
      return [{ item_id, quantity, is_unlimited: false, is_multiple: quantity > 1, is_out_of_stock: quantity === 0 }];
    });
    return { status: 200, body: { stocks } };
  }

  private listOrders(query: Record<string, string>, now: number): SandboxResponse {
    if (!this.b2c) return this.error(403, 'order management is available to B2C sellers only');
    const page = query.page === undefined ? 1 : Number(query.page);
    const limit = query.limit === undefined ? 20 : Number(query.limit);
    if (!Number.isInteger(page) || page < 1) return this.error(400, 'page must be a whole number from 1');
    const from = query.dateFrom === undefined ? -Infinity : Number(query.dateFrom) * 1000;
    // Newest first: an order placed between two pages moves the rest on by one, as a real list would.
    const all = [...this.orders.values()]
      .filter((o) => o.visibleAt <= now && o.createdAt >= from)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    const slice = all.slice((page - 1) * limit, page * limit);
    return {
      status: 200,
      body: { orders: slice.map((o) => this.orderJson(o)), hasMore: page * limit < all.length },
    };
  }

  private orderJson(o: AvitoOrder) {
    const price = 1000;
    return {
      id: o.id,
      createdAt: iso(o.createdAt),
      updatedAt: iso(o.updatedAt),
      status: o.status,
      items: o.items.map((i) => ({
        avitoId: String(i.avitoId),
        title: `Объявление ${i.avitoId}`,
        count: i.count,
        prices: { price, total: price * i.count },
        ...(i.sellerId ? { id: i.sellerId } : {}),
      })),
      prices: { price: o.items.reduce((sum, i) => sum + price * i.count, 0), total: 0 },
      delivery: { serviceName: 'Авито Доставка' },
      schedules: { shipTill: iso(o.createdAt + 3 * 24 * 3_600_000) },
    };
  }

  state() {
    const now = this.clock.now();
    return {
      listings: Object.fromEntries([...this.listings].map(([id, l]) => [id, this.stockOf(l, now)])),
      tokens: this.issued,
      orders: [...this.orders.values()],
    };
  }

  /** What the database holds, what is booked, and what a cached read shows for sale. */
  private stockOf(listing: Listing, now: number) {
    const quantity = this.quantityOf(listing, now, true);
    return {
      quantity,
      reserved: listing.reserved,
      available: Math.max(0, quantity - listing.reserved),
      shown: Math.max(0, this.quantityOf(listing, now, false) - listing.reserved),
    };
  }

  private listing(itemId: number): Listing {
    const listing = this.listings.get(itemId);
    if (!listing) throw new Error(`no listing ${itemId}`);
    return listing;
  }

  /** A buyer orders `id` (the listing the connector pushes): its units are booked at once. */
  private buyerOrder(body: any, now: number): { orderId: string } {
    const itemId = Number(body.id);
    const count = Number(body.quantity ?? 1);
    const listing = this.listing(itemId);
    const available = this.quantityOf(listing, now, true) - listing.reserved;
    if (available < count) throw new Error(`only ${available} of ${itemId} free for sale`);
    listing.reserved += count;
    // Order numbers as the spec shows them: 17 digits, past what a JavaScript number (or a cell) holds exactly.
    const orderId = String(body.orderId ?? `5${String(this.orders.size + 1).padStart(16, '0')}`);
    this.orders.set(orderId, {
      id: orderId,
      status: 'on_confirmation',
      createdAt: now,
      updatedAt: now,
      visibleAt: now + this.delays.orderDelayMs,
      items: [{ avitoId: itemId, count }],
      books: true,
    });
    return { orderId };
  }

  /** Ship or cancel: the booked units leave with the parcel (the quantity too), or are for sale again. */
  private close(orderId: string, status: 'in_transit' | 'canceled', now: number): AvitoOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    if (order.books) {
      for (const item of order.items) {
        const listing = this.listing(item.avitoId);
        listing.reserved = Math.max(0, listing.reserved - item.count);
        if (status === 'in_transit') {
          listing.base = Math.max(0, listing.base - item.count);
          for (const push of listing.pushes) push.quantity = Math.max(0, push.quantity - item.count);
        }
      }
      order.books = false;
    }
    order.status = status;
    order.updatedAt = Math.max(now, order.visibleAt);
    return order;
  }

  /** The test action: an order that shows at once and moves no stock; an existing one gets a new status. */
  private order(body: any, now: number): AvitoOrder {
    const id = String(body.orderId);
    const existing = this.orders.get(id);
    const order: AvitoOrder = existing
      ? { ...existing, status: body.status ?? existing.status, updatedAt: now }
      : {
          id,
          status: body.status ?? 'on_confirmation',
          createdAt: body.createdAt ?? now,
          updatedAt: now,
          visibleAt: now,
          items: (body.items ?? []).map((i: any) => ({
            avitoId: Number(i.id),
            count: i.count ?? 1,
            ...(i.sellerId ? { sellerId: String(i.sellerId) } : {}),
          })),
        };
    this.orders.set(id, order);
    return order;
  }

  control(action: string, body: any): unknown {
    const now = this.clock.now();
    switch (action) {
      case 'seed': {
        for (const id of body.items as number[])
          if (!this.listings.has(Number(id)))
            this.listings.set(Number(id), { base: Number(body.quantity ?? 0), pushes: [], reserved: 0 });
        return { listings: this.listings.size };
      }
      case 'refuse': {
        // {items, error}: pushes of these listings get this error (none: they are taken again).
        for (const id of body.items as number[]) this.listing(Number(id)).refusal = body.error;
        return { ok: true };
      }
      case 'configure': {
        if (body.tokenTtlSec !== undefined) this.tokenTtlSec = Number(body.tokenTtlSec);
        if (body.b2c !== undefined) this.b2c = Boolean(body.b2c);
        return { ...configureDelays(this.delays, body), tokenTtlSec: this.tokenTtlSec, b2c: this.b2c };
      }
      case 'revoke-tokens':
        this.tokens.clear();
        return { ok: true };
      case 'stock':
        return this.listings.has(Number(body.itemId)) ? this.stockOf(this.listing(Number(body.itemId)), now) : null;
      case 'set-stock': {
        const listing = this.listing(Number(body.itemId));
        listing.base = Number(body.quantity);
        listing.pushes = [];
        if (body.reserved !== undefined) listing.reserved = Number(body.reserved);
        return this.stockOf(listing, now);
      }
      case 'buyer-order':
        return this.buyerOrder(body, now);
      case 'ship':
        return this.close(String(body.orderId), 'in_transit', now);
      case 'cancel':
        return this.close(String(body.orderId), 'canceled', now);
      case 'order':
        return this.order(body, now);
      default:
        throw new Error(`unknown control action ${action}`);
    }
  }
}
