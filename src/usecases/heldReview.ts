/**
 * The held pushes' summaries (document properties; every held id is in the hidden sheet «_Задержано»),
 * and their review after «Пересчитать» or «Сохранить»: a held zero the sheet no longer wants is not
 * held any more (SPEC 6), so that «Подтвердить отправку» never confirms a list the seller has fixed.
 */
import type { SheetAllocation } from '../core/allocation';
import { stillHeld } from '../core/heldReview';
import { HELD_SHEET, heldRows, idsSignature, type Ledger, plans, readHeld } from '../core/sending';
import type { Settings } from '../core/settings';
import { loadJson, saveJson } from './jsonStore';
import type { KeyValueStore, LockPort, SpreadsheetPort } from './ports';
import type { HeldPush } from './syncRun';

const HELD = 'state.held';
/** How many held ids the sidebar's summary names; the sheet has them all. */
export const NAMED_IN_SUMMARY = 10;

export function heldPushes(all: Record<string, string>): Record<string, HeldPush> {
  return (loadJson(all, HELD) as Record<string, HeldPush> | undefined) ?? {};
}

export function storeHeldPushes(store: KeyValueStore, held: Record<string, HeldPush>): void {
  saveJson(store, HELD, held);
}

/** One channel whose held zeros the review changed: how many were held, and how many still are (0: none). */
export interface HeldReview {
  channelId: string;
  name: string;
  before: number;
  now: number;
}

interface ReviewDeps {
  sheets: SpreadsheetPort;
  properties: KeyValueStore;
  lock: LockPort;
}

/**
 * Shrinks or ends each held push to what a push from the sheet as it is would still hold; the channels
 * it changed. Under the document lock: a run that holds it decides the held zeros itself as it ends.
 */
export function reviewHeldPushes(
  deps: ReviewDeps,
  settings: Settings,
  allocation: SheetAllocation,
  ledger: Ledger,
  explained: () => Map<string, Set<string>>,
): HeldReview[] {
  const held = heldPushes(deps.properties.getAll());
  if (!Object.keys(held).length || !deps.lock.tryLock(0)) return [];
  try {
    // Read again under the lock: a run that ended meanwhile may have changed them.
    const current = heldPushes(deps.properties.getAll());
    const lists = readHeld(deps.sheets.readSheet(HELD_SHEET));
    const byChannel = new Map(plans(settings, allocation).map((p) => [p.channel.id, p]));
    const changes: HeldReview[] = [];
    for (const [channelId, push] of Object.entries(current)) {
      const ids = lists.get(channelId);
      // An emptied «_Задержано» is left to the next run, which writes it again (syncGuard).
      if (!ids) continue;
      const plan = byChannel.get(channelId);
      const still = stillHeld(ids, plan, ledger, settings, () => explained().get(channelId), push.unrecorded);
      if (still.length === ids.length) continue;
      changes.push({ channelId, name: plan?.channel.name ?? channelId, before: ids.length, now: still.length });
      if (still.length) {
        current[channelId] = shrunk(push, still);
        lists.set(channelId, still);
      } else {
        delete current[channelId];
        lists.delete(channelId);
      }
    }
    if (changes.length) save(deps, current, lists);
    return changes;
  } finally {
    deps.lock.release();
  }
}

/** The summary of fewer held zeros; `was` keeps how many were held when the hold began. */
function shrunk(push: HeldPush, still: string[]): HeldPush {
  return {
    ...push,
    count: still.length,
    toZero: still.slice(0, NAMED_IN_SUMMARY),
    sig: idsSignature(still),
    was: push.was ?? push.count,
  };
}

function save(deps: ReviewDeps, held: Record<string, HeldPush>, lists: Map<string, string[]>): void {
  storeHeldPushes(deps.properties, held);
  deps.sheets.replaceSheet(
    HELD_SHEET,
    heldRows(lists, (channel) => held[channel]?.at ?? ''),
    true,
  );
}

export type OpenHeldListResult = { ok: true } | { ok: false; error: string };

/**
 * «Открыть список»: the hidden sheet «_Задержано» shown and opened at the channel's first held item,
 * so that the seller sees every id the guard holds (the card names only the first few).
 */
export function openHeldList(sheets: SpreadsheetPort, channelId: unknown): OpenHeldListResult {
  const values = sheets.readSheet(HELD_SHEET);
  const at = (values ?? []).findIndex((row, i) => i > 0 && String(row[0] ?? '').trim() === channelId);
  if (!values || at < 1) return { ok: false, error: 'Для этого канала сейчас ничего не задержано.' };
  if (!sheets.showSheet) return { ok: false, error: 'Эта таблица не умеет показывать скрытые листы.' };
  sheets.showSheet(HELD_SHEET);
  sheets.select(HELD_SHEET, at + 1, 2);
  return { ok: true };
}
