/**
 * Low-stock alerts (SPEC 5.9): which SKUs newly fell below «Мин. остаток», what waits for Telegram
 * and for the owner's daily e-mail digest, and the texts of both. Pure: the use case (usecases/alerts.ts)
 * keeps the state in document properties and sends.
 *
 * Decisions:
 * - A crossing is reported once: an SKU enters `below` when it is first seen below its minimum and
 *   leaves it only when a recalculation shows it at or above its minimum again (or gone from the sheet);
 *   only then can it be reported again. A row that is invalid this time (text in a cell) is neither:
 *   it keeps whatever it had.
 * - The digest goes at most once per calendar day in the spreadsheet's time zone: the first owner run
 *   of a day that has SKUs waiting sends it. It lists only the waiting SKUs still below when it goes;
 *   one that recovered before is dropped (it is no longer news). Telegram likewise drops what recovered.
 * - At most MAX_TRACKED SKUs are tracked so the state stays small in document properties: once that
 *   many are noticed, an SKU that falls below later (or further down the sheet in the same run) gets
 *   no alert until tracked ones recover and make room; `untracked` counts them, the use case tells the
 *   seller once. The sidebar still counts them all.
 * - The state is stored by `skuKey` (a fixed 9-character hash), not by SKU text, so its size is bounded
 *   by the count alone, whatever the length or alphabet of the SKUs.
 */

export interface LowItem {
  row: number;
  sku: string;
  forSale: number;
  min: number;
}

export interface AlertState {
  /** SKUs below their minimum and already noticed (reported, or waiting in a queue below). */
  below: string[];
  /** Noticed but not yet delivered by Telegram (a failed send, a run out of time). */
  telegram: string[];
  /** Waiting for the next daily digest. */
  mail: string[];
  /** The day (dd.mm.yyyy in the spreadsheet's zone) the last digest went. */
  mailedOn?: string;
}

export const MAX_TRACKED = 2000;
/** Telegram refuses a message longer than 4096 characters. */
export const TELEGRAM_MAX = 4096;
/** Lines of a digest before «и ещё N». */
export const DIGEST_LINES = 500;

export const EMPTY_ALERTS: AlertState = { below: [], telegram: [], mail: [] };

export interface AlertWays {
  telegram: boolean;
  mail: boolean;
}

export interface AlertStep {
  state: AlertState;
  /** SKUs that fell below in this recalculation. */
  fresh: LowItem[];
  /** SKUs that were below and are not any more. */
  recovered: string[];
  /** SKUs below, not noticed before, and left out because MAX_TRACKED are tracked. */
  untracked: number;
}

/**
 * One recalculation's full low-stock list against the state: new crossings join the queues of the ways
 * that are on, recovered SKUs leave every list. `unknown`: SKUs of rows invalid this time.
 */
export function noteLowStock(
  previous: AlertState,
  lowStock: readonly LowItem[],
  ways: AlertWays,
  unknown: ReadonlySet<string> = new Set(),
): AlertStep {
  const now = new Map<string, LowItem>();
  for (const item of lowStock) if (!now.has(item.sku)) now.set(item.sku, item);
  const stays = (sku: string) => now.has(sku) || unknown.has(sku);
  const before = new Set(previous.below);
  const recovered = previous.below.filter((sku) => !stays(sku));
  const kept = previous.below.filter(stays);
  const fresh: LowItem[] = [];
  let untracked = 0;
  for (const item of now.values()) {
    if (before.has(item.sku)) continue;
    if (kept.length + fresh.length >= MAX_TRACKED) untracked++;
    else fresh.push(item);
  }
  const freshSkus = fresh.map((i) => i.sku);
  const queue = (list: string[], on: boolean) => [...list.filter(stays), ...(on ? freshSkus : [])];
  return {
    state: {
      below: [...kept, ...freshSkus],
      telegram: queue(previous.telegram, ways.telegram),
      mail: queue(previous.mail, ways.mail),
      ...(previous.mailedOn ? { mailedOn: previous.mailedOn } : {}),
    },
    fresh,
    recovered,
    untracked,
  };
}

