/**
 * Ozon Seller API sandbox, built on the project's description (src/connectors/ozon.api.ts): the
 * validator refuses what the schemas do not allow (e.g. `limit` over 100 on the postings list) with
 * Ozon's 400 `rpcStatus`; this file enforces what the spec states only in prose (100 pairs a push,
 * 80 pushes a minute, each pair once per 30 s, a postings period of at most a year).
 *
 * Stock per offer × warehouse is kept as Ozon reports it: `present` (all units on the warehouse,
 * reserved ones included), `reserved`, and `free_stock` = present − reserved, what is shown for sale.
 * A push sets the units «в наличии без учёта зарезервированных», i.e. free_stock, and shows in reads
 * only `applyDelayMs` after it was accepted. A buyer's order reserves units at once and reaches the
 * postings list `orderDelayMs` later, as awaiting_packaging.
 */
import { configureDelays, type Fault, Sandbox, type SandboxRequest, type SandboxResponse, Window } from './base';

export const OZON_SANDBOX = { clientId: '1001', apiKey: 'sandbox-ozon-key' };
export const OZON_WAREHOUSES = [
  { warehouse_id: 22254230484000, name: 'Склад Москва (FBS)', status: 'created', is_rfbs: false },
  { warehouse_id: 22254230484001, name: 'Склад Казань (rFBS)', status: 'created', is_rfbs: true },
];

/** Defaults of `configure`, restored by `reset`. */
export const OZON_DELAYS = { applyDelayMs: 60_000, orderDelayMs: 30_000 };

const PAIRS_PER_PUSH = 100;
const PUSHES_PER_MINUTE = 80;
const SAME_PAIR_INTERVAL_MS = 30_000;
const MAX_PERIOD_MS = 366 * 24 * 3600 * 1000;

export interface OzonPosting {
  posting_number: string;
  order_id: number;
  status: string;
  in_process_at: string;
  changed_at: number;
  /** When the posting shows in /v4/posting/fbs/list. */
  visible_at: number;
  warehouse_id: number;
  products: { offer_id: string; sku: number; name: string; quantity: number }[];
  /** Placed through `buyer-order`: its units are reserved on the warehouse until shipped or cancelled. */
  reserves?: boolean;
}

interface StockEntry {
  present: number;
  reserved: number;
}

interface PendingPush {
  key: string;
  stock: number;
  due: number;
}

const keyOf = (offer: string, warehouse: number | string) => `${offer}|${warehouse}`;
const freeOf = (s: StockEntry) => Math.max(0, s.present - s.reserved);

export class OzonSandbox extends Sandbox {
  offers = new Map<string, { product_id: number; sku: number; archived?: boolean }>();
  stock = new Map<string, StockEntry>();
  lastUpdate = new Map<string, number>();
  postings = new Map<string, OzonPosting>();
  delays = { ...OZON_DELAYS };
  private pending: PendingPush[] = [];
  private readonly stocksWindow = new Window(PUSHES_PER_MINUTE, 60_000);
  private readonly globalWindow = new Window(50, 1_000);

  reset(): void {
    this.offers.clear();
    this.stock.clear();
    this.lastUpdate.clear();
    this.postings.clear();
    this.pending = [];
    this.delays = { ...OZON_DELAYS };
    this.stocksWindow.reset();
    this.globalWindow.reset();
  }

  protected authorized(req: SandboxRequest): boolean {
    return req.headers['client-id'] === OZON_SANDBOX.clientId && req.headers['api-key'] === OZON_SANDBOX.apiKey;
  }

  protected unauthorized(): SandboxResponse {
    return { status: 403, body: { code: 7, message: 'Api-key is deactivated, use another one', details: [] } };
  }

  protected error(status: number, message: string): SandboxResponse {
    return { status, body: { code: status === 429 ? 8 : 3, message, details: [] } };
  }

  protected itemsOf(req: SandboxRequest): number {
    const body = req.body as any;
    return Array.isArray(body?.stocks) ? body.stocks.length : 0;
  }

  protected route(req: SandboxRequest, _fault: Fault | undefined): SandboxResponse {
    const now = this.clock.now();
    const wait = this.globalWindow.take(now);
    if (wait > 0) return this.rateLimited(429, wait, 'You have reached request rate limit per second');
    this.applyDuePushes(now);
    const body = req.body as any;
    switch (req.path) {
      case '/v2/warehouse/list':
        return { status: 200, body: { warehouses: OZON_WAREHOUSES, cursor: '', has_next: false } };
      case '/v2/products/stocks':
        return this.setStocks(body, now);
      case '/v1/product/info/warehouse/stocks':
        return this.warehouseStocks(body, now);
      case '/v4/posting/fbs/list':
        return this.listPostings(body, now);
      default:
        return this.error(404, 'Not implemented in the sandbox');
    }
  }

