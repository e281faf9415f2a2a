/**
 * One channel of a sending run (SPEC 6): what to send, the mass-zero guard, the push, what the
 * marketplace accepted recorded in «_Отправлено», and the channel's journal row.
 */

import type { AliCredentials } from '../connectors/aliexpress';
import { type ItemOutcome, isAuthReason } from '../connectors/common';
import { ConnectorError } from '../connectors/http';
import type { WbCredentials } from '../connectors/wildberries';
import { rejectedDetails, statusOf } from '../core/journal';
import type { PendingPush } from '../core/pendingResults';
import { withoutSecrets } from '../core/secrets';
import { type ChannelPlan, itemsToSend, type Ledger, type SendMode } from '../core/sending';
import type { Channel } from '../core/settings';
import { aliMappingJobs, aliSkuIndex } from './aliexpress';
import { type Credentials, connectionState, loadCredentials, recordKeyCheck, storedSecrets } from './credentials';
import { connectorFor, type MarketDeps, waitForMapping, wbChrtIndex, wbMappingJobs } from './marketplaces';
import { acceptInLedger, keepAwaiting, settleAwaiting } from './pendingResults';
import { baselineIfLedgerLost, guardMassZero, heldDetails } from './syncGuard';
import { type Cursor, type HeldPush, journal, type QueuedSend, type SyncRun } from './syncRun';

type Item = { id: string; amount: number };

/** At most this many ids left for a continuation are named in its cursor (50-character ids: ~30 KB). */
const LISTED_REMAINING = 500;

/** What the channels of one run read and change: loaded before the first channel, saved after the last. */
export interface SendState {
  /** Document and user properties as the run found them. */
  docAll: Record<string, string>;
  userAll: Record<string, string>;
  ledger: Ledger;
  market: MarketDeps;
  held: Record<string, HeldPush>;
  /** `held` as loaded, to save it only when it changed. */
  heldBefore: string;
  /** Every held id by channel, from «_Задержано»: read only when a run needs it. */
  heldLists: Map<string, string[]> | null;
  /** Channels whose held ids changed in this run, with the new ones (none: the hold ended). */
  heldChanged: Map<string, string[]>;
  /** Per channel, the ids whose 0 orders explain (reserves, this run's write-offs); computed when first asked. */
  explained: () => Map<string, Set<string>>;
  /** Channels that have had a push accepted, ever: a lost «_Отправлено» of theirs is read back first. */
  sentBefore: Set<string>;
  /** Repeating states journaled per channel («Отправка выключена» and why), so that a repeat is not written again. */
  states: Record<string, string>;
  queued: QueuedSend | null;
  /** The run this one continues, if it is a continuation. */
  cursor: Cursor | undefined;
  mode: SendMode;
  startedAt: string;
  /** Per channel, what is left for the continuation (null: all of the channel's items). */
  remaining: Cursor['remaining'];
  /** This run queued a send for the owner of the keys. */
  queuedNow: boolean;
  ledgerChanged: boolean;
  /** Channels whose «_Отправлено» was lost and whose marketplace cannot be read: every unrecorded zero is held. */
  unrecordedHold?: Set<string>;
  /** Pushes awaiting a result by channel, from «_Ожидают ответа»: read only when a run needs it. */
  pending?: Map<string, PendingPush[]>;
  pendingChanged?: boolean;
}

