/**
 * MegaMarket's legacy merchant API over HttpClient, limits in MM_LIMITS (src/connectors/megamarket.api.ts
 * describes it; what no official source confirms is listed in MM_VERIFY there). Every call is a POST with
 * the token in the body, and a logical error comes as HTTP 200 with `error`: only `success: 1` counts as
 * accepted. This API generation has no stock read, so the connector says it cannot read
 * (`canReadStocks: false`) and the use cases skip what needs a reading. Item key: `offerId`.
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
import { ConnectorError, excerpt, type HttpClient, type HttpRequest, isObject, parseJson, type Timer } from './http';
import { type JobResult, RateLimiter, type RatePolicy, RequestScheduler } from './scheduler';

const STOCKS = '/api/merchantIntegration/v1/offerService/stock/update';
const SEARCH = '/api/market/v1/orderService/order/search';
const GET = '/api/market/v1/orderService/order/get';

/** «5 per second» on order/get (a client's note, [verify]), taken for every method. */
const REQUESTS_PER_SECOND = 5;

/**
 * Every limit the connector keeps to (src/connectors/megamarket.api.ts describes them,
 * test/unit/megamarketLimits.test.ts keeps the two in step). MegaMarket publishes none of them for
 * stock: each is in MM_VERIFY.
 */
export const MM_LIMITS = {
  host: 'https://api.megamarket.tech',
  /** Offers per stock/update request (the wiki's 300 is for prices). */
  stocksPerRequest: 300,
  /** order/search `limit`. */
  ordersPage: 100,
  /** Shipment ids per order/get request. */
  shipmentsPerGet: 50,
  requestsPerSecond: REQUESTS_PER_SECOND,
  policy: {
    windows: [{ limit: REQUESTS_PER_SECOND, ms: 1_000 }],
    maxParallel: REQUESTS_PER_SECOND,
    maxAttempts: 4,
    maxWaitMs: 65_000,
    backoffMs: [1_000, 4_000, 15_000],
  } as RatePolicy,
  /**
   * Requests one push may spend halving refused batches: a logical error names no item, so a batch is
   * split until the refused offers stand alone (about 2 × 9 requests for one bad offer among 300).
   */
  isolationRequests: 100,
  /** order/search selects by creation date: status changes are looked for among the last 30 days' shipments. */
  ordersWindowMs: 30 * 24 * 3600 * 1000,
  /** A logical error that names the token: the key is wrong, not an item. */
  tokenError: /token|токен|auth/i,
} as const;

export interface MmCredentials {
  token: string;
}

export interface MmConfig {
  channel: string;
  credentials: MmCredentials;
  deadline?: number;
}

/** NEW, PENDING* (awaiting the seller), CONFIRMED and PACKED are still at the seller's warehouse. */
export function mapMegamarketStatus(status: string): OrderStatus {
  if (status === 'NEW' || status.startsWith('PENDING') || status === 'CONFIRMED' || status === 'PACKED') return 'new';
  if (status === 'SHIPPED' || status === 'DELIVERED') return 'shipped';
  if (status === 'MERCHANT_CANCELED' || status === 'CUSTOMER_CANCELED' || status.endsWith('_EXPIRED'))
    return 'cancelled';
  return 'other';
}

/** A logical error: what `error` says, or that `success` was not 1. */
export interface MmError {
  code: string;
  message: string;
}

/**
 * The answer's verdict: `data` only for `success: 1` without `error`; an error otherwise (HTTP 200
 * included); undefined when the body is no envelope at all.
 */
export function verdictOf(text: string): { data: Record<string, unknown> } | { error: MmError } | undefined {
  const json = parseJson(text);
  if (!isObject(json)) return undefined;
  if (isObject(json.error))
    return { error: { code: String(json.error.code ?? ''), message: String(json.error.message ?? '') } };
  if (json.success !== 1) return { error: { code: '', message: `success: ${String(json.success)}` } };
  return { data: isObject(json.data) ? json.data : {} };
}

function errorText(error: MmError): string {
  return `${error.code} ${excerpt(error.message, 150)}`.trim();
}

