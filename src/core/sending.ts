/**
 * What to send (SPEC 6), from the allocation and «_Отправлено»: the desired quantity per channel
 * and marketplace id, the difference for automatic runs, the mass-zero guard and the preview.
 * Pure: nothing here sends or reads a sheet.
 */
import type { SheetAllocation } from './allocation';
import { STOCK_SHEET } from './headers';
import type { Channel, Settings } from './settings';

export interface LedgerEntry {
  qty: number;
  at: string;
  /** The quantity accepted before this one: a marketplace that applies late may still show it. */
  prev?: { qty: number; at: string };
  /** The latest push sent since, not confirmed (refused read-back, lost answer): it may still apply. */
  tried?: { qty: number; at: string };
  /**
   * When the marketplace accepted the push that changed it to `qty`, where a later push only repeated the
   * quantity («Отправить остатки»): the settle window (SPEC 5.4) runs from here. Absent: `at`.
   */
  since?: string;
  /**
   * When a settled reading showed `qty` and the entry took it from there (SPEC 5.4), not from a push: every
   * sale the channel showed by then is in `qty`, so no reserve made by then explains a drop below it.
   */
  seen?: string;
}

/**
 * The entry once the marketplace accepted `qty` at `at`, keeping the quantity accepted before it (a late
 * marketplace may still show it). The same quantity again changes nothing the marketplace shows, so it
 * keeps the time of the push that did — unless another quantity was tried since, which may be applying.
 */
export function acceptedEntry(before: LedgerEntry | undefined, qty: number, at: string): LedgerEntry {
  const prev = before && before.qty !== qty ? { qty: before.qty, at: before.at } : before?.prev;
  const repeated = before !== undefined && before.qty === qty && (before.tried?.qty ?? qty) === qty;
  const since = repeated ? (before.since ?? before.at) : at;
  return { qty, at, ...(prev ? { prev } : {}), ...(since !== at ? { since } : {}) };
}
/** channel id → marketplace item id → last quantity the marketplace accepted. */
export type Ledger = Map<string, Map<string, LedgerEntry>>;

export interface ChannelPlan {
  channel: Channel;
  /** id → quantity the sheet wants the marketplace to show. */
  desired: Map<string, number>;
  /** Ids that two rows claim: not sent, named in the journal. */
  conflicts: { id: string; rows: number[] }[];
}

export function isSendingChannel(channel: Channel): boolean {
  return channel.marketplace !== 'manual';
}

/** Per API channel: every id of every valid row that the channel shows, with its quantity. */
export function plans(settings: Settings, allocation: SheetAllocation): ChannelPlan[] {
  return settings.channels.flatMap((channel, c) => {
    if (!isSendingChannel(channel)) return [];
    const desired = new Map<string, number>();
    let repeated = false;
    for (const row of allocation.rows) {
      const q = row.quantities[c];
      if (!row.valid || q === null) continue;
      for (const id of row.ids[c]) {
        const before = desired.size;
        desired.set(id, q);
        // A repeated id leaves the size as it was; only then are the rows of every id gathered (a second map).
        if (desired.size === before) repeated = true;
      }
    }
    return [{ channel, desired, conflicts: repeated ? takeConflicts(allocation, c, desired) : [] }];
  });
}

/** Ids that two or more rows claim on channel c: taken out of `desired`, with the rows that claim them. */
function takeConflicts(allocation: SheetAllocation, c: number, desired: Map<string, number>): ChannelPlan['conflicts'] {
  const rowsOf = new Map<string, number[]>();
  for (const row of allocation.rows) {
    if (!row.valid || row.quantities[c] === null) continue;
    for (const id of row.ids[c]) {
      const claimed = rowsOf.get(id);
      // One id listed twice in the same cell is one id, not a conflict (rows come in order, so the last is enough).
      if (!claimed) rowsOf.set(id, [row.row]);
      else if (claimed[claimed.length - 1] !== row.row) claimed.push(row.row);
    }
  }
  const conflicts: ChannelPlan['conflicts'] = [];
  for (const [id, rows] of rowsOf)
    if (rows.length > 1) {
      conflicts.push({ id, rows });
      desired.delete(id);
    }
  return conflicts;
}

export type SendMode = 'all' | 'diff';