  /** Pushes whose delay has passed now show: the units pushed are free, reserved ones stay on top. */
  private applyDuePushes(now: number): void {
    const due = this.pending.filter((p) => p.due <= now);
    if (!due.length) return;
    this.pending = this.pending.filter((p) => p.due > now);
    for (const push of due) {
      const entry = this.stock.get(push.key) ?? { present: 0, reserved: 0 };
      entry.present = push.stock + entry.reserved;
      this.stock.set(push.key, entry);
    }
  }

  private setStocks(body: any, now: number): SandboxResponse {
    if (body.stocks.length > PAIRS_PER_PUSH)
      return this.error(400, `stocks: value must contain no more than ${PAIRS_PER_PUSH} item(s)`);
    const slot = this.stocksWindow.take(now);
    if (slot > 0) return this.rateLimited(429, slot, 'You have reached request rate limit per minute');
    return { status: 200, body: { result: body.stocks.map((s: any) => this.setOne(s, now)) } };
  }

  private setOne(s: any, now: number) {
    const offer = this.offers.get(s.offer_id);
    const base = { offer_id: s.offer_id, product_id: offer?.product_id ?? 0, warehouse_id: s.warehouse_id };
    const refuse = (code: string, message: string) => ({ ...base, updated: false, errors: [{ code, message }] });
    if (!offer) return refuse('NOT_FOUND', 'Product not found');
    if (!OZON_WAREHOUSES.some((w) => w.warehouse_id === s.warehouse_id))
      return refuse('WAREHOUSE_NOT_FOUND', 'Warehouse not found');
    if (offer.archived) return refuse('PRODUCT_IS_ARCHIVED', 'Product is archived');
    const key = keyOf(s.offer_id, s.warehouse_id);
    const last = this.lastUpdate.get(key);
    if (last !== undefined && now - last < SAME_PAIR_INTERVAL_MS)
      return refuse('TOO_MANY_REQUESTS', 'Too many requests for this item and warehouse');
    this.lastUpdate.set(key, now);
    this.pending.push({ key, stock: s.stock, due: now + this.delays.applyDelayMs });
    this.applyDuePushes(now);
    return { ...base, updated: true, errors: [] };
  }

  private warehouseStocks(body: any, now: number): SandboxResponse {
    const entries = [...this.stock.entries()].filter(([key]) => key.endsWith(`|${body.warehouse_id}`));
    const offset = Number(body.cursor || 0);
    const page = entries.slice(offset, offset + body.limit);
    const next = offset + page.length;
    const stocks = page.map(([key, s]) => {
      const offer = key.slice(0, key.lastIndexOf('|'));
      return {
        offer_id: offer,
        product_id: this.offers.get(offer)?.product_id ?? 0,
        sku: this.offers.get(offer)?.sku ?? 0,
        warehouse_id: body.warehouse_id,
        present: s.present,
        reserved: s.reserved,
        free_stock: freeOf(s),
        updated_at: new Date(this.lastUpdate.get(key) ?? now).toISOString(),
      };
    });
    return {
      status: 200,
      body: { cursor: next < entries.length ? String(next) : '', has_next: next < entries.length, stocks },
    };
  }

  private listPostings(body: any, now: number): SandboxResponse {
    const f = body.filter;
    const since = Date.parse(f.since);
    const to = Date.parse(f.to);
    if (!(since <= to)) return this.error(400, 'filter.since must not be after filter.to');
    if (to - since > MAX_PERIOD_MS) return this.error(400, 'the period must not be longer than a year');
    const changedFrom = f.last_changed_status_date?.from ? Date.parse(f.last_changed_status_date.from) : -Infinity;
    const changedTo = f.last_changed_status_date?.to ? Date.parse(f.last_changed_status_date.to) : Infinity;
    const warehouses: string[] = (f.warehouse_ids ?? []).map(String);
    const all = [...this.postings.values()]
      .filter((p) => p.visible_at <= now)
      .filter((p) => {
        const created = Date.parse(p.in_process_at);
        return created >= since && created <= to;
      })
      .filter((p) => p.changed_at >= changedFrom && p.changed_at <= changedTo)
      .filter((p) => !f.statuses?.length || f.statuses.includes(p.status))
      .filter((p) => !warehouses.length || warehouses.includes(String(p.warehouse_id)))
      .sort((a, b) => (body.sort_dir === 'DESC' ? b.changed_at - a.changed_at : a.changed_at - b.changed_at));
    const offset = Number(body.cursor || 0);
    const page = all.slice(offset, offset + body.limit);
    const next = offset + page.length;
    const postings = page.map(({ changed_at: _c, visible_at: _v, reserves: _r, warehouse_id, ...p }) => ({
      ...p,
      delivery_method: { warehouse_id },
    }));
    return {
      status: 200,
      body: { cursor: next < all.length ? String(next) : '', has_next: next < all.length, postings },
    };
  }

