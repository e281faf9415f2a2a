/**
 * AliExpress Russia sandbox, built on the project's description (src/connectors/aliexpress.api.ts): the
 * token in `x-auth-token`, products and SKUs paged by `last_product_id`, and the asynchronous stock
 * update the doc describes — the answer gives a `group_id` and a prevalidation result per product; each
 * product's task stays «created» / «processing» for `taskDelayMs`, then ends in success or error per
 * SKU (an unknown sku_code fails). Limits: 1000 products a push, 100,000 products in 4 hours, 50 products
 * a page, 100 SKUs a stock read, 50 orders a page, 5 requests a second (429 with Retry-After).
 *
 * Per SKU it keeps what is for sale (`available`, read as `max_sellable_quantity`) and what buyers'
 * orders hold (`reserved`). A successful task sets `available` `applyDelayMs` after it ends; a buyer's
 * order moves units to `reserved` at once and reaches the order list `orderDelayMs` later.
 */
import { configureDelays, type Fault, Sandbox, type SandboxRequest, type SandboxResponse, Window } from './base';

export const ALI_SANDBOX = { token: 'eyJhbGciOiJIUzI1NiJ9.sandbox-aliexpress.c2lnbmF0dXJl' };
/** Defaults of `configure`, restored by `reset`. */
export const ALI_DELAYS = { applyDelayMs: 0, orderDelayMs: 30_000, taskDelayMs: 20_000 };

const PRODUCTS_PER_PUSH = 1000;
const PRODUCTS_PER_4H = 100_000;
const PAGE_LIMIT = 50;
const SKUS_PER_READ = 100;
const ORDERS_PAGE = 50;
const REQUESTS_PER_SECOND = 5;

interface Sku {
  skuId: string;
  code: string;
  available: number;
  reserved: number;
}

interface Task {
  id: string;
  group_id: string;
  product_id: string;
  /** sku_code → inventory asked. */
  skus: Record<string, number>;
  created: number;
  due: number;
  applied?: boolean;
}

export interface AliOrder {
  id: string;
  created_at: string;
  updated_at: string;
  status: string;
  delivery_status: string;
  order_lines: { id: string; item_id: string; sku_id: string; quantity: number; name: string }[];
  visibleAt: number;
  reserves?: boolean;
}

const failure = (status: number, code: string, message: string): SandboxResponse => ({
  status,
  body: { error: { code, message } },
});

export class AliExpressSandbox extends Sandbox {
  products = new Map<string, Sku[]>();
  tasks: Task[] = [];
  orders = new Map<string, AliOrder>();
  delays = { ...ALI_DELAYS };
  private groups = 0;
  private readonly window = new Window(REQUESTS_PER_SECOND, 1_000);
  private readonly quota = new Window(PRODUCTS_PER_4H, 4 * 3600 * 1000);

  reset(): void {
    this.products.clear();
    this.tasks = [];
    this.orders.clear();
    this.delays = { ...ALI_DELAYS };
    this.groups = 0;
    this.window.reset();
    this.quota.reset();
  }

  protected authorized(req: SandboxRequest): boolean {
    return req.headers['x-auth-token'] === ALI_SANDBOX.token;
  }

  protected unauthorized(): SandboxResponse {
    return failure(401, 'UNAUTHORIZED', 'Invalid x-auth-token');
  }

  protected error(status: number, message: string): SandboxResponse {
    return failure(status, String(status), message);
  }

  protected itemsOf(req: SandboxRequest): number {
    const products = (req.body as any)?.products;
    return Array.isArray(products) ? products.reduce((n: number, p: any) => n + (p.skus?.length ?? 0), 0) : 0;
  }

  protected route(req: SandboxRequest, _fault: Fault | undefined): SandboxResponse {
    const now = this.clock.now();
    const wait = this.window.take(now);
    if (wait > 0) return this.rateLimited(429, wait, 'Too many requests');
    this.finishDueTasks(now);
    const body = req.body as any;
    switch (req.path) {
      case '/api/v1/product/update-sku-stock':
        return this.updateSkuStock(body.products, now);
      case '/api/v1/tasks':
        return { status: 200, body: { data: this.tasksOf(req.query.group_id, now) } };
      case '/api/v1/scroll-short-product-by-filter':
        return this.scroll(body);
      case '/api/v1/stocks':
        return this.stocks(body.stocks);
      case '/seller-api/v1/order/get-order-list':
        return this.orderList(body, now);
      default:
        return this.error(404, 'Not implemented in the sandbox');
    }
  }

  private sku(productId: string, code: string): Sku | undefined {
    return this.products.get(productId)?.find((s) => s.code === code);
  }

  /** Tasks whose time has come apply what they asked; those an unknown code fails apply nothing. */
  private finishDueTasks(now: number): void {
    for (const t of this.tasks) {
      if (t.applied || t.due + this.delays.applyDelayMs > now) continue;
      t.applied = true;
      if (!this.failureOf(t))
        for (const [code, inventory] of Object.entries(t.skus)) {
          const sku = this.sku(t.product_id, code);
          if (sku) sku.available = inventory;
        }
    }
  }