/** The items to send: everything (the button), or what differs from what was last accepted. */
export function itemsToSend(
  plan: ChannelPlan,
  ledger: Ledger,
  mode: SendMode,
  acceptedSince?: string,
): { id: string; amount: number }[] {
  const sent = ledger.get(plan.channel.id) ?? new Map<string, LedgerEntry>();
  const items: { id: string; amount: number }[] = [];
  for (const [id, amount] of plan.desired) {
    const last = sent.get(id);
    // A continued "send everything" skips only what this same task already got accepted.
    const done =
      mode === 'all'
        ? acceptedSince !== undefined && last !== undefined && last.at >= acceptedSince && last.qty === amount
        : last !== undefined && last.qty === amount;
    if (!done) items.push({ id, amount });
  }
  return items;
}

export interface GuardVerdict {
  hold: boolean;
  /** Ids last accepted above 0 that would go to 0 with nothing explaining it: those the guard holds. */
  toZero: string[];
  /** Items last accepted above 0. */
  base: number;
  /** Of `toZero`, the ids with no record at all (`holdUnrecorded`): what the marketplace shows is unknown. */
  unrecorded?: number;
}

/**
 * SPEC 6: a push that would zero more than maxZeroShare of the items above 0, and at least minItems,
 * holds those zeros. A zero that orders explain (`explained`) or a person confirmed (`confirmed`)
 * never counts: the last unit sold must leave every channel at once. `holdUnrecorded`: «_Отправлено»
 * was lost and the marketplace cannot be read (MegaMarket), so every zero of an id without a record is
 * held as well, however few — it may take the last units a buyer can see.
 */
export function guard(
  items: readonly { id: string; amount: number }[],
  plan: ChannelPlan,
  ledger: Ledger,
  settings: Settings,
  excused: { explained?: ReadonlySet<string>; confirmed?: ReadonlySet<string>; holdUnrecorded?: boolean } = {},
): GuardVerdict {
  const sent = ledger.get(plan.channel.id) ?? new Map<string, LedgerEntry>();
  const base = aboveZero(sent);
  const zeros = items.filter((i) => i.amount === 0 && !excused.explained?.has(i.id) && !excused.confirmed?.has(i.id));
  const toZero = zeros.filter((i) => (sent.get(i.id)?.qty ?? 0) > 0).map((i) => i.id);
  const massZero = holds(toZero.length, base, settings);
  if (!excused.holdUnrecorded) return { hold: massZero, toZero, base };
  const unrecorded = zeros.filter((i) => !sent.has(i.id)).map((i) => i.id);
  return {
    hold: massZero || unrecorded.length > 0,
    toZero: [...(massZero ? toZero : []), ...unrecorded],
    base: base + unrecorded.length,
    unrecorded: unrecorded.length,
  };
}

/**
 * The guard as a run applies it, shared with the preview so that both decide alike: zeros are counted
 * as they are first, and only a push that would be held then asks which zeros orders explain
 * (`explained`: working that out costs an allocation of the whole sheet).
 */
export function guardAsRun(
  items: readonly { id: string; amount: number }[],
  plan: ChannelPlan,
  ledger: Ledger,
  settings: Settings,
  explained: () => ReadonlySet<string> | undefined,
  excused: { confirmed?: ReadonlySet<string>; holdUnrecorded?: boolean } = {},
): GuardVerdict {
  const verdict = guard(items, plan, ledger, settings, excused);
  return verdict.hold ? guard(items, plan, ledger, settings, { ...excused, explained: explained() }) : verdict;
}

/** Items last accepted above 0: what the guard's share is taken of. */
function aboveZero(sent: Map<string, LedgerEntry>): number {
  let base = 0;
  for (const entry of sent.values()) if (entry.qty > 0) base++;
  return base;
}

function holds(toZero: number, base: number, settings: Settings): boolean {
  return toZero >= settings.guard.minItems && toZero > settings.guard.maxZeroShare * base;
}

/** The items that go now: all of them, or, when the guard holds, all but the held zeros. */
export function itemsNotHeld<T extends { id: string }>(items: readonly T[], verdict: GuardVerdict): T[] {
  if (!verdict.hold) return [...items];
  const held = new Set(verdict.toZero);
  return items.filter((i) => !held.has(i.id));
}

