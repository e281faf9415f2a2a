/**
 * Sending (SPEC 6): one task = recalculate, compare with «_Отправлено», guard, send per channel,
 * record what was accepted, journal one row per channel. Under the document lock, with one more
 * pass for each request left while it was held (syncLock); a run that nears Apps Script's 6-minute
 * limit saves what is left, to be continued as the edition allows (triggers).
 */
import { allocateSheet, type SheetAllocation } from '../core/allocation';
import {
  type ChannelPreview,
  everyRowInvalid,
  LEDGER_SHEET,
  type Ledger,
  ledgerRows,
  plans,
  preview,
  readLedger,
  zerosExplainedByOrders,
} from '../core/sending';
import type { Settings } from '../core/settings';
import { alertAfterRun } from './alertRuns';
import { loadCredentials } from './credentials';
import { type HeldReview, heldPushes, reviewHeldPushes, storeHeldPushes } from './heldReview';
import { deleteJson, loadJson, saveJson } from './jsonStore';
import { type MarketDeps, marketDepsOf } from './marketplaces';
import { pullOrders } from './orders';
import { savePending } from './pendingResults';
import type { Values } from './ports';
import { type Grids, readGrids, recalculateSheet } from './recalculate';
import { recordStop } from './runStop';
import { loadRunSettings } from './settingsConfirmation';
import { confirmHeldImport, importSources } from './sources';
import { type SendState, sendChannel } from './syncChannel';
import { saveHeld } from './syncGuard';
import { LEFT_FOR_HOLDER, lockWait, markDirty, takeDirtyMark } from './syncLock';
import {
  appendJournal,
  type Cursor,
  journal,
  type QueuedSend,
  type RunRow,
  type SyncDeps,
  type SyncRequest,
  type SyncResult,
  type SyncRun,
  type TaskRow,
} from './syncRun';
import { armContinuation, type ContinuationWay, removeContinuationTriggers } from './triggers';

export type { HeldReview } from './heldReview';
export { heldPushes } from './heldReview';
export type { Cursor, HeldPush, QueuedSend, SyncDeps, SyncRequest, SyncResult, TaskRow } from './syncRun';

/**
 * Apps Script ends a run at 6 minutes, and one UrlFetch call may take about a minute: no request
 * starts after 4 minutes, so the run always has time to record what was accepted.
 */
export const RUN_BUDGET_MS = 4 * 60_000;
/** A request left while the lock was held runs only with this much of the budget still ahead. */
const EXTRA_PASS_MIN_MS = 60_000;
const MAX_EXTRA_PASSES = 3;

const QUEUED = 'state.queued';
const CURSOR = 'state.cursor';
const LAST_TASKS = 'state.tasks';
/** Repeating states last journaled, per channel (SPEC 2.3). */
const STATES = 'state.repeats';
/** Channels that have had a push accepted: a lost «_Отправлено» of theirs is read back first (SPEC 6). */
const SENT_BEFORE = 'state.sentBefore';

/**
 * The grids a run allocates, «Остатки» as it stood before this run's orders wrote anything off, and
 * whether what the channels show changed «_Отправлено» (SPEC 5.4): then it is written even if nothing is sent.
 */
type RunGrids = Grids & { beforeOrders: Values; ledgerChanged?: boolean };

export function queuedSend(all: Record<string, string>): QueuedSend | null {
  return (loadJson(all, QUEUED) as QueuedSend | undefined) ?? null;
}

export function lastTasks(all: Record<string, string>): TaskRow[] {
  return (loadJson(all, LAST_TASKS) as TaskRow[] | undefined) ?? [];
}

export function hasCursor(all: Record<string, string>): boolean {
  return loadJson(all, CURSOR) !== undefined;
}

/** How the cut run waiting in the cursor will continue (cursors from before editions differed: by trigger). */
export function continuationWay(all: Record<string, string>): ContinuationWay | null {
  const cursor = loadJson(all, CURSOR) as Cursor | undefined;
  return cursor ? (cursor.resumes ?? 'trigger') : null;
}

/**
 * Preview for «Пересчитать» / «Сохранить»: per channel, what a push from the sheet as it is would do.
 * `settings` are the ones a run would use (safety as confirmed, SPEC 7) and `stock` is «Остатки» as
 * read for `allocation`: the guard then holds what a push from the panel would hold, no more (zeros
 * orders explain go out) and no less. A scheduled run pulls new orders first, which no preview can know.
 */