/** Plans, guards, sends and records one channel, and journals its row. */
export function sendChannel(run: SyncRun, state: SendState, plan: ChannelPlan): void {
  const ch = plan.channel;
  if (!isInThisRun(run, state, ch)) return;
  if (!run.settings.sendEnabled || !ch.enabled) {
    journalSendingOff(run, state, ch);
    return;
  }
  delete state.states[ch.id];
  // Results an earlier push is still owed first: what took is recorded, what still awaits is not sent again.
  const awaiting = settleAwaiting(run, state, ch, loadCredentials(state.userAll, ch.id));
  const conflicts = conflictDetails(plan);
  const only = state.cursor?.remaining[ch.id];
  const planned = itemsOfThisRun(state, plan, only).filter((i) => awaiting.get(i.id) !== i.amount);
  if (!baselineIfLedgerLost(run, state, ch, planned)) return;
  const { items, held, repeat } = guardMassZero(run, state, plan, planned);
  if (!items.length) {
    if (held) journalHeld(run, ch, held, repeat);
    else journal(run, ch.name, 'Выполнено', 0, 0, 0, conflicts || advanceOpenMapping(run, state, ch) || idle(awaiting));
    return;
  }
  const credentials = loadCredentials(state.userAll, ch.id);
  if (!credentials) {
    queueOrReportMissingKey(run, state, ch, items.length);
    return;
  }
  // No request starts after the deadline: the channel waits for the continuation.
  if (run.deps.timer.now() >= run.deadline) {
    state.remaining[ch.id] = only ?? null;
    return;
  }
  const pushed = pushToMarketplace(run, state, plan, credentials, items);
  if (!pushed) return;
  const refusedKey = pushed.outcomes.find((o) => !o.accepted && isAuthReason(o.reason));
  if (refusedKey?.reason) recordKeyFailure(run, state, ch, refusedKey.reason);
  else if (pushed.outcomes.some((o) => o.accepted)) recordKeyWorks(run, state, ch);
  recordInLedger(run, state, ch, items, pushed.outcomes);
  keepAwaiting(run, state, ch, new Map(items.map((i) => [i.id, i.amount])), pushed.outcomes);
  // Items a first WB mapping cannot name yet: the continuation sends them (null: the channel's diff).
  if (pushed.waiting) state.remaining[ch.id] = null;
  // Held zeros count among the row's items: «Частично · 3 из 200» with 197 held, never «3 из 3».
  const counted = items.length + (held?.toZero.length ?? 0);
  journalOutcomes(run, ch, counted, pushed, held ? `задержано защитой: ${heldDetails(held)}` : '', conflicts);
}

/**
 * A WB mapping pass that a run left open with nothing waiting for it (cut, say, just before the
 * empty page that ends the cards list) goes on in runs with nothing to send as well: otherwise it
 * would stay open, and the sidebar show it under way, until some item changes. Says only a failure.
 */
function advanceOpenMapping(run: SyncRun, state: SendState, ch: Channel): string {
  const open = ch.marketplace === 'wb' ? wbMappingJobs(state.docAll, [ch]) : aliMappingJobs(state.docAll, [ch]);
  if (!open.length) return '';
  const credentials = loadCredentials(state.userAll, ch.id);
  if (!credentials || run.deps.timer.now() >= run.deadline) return '';
  try {
    const mapping =
      ch.marketplace === 'wb'
        ? wbChrtIndex(ch, credentials as WbCredentials, state.market)
        : aliSkuIndex(ch, credentials as AliCredentials, state.market);
    return mapping.failure ? (mapping.note ?? '') : '';
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    return error.message;
  }
}

/** A channel with nothing to send: and, when pushes still await their result, how many. */
function idle(awaiting: ReadonlyMap<string, number>): string {
  return awaiting.size
    ? `изменений нет; ждут ответа площадки: ${awaiting.size} — результат проверим в следующем запуске`
    : 'изменений нет';
}

/** «Подтвердить отправку» sends one channel; a continuation only the channels left unfinished. */
function isInThisRun(run: SyncRun, state: SendState, ch: Channel): boolean {
  if (run.request.confirmChannel && ch.id !== run.request.confirmChannel) return false;
  return !state.cursor || ch.id in state.cursor.remaining;
}

/** «Отправка выключена» is journaled when it begins or its reason changes, not every run (SPEC 2.3). */
function journalSendingOff(run: SyncRun, state: SendState, ch: Channel): void {
  const why = run.settings.sendEnabled
    ? 'отправка в этот канал выключена'
    : 'выключен главный переключатель «Разрешить отправку остатков»';
  const row = journal(run, ch.name, 'Отправка выключена', 0, 0, 0, why);
  if (state.states[ch.id] === why) row.repeat = true;
  state.states[ch.id] = why;
}