/** Characters of a `skuKey`. */
export const SKU_KEY_LENGTH = 9;

/**
 * An SKU as the alert state stores it: 9 base-36 characters of a 53-bit hash (cyrb53) of its text.
 * Two SKUs of one sheet share a key with a chance of about 2000 × rows / 36⁹ (1 in a million for
 * 50 000 rows); the later one would then count as already noticed.
 */
export function skuKey(sku: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < sku.length; i++) {
    const c = sku.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return (hash % 36 ** SKU_KEY_LENGTH).toString(36).padStart(SKU_KEY_LENGTH, '0');
}

/** The waiting SKUs of a queue that this recalculation lists (an invalid row waits for a valid one). */
export function waiting(queue: readonly string[], lowStock: readonly LowItem[]): LowItem[] {
  const wanted = new Set(queue);
  const items: LowItem[] = [];
  for (const item of lowStock)
    if (wanted.has(item.sku)) {
      items.push(item);
      wanted.delete(item.sku);
    }
  return items;
}

/** The queue without what was just delivered. */
export function delivered(queue: readonly string[], sent: readonly LowItem[]): string[] {
  const done = new Set(sent.map((i) => i.sku));
  return queue.filter((sku) => !done.has(sku));
}

export function digestDue(state: AlertState, today: string): boolean {
  return state.mail.length > 0 && state.mailedOn !== today;
}

function itemLine(item: LowItem): string {
  return `${item.sku} — к продаже ${item.forSale}, минимум ${item.min} (строка ${item.row})`;
}

export function skuWord(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  if (tens >= 11 && tens <= 14) return 'артикулов';
  if (ones === 1) return 'артикул';
  if (ones >= 2 && ones <= 4) return 'артикула';
  return 'артикулов';
}

/** A verb agreeing with «N артикул(а/ов)»: singular after 1, 21, 31… (not 11), plural otherwise. */
function agreeing(n: number, singular: string, plural: string): string {
  return n % 10 === 1 && n % 100 !== 11 ? singular : plural;
}

/** One Telegram message for a run's new crossings, cut with «и ещё N» to fit Telegram's limit. */
export function telegramText(items: readonly LowItem[]): string {
  const head = `Остатки: ниже минимального остатка — ${items.length} ${skuWord(items.length)}`;
  const lines: string[] = [];
  let length = head.length;
  for (let i = 0; i < items.length; i++) {
    const line = `• ${itemLine(items[i]).slice(0, 300)}`;
    const rest = items.length - i - 1;
    // Room is kept for the «и ещё N» line that may have to follow.
    const tail = rest > 0 ? `\nи ещё ${rest + 1}`.length : 0;
    if (length + 1 + line.length + tail > TELEGRAM_MAX) {
      lines.push(`и ещё ${items.length - i}`);
      break;
    }
    lines.push(line);
    length += 1 + line.length;
  }
  return [head, ...lines].join('\n');
}

/** The daily digest: the waiting SKUs still below, and how many are below in all. */
export function digestMail(items: readonly LowItem[], belowNow: number): { subject: string; body: string } {
  const shown = items.slice(0, DIGEST_LINES).map((i) => `• ${itemLine(i).slice(0, 300)}`);
  const more = items.length > shown.length ? [`и ещё ${items.length - shown.length}`] : [];
  const body = [
    `Со времени прошлого письма ниже минимального остатка («Мин. остаток») ${agreeing(items.length, 'опустился', 'опустились')} ${items.length} ${skuWord(items.length)}:`,
    '',
    ...shown,
    ...more,
    '',
    `Сейчас ниже минимума всего: ${belowNow}. Полный список — на вкладке «Сводка» панели «Остатки».`,
    'Письмо приходит не чаще раза в день; артикул попадёт в него снова, только если поднимется до минимума и опустится опять.',
  ].join('\n');
  const ending = agreeing(items.length, 'заканчивается', 'заканчиваются');
  return { subject: `Остатки: ${ending} ${items.length} ${skuWord(items.length)}`, body };
}