/** Dates as MegaMarket's clients send them: W3C, seconds, UTC. */
export function w3c(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

type Pair = [id: string, amount: number];
type Refusal = { reason: string; retryLater: boolean; notSent?: boolean };

export class MegaMarketConnector implements Connector {
  readonly canReadStocks = false;
  private readonly limiter = new RateLimiter(MM_LIMITS.policy.windows);

  constructor(
    private readonly config: MmConfig,
    private readonly http: HttpClient,
    private readonly timer: Timer,
  ) {}

  private request(path: string, data: Record<string, unknown>): HttpRequest {
    return {
      method: 'post',
      url: `${MM_LIMITS.host}${path}`,
      headers: { 'Content-Type': 'application/json' },
      body: { meta: {}, data: { token: this.config.credentials.token, ...data } },
    };
  }

  private scheduler(): RequestScheduler {
    return new RequestScheduler(MM_LIMITS.policy, this.limiter, this.http, this.timer, this.config.deadline);
  }

  private tokenRefused(error: MmError): ConnectorError {
    return new ConnectorError(
      'auth',
      `${this.config.channel}: Мегамаркет не принял токен (${errorText(error)}). Проверьте токен в личном кабинете Мегамаркета.`,
    );
  }

  /** The data of a setup or orders call; any failure, a logical one included, is an error that says why. */
  private dataOf(result: JobResult<unknown> | undefined, what: string): Record<string, unknown> {
    const verdict = verdictOf(requireOk(this.config.channel, result).text);
    if (!verdict) throw badResponse(this.config.channel, what);
    if ('data' in verdict) return verdict.data;
    if (MM_LIMITS.tokenError.test(errorText(verdict.error))) throw this.tokenRefused(verdict.error);
    throw new ConnectorError('response', `${this.config.channel}: Мегамаркет отказал: ${errorText(verdict.error)}`);
  }

  /** The token is checked with the cheapest call there is; the legacy API has no warehouses to choose. */
  listTargets(): Target[] {
    const now = this.timer.now();
    this.searchPage(now - 3_600_000, now, 0, 1);
    return [];
  }

  readStocks(_ids: readonly string[]): Map<string, number> {
    throw new ConnectorError(
      'config',
      `${this.config.channel}: Мегамаркет не показывает остатки через API (в этой версии API нет чтения остатков)`,
    );
  }

  setStocks(items: readonly StockUpdate[]): ItemOutcome[] {
    const latest = new Map<string, number>();
    for (const item of items) latest.set(item.id, item.amount);
    const outcomes = new Map<string, ItemOutcome>();
    let wave = chunk([...latest.entries()], MM_LIMITS.stocksPerRequest);
    let budget = MM_LIMITS.isolationRequests;
    while (wave.length) {
      const jobs = wave.map((batch) => ({
        request: this.request(STOCKS, { stocks: batch.map(([offerId, quantity]) => ({ offerId, quantity })) }),
        tag: batch,
      }));
      const next: Pair[][] = [];
      for (const result of this.scheduler().run(jobs)) {
        const refusal = this.batchRefusal(result);
        if (refusal === null) for (const [id] of result.tag) outcomes.set(id, { id, accepted: true });
        else if ('error' in refusal) {
          // A refusal names no item: halve the batch until the refused offers stand alone.
          if (result.tag.length > 1 && budget >= 2) {
            budget -= 2;
            const half = Math.ceil(result.tag.length / 2);
            next.push(result.tag.slice(0, half), result.tag.slice(half));
          } else
            MegaMarketConnector.refuse(
              outcomes,
              result.tag,
              MegaMarketConnector.itemRefusal(refusal.error, result.tag),
            );
        } else MegaMarketConnector.refuse(outcomes, result.tag, refusal);
      }
      wave = next;
    }
    return [...latest.keys()].map((id) => outcomes.get(id) as ItemOutcome);
  }

  /** Null: accepted. `error`: a logical refusal of the batch. Otherwise why the batch failed as a whole. */
  private batchRefusal(result: JobResult<Pair[]>): null | { error: MmError } | Refusal {
    const r = result.response;
    if (r && (r.status === 401 || r.status === 403)) throw authError(this.config.channel, r.status);
    if (r?.status !== 200) return failureReason(this.config.channel, r, result.timedOut);
    const verdict = verdictOf(r.text);
    if (!verdict) return { reason: 'непонятный ответ Мегамаркета, повторим в следующий раз', retryLater: true };
    if ('data' in verdict) return null;
    if (MM_LIMITS.tokenError.test(errorText(verdict.error))) throw this.tokenRefused(verdict.error);
    return { error: verdict.error };
  }

  /** One offer refused: its own reason. Several left together (the halving's budget ran out): try again later. */
  private static itemRefusal(error: MmError, batch: Pair[]): Refusal {
    if (batch.length === 1) return { reason: `Мегамаркет не принял остаток: ${errorText(error)}`, retryLater: false };
    return {
      reason: `Мегамаркет отклонил пачку (${errorText(error)}), не успели выяснить, какой товар; повторим в следующий раз`,
      retryLater: true,
    };
  }

  private static refuse(outcomes: Map<string, ItemOutcome>, batch: Pair[], refusal: Refusal): void {
    for (const [id] of batch)
      outcomes.set(id, {
        id,
        accepted: false,
        reason: refusal.reason,
        retryLater: refusal.retryLater,
        ...(refusal.notSent ? { notSent: true } : {}),
      });
  }

  /** One page of shipment ids created within [fromMs, toMs]. */
  private searchPage(fromMs: number, toMs: number, offset: number, limit: number = MM_LIMITS.ordersPage): string[] {
    const data = { dateFrom: w3c(fromMs), dateTo: w3c(toMs), limit, offset };
    const [result] = this.scheduler().run([{ request: this.request(SEARCH, data), tag: null }]);
    const shipments = this.dataOf(result, 'order/search').shipments;
    if (!Array.isArray(shipments)) throw badResponse(this.config.channel, 'нет списка отправлений');
    return shipments.map(String);
  }

  /** The lane's mark per shipment: new shipments show as new ids (order/search names no status). */
  peekOrders(fromMs: number, toMs: number): string[] {
    return this.searchPage(fromMs, toMs, 0);
  }

  listOrders(fromMs: number, toMs: number): OrderLine[] {
    const from = Math.min(fromMs, toMs - MM_LIMITS.ordersWindowMs);
    const ids: string[] = [];
    for (let page = 0; page < 1000; page++) {
      const found = this.searchPage(from, toMs, page * MM_LIMITS.ordersPage);
      for (const id of found) if (!ids.includes(id)) ids.push(id);
      if (found.length < MM_LIMITS.ordersPage) break;
    }
    const lines: OrderLine[] = [];
    const jobs = chunk(ids, MM_LIMITS.shipmentsPerGet).map((batch) => ({
      request: this.request(GET, { shipments: batch }),
      tag: null,
    }));
    for (const result of this.scheduler().run(jobs)) {
      const shipments = this.dataOf(result, 'order/get').shipments;
      if (!Array.isArray(shipments)) throw badResponse(this.config.channel, 'нет отправлений');
      for (const s of shipments.filter(isObject)) for (const line of MegaMarketConnector.linesOf(s)) lines.push(line);
    }
    return lines;
  }

  private static linesOf(s: Record<string, unknown>): OrderLine[] {
    const status = String(s.status ?? '');
    const items = Array.isArray(s.items) ? s.items.filter(isObject) : [];
    return items.map((item, k) => {
      const quantity = Number(item.quantity);
      return {
        orderId: String(s.shipmentId),
        itemIds: [String(item.offerId)],
        lineId: item.itemIndex !== undefined ? String(item.itemIndex) : String(k),
        // A line is at least one unit: MegaMarket lists each unit as a line of its own (itemIndex).
        quantity: Number.isInteger(quantity) && quantity > 0 ? quantity : 1,
        status: mapMegamarketStatus(status),
        rawStatus: status,
        createdAt: String(s.creationDate ?? ''),
      };
    });
  }
}
