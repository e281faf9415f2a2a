/**
 * Wildberries sandbox (Marketplace and Content APIs on one server): cards with sizes, seller
 * warehouses, stock by chrtId, FBS assembly tasks. A token bucket of 20 refilled every 200 ms
 * (300 a minute) where a 4xx answer costs 10; 204 for a stock update even when nothing changed.
 */
import { type Fault, Sandbox, type SandboxRequest, type SandboxResponse } from './base';

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
}

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
  stocks = new Map<number, Map<number, number>>();
  orders = new Map<number, WbOrder>();
  private readonly marketplaceBucket = new TokenBucket(20, 200);
  private readonly contentBucket = new TokenBucket(5, 600);

  reset(): void {
    this.cards = [];
    this.stocks.clear();
    this.orders.clear();
    this.marketplaceBucket.reset();
    this.contentBucket.reset();
  }

  protected authorized(req: SandboxRequest): boolean {
    const value = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    return value === WB_SANDBOX.token;
  }

  protected unauthorized(): SandboxResponse {
    return {
      status: 401,
      headers: { 'Content-Type': 'application/problem+json' },
      body: {
        title: 'unauthorized',
        detail: 'token is malformed',
        code: '07e4668e-unauthorized',
        requestId: 'sandbox',
        origin: 's2s-api-auth',
        status: 401,
        statusText: 'Unauthorized',
        timestamp: new Date(this.clock.now()).toISOString(),
      },
    };
  }

  protected error(status: number, message: string): SandboxResponse {
    if (status === 429) {
      return {
        status,
        headers: { 'Content-Type': 'application/problem+json', 'X-Ratelimit-Remaining': '0' },
        body: {
          title: 'too many requests',
          detail: message,
          code: '',
          requestId: 'sandbox',
          origin: 'api-marketplace',
          status: 429,
          statusText: 'Too Many Requests',
          timestamp: new Date(this.clock.now()).toISOString(),
        },
      };
    }
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

  private knownChrt(chrtId: number): boolean {
    return this.cards.some((c) => c.sizes.some((s) => s.chrtID === chrtId));
  }

  protected route(req: SandboxRequest, fault: Fault | undefined): SandboxResponse {
    const now = this.clock.now();
    const content = req.path.startsWith('/content/');
    const bucket = content ? this.contentBucket : this.marketplaceBucket;
    const wait = bucket.take(now);
    if (wait > 0) return this.rateLimited(429, wait, 'Too many requests');
    const response = this.answer(req, fault);
    // "Один запрос с кодами ответов 4XX учитывается как 10 запросов"
    if (response.status >= 400 && response.status < 500) bucket.charge(now, 9);
    return response;
  }

  private answer(req: SandboxRequest, fault: Fault | undefined): SandboxResponse {
    const body = req.body as any;
    const stockPath = /^\/api\/v3\/stocks\/(\d+)$/.exec(req.path);
    if (req.method === 'get' && req.path === '/api/v3/warehouses') return { status: 200, body: WB_WAREHOUSES };
    if (stockPath) {
      const warehouse = Number(stockPath[1]);
      if (!WB_WAREHOUSES.some((w) => w.id === warehouse)) return this.error(404, 'Warehouse not found');
      const stock = this.stocks.get(warehouse) ?? new Map<number, number>();
      this.stocks.set(warehouse, stock);
      if (req.method === 'post') {
        return {
          status: 200,
          body: {
            stocks: (body.chrtIds as number[])
              .filter((c) => stock.has(c))
              .map((c) => ({ chrtId: c, amount: stock.get(c) })),
          },
        };
      }
      if (req.method === 'put') {
        if (fault?.kind === 'silent') return { status: 204 };
        const notFound: any[] = [];
        const tooMuch: any[] = [];
        for (const item of body.stocks as any[]) {
          // Field names are not checked: an item without chrtId is silently ignored, as WB does.
          if (typeof item.chrtId !== 'number' || typeof item.amount !== 'number') continue;
          if (!this.knownChrt(item.chrtId)) notFound.push({ chrtId: item.chrtId, amount: item.amount });
          else if (item.amount > 100_000) tooMuch.push({ chrtId: item.chrtId, amount: item.amount });
          else stock.set(item.chrtId, item.amount);
        }
        const conflicts = [
          ...(notFound.length ? [{ code: 'NotFound', message: 'Не найдено', data: notFound }] : []),
          ...(tooMuch.length
            ? [{ code: 'UploadDataLimit', message: 'Превышен лимит загружаемых данных', data: tooMuch }]
            : []),
        ];
        return conflicts.length ? { status: 409, body: conflicts } : { status: 204 };
      }
    }
    if (req.method === 'post' && req.path === '/content/v2/get/cards/list') {
      const cursor = body.settings?.cursor ?? {};
      const limit = Number(cursor.limit ?? 100);
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
    if (req.method === 'get' && req.path === '/api/v3/orders/new') {
      return {
        status: 200,
        body: { orders: [...this.orders.values()].filter((o) => o.supplierStatus === 'new').map(publicOrder) },
      };
    }
    if (req.method === 'get' && req.path === '/api/v3/orders') {
      const from = Number(req.query.dateFrom ?? 0) * 1000,
        to = Number(req.query.dateTo ?? Infinity) * 1000;
      const next = Number(req.query.next ?? 0),
        limit = Number(req.query.limit);
      const list = [...this.orders.values()]
        .filter((o) => {
          const t = Date.parse(o.createdAt);
          return t >= from && t <= to && o.id > next;
        })
        .sort((a, b) => a.id - b.id)
        .slice(0, limit);
      return {
        status: 200,
        body: { next: list.length ? list[list.length - 1].id : next, orders: list.map(publicOrder) },
      };
    }
    if (req.method === 'post' && req.path === '/api/v3/orders/status') {
      return {
        status: 200,
        body: {
          orders: (body.orders as number[])
            .filter((id) => this.orders.has(id))
            .map((id) => {
              const o = this.orders.get(id) as WbOrder;
              return { id, supplierStatus: o.supplierStatus, wbStatus: o.wbStatus };
            }),
        },
      };
    }
    return this.error(404, 'Not implemented in the sandbox');
  }

  state() {
    return {
      cards: this.cards.length,
      stocks: Object.fromEntries([...this.stocks].map(([w, m]) => [w, Object.fromEntries(m)])),
      orders: [...this.orders.values()],
    };
  }

  control(action: string, body: any): unknown {
    switch (action) {
      case 'seed': {
        // body.items: [{ vendorCode, barcodes: [...] per size }]
        for (const item of body.items as { vendorCode: string; sizes: string[][] }[]) {
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
      case 'order': {
        const existing = this.orders.get(body.id);
        const order: WbOrder = existing
          ? {
              ...existing,
              supplierStatus: body.supplierStatus ?? existing.supplierStatus,
              wbStatus: body.wbStatus ?? existing.wbStatus,
            }
          : (() => {
              const size = this.cards
                .flatMap((c) => c.sizes.map((s) => ({ c, s })))
                .find(
                  ({ c, s }) =>
                    s.chrtID === body.chrtId || s.skus.includes(body.barcode) || c.vendorCode === body.vendorCode,
                );
              if (!size) throw new Error('no such item');
              return {
                id: body.id,
                createdAt: new Date(body.createdAt ?? this.clock.now()).toISOString(),
                chrtId: size.s.chrtID,
                nmId: size.c.nmID,
                article: size.c.vendorCode,
                skus: size.s.skus,
                warehouseId: body.warehouseId ?? WB_WAREHOUSES[0].id,
                supplierStatus: body.supplierStatus ?? 'new',
                wbStatus: body.wbStatus ?? 'waiting',
              };
            })();
        this.orders.set(order.id, order);
        return order;
      }
      case 'stock':
        return this.stocks.get(body.warehouseId)?.get(body.chrtId) ?? null;
      case 'set-stock': {
        const stock = this.stocks.get(body.warehouseId) ?? new Map<number, number>();
        stock.set(body.chrtId, body.amount);
        this.stocks.set(body.warehouseId, stock);
        return { ok: true };
      }
      default:
        throw new Error(`unknown control action ${action}`);
    }
  }
}

function publicOrder(o: WbOrder) {
  const { supplierStatus: _s, wbStatus: _w, ...rest } = o;
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
