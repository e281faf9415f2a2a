/** Ozon Seller API sandbox: warehouses, offers, stock per offer × warehouse, FBS postings. */
import { type Fault, Sandbox, type SandboxRequest, type SandboxResponse, Window } from './base';

export const OZON_SANDBOX = { clientId: '1001', apiKey: 'sandbox-ozon-key' };
export const OZON_WAREHOUSES = [
  { warehouse_id: 22254230484000, name: 'Склад Москва (FBS)', status: 'created', is_rfbs: false },
  { warehouse_id: 22254230484001, name: 'Склад Казань (rFBS)', status: 'created', is_rfbs: true },
];

export interface OzonPosting {
  posting_number: string;
  order_id: number;
  status: string;
  in_process_at: string;
  changed_at: number;
  warehouse_id: number;
  products: { offer_id: string; sku: number; name: string; quantity: number }[];
}

export class OzonSandbox extends Sandbox {
  offers = new Map<string, { product_id: number; sku: number }>();
  stock = new Map<string, { present: number; reserved: number }>();
  lastUpdate = new Map<string, number>();
  postings = new Map<string, OzonPosting>();
  private readonly stocksWindow = new Window(80, 60_000);
  private readonly globalWindow = new Window(50, 1_000);

  reset(): void {
    this.offers.clear();
    this.stock.clear();
    this.lastUpdate.clear();
    this.postings.clear();
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
    const body = req.body as any;
    switch (req.path) {
      case '/v2/warehouse/list':
        return { status: 200, body: { warehouses: OZON_WAREHOUSES, cursor: '', has_next: false } };
      case '/v2/products/stocks': {
        const slot = this.stocksWindow.take(now);
        if (slot > 0) return this.rateLimited(429, slot, 'You have reached request rate limit per minute');
        const result = body.stocks.map((s: any) => {
          const key = `${s.offer_id}|${s.warehouse_id}`;
          const base = {
            offer_id: s.offer_id,
            product_id: this.offers.get(s.offer_id)?.product_id ?? 0,
            warehouse_id: s.warehouse_id,
          };
          if (!this.offers.has(s.offer_id))
            return { ...base, updated: false, errors: [{ code: 'NOT_FOUND', message: 'Product not found' }] };
          if (!OZON_WAREHOUSES.some((w) => w.warehouse_id === s.warehouse_id))
            return {
              ...base,
              updated: false,
              errors: [{ code: 'WAREHOUSE_NOT_FOUND', message: 'Warehouse not found' }],
            };
          const last = this.lastUpdate.get(key);
          if (last !== undefined && now - last < 30_000)
            return {
              ...base,
              updated: false,
              errors: [{ code: 'TOO_MANY_REQUESTS', message: 'Too many requests for this item and warehouse' }],
            };
          this.lastUpdate.set(key, now);
          const entry = this.stock.get(key) ?? { present: 0, reserved: 0 };
          entry.present = s.stock;
          this.stock.set(key, entry);
          return { ...base, updated: true, errors: [] };
        });
        return { status: 200, body: { result } };
      }
      case '/v1/product/info/warehouse/stocks': {
        const entries = [...this.stock.entries()].filter(([key]) => key.endsWith(`|${body.warehouse_id}`));
        const offset = Number(body.cursor || 0);
        const page = entries.slice(offset, offset + body.limit);
        const next = offset + page.length;
        return {
          status: 200,
          body: {
            cursor: next < entries.length ? String(next) : '',
            has_next: next < entries.length,
            stocks: page.map(([key, s]) => {
              const offer = key.slice(0, key.lastIndexOf('|'));
              return {
                offer_id: offer,
                product_id: this.offers.get(offer)?.product_id ?? 0,
                sku: this.offers.get(offer)?.sku ?? 0,
                warehouse_id: body.warehouse_id,
                present: s.present,
                reserved: s.reserved,
                free_stock: Math.max(0, s.present - s.reserved),
                updated_at: new Date(this.lastUpdate.get(key) ?? now).toISOString(),
              };
            }),
          },
        };
      }
      case '/v4/posting/fbs/list': {
        const f = body.filter;
        const since = Date.parse(f.since),
          to = Date.parse(f.to);
        const changedFrom = f.last_changed_status_date?.from ? Date.parse(f.last_changed_status_date.from) : -Infinity;
        const changedTo = f.last_changed_status_date?.to ? Date.parse(f.last_changed_status_date.to) : Infinity;
        const all = [...this.postings.values()]
          .filter((p) => {
            const created = Date.parse(p.in_process_at);
            return created >= since && created <= to;
          })
          .filter((p) => p.changed_at >= changedFrom && p.changed_at <= changedTo)
          .filter((p) => !f.statuses?.length || f.statuses.includes(p.status))
          .filter((p) => !f.warehouse_ids?.length || f.warehouse_ids.includes(p.warehouse_id))
          .sort((a, b) => a.changed_at - b.changed_at);
        const offset = Number(body.cursor || 0);
        const page = all.slice(offset, offset + body.limit);
        const next = offset + page.length;
        return {
          status: 200,
          body: {
            cursor: next < all.length ? String(next) : '',
            has_next: next < all.length,
            postings: page.map(({ changed_at: _c, warehouse_id, ...p }) => ({
              ...p,
              delivery_method: { warehouse_id },
            })),
          },
        };
      }
      default:
        return this.error(404, 'Not implemented in the sandbox');
    }
  }

  state() {
    return { offers: this.offers.size, stock: Object.fromEntries(this.stock), postings: [...this.postings.values()] };
  }

  control(action: string, body: any): unknown {
    const now = this.clock.now();
    switch (action) {
      case 'seed': {
        for (const offer of body.offers as string[])
          if (!this.offers.has(offer))
            this.offers.set(offer, { product_id: 100_000 + this.offers.size, sku: 900_000 + this.offers.size });
        return { offers: this.offers.size };
      }
      case 'posting': {
        const existing = this.postings.get(body.posting_number);
        const posting: OzonPosting = existing
          ? { ...existing, status: body.status ?? existing.status, changed_at: now }
          : {
              posting_number: body.posting_number,
              order_id: this.postings.size + 1,
              status: body.status ?? 'awaiting_packaging',
              in_process_at: new Date(body.createdAt ?? now).toISOString(),
              changed_at: now,
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
      case 'stock':
        return this.stock.get(`${body.offer_id}|${body.warehouse_id}`) ?? null;
      case 'set-stock': {
        const key = `${body.offer_id}|${body.warehouse_id}`;
        const entry = this.stock.get(key) ?? { present: 0, reserved: 0 };
        entry.present = body.present;
        this.stock.set(key, entry);
        return entry;
      }
      default:
        throw new Error(`unknown control action ${action}`);
    }
  }
}
