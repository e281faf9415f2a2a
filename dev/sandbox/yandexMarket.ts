/**
 * Yandex Market Partner API sandbox: campaigns of one business, offers, stock per campaign, business
 * orders. Limits answer HTTP 420 with X-RateLimit-Resource-Until; a bad SKU rejects the whole
 * request with 400; at most 2 requests of one key at the same moment.
 */
import { type Fault, Sandbox, type SandboxRequest, type SandboxResponse, Window } from './base';

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

export interface YmOrder {
  orderId: number;
  campaignId: number;
  status: string;
  substatus: string;
  creationDate: string;
  updateDate: number;
  items: { id: number; offerId: string; count: number }[];
}

export class YandexMarketSandbox extends Sandbox {
  offers = new Set<string>();
  stocks = new Map<number, Map<string, { count: number; updatedAt: string }>>();
  orders = new Map<number, YmOrder>();
  private readonly updateWindow = new Window(100_000, 60_000);

  reset(): void {
    this.offers.clear();
    this.stocks.clear();
    this.orders.clear();
    this.updateWindow.reset();
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
          : status >= 500
            ? 'INTERNAL_ERROR'
            : 'BAD_REQUEST';
    return { status, body: { status: 'ERROR', errors: [{ code, message }] } };
  }

  protected rateLimited(status: number, retryAfterSec: number, message: string): SandboxResponse {
    const until = new Date(this.clock.now() + Math.max(1, Math.ceil(retryAfterSec)) * 1000).toUTCString();
    const response = this.error(status, message);
    return { ...response, headers: { 'X-RateLimit-Resource-Until': until, 'X-RateLimit-Resource-Remaining': '0' } };
  }

  protected itemsOf(req: SandboxRequest): number {
    const body = req.body as any;
    return Array.isArray(body?.skus) ? body.skus.length : Array.isArray(body?.offerIds) ? body.offerIds.length : 0;
  }

  protected route(req: SandboxRequest, _fault: Fault | undefined): SandboxResponse {
    const now = this.clock.now();
    if (this.inFlight > 2) return this.rateLimited(420, 1, 'Hit rate limit of 2 parallel requests');
    const body = req.body as any;
    const stocks = /^\/v2\/campaigns\/(\d+)\/offers\/stocks$/.exec(req.path);
    if (req.method === 'get' && req.path === '/v2/campaigns') {
      return {
        status: 200,
        body: {
          campaigns: YM_CAMPAIGNS,
          pager: {
            total: YM_CAMPAIGNS.length,
            from: 1,
            to: YM_CAMPAIGNS.length,
            currentPage: 1,
            pagesCount: 1,
            pageSize: 100,
          },
        },
      };
    }
    if (stocks) {
      const campaign = Number(stocks[1]);
      if (!YM_CAMPAIGNS.some((c) => c.id === campaign)) return this.error(404, `Campaign ${campaign} not found`);
      const stock = this.stocks.get(campaign) ?? new Map();
      this.stocks.set(campaign, stock);
      if (req.method === 'put') {
        const skus = body.skus as { sku: string; items: { count: number }[] }[];
        const wait = this.updateWindow.take(now, skus.length);
        if (wait > 0)
          return this.rateLimited(420, wait, 'Hit rate limit of 100000 SKUs per 1m for resource updateStocks');
        const seen = new Set<string>();
        const duplicates = skus.filter((s) => seen.has(s.sku) || !seen.add(s.sku)).map((s) => s.sku);
        if (duplicates.length) return this.error(400, `Duplicate SKUs: ${duplicates.slice(0, 5).join(', ')}`);
        const unknown = skus.filter((s) => !this.offers.has(s.sku)).map((s) => s.sku);
        if (unknown.length) return this.error(400, `Offers not found: ${unknown.slice(0, 5).join(', ')}`);
        for (const s of skus) stock.set(s.sku, { count: s.items[0].count, updatedAt: new Date(now).toISOString() });
        return { status: 200, body: { status: 'OK' } };
      }
      const ids: string[] = body?.offerIds ?? [...stock.keys()];
      const limit = Number(req.query.limit ?? 100);
      const offset = Number(req.query.pageToken ?? 0);
      const page = ids.filter((id) => stock.has(id)).slice(offset, offset + limit);
      const next = offset + page.length;
      return {
        status: 200,
        body: {
          status: 'OK',
          result: {
            paging: next < ids.length && page.length === limit ? { nextPageToken: String(next) } : {},
            warehouses: [
              {
                warehouseId: 555,
                offers: page.map((id) => ({
                  offerId: id,
                  updatedAt: stock.get(id).updatedAt,
                  stocks: [
                    { type: 'FIT', count: stock.get(id).count },
                    { type: 'AVAILABLE', count: stock.get(id).count },
                  ],
                })),
              },
            ],
          },
        },
      };
    }
    const orders = /^\/v1\/businesses\/(\d+)\/orders$/.exec(req.path);
    if (orders && req.method === 'post') {
      if (Number(orders[1]) !== YM_SANDBOX.businessId) return this.error(403, 'No access to this business');
      const from = body.dates?.updateDateFrom ? Date.parse(body.dates.updateDateFrom) : now - 30 * 86_400_000;
      const to = body.dates?.updateDateTo ? Date.parse(body.dates.updateDateTo) : now;
      if (to - from > 30 * 86_400_000 + 1000) return this.error(400, 'Period must not exceed 30 days');
      const list = [...this.orders.values()]
        .filter(
          (o) =>
            o.updateDate >= from &&
            o.updateDate <= to &&
            (!body.campaignIds || body.campaignIds.includes(o.campaignId)),
        )
        .sort((a, b) => a.orderId - b.orderId);
      const limit = Number(req.query.limit ?? 50);
      const offset = Number(req.query.pageToken ?? 0);
      const page = list.slice(offset, offset + limit);
      const next = offset + page.length;
      return {
        status: 200,
        body: {
          orders: page.map((o) => ({
            ...o,
            updateDate: new Date(o.updateDate).toISOString(),
            programType: 'FBS',
            fake: false,
            items: o.items.map((i) => ({ ...i, offerName: i.offerId })),
          })),
          paging: next < list.length ? { nextPageToken: String(next) } : {},
        },
      };
    }
    return this.error(404, 'Not implemented in the sandbox');
  }

  state() {
    return {
      offers: this.offers.size,
      stocks: Object.fromEntries(
        [...this.stocks].map(([c, m]) => [c, Object.fromEntries([...m].map(([k, v]) => [k, v.count]))]),
      ),
      orders: [...this.orders.values()],
    };
  }

  control(action: string, body: any): unknown {
    const now = this.clock.now();
    switch (action) {
      case 'seed':
        for (const id of body.offers as string[]) this.offers.add(id);
        return { offers: this.offers.size };
      case 'order': {
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
              items: body.items.map((i: any, k: number) => ({ id: k + 1, offerId: i.offerId, count: i.count ?? 1 })),
            };
        this.orders.set(order.orderId, order);
        return order;
      }
      case 'stock':
        return this.stocks.get(body.campaignId)?.get(body.offerId)?.count ?? null;
      case 'set-stock': {
        const stock = this.stocks.get(body.campaignId) ?? new Map();
        stock.set(body.offerId, { count: body.count, updatedAt: new Date(this.clock.now()).toISOString() });
        this.stocks.set(body.campaignId, stock);
        return { ok: true };
      }
      default:
        throw new Error(`unknown control action ${action}`);
    }
  }
}