  private failureOf(t: Task): string | undefined {
    const unknown = Object.keys(t.skus).find((code) => !this.sku(t.product_id, code));
    return unknown ? `SKU с кодом ${unknown} не найден у товара ${t.product_id}` : undefined;
  }

  private updateSkuStock(
    products: { product_id: string; skus: { sku_code: string; inventory: string }[] }[],
    now: number,
  ) {
    if (products.length > PRODUCTS_PER_PUSH)
      return failure(400, 'BAD_REQUEST', `products: не больше ${PRODUCTS_PER_PUSH} товаров за запрос`);
    const quota = this.quota.take(now, products.length);
    if (quota > 0) return this.rateLimited(429, quota, 'Превышена квота обновления товаров: 100 000 за 4 часа');
    const group = `g-${++this.groups}`;
    const results = products.map((p, k) => {
      if (!this.products.has(p.product_id)) return { ok: false, errors: { product_id: 'Товар не найден' } };
      const id = `${group}-t${k + 1}`;
      const skus = Object.fromEntries(p.skus.map((s) => [s.sku_code, Number(s.inventory)]));
      this.tasks.push({
        id,
        group_id: group,
        product_id: p.product_id,
        skus,
        created: now,
        due: now + this.delays.taskDelayMs,
      });
      return { ok: true, task_id: id };
    });
    return { status: 200, body: { group_id: group, results } };
  }

  private tasksOf(group: string, now: number) {
    return this.tasks
      .filter((t) => t.group_id === group)
      .map((t) => {
        const done = t.due <= now;
        const failed = done ? this.failureOf(t) : undefined;
        return {
          id: t.id,
          group_id: t.group_id,
          action: 2,
          status: !done ? (now - t.created < this.delays.taskDelayMs / 2 ? 1 : 2) : failed ? 4 : 3,
          product_id: t.product_id,
          ...(failed ? { error: { code: 'SKU_NOT_FOUND', message: failed } } : {}),
          created_at: new Date(t.created).toISOString(),
          updated_at: new Date(done ? t.due : t.created).toISOString(),
        };
      });
  }

  private scroll(body: { limit: string; last_product_id?: string }): SandboxResponse {
    const limit = Number(body.limit);
    if (limit > PAGE_LIMIT) return failure(400, 'BAD_REQUEST', `limit: не больше ${PAGE_LIMIT}`);
    const ids = [...this.products.keys()].sort((a, b) => Number(a) - Number(b));
    const after = body.last_product_id ? ids.filter((id) => Number(id) > Number(body.last_product_id)) : ids;
    const data = after.slice(0, limit).map((id) => ({
      id,
      subject: `Товар ${id}`,
      sku: (this.products.get(id) ?? []).map((s) => ({
        id: s.skuId,
        sku_id: s.skuId,
        code: s.code,
        ipm_sku_stock: String(s.available),
      })),
    }));
    return { status: 200, body: { data } };
  }

  private stocks(stocks: { sku: string }[]): SandboxResponse {
    if (stocks.length > SKUS_PER_READ) return failure(400, 'BAD_REQUEST', `stocks: не больше ${SKUS_PER_READ} SKU`);
    const all = [...this.products.values()].flat();
    const skus_info = stocks
      .map((s) => all.find((k) => k.skuId === s.sku))
      .filter((k): k is Sku => k !== undefined)
      .map((k) => ({ sku: k.skuId, max_sellable_quantity: k.available }));
    return { status: 200, body: { data: { skus_info } } };
  }