/**
 * Per channel id, the ids whose 0 orders explain: the SKU shows 0 now, but without its active reserves
 * and this run's write-offs (`unreserved`: the sheet as it stood before orders, allocated with no
 * reserves) it would show above 0. A sheet cut to zeros is not explained: it shows 0 either way.
 */
export function zerosExplainedByOrders(
  settings: Settings,
  allocation: SheetAllocation,
  unreserved: SheetAllocation,
): Map<string, Set<string>> {
  const before = new Map(unreserved.rows.map((r) => [r.row, r]));
  const explained = new Map(settings.channels.map((c) => [c.id, new Set<string>()]));
  for (const row of allocation.rows) {
    const was = before.get(row.row);
    if (!row.valid || !was?.valid || was.sku !== row.sku) continue;
    settings.channels.forEach((channel, c) => {
      if (row.quantities[c] !== 0 || (was.quantities[c] ?? 0) <= 0) return;
      for (const id of row.ids[c]) explained.get(channel.id)?.add(id);
    });
  }
  return explained;
}

/** A short fingerprint of a set of ids: the same held items make the same signature. */
export function idsSignature(ids: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const id of [...ids].sort()) {
    for (let k = 0; k < id.length; k++) hash = Math.imul(hash ^ id.charCodeAt(k), 0x01000193) >>> 0;
    hash = Math.imul(hash ^ 0x3b, 0x01000193) >>> 0;
  }
  return `${ids.length}:${hash.toString(16)}`;
}

export interface ChannelPreview {
  channelId: string;
  name: string;
  /** Items the channel shows. */
  items: number;
  changed: number;
  up: number;
  /** Decreases, those to 0 included. */
  down: number;
  /** Items that would go from above 0 to 0. */
  toZero: number;
  /** Of those, the zeros the guard would hold (0 when it would not hold): what orders do not explain. */
  held: number;
  /** Of those, the zeros orders explain (sent at once); counted only when the guard had to ask. */
  explained: number;
  /** The guard would hold this push. */
  wouldHold: boolean;
  sendEnabled: boolean;
}

/**
 * Per API channel, what a push from the sheet as it is would do, against «_Отправлено»; whether the
 * guard would hold it is decided by guardAsRun, as the push decides it. `explained` gives the zeros
 * orders explain, per channel id (the run's zerosExplainedByOrders), asked only when needed.
 */
export function preview(
  settings: Settings,
  allocation: SheetAllocation,
  ledger: Ledger,
  explained: () => Map<string, Set<string>> = () => new Map(),
): ChannelPreview[] {
  let explanation: Map<string, Set<string>> | undefined;
  // Asked once for every channel, as a run does.
  const explainedOf = (channelId: string) => {
    explanation ??= explained();
    return explanation.get(channelId);
  };
  return plans(settings, allocation).map((plan) => {
    const sent = ledger.get(plan.channel.id) ?? new Map<string, LedgerEntry>();
    let up = 0,
      down = 0,
      changed = 0;
    const zeros: { id: string; amount: number }[] = [];
    // What itemsToSend(plan, ledger, 'diff') would give, counted; only the zeros are listed, for the guard.
    plan.desired.forEach((amount, id) => {
      const last = sent.get(id)?.qty;
      if (last === amount) return;
      changed++;
      if (amount === 0 && (last ?? 0) > 0) zeros.push({ id, amount });
      if (last === undefined || amount > last) up++;
      else if (amount < last) down++;
    });
    const verdict = guardAsRun(zeros, plan, ledger, settings, () => explainedOf(plan.channel.id));
    return {
      channelId: plan.channel.id,
      name: plan.channel.name,
      items: plan.desired.size,
      changed,
      up,
      down,
      toZero: zeros.length,
      held: verdict.hold ? verdict.toZero.length : 0,
      explained: zeros.length - verdict.toZero.length,
      wouldHold: verdict.hold,
      sendEnabled: settings.sendEnabled && plan.channel.enabled,
    };
  });
}

export const LEDGER_SHEET = '_Отправлено';
export const LEDGER_HEADER = [
  'Канал',
  'ID',
  'Кол-во',
  'Когда',
  'Прежнее',
  'Прежнее когда',
  'Попытка',
  'Попытка когда',
  'Изменено когда',
  'Показано когда',
];

function timeText(value: unknown): string {
  return Object.prototype.toString.call(value) === '[object Date]'
    ? (value as Date).toISOString()
    : String(value ?? '');
}

