/**
 * Sending (SPEC 6): one task = recalculate, compare with «_Отправлено», guard, send per channel,
 * record what was accepted, journal one row per channel. Under the document lock; a run that
 * nears Apps Script's 6-minute limit saves what is left and schedules its own continuation.
 */
import type { ItemOutcome } from '../connectors/common';
import type { HttpClient, Timer } from '../connectors/http';
import { ConnectorError } from '../connectors/http';
import type { WbCredentials } from '../connectors/wildberries';
import { allocateSheet } from '../core/allocation';
import {
  JOURNAL_HEADER,
  JOURNAL_KEEP,
  JOURNAL_SHEET,
  type JournalRow,
  type JournalStatus,
  journalValues,
  type RunTrigger,
  rejectedDetails,
  statusOf,
} from '../core/journal';
import {
  type ChannelPreview,
  guard,
  itemsToSend,
  LEDGER_SHEET,
  type Ledger,
  ledgerRows,
  plans,
  preview,
  readLedger,
  type SendMode,
} from '../core/sending';
import type { Settings } from '../core/settings';
import { connectionState, loadCredentials } from './credentials';
import { deleteJson, loadJson, saveJson } from './jsonStore';
import { connectorFor, wbChrtIndex } from './marketplaces';
import { pullOrders } from './orders';
import type { Clock, KeyValueStore, LockPort, SourcePort, SpreadsheetPort, TriggerPort } from './ports';
import { readGrids, recalculateSheet } from './recalculate';
import { loadSettings } from './settingsService';
import { importSources } from './sources';

/** Apps Script ends a run at 6 minutes; what is not done by then is left for a continuation. */
export const RUN_BUDGET_MS = 4.5 * 60_000;
const LOCK_WAIT_MS = 1_000;
export const CONTINUATION_HANDLER = 'continueSync';
const CONTINUATION_DELAY_MS = 60_000;

const HELD = 'state.held';
const QUEUED = 'state.queued';
const CURSOR = 'state.cursor';
const LAST_TASKS = 'state.tasks';

export interface SyncDeps {
  sheets: SpreadsheetPort;
  properties: KeyValueStore;
  user: KeyValueStore;
  http: HttpClient;
  timer: Timer;
  clock: Clock;
  lock: LockPort;
  triggers: TriggerPort;
  userEmail: string;
  sources: SourcePort;
}

export interface SyncRequest {
  task: string;
  trigger: RunTrigger;
  mode: SendMode;
  /** «Подтвердить отправку»: send this channel's held push. */
  confirmChannel?: string;
  continuation?: boolean;
}

export interface HeldPush {
  at: string;
  count: number;
  base: number;
  toZero: string[];
}
export interface Cursor {
  task: string;
  trigger: RunTrigger;
  mode: SendMode;
  startedAt: string;
  remaining: Record<string, Record<string, number> | null>;
}
export interface TaskRow {
  at: string;
  task: string;
  trigger: RunTrigger;
  channel: string;
  status: JournalStatus;
  items: number;
  accepted: number;
  errors: number;
  details: string;
}

export interface SyncResult {
  ok: boolean;
  status: 'done' | 'skipped' | 'stopped' | 'continues';
  message: string;
  channels: TaskRow[];
  queued: boolean;
}

export function heldPushes(all: Record<string, string>): Record<string, HeldPush> {
  return (loadJson(all, HELD) as Record<string, HeldPush> | undefined) ?? {};
}

export function queuedSend(all: Record<string, string>): { by: string; at: string } | null {
  return (loadJson(all, QUEUED) as { by: string; at: string } | undefined) ?? null;
}

export function lastTasks(all: Record<string, string>): TaskRow[] {
  return (loadJson(all, LAST_TASKS) as TaskRow[] | undefined) ?? [];
}

export function hasCursor(all: Record<string, string>): boolean {
  return loadJson(all, CURSOR) !== undefined;
}

/** Preview for «Пересчитать» / «Сохранить»: per channel, what a diff push would do. */
export function previewWith(
  deps: Pick<SyncDeps, 'sheets'>,
  settings: Settings,
  allocation: Parameters<typeof preview>[1],
): ChannelPreview[] {
  return preview(settings, allocation, readLedger(deps.sheets.readSheet(LEDGER_SHEET)));
}

