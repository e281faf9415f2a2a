/**
 * Pushes whose result a marketplace tells only later (AliExpress): a later run asks for them before it
 * sends the channel. What was accepted goes into «_Отправлено» then, not before (SPEC 6: an item counts
 * as sent only when the marketplace accepted it); what was refused is journaled and sent again by the
 * diff; what still awaits is not pushed again unchanged; a result never told in a day is let go.
 */
import type { ItemOutcome } from '../connectors/common';
import { ConnectorError } from '../connectors/http';
import { rejectedDetails, statusOf } from '../core/journal';
import {
  ANSWERS_LATER,
  PENDING_MAX_AGE_MS,
  PENDING_SHEET,
  type PendingPush,
  pendingRows,
  readPending,
} from '../core/pendingResults';
import { acceptedEntry } from '../core/sending';
import type { Channel } from '../core/settings';
import type { Credentials } from './credentials';
import { connectorFor, mappingOf } from './marketplaces';
import type { SendState } from './syncChannel';
import { journal, type SyncRun } from './syncRun';

/** «_Отправлено» takes an accepted quantity, keeping the one accepted before it (a late marketplace may still show it). */
export function acceptInLedger(state: SendState, channelId: string, id: string, qty: number, at: string): void {
  let sent = state.ledger.get(channelId);
  if (!sent) {
    sent = new Map();
    state.ledger.set(channelId, sent);
  }
  sent.set(id, acceptedEntry(sent.get(id), qty, at));
  state.ledgerChanged = true;
}

/** The channels' awaiting pushes, read from «_Ожидают ответа» once a run, when a channel first needs them. */
function pendingLists(run: SyncRun, state: SendState): Map<string, PendingPush[]> {
  state.pending ??= readPending(run.deps.sheets.readSheet(PENDING_SHEET));
  return state.pending;
}

/**
 * Asks for the results of this channel's awaiting pushes, records them, and returns what still awaits
 * (id → quantity pushed). A channel whose marketplace answers at once reads nothing.
 */
export function settleAwaiting(
  run: SyncRun,
  state: SendState,
  ch: Channel,
  credentials: Credentials | undefined,
): Map<string, number> {
  if (!ANSWERS_LATER.has(ch.marketplace) || !credentials) return new Map();
  const lists = pendingLists(run, state);
  const mine = lists.get(ch.id) ?? [];
  if (!mine.length || run.deps.timer.now() >= run.deadline) return new Map(mine.map((p) => [p.id, p.qty]));
  const now = run.deps.clock.now();
  const fresh = mine.filter((p) => now - Date.parse(p.at) < PENDING_MAX_AGE_MS);
  let outcomes: ItemOutcome[];
  try {
    const connector = connectorFor(ch, credentials, state.market, mappingOf(ch, credentials, state.market));
    outcomes = connector.resultsOf?.(fresh) ?? [];
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    journal(run, ch.name, 'Ошибка', fresh.length, 0, 0, `результат прошлой отправки не получен: ${error.message}`);
    return new Map(fresh.map((p) => [p.id, p.qty]));
  }
  const still = fresh.filter((_p, k) => outcomes[k]?.awaiting !== undefined);
  const at = new Date(now).toISOString();
  fresh.forEach((p, k) => {
    if (outcomes[k]?.accepted) acceptInLedger(state, ch.id, p.id, p.qty, at);
  });
  lists.set(ch.id, still);
  state.pendingChanged = true;
  journalSettled(
    run,
    ch,
    outcomes.filter((o) => o.awaiting === undefined),
    mine.length - fresh.length,
  );
  return new Map(still.map((p) => [p.id, p.qty]));
}

/** One row for the results that came: how many took, which were refused, how many never got an answer. */
function journalSettled(run: SyncRun, ch: Channel, told: ItemOutcome[], lost: number): void {
  if (!told.length && !lost) return;
  const accepted = told.filter((o) => o.accepted).length;
  const refused = told.filter((o) => !o.accepted);
  const details = [
    `результат прошлой отправки: принято ${accepted} из ${told.length}`,
    rejectedDetails(refused),
    lost ? `без ответа больше суток: ${lost}, отправим снова` : '',
  ]
    .filter(Boolean)
    .join('; ');
  journal(run, ch.name, statusOf(told.length + lost, accepted), told.length + lost, accepted, refused.length, details);
}

/**
 * After a push: what the marketplace took for processing awaits its result; an item it answered (or
 * that went again) no longer waits for an older push of it.
 */
export function keepAwaiting(
  run: SyncRun,
  state: SendState,
  ch: Channel,
  amounts: ReadonlyMap<string, number>,
  outcomes: readonly ItemOutcome[],
): void {
  if (!ANSWERS_LATER.has(ch.marketplace)) return;
  const lists = pendingLists(run, state);
  const answered = new Set(outcomes.filter((o) => !o.notSent).map((o) => o.id));
  const at = new Date(run.deps.clock.now()).toISOString();
  const kept = (lists.get(ch.id) ?? []).filter((p) => !answered.has(p.id));
  for (const o of outcomes)
    if (o.awaiting) kept.push({ id: o.id, qty: amounts.get(o.id) as number, group: o.awaiting, at });
  lists.set(ch.id, kept);
  state.pendingChanged = true;
}

/** Rewrites «_Ожидают ответа» when a channel's awaiting pushes changed. */
export function savePending(run: SyncRun, state: SendState): void {
  if (!state.pendingChanged || !state.pending) return;
  const rows = pendingRows(new Map([...state.pending].filter(([, list]) => list.length > 0)));
  // Nothing awaits and the sheet was never made: nothing to write.
  if (rows.length === 1 && !run.deps.sheets.readSheet(PENDING_SHEET)) return;
  run.deps.sheets.replaceSheet(PENDING_SHEET, rows, true);
}
