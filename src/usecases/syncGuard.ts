/**
 * The mass-zero guard of one channel (SPEC 6): it holds only the zeros nothing explains, keeps every
 * held id in the hidden sheet «_Задержано» (a summary for the sidebar in properties), and, when
 * «_Отправлено» was lost for a channel that has sent before, guards against what the marketplace shows
 * (or, for a marketplace that shows nothing, holds every zero until confirmed).
 */
import { ConnectorError } from '../connectors/http';
import {
  type ChannelPlan,
  type GuardVerdict,
  guardAsRun,
  HELD_SHEET,
  heldRows,
  idsSignature,
  itemsNotHeld,
  type LedgerEntry,
  readHeld,
} from '../core/sending';
import type { Channel } from '../core/settings';
import { loadCredentials } from './credentials';
import { NAMED_IN_SUMMARY } from './heldReview';
import { connectorFor, mappingOf } from './marketplaces';
import type { SendState } from './syncChannel';
import { journal, type SyncRun } from './syncRun';

type Item = { id: string; amount: number };

/**
 * The items that go now and, when the guard holds some zeros, the note naming them. Orders are asked
 * to explain zeros only when the push would be held without them (the explanation costs an allocation).
 */
export function guardMassZero(run: SyncRun, state: SendState, plan: ChannelPlan, items: Item[]) {
  const ch = plan.channel;
  // «Подтвердить отправку» sends exactly the zeros the person saw held; new ones are guarded again.
  const confirmed = run.request.confirmChannel === ch.id ? new Set(heldIdsOf(run, state, ch.id)) : undefined;
  // A lost «_Отправлено» of a marketplace that cannot be read: held until confirmed, in later runs too.
  const holdUnrecorded = state.unrecordedHold?.has(ch.id) || state.held[ch.id]?.unrecorded === true;
  const explained = () => state.explained().get(ch.id);
  const verdict = guardAsRun(items, plan, state.ledger, run.settings, explained, { confirmed, holdUnrecorded });
  const repeat = recordHeld(run, state, ch, verdict);
  return { items: itemsNotHeld(items, verdict), held: verdict.hold ? verdict : null, repeat };
}

/** What the journal says of held zeros. */
export function heldDetails(verdict: GuardVerdict): string {
  const named = verdict.toZero.slice(0, 5).join(', ');
  if (verdict.unrecorded)
    return `лист «_Отправлено» потерян, а площадка не показывает свои остатки: в 0 ушли бы ${verdict.toZero.length} позиций, о которых неизвестно, сколько на площадке сейчас (например: ${named}); проверьте таблицу и нажмите «Подтвердить отправку» в панели`;
  return `в 0 ушли бы ${verdict.toZero.length} из ${verdict.base} позиций с остатком (например: ${named}); проверьте таблицу и нажмите «Подтвердить отправку» в панели`;
}

/** The held ids of a channel, from «_Задержано» (read once a run, when first needed). */
function heldIdsOf(run: SyncRun, state: SendState, channelId: string): string[] {
  if (!state.heldLists) state.heldLists = readHeld(run.deps.sheets.readSheet(HELD_SHEET));
  return state.heldLists.get(channelId) ?? [];
}

/**
 * Keeps the channel's held zeros, or clears them; true when they are the same ones as before — a state
 * that repeats, journaled only when it began (SPEC 2.3).
 */
function recordHeld(run: SyncRun, state: SendState, ch: Channel, verdict: GuardVerdict): boolean {
  const before = state.held[ch.id];
  if (!verdict.hold) {
    if (before) {
      delete state.held[ch.id];
      state.heldChanged.set(ch.id, []);
    }
    return false;
  }
  const sig = idsSignature(verdict.toZero);
  // A «_Задержано» a person emptied is written again, so the next confirmation has the ids it confirms.
  const lost = state.heldLists !== null && !state.heldLists.has(ch.id);
  const same = before?.sig === sig && !lost;
  state.held[ch.id] = {
    at: same ? before.at : new Date(run.deps.clock.now()).toISOString(),
    count: verdict.toZero.length,
    base: verdict.base,
    toZero: verdict.toZero.slice(0, NAMED_IN_SUMMARY),
    sig,
    ...(verdict.unrecorded !== undefined ? { unrecorded: true } : {}),
    // The same zeros as a review left them: the card still says how many were held at first.
    ...(same && before.was !== undefined ? { was: before.was } : {}),
  };
  if (!same) state.heldChanged.set(ch.id, verdict.toZero);
  return same;
}

/** Rewrites «_Задержано» when a channel's held ids changed, keeping the other channels' rows. */
export function saveHeld(run: SyncRun, state: SendState): void {
  if (!state.heldChanged.size) return;
  const existing = state.heldLists ?? readHeld(run.deps.sheets.readSheet(HELD_SHEET));
  const lists = new Map(existing);
  for (const [channel, ids] of state.heldChanged)
    if (ids.length) lists.set(channel, ids);
    else lists.delete(channel);
  if (!lists.size && !existing.size) return;
  const now = new Date(run.deps.clock.now()).toISOString();
  run.deps.sheets.replaceSheet(
    HELD_SHEET,
    heldRows(lists, (channel) => state.held[channel]?.at ?? now),
    true,
  );
}

/**
 * A lost «_Отправлено» never lets a mass zero through (SPEC 6): for a channel that has sent before
 * and has no record now, what the marketplace shows for sale becomes the record the guard checks
 * (an id it does not show is unknown). False when that cannot be read: the channel waits a run.
 */
export function baselineIfLedgerLost(run: SyncRun, state: SendState, ch: Channel, items: Item[]): boolean {
  if (state.ledger.get(ch.id)?.size || !state.sentBefore.has(ch.id) || !items.length) return true;
  const credentials = loadCredentials(state.userAll, ch.id);
  // Without a key nothing is sent: the channel's row says why.
  if (!credentials) return true;
  // Nothing to read (MegaMarket): the guard holds every zero it has no record of, until confirmed.
  if (connectorFor(ch, credentials, state.market).canReadStocks === false) {
    state.unrecordedHold ??= new Set();
    state.unrecordedHold.add(ch.id);
    return true;
  }
  try {
    const index = mappingOf(ch, credentials, state.market);
    const shown = connectorFor(ch, credentials, state.market, index).readStocks(items.map((i) => i.id));
    const at = new Date(run.deps.clock.now()).toISOString();
    const baseline = new Map<string, LedgerEntry>();
    for (const [id, qty] of shown) if (qty > 0) baseline.set(id, { qty, at });
    state.ledger.set(ch.id, baseline);
    state.ledgerChanged = true;
    return true;
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    journal(
      run,
      ch.name,
      'Ошибка',
      items.length,
      0,
      0,
      `лист «_Отправлено» потерян, а остатки площадки прочитать не удалось (${error.message}): чтобы не обнулить товары по ошибке, отправка подождёт следующего запуска`,
    );
    return false;
  }
}
