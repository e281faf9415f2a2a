/**
 * MegaMarket merchant API sandbox, built on the project's description (src/connectors/megamarket.api.ts).
 * It answers as the doc says the legacy API does: the token in the body, and a logical error — a wrong
 * token, an unknown offer, too many offers or shipments in one request — as HTTP 200 with `success: 0`
 * and `error`, the whole request refused. There is no stock read in this API: what MegaMarket shows is
 * visible only through the control panel ('stock').
 *
 * Per offer it keeps what is for sale (`available`) and what buyers' orders hold (`reserved`). A push
 * sets `available` only `applyDelayMs` after it was taken; a buyer's order moves units to `reserved` at
 * once and reaches order/search `orderDelayMs` later as NEW; shipping takes them away, a cancel frees them.
 */
import { configureDelays, type Fault, Sandbox, type SandboxRequest, type SandboxResponse, Window } from './base';

export const MM_SANDBOX = { token: '3f6c1e2a-9b7d-4c58-a1e0-5d2f8b7c9e41' };
/** Defaults of `configure`, restored by `reset`. */
export const MM_DELAYS = { applyDelayMs: 60_000, orderDelayMs: 30_000 };

const STOCKS = '/api/merchantIntegration/v1/offerService/stock/update';
const SEARCH = '/api/market/v1/orderService/order/search';
const GET = '/api/market/v1/orderService/order/get';
const STOCKS_PER_REQUEST = 300;
const SEARCH_LIMIT = 100;
const SHIPMENTS_PER_GET = 50;
const REQUESTS_PER_SECOND = 5;

export interface MmShipment {
  shipmentId: string;
  status: string;
  creationDate: string;
  items: { itemIndex: string; offerId: string; quantity: number }[];
  /** When order/search starts to list it. */
  visibleAt: number;
  /** Placed through `buyer-order`: its units stay reserved until shipped or cancelled. */
  reserves?: boolean;
}

interface Stock {
  available: number;
  reserved: number;
}

const ok = (data: unknown = {}): SandboxResponse => ({ status: 200, body: { success: 1, meta: {}, data } });
/** A logical error as MegaMarket answers it: HTTP 200, `success: 0` and `error`. */
const refused = (code: string, message: string): SandboxResponse => ({
  status: 200,
  body: { success: 0, meta: {}, error: { code, message } },
});

export class MegaMarketSandbox extends Sandbox {
  stock = new Map<string, Stock>();
  shipments = new Map<string, MmShipment>();
  delays = { ...MM_DELAYS };
  private pending: { offerId: string; quantity: number; due: number }[] = [];
  private readonly window = new Window(REQUESTS_PER_SECOND, 1_000);

  reset(): void {
    this.stock.clear();
    this.shipments.clear();
    this.pending = [];
    this.delays = { ...MM_DELAYS };
    this.window.reset();
  }

  protected authorized(req: SandboxRequest): boolean {
    return (req.body as any)?.data?.token === MM_SANDBOX.token;
  }

  protected unauthorized(): SandboxResponse {
    return refused('UNAUTHORIZED', 'Токен не найден или недействителен');
  }

  protected error(status: number, message: string): SandboxResponse {
    return { status, body: { success: 0, meta: {}, error: { code: String(status), message } } };
  }

  protected itemsOf(req: SandboxRequest): number {
    const stocks = (req.body as any)?.data?.stocks;
    return Array.isArray(stocks) ? stocks.length : 0;
  }

  protected route(req: SandboxRequest, _fault: Fault | undefined): SandboxResponse {
    const now = this.clock.now();
    const wait = this.window.take(now);
    if (wait > 0) return this.rateLimited(429, wait, 'Too many requests');
    this.applyDuePushes(now);
    const data = (req.body as any).data;
    switch (req.path) {
      case STOCKS:
        return this.updateStocks(data.stocks, now);
      case SEARCH:
        return this.search(data, now);
      case GET:
        return this.get(data.shipments, now);
      default:
        return this.error(404, 'Not implemented in the sandbox');
    }
  }

  private applyDuePushes(now: number): void {
    const due = this.pending.filter((p) => p.due <= now);
    if (!due.length) return;
    this.pending = this.pending.filter((p) => p.due > now);
    for (const push of due) this.entry(push.offerId).available = push.quantity;
  }

  /** The whole request is refused when one offer is unknown: nothing of it applies. */
  private updateStocks(stocks: { offerId: string; quantity: number }[], now: number): SandboxResponse {
    if (stocks.length > STOCKS_PER_REQUEST)
      return refused('VALIDATION_ERROR', `Превышено количество товаров в запросе: не более ${STOCKS_PER_REQUEST}`);
    const unknown = stocks.find((s) => !this.stock.has(s.offerId));
    if (unknown) return refused('OFFER_NOT_FOUND', `Оффер ${unknown.offerId} не найден`);
    for (const s of stocks)
      this.pending.push({ offerId: s.offerId, quantity: s.quantity, due: now + this.delays.applyDelayMs });
    this.applyDuePushes(now);
    return ok();
  }