export function previewWith(
  deps: Pick<SyncDeps, 'sheets' | 'clock'> & Partial<Pick<SyncDeps, 'properties' | 'lock'>>,
  settings: Settings,
  allocation: SheetAllocation,
  stock: Values,
  kits: Values | null = null,
): { preview: ChannelPreview[]; heldReview: HeldReview[] } {
  const ledger = readLedger(deps.sheets.readSheet(LEDGER_SHEET));
  let explanation: Map<string, Set<string>> | undefined;
  // Asked at most once, by the preview or by the review of held pushes, whichever needs it first.
  const explained = () => {
    explanation ??= zerosOrdersExplain(settings, { stock, kits }, allocation, deps.clock.now());
    return explanation;
  };
  const channels = preview(settings, allocation, ledger, explained);
  // The held pushes are read again against this same plan, so that the card never names zeros that would not go.
  const { properties, lock } = deps;
  const heldReview =
    properties && lock
      ? reviewHeldPushes({ sheets: deps.sheets, properties, lock }, settings, allocation, ledger, explained)
      : [];
  return { preview: channels, heldReview };
}

/**
 * Per channel id, the zeros orders explain: «Остатки» as it stood before this run's write-offs
 * (`beforeOrders`), allocated without reserves, shows those items above 0.
 */
function zerosOrdersExplain(
  settings: Settings,
  beforeOrders: { stock: Values; kits?: Values | null },
  allocation: SheetAllocation,
  now: number,
): Map<string, Set<string>> {
  const unreserved = allocateSheet(settings, beforeOrders.stock, null, now, undefined, beforeOrders.kits ?? null);
  return unreserved.ok ? zerosExplainedByOrders(settings, allocation, unreserved) : new Map();
}

/** One sending task, from the lock to the journal. */
export function runSync(deps: SyncDeps, request: SyncRequest): SyncResult {
  const started = deps.timer.now();
  // Loosened settings no key holder has confirmed yet are held back (SPEC 7).
  const loaded = loadRunSettings(deps.properties.getAll(), deps.clock);
  if (loaded.kind !== 'saved') return settingsNotSaved();
  const run = newRun(deps, request, loaded.settings, started);
  if (!deps.lock.tryLock(lockWait(request))) return leaveForTheHolder(run);
  try {
    return passesUnderLock(run);
  } finally {
    deps.lock.release();
  }
}

/**
 * A task run by a caller that already holds the document lock (the orders lane, which takes it
 * without waiting), with the settings it loaded; requests left meanwhile run after it as usual.
 */
export function runSyncHoldingLock(deps: SyncDeps, request: SyncRequest, settings: Settings, started: number) {
  return passesUnderLock(newRun(deps, request, settings, started));
}

function newRun(deps: SyncDeps, request: SyncRequest, settings: Settings, started: number): SyncRun {
  return {
    deps,
    request,
    settings,
    sending: settings.channels.filter((c) => c.marketplace !== 'manual'),
    deadline: started + RUN_BUDGET_MS,
    rows: [],
  };
}

function settingsNotSaved(): SyncResult {
  return {
    ok: false,
    status: 'stopped',
    message: 'Настройки ещё не сохранены или содержат ошибки: откройте панель «Остатки».',
    channels: [],
    queued: false,
  };
}

/**
 * Another sync of this spreadsheet holds the lock: this request becomes the sheet's dirty mark, which
 * that sync runs before it lets go. Nothing is journaled here: the run that does the work journals it.
 */
function leaveForTheHolder(run: SyncRun): SyncResult {
  markDirty(run.deps.properties, run.request);
  return { ok: true, status: 'skipped', message: LEFT_FOR_HOLDER, channels: [], queued: false };
}

/**
 * This run's passes under the lock: its own (after the cut run it resumes, if any), then one more
 * for each request left meanwhile, while the budget allows; a mark left after that waits for the
 * next run to take the lock. An extra pass that finds the work already done journals nothing.
 */
function passesUnderLock(run: SyncRun): SyncResult {
  let result = resumeThenSync(run);
  // A run that stopped, or left work for a continuation, is not followed by a pass that could clear its cursor.
  for (let pass = 0; pass < MAX_EXTRA_PASSES && result.status === 'done'; pass++) {
    if (run.deps.timer.now() > run.deadline - EXTRA_PASS_MIN_MS) break;
    const asked = takeDirtyMark(run.deps.properties);
    if (!asked) break;
    result = combined(result, resumeThenSync({ ...run, request: asked, rows: [], quiet: true }));
  }
  return result;
}