  private orderList(body: any, now: number): SandboxResponse {
    if (body.page_size > ORDERS_PAGE) return failure(400, 'BAD_REQUEST', `page_size: не больше ${ORDERS_PAGE}`);
    const from = body.update_at_from ? Date.parse(body.update_at_from) : -Infinity;
    const to = body.update_at_to ? Date.parse(body.update_at_to) : Infinity;
    const found = [...this.orders.values()]
      .filter((o) => o.visibleAt <= now)
      .filter((o) => Date.parse(o.updated_at) >= from && Date.parse(o.updated_at) <= to)
      .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at));
    const start = (body.page - 1) * body.page_size;
    const orders = found.slice(start, start + body.page_size).map(({ visibleAt: _v, reserves: _r, ...o }) => o);
    return { status: 200, body: { data: { total_count: found.length, orders } } };
  }

  state() {
    return { products: this.products.size, tasks: this.tasks.length, orders: [...this.orders.values()] };
  }

  private skuByCode(code: string): { productId: string; sku: Sku } {
    for (const [productId, skus] of this.products) {
      const sku = skus.find((s) => s.code === code);
      if (sku) return { productId, sku };
    }
    throw new Error(`no SKU with code ${code}`);
  }

  /** Products of `perProduct` SKUs each, numbered from 1,000,001, SKU ids from 2,000,001. */
  private seed(body: { codes: string[]; perProduct?: number }): { products: number } {
    const per = body.perProduct ?? 1;
    let skuNo = [...this.products.values()].flat().length;
    for (let k = 0; k < body.codes.length; k += per) {
      const productId = String(1_000_001 + this.products.size);
      const skus = body.codes
        .slice(k, k + per)
        .map((code) => ({ skuId: String(2_000_001 + skuNo++), code, available: 0, reserved: 0 }));
      this.products.set(productId, skus);
    }
    return { products: this.products.size };
  }

  /** A buyer orders the SKU with code `id`: available → reserved at once, listed `orderDelayMs` later. */
  private buyerOrder(body: any, now: number): { orderId: string } {
    const quantity = Number(body.quantity ?? 1);
    const { productId, sku } = this.skuByCode(String(body.id));
    if (sku.available < quantity) throw new Error(`only ${sku.available} of ${body.id} for sale`);
    sku.available -= quantity;
    sku.reserved += quantity;
    const orderId = String(body.orderId ?? 5_000_000_001 + this.orders.size);
    const at = new Date(now).toISOString();
    this.orders.set(orderId, {
      id: orderId,
      created_at: at,
      updated_at: at,
      status: 'Created',
      delivery_status: 'Init',
      order_lines: [{ id: `${orderId}-1`, item_id: productId, sku_id: sku.skuId, quantity, name: String(body.id) }],
      visibleAt: now + this.delays.orderDelayMs,
      reserves: true,
    });
    return { orderId };
  }

  /** New statuses of an order; shipping takes its reserved units away, a cancel frees them. */
  private update(body: any, now: number): AliOrder {
    const order = this.orders.get(String(body.orderId));
    if (!order) throw new Error(`no order ${body.orderId}`);
    order.status = body.status ?? order.status;
    order.delivery_status = body.delivery_status ?? order.delivery_status;
    order.updated_at = new Date(Math.max(now, order.visibleAt)).toISOString();
    const leaves = order.delivery_status === 'Shipped' || order.delivery_status === 'Delivered';
    const cancelled = order.status === 'Cancelled' || order.delivery_status === 'Cancelled';
    if (order.reserves && (leaves || cancelled)) {
      for (const line of order.order_lines) {
        const sku = [...this.products.values()].flat().find((s) => s.skuId === line.sku_id);
        if (!sku) continue;
        sku.reserved = Math.max(0, sku.reserved - line.quantity);
        if (!leaves) sku.available += line.quantity;
      }
      order.reserves = false;
    }
    return order;
  }

  /** An order in any statuses, listed at once, that moves no stock (for status mapping and paging). */
  private order(body: any, now: number): AliOrder {
    const at = new Date(body.updatedAt ?? now).toISOString();
    const lines = (body.codes as string[]).map((code, k) => {
      const { productId, sku } = this.skuByCode(code);
      return {
        id: `${body.id}-${k + 1}`,
        item_id: productId,
        sku_id: sku.skuId,
        quantity: body.quantity ?? 1,
        name: code,
      };
    });
    const order: AliOrder = {
      id: String(body.id),
      created_at: new Date(body.createdAt ?? now).toISOString(),
      updated_at: at,
      status: body.status ?? 'Created',
      delivery_status: body.delivery_status ?? 'Init',
      order_lines: lines,
      visibleAt: now,
    };
    this.orders.set(order.id, order);
    return order;
  }

  control(action: string, body: any): unknown {
    const now = this.clock.now();
    this.finishDueTasks(now);
    switch (action) {
      case 'seed':
        return this.seed(body);
      case 'configure':
        return configureDelays(this.delays, body) && this.configureTasks(body);
      case 'buyer-order':
        return this.buyerOrder(body, now);
      case 'order':
        return this.order(body, now);
      case 'order-status':
        return this.update(body, now);
      case 'ship':
        return this.update({ orderId: body.orderId, status: 'InProgress', delivery_status: 'Shipped' }, now);
      case 'cancel':
        return this.update({ orderId: body.orderId, status: 'Cancelled', delivery_status: 'Cancelled' }, now);
      case 'stock': {
        const { sku } = this.skuByCode(String(body.code));
        return { available: sku.available, reserved: sku.reserved };
      }
      case 'set-stock': {
        const { sku } = this.skuByCode(String(body.code));
        sku.available = body.available;
        if (body.reserved !== undefined) sku.reserved = body.reserved;
        return { available: sku.available, reserved: sku.reserved };
      }
      case 'skus':
        return [...this.products].flatMap(([productId, skus]) => skus.map((s) => ({ productId, ...s })));
      default:
        throw new Error(`unknown control action ${action}`);
    }
  }

  private configureTasks(body: { taskDelayMs?: unknown }): typeof this.delays {
    if (body.taskDelayMs !== undefined) this.delays.taskDelayMs = Number(body.taskDelayMs);
    return this.delays;
  }
}
