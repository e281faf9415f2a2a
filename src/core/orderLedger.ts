/**
 * «_Заказы» (SPEC 2.2): which order lines the add-on reserved, wrote off and saw cancelled, kept apart from
 * «Резервы» so that people deleting or editing rows there never make an order reserve or write off twice.
 * Lines closed more than 90 days ago are pruned: no marketplace lists an order again that late.
 */
import { cellText } from './cells';
import { parseMoment } from './reserves';

export const ORDER_LEDGER_SHEET = '_Заказы';
export const ORDER_LEDGER_HEADER = [
  'Канал',
  'Заказ',
  'Артикул',
  'Кол-во',
  'Зарезервирован',
  'Списан',
  'Снят',
  'Продано не позже',
  'Комплект',
];
export const ORDER_LEDGER_KEEP_MS = 90 * 24 * 3600 * 1000;

/**
 * One order line (channel, order, SKU); each moment an ISO string, '' when it has not happened. A kit's
 * line (SPEC 5.7) is one line per component: `sku` the component's, `kit` the kit's ('' for any other).
 */
export interface LedgerLine {
  channel: string;
  order: string;
  sku: string;
  qty: number;
  reservedAt: string;
  writtenOffAt: string;
  cancelledAt: string;
  /**
   * When the sale was on the channel at the latest (SPEC 5.4): the marketplace's order time, or the «По остатку»
   * reserve the order took the place of, or when it was reserved — the earliest known. '' on older sheets.
   */
  soldBy: string;
  kit?: string;
}

export interface OrderLedger {
  /** By channel|order|SKU(|kit), the key of «Заказ» reserves. */
  lines: Map<string, LedgerLine>;
  changed: boolean;
}

/**
 * A kit's component has the kit in its key: the same component may be ordered alone, or in another kit,
 * in the same order, and each of those lines is reserved, written off and cancelled on its own.
 */
export function ledgerKey(channel: string, order: string, sku: string, kit?: string): string {
  return kit ? `${channel}|${order}|${sku}|${kit}` : `${channel}|${order}|${sku}`;
}

/** The sheet's rows (null when it does not exist yet); rows without channel, order and SKU are skipped. */
export function readOrderLedger(values: readonly (readonly unknown[])[] | null): OrderLedger {
  const lines = new Map<string, LedgerLine>();
  const at = laterColumns(values?.[0] ?? []);
  for (const row of (values ?? []).slice(1)) {
    const [channel, order, sku] = [row[0], row[1], row[2]].map(cellText);
    if (!channel || !order || !sku) continue;
    const qty = Number(row[3]);
    const kit = cellText(row[at.kit]);
    lines.set(ledgerKey(channel, order, sku, kit), {
      channel,
      order,
      sku,
      qty: Number.isFinite(qty) ? qty : 0,
      reservedAt: momentText(row[4]),
      writtenOffAt: momentText(row[5]),
      cancelledAt: momentText(row[6]),
      soldBy: momentText(row[at.soldBy]),
      ...(kit ? { kit } : {}),
    });
  }
  return { lines, changed: false };
}

/**
 * Where the columns added after the first seven are. Sheets written before both existed have one of them in
 * the eighth column (or none): the header row tells which; a header no one can read falls back to today's order.
 */
function laterColumns(header: readonly unknown[]): { soldBy: number; kit: number } {
  const names = header.map(cellText);
  const soldBy = names.indexOf(ORDER_LEDGER_HEADER[7]);
  const kit = names.indexOf(ORDER_LEDGER_HEADER[8]);
  if (soldBy < 0 && kit < 0) return { soldBy: 7, kit: 8 };
  // -1: a column this sheet does not have, read as blank.
  return { soldBy, kit };
}

/** A moment as the ledger keeps it: ISO text ('' when blank or unreadable; a Date a person typed is read too). */
export function momentText(value: unknown): string {
  const ms = parseMoment(value ?? '');
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

/** When the line closed (written off or cancelled, the later); NaN while it is open. */
function closedAt(line: LedgerLine): number {
  const writtenOff = Date.parse(line.writtenOffAt);
  const cancelled = Date.parse(line.cancelledAt);
  if (Number.isNaN(writtenOff)) return cancelled;
  return Number.isNaN(cancelled) ? writtenOff : Math.max(writtenOff, cancelled);
}

export function isPrunable(line: LedgerLine, now: number): boolean {
  const closed = closedAt(line);
  return !Number.isNaN(closed) && closed < now - ORDER_LEDGER_KEEP_MS;
}

/** Drops the lines closed more than 90 days ago. */
export function pruneOrderLedger(ledger: OrderLedger, now: number): void {
  for (const [key, line] of ledger.lines) {
    if (!isPrunable(line, now)) continue;
    ledger.lines.delete(key);
    ledger.changed = true;
  }
}

/** Rows for «_Заказы»; text forced to stay text, so that Sheets keeps «00123» and «=…» as they are. */
export function orderLedgerRows(ledger: OrderLedger): (string | number)[][] {
  const rows: (string | number)[][] = [ORDER_LEDGER_HEADER];
  const text = (s: string) => (s ? `'${s}` : '');
  for (const l of ledger.lines.values())
    rows.push([
      text(l.channel),
      text(l.order),
      text(l.sku),
      l.qty,
      text(l.reservedAt),
      text(l.writtenOffAt),
      text(l.cancelledAt),
      text(l.soldBy),
      text(l.kit ?? ''),
    ]);
  return rows;
}