  private search(data: any, now: number): SandboxResponse {
    const limit = data.limit ?? SEARCH_LIMIT;
    if (limit > SEARCH_LIMIT) return refused('VALIDATION_ERROR', `limit: не больше ${SEARCH_LIMIT}`);
    const from = Date.parse(data.dateFrom);
    const to = Date.parse(data.dateTo);
    if (!(from <= to)) return refused('VALIDATION_ERROR', 'dateFrom позже dateTo');
    const statuses: string[] | undefined = data.statuses;
    const found = [...this.shipments.values()]
      .filter((s) => s.visibleAt <= now)
      .filter((s) => Date.parse(s.creationDate) >= from && Date.parse(s.creationDate) <= to)
      .filter((s) => !statuses?.length || statuses.includes(s.status))
      .sort((a, b) => Date.parse(a.creationDate) - Date.parse(b.creationDate));
    const offset = data.offset ?? 0;
    return ok({ shipments: found.slice(offset, offset + limit).map((s) => s.shipmentId) });
  }

  private get(ids: string[], now: number): SandboxResponse {
    if (ids.length > SHIPMENTS_PER_GET)
      return refused('VALIDATION_ERROR', `Не больше ${SHIPMENTS_PER_GET} отправлений за запрос`);
    const shipments = ids
      .map((id) => this.shipments.get(id))
      .filter((s): s is MmShipment => s !== undefined && s.visibleAt <= now)
      .map(({ shipmentId, status, creationDate, items }) => ({ shipmentId, status, creationDate, items }));
    return ok({ shipments });
  }

  state() {
    return {
      offers: this.stock.size,
      stock: Object.fromEntries(this.stock),
      pending: this.pending.length,
      shipments: [...this.shipments.values()],
    };
  }

  private entry(offerId: string): Stock {
    const entry = this.stock.get(offerId) ?? { available: 0, reserved: 0 };
    this.stock.set(offerId, entry);
    return entry;
  }

  /** A buyer orders `id` (the offerId): available → reserved at once, listed `orderDelayMs` later. */
  private buyerOrder(body: any, now: number): { orderId: string } {
    const quantity = Number(body.quantity ?? 1);
    const entry = this.entry(String(body.id));
    if (entry.available < quantity) throw new Error(`only ${entry.available} of ${body.id} for sale`);
    entry.available -= quantity;
    entry.reserved += quantity;
    const orderId = String(body.orderId ?? 90_000_000 + this.shipments.size + 1);
    this.shipments.set(orderId, {
      shipmentId: orderId,
      status: 'NEW',
      creationDate: new Date(now).toISOString(),
      items: [{ itemIndex: '1', offerId: String(body.id), quantity }],
      visibleAt: now + this.delays.orderDelayMs,
      reserves: true,
    });
    return { orderId };
  }

  /** Shipped: the reserved units leave. Cancelled: they are for sale again. */
  private settle(orderId: string, status: string): MmShipment {
    const shipment = this.shipments.get(orderId);
    if (!shipment) throw new Error(`no shipment ${orderId}`);
    if (shipment.reserves) {
      for (const item of shipment.items) {
        const entry = this.entry(item.offerId);
        entry.reserved = Math.max(0, entry.reserved - item.quantity);
        if (status !== 'SHIPPED') entry.available += item.quantity;
      }
      shipment.reserves = false;
    }
    shipment.status = status;
    return shipment;
  }

  /** A shipment in any status, listed at once, that moves no stock (for status mapping and paging). */
  private shipment(body: any, now: number): MmShipment {
    const existing = this.shipments.get(String(body.shipmentId));
    const shipment: MmShipment = existing
      ? { ...existing, status: body.status ?? existing.status }
      : {
          shipmentId: String(body.shipmentId),
          status: body.status ?? 'NEW',
          creationDate: new Date(body.createdAt ?? now).toISOString(),
          items: (body.items as { offerId: string; quantity?: number }[]).map((item, k) => ({
            itemIndex: String(k + 1),
            offerId: item.offerId,
            quantity: item.quantity ?? 1,
          })),
          visibleAt: now,
        };
    this.shipments.set(shipment.shipmentId, shipment);
    return shipment;
  }

  control(action: string, body: any): unknown {
    const now = this.clock.now();
    this.applyDuePushes(now);
    switch (action) {
      case 'seed':
        for (const offer of body.offers as string[]) this.entry(offer);
        return { offers: this.stock.size };
      case 'configure':
        return configureDelays(this.delays, body);
      case 'buyer-order':
        return this.buyerOrder(body, now);
      case 'ship':
        return this.settle(String(body.orderId), 'SHIPPED');
      case 'cancel':
        return this.settle(String(body.orderId), body.by === 'merchant' ? 'MERCHANT_CANCELED' : 'CUSTOMER_CANCELED');
      case 'shipment':
        return this.shipment(body, now);
      case 'stock':
        return this.stock.get(String(body.offerId)) ?? null;
      case 'set-stock': {
        const entry = this.entry(String(body.offerId));
        entry.available = body.available;
        if (body.reserved !== undefined) entry.reserved = body.reserved;
        return entry;
      }
      default:
        throw new Error(`unknown control action ${action}`);
    }
  }
}
