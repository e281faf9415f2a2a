/**
 * One channel of a sending run (SPEC 6): what to send, the mass-zero guard, the push, what the
 * marketplace accepted recorded in «_Отправлено», and the channel's journal row.
 */
import type { ItemOutcome } from '../connectors/common';
import { ConnectorError } from '../connectors/http';
import type { WbCredentials } from '../connectors/wildberries';
import { rejectedDetails, statusOf } from '../core/journal';
import { type ChannelPlan, guard, itemsToSend, type Ledger, type SendMode } from '../core/sending';
import type { Channel } from '../core/settings';
import { type Credentials, connectionState, loadCredentials } from './credentials';
import { connectorFor, type MarketDeps, wbChrtIndex } from './marketplaces';
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
}

/** Plans, guards, sends and records one channel, and journals its row. */
export function sendChannel(run: SyncRun, state: SendState, plan: ChannelPlan): void {
  const ch = plan.channel;
  if (!isInThisRun(run, state, ch)) return;
  if (!run.settings.sendEnabled || !ch.enabled) {
    journalSendingOff(run, ch);
    return;
  }
  const conflicts = conflictDetails(plan);
  const only = state.cursor?.remaining[ch.id];
  const items = itemsOfThisRun(state, plan, only);
  if (holdMassZero(run, state, plan, items)) return;
  delete state.held[ch.id];
  if (!items.length) {
    journal(run, ch.name, 'Выполнено', 0, 0, 0, conflicts || 'изменений нет');
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
  const outcomes = pushToMarketplace(run, state, ch, credentials, items);
  if (!outcomes) return;
  recordInLedger(run, state, ch, items, outcomes);
  journalOutcomes(run, ch, items.length, outcomes, conflicts);
}

/** «Подтвердить отправку» sends one channel; a continuation only the channels left unfinished. */
function isInThisRun(run: SyncRun, state: SendState, ch: Channel): boolean {
  if (run.request.confirmChannel && ch.id !== run.request.confirmChannel) return false;
  return !state.cursor || ch.id in state.cursor.remaining;
}

function journalSendingOff(run: SyncRun, ch: Channel): void {
  journal(
    run,
    ch.name,
    'Отправка выключена',
    0,
    0,
    0,
    run.settings.sendEnabled
      ? 'отправка в этот канал выключена'
      : 'выключен главный переключатель «Разрешить отправку остатков»',
  );
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

/** The mass-zero guard: a push that would zero too much waits for «Подтвердить отправку». */
function holdMassZero(run: SyncRun, state: SendState, plan: ChannelPlan, items: Item[]): boolean {
  const ch = plan.channel;
  const verdict = guard(items, plan, state.ledger, run.settings);
  if (!verdict.hold || run.request.confirmChannel === ch.id) return false;
  state.held[ch.id] = {
    at: new Date(run.deps.clock.now()).toISOString(),
    count: verdict.toZero.length,
    base: verdict.base,
    toZero: verdict.toZero.slice(0, 50),
  };
  journal(
    run,
    ch.name,
    'Задержано защитой',
    items.length,
    0,
    0,
    `в 0 ушли бы ${verdict.toZero.length} из ${verdict.base} позиций с остатком (например: ${verdict.toZero.slice(0, 5).join(', ')}); проверьте таблицу и нажмите «Подтвердить отправку» в панели`,
  );
  return true;
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

/** The push itself; a marketplace error becomes the channel's journal row (null), anything else is a bug. */
function pushToMarketplace(
  run: SyncRun,
  state: SendState,
  ch: Channel,
  credentials: Credentials,
  items: Item[],
): ItemOutcome[] | null {
  try {
    const index =
      ch.marketplace === 'wb' ? wbChrtIndex(ch, credentials as WbCredentials, state.market).index : undefined;
    return connectorFor(ch, credentials, state.market, index).setStocks(items);
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    journal(run, ch.name, 'Ошибка', items.length, 0, items.length, error.message);
    return null;
  }
}

/**
 * «_Отправлено» keeps what the marketplace accepted, with the quantity accepted before it; a push that
 * went out but was not confirmed is kept as `tried`, since the marketplace may still apply it (SPEC 5.4:
 * neither is evidence of a sale). What it had no time for is left for the continuation.
 */
function recordInLedger(run: SyncRun, state: SendState, ch: Channel, items: Item[], outcomes: ItemOutcome[]): void {
  const amounts = new Map(items.map((i) => [i.id, i.amount]));
  const at = new Date(run.deps.clock.now()).toISOString();
  let sent = state.ledger.get(ch.id);
  if (!sent) {
    sent = new Map();
    state.ledger.set(ch.id, sent);
  }
  for (const o of outcomes) {
    const qty = amounts.get(o.id) as number;
    const before = sent.get(o.id);
    if (o.accepted) {
      // A repeat of the same quantity keeps the older one: that is what a late marketplace may still show.
      const prev = before && before.qty !== qty ? { qty: before.qty, at: before.at } : before?.prev;
      sent.set(o.id, { qty, at, ...(prev ? { prev } : {}) });
      state.ledgerChanged = true;
    } else if (!o.notSent && before) {
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

function journalOutcomes(run: SyncRun, ch: Channel, items: number, outcomes: ItemOutcome[], conflicts: string): void {
  const rejected = outcomes.filter((o) => !o.accepted && !o.notSent);
  const notSent = outcomes.filter((o) => o.notSent);
  const accepted = outcomes.length - rejected.length - notSent.length;
  const attempted = outcomes.length - notSent.length;
  const details = [
    rejectedDetails(rejected),
    notSent.length ? `не успели отправить ${notSent.length}: продолжение запущено` : '',
    conflicts,
  ]
    .filter(Boolean)
    .join('; ');
  // A channel whose every item waits for the continuation is «Частично», not «Выполнено».
  const status = attempted === 0 && notSent.length ? 'Частично' : statusOf(attempted, accepted);
  journal(run, ch.name, status, items, accepted, rejected.length, details);
}
