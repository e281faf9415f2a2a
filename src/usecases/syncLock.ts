/**
 * One sync at a time per spreadsheet (SPEC 6). A full sync waits up to 30 s for the document lock,
 * an edit or a button press a moment. A run that still cannot get it is not lost: it leaves what it
 * was asked to do as the sheet's dirty mark, and the run holding the lock takes the mark before it
 * lets go and runs once more.
 */
import type { RunTrigger } from '../core/journal';
import { deleteJson, loadJson, saveJson } from './jsonStore';
import type { KeyValueStore } from './ports';
import type { SyncRequest } from './syncRun';

export const FULL_SYNC_LOCK_WAIT_MS = 30_000;
/**
 * An edit trigger that waited 30 s on every edit made during a long sync would eat the owner's daily
 * trigger time, and a person who pressed a button should hear back at once: the mark does the rest.
 */
export const QUICK_LOCK_WAIT_MS = 2_000;
const DIRTY = 'state.dirty';

export const LEFT_FOR_HOLDER =
  'Сейчас идёт другая синхронизация этой таблицы: ваш запрос она выполнит сразу после себя.';

export function lockWait(request: SyncRequest): number {
  return request.trigger === 'Правка' || request.trigger === 'Кнопка' ? QUICK_LOCK_WAIT_MS : FULL_SYNC_LOCK_WAIT_MS;
}

/** A scheduled run does the most (sources, orders), an edit the least. */
const REACH: Record<RunTrigger, number> = { Расписание: 3, Меню: 2, Заказы: 1, Кнопка: 1, Правка: 0 };

/**
 * One request that does what both asked: the wider run, «send everything» if either asked for it.
 * A confirmation of one channel's held push, or of one warehouse's held import, survives only alone
 * (it would narrow the run to that channel, or to that import); merged, the held push or import stays
 * in the sidebar to be confirmed again.
 */
export function mergeRequests(a: SyncRequest, b: SyncRequest): SyncRequest {
  const lead = REACH[b.trigger] > REACH[a.trigger] ? b : a;
  const confirmChannel = a.confirmChannel === b.confirmChannel ? a.confirmChannel : undefined;
  const confirmImport = a.confirmImport === b.confirmImport ? a.confirmImport : undefined;
  return {
    task: lead.task,
    trigger: lead.trigger,
    mode: a.mode === 'all' || b.mode === 'all' ? 'all' : 'diff',
    ...(confirmChannel ? { confirmChannel } : {}),
    ...(confirmImport ? { confirmImport } : {}),
    ...(a.continuation && b.continuation ? { continuation: true } : {}),
  };
}

/** Leaves this request for the run that holds the lock (merged with any left before it). */
export function markDirty(store: KeyValueStore, request: SyncRequest): void {
  const all = store.getAll();
  const before = loadJson(all, DIRTY) as SyncRequest | undefined;
  saveJson(store, DIRTY, before ? mergeRequests(before, request) : request, all);
}

/** The request left while this run held the lock, if any; the mark is cleared as it is taken. */
export function takeDirtyMark(store: KeyValueStore): SyncRequest | null {
  const all = store.getAll();
  const asked = loadJson(all, DIRTY) as SyncRequest | undefined;
  if (!asked) return null;
  deleteJson(store, DIRTY, all);
  return asked;
}