/** An optional quantity with its time (columns 4–7 of «_Отправлено»); absent when either is blank. */
function optionalPush(qty: unknown, at: unknown): { qty: number; at: string } | undefined {
  const n = typeof qty === 'number' ? qty : Number.NaN;
  const when = timeText(at);
  return Number.isFinite(n) && when ? { qty: n, at: when } : undefined;
}

export function readLedger(values: readonly (readonly unknown[])[] | null): Ledger {
  const ledger: Ledger = new Map();
  for (const row of (values ?? []).slice(1)) {
    const channel = String(row[0] ?? '').trim();
    const id = String(row[1] ?? '').trim();
    const qty = Number(row[2]);
    if (!channel || !id || !Number.isFinite(qty)) continue;
    const at = timeText(row[3]);
    let entries = ledger.get(channel);
    if (!entries) {
      entries = new Map();
      ledger.set(channel, entries);
    }
    const entry: LedgerEntry = { qty, at };
    const prev = optionalPush(row[4], row[5]);
    const tried = optionalPush(row[6], row[7]);
    if (prev) entry.prev = prev;
    if (tried) entry.tried = tried;
    const since = timeText(row[8]);
    if (since && since !== at) entry.since = since;
    const seen = timeText(row[9]);
    if (seen) entry.seen = seen;
    entries.set(id, entry);
  }
  return ledger;
}

/** Rows for «_Отправлено»; ids and times forced to text so Sheets keeps them as they are. */
export function ledgerRows(ledger: Ledger): (string | number)[][] {
  const rows: (string | number)[][] = [LEDGER_HEADER];
  for (const [channel, entries] of ledger)
    for (const [id, e] of entries)
      rows.push([
        `'${channel}`,
        `'${id}`,
        e.qty,
        `'${e.at}`,
        e.prev?.qty ?? '',
        e.prev ? `'${e.prev.at}` : '',
        e.tried?.qty ?? '',
        e.tried ? `'${e.tried.at}` : '',
        e.since ? `'${e.since}` : '',
        e.seen ? `'${e.seen}` : '',
      ]);
  return rows;
}

/** The hidden sheet of items the guard holds (SPEC 2.4: it grows with the catalogue, so not in properties). */
export const HELD_SHEET = '_Задержано';
export const HELD_HEADER = ['Канал', 'ID', 'Задержано с'];

/** channel id → the ids the guard holds for it, from «_Задержано». */
export function readHeld(values: readonly (readonly unknown[])[] | null): Map<string, string[]> {
  const held = new Map<string, string[]>();
  for (const row of (values ?? []).slice(1)) {
    const channel = String(row[0] ?? '').trim();
    const id = String(row[1] ?? '').trim();
    if (!channel || !id) continue;
    const ids = held.get(channel);
    if (ids) ids.push(id);
    else held.set(channel, [id]);
  }
  return held;
}

/** Rows for «_Задержано», ids forced to text; `since` gives each channel's moment the hold began. */
export function heldRows(held: ReadonlyMap<string, readonly string[]>, since: (channel: string) => string): string[][] {
  const rows: string[][] = [HELD_HEADER];
  for (const [channel, ids] of held) {
    const at = since(channel);
    for (const id of ids) rows.push([`'${channel}`, `'${id}`, `'${at}`]);
  }
  return rows;
}

/** A sheet whose every row is invalid sends nothing: the error names how many rows and the first one (SPEC 2.3). */
export function everyRowInvalid(allocation: SheetAllocation): string | null {
  const count = allocation.rows.length;
  if (!count || allocation.invalidCount < count) return null;
  const first = allocation.problems.find((p) => p.severity === 'error' && p.sheet === STOCK_SHEET);
  const where = first ? `: первая — строка ${first.row}, столбец «${first.column}»: ${first.message}` : '';
  // What it means for sales, as the problems say it per row: the marketplaces keep what they show now.
  return `${count} ${rowsWord(count)} с ошибками, ничего не отправлено${where}. На площадках остаются прежние числа, пока строки не исправлены (список — в панели «Остатки»).`;
}

function rowsWord(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  if (tens >= 11 && tens <= 14) return 'строк';
  if (ones === 1) return 'строка';
  return ones >= 2 && ones <= 4 ? 'строки' : 'строк';
}