/**
 * A full run (scheduled, «Синхронизировать сейчас») first finishes a cut run left without a trigger
 * of its own — an editor's, or an add-on's, whose continuations wait for the hourly run (SPEC 6).
 */
function resumeThenSync(run: SyncRun): SyncResult {
  const { request } = run;
  const full = !request.continuation && (request.trigger === 'Расписание' || request.trigger === 'Меню');
  if (!full || !hasCursor(run.deps.properties.getAll())) return syncUnderLock(run);
  const resumed = syncUnderLock({
    ...run,
    request: { task: 'Продолжение отправки', trigger: request.trigger, mode: 'diff', continuation: true },
    rows: [],
  });
  return resumed.status === 'done' ? combined(resumed, syncUnderLock(run)) : resumed;
}

/** The answer for two passes of one run: every channel row, and the later word on a continuation. */
function combined(first: SyncResult, next: SyncResult): SyncResult {
  const later = next.status === 'continues' || next.status === 'stopped' ? next : first;
  return {
    ok: first.ok && next.ok,
    status: later.status,
    message: later.message,
    channels: [...first.channels, ...next.channels],
    queued: first.queued || next.queued,
  };
}

/** Import sources, pull orders, recalculate, then plan, guard and send each channel. */
function syncUnderLock(run: SyncRun): SyncResult {
  const { deps, settings } = run;
  const recalcDeps = { sheets: deps.sheets, properties: deps.properties, clock: deps.clock };
  const grids = readGrids(recalcDeps, settings);
  // A missing column stops everything, orders included (checked on the header row alone).
  const layout = allocateSheet(settings, [grids.stock[0] ?? []], null, deps.clock.now(), undefined, grids.kits ?? null);
  if (!layout.ok) return stopRun(run, layout.error);
  const ledger: Ledger = readLedger(deps.sheets.readSheet(LEDGER_SHEET));
  const market = marketDepsOf(run.deps, run.deadline);
  const ready = importSourcesAndOrders(run, grids, ledger, market);
  const recalc = recalculateSheet(recalcDeps, settings, ready);
  if (!recalc.ok) return stopRun(run, recalc.error);
  const invalid = everyRowInvalid(recalc.allocation);
  if (invalid) return stopRun(run, invalid);
  const before = { stock: ready.beforeOrders, kits: ready.kits };
  const explain = () => zerosOrdersExplain(settings, before, recalc.allocation, deps.clock.now());
  const state = loadSendState(run, ledger, market, explain);
  state.ledgerChanged = ready.ledgerChanged === true;
  for (const plan of plans(settings, recalc.allocation)) sendChannel(run, state, plan);
  saveSendState(run, state);
  // After the stocks are sent and recorded: an alert never delays or stops a push.
  alertAfterRun(run, recalc.allocation);
  const continues = scheduleContinuation(run, state);
  return endRun(run, continues ? 'continues' : 'done', endMessage(continues, state.queuedNow), state.queuedNow);
}

/** A run that cannot read the sheet right sends nothing: an error row for each channel that would send. */
function stopRun(run: SyncRun, error: string): SyncResult {
  const { task, trigger } = run.request;
  recordStop(run.deps.properties, { at: new Date(run.deps.clock.now()).toISOString(), error, task, trigger });
  for (const c of run.sending)
    if (run.settings.sendEnabled && c.enabled) journal(run, c.name, 'Ошибка', 0, 0, 0, error).stopped = true;
  return endRun(run, 'stopped', error);
}

/**
 * Sources first, then orders (scheduled runs and «Синхронизировать сейчас»): the numbers they
 * bring and the units orders reserve reach every channel in this same run.
 */