/** Ids that several rows claim are never sent: the journal names the first few. */
function conflictDetails(plan: ChannelPlan): string {
  if (!plan.conflicts.length) return '';
  const named = plan.conflicts
    .slice(0, 3)
    .map((c) => `${c.id} (строки ${c.rows.join(', ')})`)
    .join('; ');
  return `не отправлены ID, указанные в нескольких строках: ${named}`;
}

/** The plan against «_Отправлено»; a continuation sends only what its cursor left for it. */
function itemsOfThisRun(state: SendState, plan: ChannelPlan, only: Record<string, number> | null | undefined): Item[] {
  const items = itemsToSend(plan, state.ledger, state.mode, state.cursor ? state.startedAt : undefined);
  return only ? items.filter((i) => i.id in only) : items;
}

/** Only held zeros and nothing else to send: «Задержано защитой», written when the held items begin or change. */
function journalHeld(run: SyncRun, ch: Channel, held: Parameters<typeof heldDetails>[0], repeat: boolean): void {
  const row = journal(run, ch.name, 'Задержано защитой', held.toZero.length, 0, 0, heldDetails(held));
  if (repeat) row.repeat = true;
}

/** An editor whose channel the owner connected queues the send for the owner's next run (SPEC 7). */
function queueOrReportMissingKey(run: SyncRun, state: SendState, ch: Channel, items: number): void {
  const { deps, request } = run;
  const connection = connectionState(ch, state.userAll, state.docAll);
  if (connection.status === 'connected-by-other' && (request.trigger === 'Кнопка' || request.trigger === 'Меню')) {
    state.queued = { by: deps.userEmail, at: new Date(deps.clock.now()).toISOString() };
    state.queuedNow = true;
    journal(
      run,
      ch.name,
      'Пропущено',
      items,
      0,
      0,
      'у вас нет ключа этого канала: отправку выполнит следующий запуск по расписанию от имени владельца ключа',
    );
    return;
  }
  journal(
    run,
    ch.name,
    'Ошибка',
    items,
    0,
    items,
    'канал не подключен: введите ключ в панели «Остатки» → «Подключение площадок»',
  );
}

/** What a push got: per item, how many wait for the WB mapping, and what to say of the mapping. */
type Pushed = { outcomes: ItemOutcome[]; waiting: number; note?: string };

/** The push itself; a marketplace error becomes the channel's journal row (null), anything else is a bug. */
function pushToMarketplace(
  run: SyncRun,
  state: SendState,
  plan: ChannelPlan,
  credentials: Credentials,
  items: Item[],
): Pushed | null {
  const ch = plan.channel;
  try {
    if (ch.marketplace !== 'wb' && ch.marketplace !== 'aliexpress')
      return { outcomes: connectorFor(ch, credentials, state.market).setStocks(items), waiting: 0 };
    const mapping =
      ch.marketplace === 'wb'
        ? wbChrtIndex(ch, credentials as WbCredentials, state.market, false, plan.desired.size)
        : aliSkuIndex(ch, credentials as AliCredentials, state.market, false, plan.desired.size);
    const { ready, waiting } = waitForMapping(items, mapping);
    const outcomes = connectorFor(ch, credentials, state.market, mapping.index).setStocks(ready);
    // The cards list failed: what it did not name is refused for now, never left to loop continuations.
    if (mapping.failure)
      for (const w of waiting)
        outcomes.push({ id: w.id, accepted: false, reason: 'карточка ещё не прочитана', retryLater: true });
    return { outcomes, waiting: mapping.failure ? 0 : waiting.length, note: mapping.note };
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    if (error.kind === 'auth') recordKeyFailure(run, state, ch, error.message);
    journal(run, ch.name, 'Ошибка', items.length, 0, items.length, error.message);
    return null;
  }
}

