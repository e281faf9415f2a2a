/** What every marketplace connector offers the use cases, and helpers they share. */
import { ConnectorError, excerpt, type HttpResponse } from './http';
import type { JobResult } from './scheduler';

export type OrderStatus = 'new' | 'shipped' | 'cancelled' | 'other';

export interface OrderLine {
  /** Marketplace order (posting, assembly task) id: with the channel and item, the reserve's key. */
  orderId: string;
  /** The ids of the item as the channel's id column may hold them (offer id, barcode, vendor code, chrtId). */
  itemIds: string[];
  /**
   * The line's own identity within its order as the marketplace gives it (Yandex Market's item id, the
   * product's place in an Ozon posting, the WB assembly task): the same line listed twice in one pull
   * counts once, two lines of one order for the same item count both. Absent: the item ids stand for it.
   */
  lineId?: string;
  quantity: number;
  status: OrderStatus;
  /** The marketplace's own status, for the journal. */
  rawStatus: string;
  createdAt: string;
}

export interface Target {
  id: string;
  name: string;
  note?: string;
  /** Yandex Market: the cabinet (business) the campaign belongs to; orders are read per business. */
  businessId?: string;
}

export interface StockUpdate {
  /** The item id as it stands in the channel's id column. */
  id: string;
  amount: number;
}

export interface ItemOutcome {
  id: string;
  accepted: boolean;
  /** Why it was not accepted, in Russian. */
  reason?: string;
  /** True when trying again later may help (rate limit, server error, no answer). */
  retryLater?: boolean;
  /** Never sent: the run's time or the rate limit ran out first. */
  notSent?: boolean;
  /**
   * The marketplace took the push for processing and tells its result only later (AliExpress: the
   * `group_id` of its tasks): neither accepted nor refused yet. The use case keeps the id and asks
   * again in a later run; `retryLater` is true, as the push may still apply.
   */
  awaiting?: string;
}

export interface Connector {
  /**
   * False when the marketplace's API (the generation the connector speaks) has no stock read
   * (MegaMarket's merchant API): `readStocks` then throws, and the use cases skip what needs a
   * reading — read-back, double reservation, the «channel» source — and hold every zero of a lost
   * «_Отправлено» until confirmed (SPEC 6). Absent: it can read.
   */
  readonly canReadStocks?: boolean;
  /** Warehouses (Ozon, Wildberries) or campaigns (Yandex Market) the seller picks from; none where the API has no such choice. */
  listTargets(): Target[];
  setStocks(items: readonly StockUpdate[]): ItemOutcome[];
  /**
   * What the marketplace shows *for sale* now, by item id — the one reading that read-back, double
   * reservation and the «channel» source all use (SPEC §5.4: Ozon `free_stock`, Yandex Market
   * `AVAILABLE` of the seller's own warehouse, Wildberries `amount` [verify]). An absent id is
   * *unknown* — the marketplace does not know it, or its answer lacked the field or could not be
   * parsed — and never counts as 0.
   */
  readStocks(ids: readonly string[]): Map<string, number>;
  /**
   * The results of pushes an earlier run left `awaiting` (AliExpress), one outcome per item, in order:
   * accepted, refused, or still awaiting. Absent: the marketplace answers every push at once.
   */
  resultsOf?(pending: readonly { id: string; group: string }[]): ItemOutcome[];
  /** Orders created or changed in [fromMs, toMs]. */
  listOrders(fromMs: number, toMs: number): OrderLine[];
  /**
   * The orders lane's one cheap request (SPEC 6): a mark per order the marketplace lists as new or
   * changed in [fromMs, toMs] — its id with its status — to compare with the marks seen last time.
   */
  peekOrders(fromMs: number, toMs: number): string[];
}

export function authError(channel: string, status: number): ConnectorError {
  return new ConnectorError(
    'auth',
    `${channel}: неверный ключ или нет прав (HTTP ${status}). Проверьте ключ и его права в кабинете площадки.`,
  );
}

/** An item refused because its whole request met a 401/403: the key, not the item, is wrong. */
export function isAuthReason(reason: string | undefined): boolean {
  return /неверный ключ или нет прав \(HTTP 40[13]\)/.test(reason ?? '');
}

/** The reason a whole request failed, in Russian, for every item it carried. */
export function failureReason(
  channel: string,
  response: HttpResponse | null,
  timedOut?: boolean,
): { reason: string; retryLater: boolean; notSent?: boolean } {
  if (response === null && timedOut)
    return {
      reason: 'не отправлено: время запуска вышло, продолжим в следующем запуске',
      retryLater: true,
      notSent: true,
    };
  if (response === null)
    return {
      reason: 'не отправлено: исчерпан лимит запросов или время запуска, повторим в следующий раз',
      retryLater: true,
      notSent: true,
    };
  const { status } = response;
  if (status === 0)
    return {
      reason: `нет ответа от площадки (${excerpt(response.text, 80)}), повторим в следующий раз`,
      retryLater: true,
    };
  if (status === 401 || status === 403)
    return { reason: `${channel}: неверный ключ или нет прав (HTTP ${status})`, retryLater: false };
  if (status === 429 || status === 420)
    return { reason: 'площадка просит реже (лимит запросов), повторим в следующий раз', retryLater: true };
  if (status >= 500)
    return { reason: `ошибка на стороне площадки (HTTP ${status}), повторим в следующий раз`, retryLater: true };
  return { reason: `площадка отклонила запрос (HTTP ${status}): ${excerpt(response.text)}`, retryLater: false };
}

/** Throws the error a setup call (targets, mapping, a page of a list) should show when its answer is not a success. */
export function requireOk(channel: string, result: JobResult<unknown> | undefined): HttpResponse {
  const response = result?.response ?? null;
  if (response && response.status >= 200 && response.status < 300) return response;
  if (result?.timedOut)
    throw new ConnectorError('deadline', `${channel}: время запуска вышло, продолжим в следующем запуске`);
  if (response && (response.status === 401 || response.status === 403)) throw authError(channel, response.status);
  const { reason } = failureReason(channel, response);
  const kind =
    response === null || response.status === 429 || response.status === 420
      ? 'rate'
      : response.status === 0
        ? 'network'
        : 'server';
  throw new ConnectorError(kind, `${channel}: ${reason}`);
}

export function badResponse(channel: string, what: string): ConnectorError {
  return new ConnectorError('response', `${channel}: площадка прислала непонятный ответ (${what}); попробуйте позже`);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