export function runSync(deps: SyncDeps, request: SyncRequest): SyncResult {
  const started = deps.timer.now();
  const deadline = started + RUN_BUDGET_MS;
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  if (loaded.kind !== 'saved') {
    return {
      ok: false,
      status: 'stopped',
      message: 'Настройки ещё не сохранены или содержат ошибки: откройте панель «Остатки».',
      channels: [],
      queued: false,
    };
  }
  const settings = loaded.settings;
  const sending = settings.channels.filter((c) => c.marketplace !== 'manual');
  const rows: JournalRow[] = [];
  const row = (
    channel: string,
    status: JournalStatus,
    items: number,
    accepted: number,
    errors: number,
    details: string,
  ) =>
    rows.push({
      at: deps.clock.now(),
      task: request.task,
      trigger: request.trigger,
      user: deps.userEmail,
      channel,
      items,
      accepted,
      errors,
      status,
      details,
    });
  const finish = (status: SyncResult['status'], message: string, queued = false): SyncResult => {
    deps.sheets.appendRows(
      JOURNAL_SHEET,
      JOURNAL_HEADER,
      rows.map((r) => journalValues(r, deps.sheets.date)),
      JOURNAL_KEEP,
    );
    const tasks: TaskRow[] = rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      task: r.task,
      trigger: r.trigger,
      channel: r.channel,
      status: r.status,
      items: r.items,
      accepted: r.accepted,
      errors: r.errors,
      details: r.details,
    }));
    saveJson(deps.properties, LAST_TASKS, [...tasks, ...lastTasks(deps.properties.getAll())].slice(0, 30));
    const ok = status !== 'stopped' && !rows.some((r) => r.status === 'Ошибка');
    return { ok, status, message, channels: tasks, queued };
  };

  if (!deps.lock.tryLock(LOCK_WAIT_MS)) {
    for (const c of sending)
      row(c.name, 'Пропущено', 0, 0, 0, 'идёт другая синхронизация этой таблицы; эта не выполнялась');
    return finish('skipped', 'Сейчас идёт другая синхронизация этой таблицы: попробуйте через минуту.');
  }
  try {
    const recalcDeps = { sheets: deps.sheets, properties: deps.properties, clock: deps.clock };
    let grids = readGrids(recalcDeps, settings);
    // A missing column stops everything, orders included (checked on the header row alone).
    const layout = allocateSheet(settings, [grids.stock[0] ?? []], null, deps.clock.now());
    if (!layout.ok) {
      for (const c of sending) if (settings.sendEnabled && c.enabled) row(c.name, 'Ошибка', 0, 0, 0, layout.error);
      return finish('stopped', layout.error);
    }
    const ledger: Ledger = readLedger(deps.sheets.readSheet(LEDGER_SHEET));
    const market = {
      http: deps.http,
      timer: deps.timer,
      sheets: deps.sheets,
      properties: deps.properties,
      user: deps.user,
      deadline,
    };
    const fullRun = !request.continuation && (request.trigger === 'Расписание' || request.trigger === 'Меню');
    // Sources first, then orders (scheduled runs and «Синхронизировать сейчас»): the numbers they
    // bring and the units orders reserve reach every channel in this same run.
    if (fullRun && settings.warehouses.some((w) => w.source)) {
      const imported = importSources(settings, grids, { sources: deps.sources, market, now: deps.clock.now() });
      grids = { stock: imported.stock, reserves: imported.reserves };
      for (const e of imported.events)
        row(e.warehouse, e.ok ? 'Импорт' : 'Ошибка', e.items, e.accepted, e.errors, e.details);
    }
    if (settings.reserves.enabled && fullRun) {
      const pulled = pullOrders(market, settings, ledger, grids, deps.clock.now());
      grids = { stock: pulled.plan.stock, reserves: pulled.plan.reserves };
      for (const e of pulled.events) row(e.channel, e.status, e.items, 0, 0, e.details);
    }
    const recalc = recalculateSheet(recalcDeps, settings, grids);
    if (!recalc.ok) {
      for (const c of sending) if (settings.sendEnabled && c.enabled) row(c.name, 'Ошибка', 0, 0, 0, recalc.error);
      return finish('stopped', recalc.error);
    }
    const docAll = deps.properties.getAll();
    const userAll = deps.user.getAll();
    const held = heldPushes(docAll);
    const heldBefore = JSON.stringify(held);
    let queued = queuedSend(docAll);
    const cursor = request.continuation ? (loadJson(docAll, CURSOR) as Cursor | undefined) : undefined;
    let mode = cursor?.mode ?? request.mode;
    const ownsAKey = sending.some((c) => loadCredentials(userAll, c.id));
    // An editor without keys asked to send: the owner's next run does it, as «send everything».
    if (queued && ownsAKey && request.trigger !== 'Кнопка') {
      mode = 'all';
      queued = null;
    }
    const startedAt = cursor?.startedAt ?? new Date(deps.clock.now()).toISOString();
    const remaining: Cursor['remaining'] = {};
    let queuedNow = false;
    let ledgerChanged = false;

    for (const plan of plans(settings, recalc.allocation)) {
      const ch = plan.channel;
      if (request.confirmChannel && ch.id !== request.confirmChannel) continue;
      if (cursor && !(ch.id in cursor.remaining)) continue;
      if (!settings.sendEnabled || !ch.enabled) {
        row(
          ch.name,
          'Отправка выключена',
          0,
          0,
          0,
          settings.sendEnabled
            ? 'отправка в этот канал выключена'
            : 'выключен главный переключатель «Разрешить отправку остатков»',
        );
        continue;
      }
      const conflicts = plan.conflicts.length
        ? `не отправлены ID, указанные в нескольких строках: ${plan.conflicts
            .slice(0, 3)
            .map((c) => `${c.id} (строки ${c.rows.join(', ')})`)
            .join('; ')}`
        : '';
      let items = itemsToSend(plan, ledger, mode, cursor ? startedAt : undefined);
      const only = cursor?.remaining[ch.id];
      if (only) items = items.filter((i) => i.id in only);
      const verdict = guard(items, plan, ledger, settings);
      if (verdict.hold && request.confirmChannel !== ch.id) {
        held[ch.id] = {
          at: new Date(deps.clock.now()).toISOString(),
          count: verdict.toZero.length,
          base: verdict.base,
          toZero: verdict.toZero.slice(0, 50),
        };
        row(
          ch.name,
          'Задержано защитой',
          items.length,
          0,
          0,
          `в 0 ушли бы ${verdict.toZero.length} из ${verdict.base} позиций с остатком (например: ${verdict.toZero.slice(0, 5).join(', ')}); проверьте таблицу и нажмите «Подтвердить отправку» в панели`,
        );
        continue;
      }
      delete held[ch.id];
      if (!items.length) {
        row(ch.name, 'Выполнено', 0, 0, 0, conflicts || 'изменений нет');
        continue;
      }
      const credentials = loadCredentials(userAll, ch.id);
      if (!credentials) {
        const state = connectionState(ch, userAll, docAll);
        if (state.status === 'connected-by-other' && (request.trigger === 'Кнопка' || request.trigger === 'Меню')) {
          queued = { by: deps.userEmail, at: new Date(deps.clock.now()).toISOString() };
          queuedNow = true;
          row(
            ch.name,
            'Пропущено',
            items.length,
            0,
            0,
            'у вас нет ключа этого канала: отправку выполнит следующий запуск по расписанию от имени владельца ключа',
          );
        } else {
          row(
            ch.name,
            'Ошибка',
            items.length,
            0,
            items.length,
            'канал не подключен: введите ключ в панели «Остатки» → «Подключение площадок»',
          );
        }
        continue;
      }
      if (deps.timer.now() >= deadline) {
        remaining[ch.id] = only ?? null;
        continue;
      }
      let outcomes: ItemOutcome[];
      try {
        const index = ch.marketplace === 'wb' ? wbChrtIndex(ch, credentials as WbCredentials, market).index : undefined;
        outcomes = connectorFor(ch, credentials, market, index).setStocks(items);
      } catch (error) {
        if (!(error instanceof ConnectorError)) throw error;
        row(ch.name, 'Ошибка', items.length, 0, items.length, error.message);
        continue;
      }
      const amounts = new Map(items.map((i) => [i.id, i.amount]));
      const at = new Date(deps.clock.now()).toISOString();
      let sent = ledger.get(ch.id);
      if (!sent) {
        sent = new Map();
        ledger.set(ch.id, sent);
      }
      const rejected = outcomes.filter((o) => !o.accepted && !o.notSent);
      const notSent = outcomes.filter((o) => o.notSent);
      for (const o of outcomes)
        if (o.accepted) {
          sent.set(o.id, { qty: amounts.get(o.id) as number, at });
          ledgerChanged = true;
        }
      if (notSent.length)
        remaining[ch.id] = Object.fromEntries(notSent.map((o) => [o.id, amounts.get(o.id) as number]));
      const accepted = outcomes.length - rejected.length - notSent.length;
      const attempted = outcomes.length - notSent.length;
      const details = [
        rejectedDetails(rejected),
        notSent.length ? `не успели отправить ${notSent.length}: продолжение запущено` : '',
        conflicts,
      ]
        .filter(Boolean)
        .join('; ');
      row(
        ch.name,
        attempted === 0 && notSent.length ? 'Частично' : statusOf(attempted, accepted),
        items.length,
        accepted,
        rejected.length,
        details,
      );
    }

    if (ledgerChanged) deps.sheets.replaceSheet(LEDGER_SHEET, ledgerRows(ledger), true);
    if (JSON.stringify(held) !== heldBefore) saveJson(deps.properties, HELD, held);
    if (queued) saveJson(deps.properties, QUEUED, queued);
    else if (queuedSend(docAll)) deleteJson(deps.properties, QUEUED);
    const continues = Object.keys(remaining).length > 0;
    // Only a run that continues, or follows one that did, has a continuation trigger to manage.
    if (continues || hasCursor(docAll)) {
      for (const t of deps.triggers.list()) if (t.handler === CONTINUATION_HANDLER) deps.triggers.remove(t.id);
    }
    if (continues) {
      saveJson(deps.properties, CURSOR, {
        task: request.task,
        trigger: request.trigger,
        mode,
        startedAt,
        remaining,
      } satisfies Cursor);
      deps.triggers.createOnce(CONTINUATION_HANDLER, CONTINUATION_DELAY_MS);
    } else if (hasCursor(docAll)) {
      deleteJson(deps.properties, CURSOR);
    }
    const message = continues
      ? 'Не всё успело уйти за один запуск: продолжение запустится само через минуту.'
      : queuedNow
        ? 'У вас нет ключей площадок: отправка поставлена в очередь, её выполнит следующий запуск по расписанию от имени владельца.'
        : 'Готово.';
    return finish(continues ? 'continues' : 'done', message, queuedNow);
  } finally {
    deps.lock.release();
  }
}