function importSourcesAndOrders(run: SyncRun, grids: Grids, ledger: Ledger, market: MarketDeps): RunGrids {
  const { request, settings } = run;
  if (request.confirmImport) {
    const confirmed = importFromSources(run, grids, market);
    return { ...confirmed, beforeOrders: confirmed.stock };
  }
  // The orders lane pulls orders alone: sources and double reservation wait for the full sync (SPEC 6).
  if (request.trigger === 'Заказы' && settings.reserves.enabled)
    return { ...reserveOrders(run, grids, ledger, market), beforeOrders: grids.stock };
  const fullRun = !request.continuation && (request.trigger === 'Расписание' || request.trigger === 'Меню');
  if (!fullRun) return { ...grids, beforeOrders: grids.stock };
  const imported = settings.warehouses.some((w) => w.source) ? importFromSources(run, grids, market) : grids;
  const ordered = settings.reserves.enabled ? reserveOrders(run, imported, ledger, market) : imported;
  return { ...ordered, beforeOrders: imported.stock };
}

function importFromSources(run: SyncRun, grids: Grids, market: MarketDeps): Grids {
  const { deps, request } = run;
  const importDeps = { sources: deps.sources, market, now: deps.clock.now() };
  const imported = request.confirmImport
    ? confirmHeldImport(run.settings, grids, request.confirmImport, importDeps)
    : importSources(run.settings, grids, importDeps);
  for (const e of imported.events)
    journal(run, e.warehouse, e.ok ? 'Импорт' : 'Ошибка', e.items, e.accepted, e.errors, e.details);
  return { stock: imported.stock, reserves: imported.reserves, kits: grids.kits };
}

function reserveOrders(
  run: SyncRun,
  grids: Grids,
  ledger: Ledger,
  market: MarketDeps,
): Grids & { ledgerChanged: boolean } {
  const readShown = run.request.trigger !== 'Заказы';
  const pulled = pullOrders(market, run.settings, ledger, grids, run.deps.clock.now(), readShown);
  for (const e of pulled.events) journal(run, e.channel, e.status, e.items, 0, 0, e.details);
  return {
    stock: pulled.plan.stock,
    reserves: pulled.plan.reserves,
    kits: grids.kits,
    ledgerChanged: pulled.ledgerChanged,
  };
}

/** Held pushes, the queued send and the cursor of the run this one continues, as the run finds them. */
function loadSendState(
  run: SyncRun,
  ledger: Ledger,
  market: MarketDeps,
  explain: () => Map<string, Set<string>>,
): SendState {
  const { deps, request } = run;
  const docAll = deps.properties.getAll();
  const userAll = deps.user.getAll();
  const held = heldPushes(docAll);
  let queued = queuedSend(docAll);
  const cursor = request.continuation ? (loadJson(docAll, CURSOR) as Cursor | undefined) : undefined;
  let mode = cursor?.mode ?? request.mode;
  const ownsAKey = run.sending.some((c) => loadCredentials(userAll, c.id));
  // An editor without keys asked to send: the owner's next run does it, as «send everything».
  if (queued && ownsAKey && request.trigger !== 'Кнопка') {
    mode = 'all';
    queued = null;
  }
  const startedAt = cursor?.startedAt ?? new Date(deps.clock.now()).toISOString();
  let explained: Map<string, Set<string>> | undefined;
  return {
    docAll,
    userAll,
    ledger,
    market,
    held,
    heldBefore: JSON.stringify(held),
    heldLists: null,
    heldChanged: new Map(),
    explained: () => {
      explained ??= explain();
      return explained;
    },
    sentBefore: new Set((loadJson(docAll, SENT_BEFORE) as string[] | undefined) ?? []),
    states: { ...((loadJson(docAll, STATES) as Record<string, string> | undefined) ?? {}) },
    queued,
    cursor,
    mode,
    startedAt,
    remaining: {},
    queuedNow: false,
    ledgerChanged: false,
  };
}

/** «_Отправлено», held pushes and the queued send, each written only when it changed. */
function saveSendState(run: SyncRun, state: SendState): void {
  const { deps } = run;
  if (state.ledgerChanged) deps.sheets.replaceSheet(LEDGER_SHEET, ledgerRows(state.ledger), true);
  saveHeld(run, state);
  savePending(run, state);
  if (JSON.stringify(state.held) !== state.heldBefore) storeHeldPushes(deps.properties, state.held);
  saveMarks(run, state);
  if (state.queued) saveJson(deps.properties, QUEUED, state.queued);
  else if (queuedSend(state.docAll)) deleteJson(deps.properties, QUEUED);
}