  state() {
    return {
      offers: this.offers.size,
      stock: Object.fromEntries(this.stock),
      pending: this.pending.length,
      postings: [...this.postings.values()],
    };
  }

  private entry(offer: string, warehouse: number): StockEntry {
    const key = keyOf(offer, warehouse);
    const entry = this.stock.get(key) ?? { present: 0, reserved: 0 };
    this.stock.set(key, entry);
    return entry;
  }

  private newPostingNumber(): string {
    return `${String(10_000_000 + this.postings.size + 1)}-0001-1`;
  }

  /** A buyer orders `id` (the offer_id the connector sends): free_stock → reserved at once. */
  private buyerOrder(body: any, now: number): { orderId: string } {
    const warehouse = Number(body.warehouse_id ?? OZON_WAREHOUSES[0].warehouse_id);
    const quantity = Number(body.quantity ?? 1);
    const entry = this.entry(String(body.id), warehouse);
    if (freeOf(entry) < quantity) throw new Error(`only ${freeOf(entry)} of ${body.id} free for sale`);
    entry.reserved += quantity;
    const orderId = String(body.orderId ?? this.newPostingNumber());
    const visible = now + this.delays.orderDelayMs;
    this.postings.set(orderId, {
      posting_number: orderId,
      order_id: this.postings.size + 1,
      status: 'awaiting_packaging',
      // Dated when the buyer ordered, as a marketplace does, though the API lists it only later: a reader
      // whose window starts after the order was placed never sees it.
      in_process_at: new Date(now).toISOString(),
      changed_at: now,
      visible_at: visible,
      warehouse_id: warehouse,
      products: [{ offer_id: String(body.id), sku: this.offers.get(body.id)?.sku ?? 0, name: body.id, quantity }],
      reserves: true,
    });
    return { orderId };
  }

  /** Ship or cancel: the reserved units leave the warehouse (present too) or become free again. */
  private settle(orderId: string, status: 'delivering' | 'cancelled', now: number): OzonPosting {
    const posting = this.postings.get(orderId);
    if (!posting) throw new Error(`no posting ${orderId}`);
    if (posting.reserves) {
      for (const line of posting.products) {
        const entry = this.entry(line.offer_id, posting.warehouse_id);
        entry.reserved = Math.max(0, entry.reserved - line.quantity);
        if (status === 'delivering') entry.present = Math.max(0, entry.present - line.quantity);
      }
      posting.reserves = false;
    }
    posting.status = status;
    posting.changed_at = Math.max(now, posting.visible_at);
    return posting;
  }

  /** The existing test action: a posting that shows at once and moves no stock. */
  private posting(body: any, now: number): OzonPosting {
    const existing = this.postings.get(body.posting_number);
    const posting: OzonPosting = existing
      ? { ...existing, status: body.status ?? existing.status, changed_at: now }
      : {
          posting_number: body.posting_number,
          order_id: this.postings.size + 1,
          status: body.status ?? 'awaiting_packaging',
          in_process_at: new Date(body.createdAt ?? now).toISOString(),
          changed_at: now,
          visible_at: now,
          warehouse_id: body.warehouse_id ?? OZON_WAREHOUSES[0].warehouse_id,
          products: body.products.map((p: any) => ({
            offer_id: p.offer_id,
            sku: this.offers.get(p.offer_id)?.sku ?? 0,
            name: p.offer_id,
            quantity: p.quantity ?? 1,
          })),
        };
    this.postings.set(posting.posting_number, posting);
    return posting;
  }

  control(action: string, body: any): unknown {
    const now = this.clock.now();
    this.applyDuePushes(now);
    switch (action) {
      case 'seed': {
        for (const offer of body.offers as string[])
          if (!this.offers.has(offer))
            this.offers.set(offer, { product_id: 100_000 + this.offers.size, sku: 900_000 + this.offers.size });
        return { offers: this.offers.size };
      }
      case 'archive': {
        for (const offer of body.offers as string[]) {
          const known = this.offers.get(offer);
          if (known) known.archived = body.archived ?? true;
        }
        return { ok: true };
      }
      case 'configure':
        return configureDelays(this.delays, body);
      case 'posting':
        return this.posting(body, now);
      case 'buyer-order':
        return this.buyerOrder(body, now);
      case 'ship':
        return this.settle(String(body.orderId), 'delivering', now);
      case 'cancel':
        return this.settle(String(body.orderId), 'cancelled', now);
      case 'stock': {
        const s = this.stock.get(keyOf(body.offer_id, body.warehouse_id));
        return s ? { ...s, free_stock: freeOf(s) } : null;
      }
      case 'set-stock': {
        const entry = this.entry(body.offer_id, body.warehouse_id);
        entry.present = body.present;
        if (body.reserved !== undefined) entry.reserved = body.reserved;
        return entry;
      }
      default:
        throw new Error(`unknown control action ${action}`);
    }
  }
}