/** A 401/403 in a run is a check of the key as well: the connection card says so (without the key). */
function recordKeyFailure(run: SyncRun, state: SendState, ch: Channel, message: string): void {
  recordKeyCheck(run.deps.properties, ch.id, {
    at: new Date(run.deps.clock.now()).toISOString(),
    ok: false,
    error: withoutSecrets(message, storedSecrets(state.userAll)),
  });
}

/**
 * A push the marketplace accepted is a check of the key too, as good as «Проверить подключение»: the
 * checklist and the connection card stop asking for one. Written only when the last check said otherwise.
 */
function recordKeyWorks(run: SyncRun, state: SendState, ch: Channel): void {
  if (connectionState(ch, state.userAll, state.docAll).check === 'ok') return;
  recordKeyCheck(run.deps.properties, ch.id, { at: new Date(run.deps.clock.now()).toISOString(), ok: true });
}

/**
 * «_Отправлено» keeps what the marketplace accepted, with the quantity accepted before it; a push that
 * went out but was not confirmed is kept as `tried`, since the marketplace may still apply it (SPEC 5.4:
 * neither is evidence of a sale). What it had no time for is left for the continuation.
 */
function recordInLedger(run: SyncRun, state: SendState, ch: Channel, items: Item[], outcomes: ItemOutcome[]): void {
  const amounts = new Map(items.map((i) => [i.id, i.amount]));
  const at = new Date(run.deps.clock.now()).toISOString();
  for (const o of outcomes) {
    const qty = amounts.get(o.id) as number;
    const sent = state.ledger.get(ch.id);
    const before = sent?.get(o.id);
    if (o.accepted) acceptInLedger(state, ch.id, o.id, qty, at);
    else if (!o.notSent && o.retryLater && sent && before) {
      // Only a push that may still apply (a lost answer, a read-back too early, a result to come): a refusal never does.
      sent.set(o.id, { ...before, tried: { qty, at } });
      state.ledgerChanged = true;
    }
  }
  const notSent = outcomes.filter((o) => o.notSent);
  // A long list would not fit in the properties (500 KB in all): then the continuation sends whatever
  // of the channel «_Отправлено» does not show as accepted in this task, which the list would have named.
  if (notSent.length)
    state.remaining[ch.id] =
      notSent.length > LISTED_REMAINING
        ? null
        : Object.fromEntries(notSent.map((o) => [o.id, amounts.get(o.id) as number]));
}

/** The channel's row; held zeros (`heldNote`) make a channel whose other items went out «Частично». */
function journalOutcomes(
  run: SyncRun,
  ch: Channel,
  items: number,
  pushed: Pushed,
  heldNote: string,
  conflicts: string,
): void {
  const { outcomes, waiting, note } = pushed;
  // Taken for processing, result not told yet: neither accepted nor refused.
  const awaiting = outcomes.filter((o) => o.awaiting !== undefined).length;
  const rejected = outcomes.filter((o) => !o.accepted && !o.notSent && o.awaiting === undefined);
  const notSent = outcomes.filter((o) => o.notSent);
  const accepted = outcomes.length - rejected.length - notSent.length - awaiting;
  const attempted = outcomes.length - notSent.length - awaiting;
  const details = [
    note ?? '',
    rejectedDetails(rejected),
    awaiting ? `ждут ответа площадки: ${awaiting} — результат проверим в следующем запуске` : '',
    notSent.length ? `не успели отправить ${notSent.length}: продолжение запущено` : '',
    heldNote,
    conflicts,
  ]
    .filter(Boolean)
    .join('; ');
  // A channel whose every item waits for the continuation (or for the WB mapping) is «Частично», not «Выполнено»;
  // so is one whose held zeros wait for «Подтвердить отправку».
  const waits = notSent.length > 0 || waiting > 0 || awaiting > 0;
  const sent =
    attempted === 0 && waits
      ? 'Частично'
      : (waiting || awaiting) && accepted
        ? 'Частично'
        : statusOf(attempted, accepted);
  const status = heldNote && sent === 'Выполнено' ? 'Частично' : sent;
  journal(run, ch.name, status, items, accepted, rejected.length, details);
}