/** The "has sent" marks and the repeating states, written only when they changed. */
function saveMarks(run: SyncRun, state: SendState): void {
  const { deps } = run;
  const sent = [...state.ledger].filter(([, entries]) => entries.size > 0).map(([channel]) => channel);
  if (sent.some((c) => !state.sentBefore.has(c)))
    saveJson(deps.properties, SENT_BEFORE, [...new Set([...state.sentBefore, ...sent])]);
  const before = (loadJson(state.docAll, STATES) as Record<string, string> | undefined) ?? {};
  if (JSON.stringify(state.states) !== JSON.stringify(before)) saveJson(deps.properties, STATES, state.states);
}

/**
 * Saves what is left and arms its continuation as the edition allows, or clears a finished cursor;
 * the way it continues, or null when the run is complete.
 */
function scheduleContinuation(run: SyncRun, state: SendState): ContinuationWay | null {
  const { deps, request } = run;
  const continues = Object.keys(state.remaining).length > 0;
  // Only a run that continues, or follows one that did, has a continuation trigger to manage.
  if (continues || hasCursor(state.docAll)) removeContinuationTriggers(deps.triggers);
  if (!continues) {
    if (hasCursor(state.docAll)) deleteJson(deps.properties, CURSOR);
    return null;
  }
  const resumes = armContinuation(deps.triggers, state.docAll, deps.userEmail);
  saveJson(deps.properties, CURSOR, {
    task: request.task,
    trigger: request.trigger,
    mode: state.mode,
    startedAt: state.startedAt,
    remaining: state.remaining,
    resumes,
  } satisfies Cursor);
  return resumes;
}

const CONTINUES: Record<ContinuationWay, string> = {
  trigger: 'Не всё успело уйти за один запуск: продолжение запустится само через минуту.',
  owner: 'Не всё успело уйти за один запуск: остальное отправит следующий запуск по расписанию от имени владельца.',
  hourly:
    'Не всё успело уйти за один запуск. Дополнению Google разрешает только один запуск по расписанию в час: остальное уйдёт со следующим ежечасным запуском (или нажмите «Отправить остатки»).',
};

function endMessage(continues: ContinuationWay | null, queuedNow: boolean): string {
  if (continues) return CONTINUES[continues];
  if (queuedNow)
    return 'У вас нет ключей площадок: отправка поставлена в очередь, её выполнит следующий запуск по расписанию от имени владельца.';
  return 'Готово.';
}

/** Writes the run's rows to «Журнал» and the sidebar's last tasks, and answers the caller. */
function endRun(run: SyncRun, status: SyncResult['status'], message: string, queued = false): SyncResult {
  // An extra pass that found the work already done is not journaled (SPEC 6).
  const nothingDone = run.rows.every((r) => r.repeat || nothingToSend(r) || r.status === 'Отправка выключена');
  const quiet = run.quiet && nothingDone;
  const written = quiet ? [] : rowsToJournal(run);
  if (written.length) writeJournal(run, written);
  const channels = quiet ? [] : run.rows.map(taskRow);
  const ok = status !== 'stopped' && !run.rows.some((r) => r.status === 'Ошибка');
  return { ok, status, message, channels, queued };
}

function nothingToSend(r: RunRow): boolean {
  return r.status === 'Выполнено' && r.items === 0;
}

/**
 * SPEC 2.3: a state that repeats is written when it begins or changes; a scheduled run (or its
 * continuation) that had nothing to send writes no row — the sidebar shows when the last run happened.
 */
function rowsToJournal(run: SyncRun): RunRow[] {
  const rows = run.rows.filter((r) => !r.repeat);
  const scheduled = run.request.trigger === 'Расписание' || run.request.trigger === 'Заказы';
  return scheduled && rows.every(nothingToSend) ? [] : rows;
}

function taskRow(r: RunRow): TaskRow {
  return {
    at: new Date(r.at).toISOString(),
    task: r.task,
    trigger: r.trigger,
    channel: r.channel,
    status: r.status,
    items: r.items,
    accepted: r.accepted,
    errors: r.errors,
    details: r.details,
    ...(r.stopped ? { stopped: true } : {}),
  };
}

function writeJournal(run: SyncRun, rows: RunRow[]): void {
  const { deps } = run;
  appendJournal(deps.sheets, rows);
  const tasks = rows.map(taskRow);
  saveJson(deps.properties, LAST_TASKS, [...tasks, ...lastTasks(deps.properties.getAll())].slice(0, 30));
}
