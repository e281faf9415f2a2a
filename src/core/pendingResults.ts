/**
 * Pushes a marketplace took for processing and answers later (AliExpress: the `group_id` of its tasks):
 * until their result is known they are neither accepted nor refused. They are kept, per channel and
 * item, on the hidden sheet «_Ожидают ответа» (it grows with a push, so not in properties), and a
 * later run asks for their results.
 */
import type { Channel } from './settings';

export const PENDING_SHEET = '_Ожидают ответа';
export const PENDING_HEADER = ['Канал', 'ID', 'Кол-во', 'Группа', 'Отправлено'];

/** Marketplaces whose stock pushes are answered later. */
export const ANSWERS_LATER: ReadonlySet<Channel['marketplace']> = new Set(['aliexpress']);

/** A result never told within this time is taken as lost: the item is sent again. */
export const PENDING_MAX_AGE_MS = 24 * 3600 * 1000;

export interface PendingPush {
  id: string;
  qty: number;
  /** The marketplace's id to ask the result by. */
  group: string;
  at: string;
}

function timeText(value: unknown): string {
  return Object.prototype.toString.call(value) === '[object Date]'
    ? (value as Date).toISOString()
    : String(value ?? '');
}

/** channel id → its pushes awaiting a result, from «_Ожидают ответа». */
export function readPending(values: readonly (readonly unknown[])[] | null): Map<string, PendingPush[]> {
  const pending = new Map<string, PendingPush[]>();
  for (const row of (values ?? []).slice(1)) {
    const channel = String(row[0] ?? '').trim();
    const id = String(row[1] ?? '').trim();
    const qty = Number(row[2]);
    const group = String(row[3] ?? '').trim();
    if (!channel || !id || !group || !Number.isFinite(qty)) continue;
    const list = pending.get(channel) ?? [];
    list.push({ id, qty, group, at: timeText(row[4]) });
    pending.set(channel, list);
  }
  return pending;
}

/** Rows for «_Ожидают ответа»; ids, groups and times forced to text so Sheets keeps them as they are. */
export function pendingRows(pending: ReadonlyMap<string, readonly PendingPush[]>): (string | number)[][] {
  const rows: (string | number)[][] = [PENDING_HEADER];
  for (const [channel, list] of pending)
    for (const p of list) rows.push([`'${channel}`, `'${p.id}`, p.qty, `'${p.group}`, `'${p.at}`]);
  return rows;
}
