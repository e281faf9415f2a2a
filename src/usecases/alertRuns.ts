/**
 * Where low-stock alerts (alerts.ts) hook into the runs that recalculate: a sending run after it has
 * sent and recorded the stocks, and «Пересчитать» / «Сохранить». A failure of an alert is one journal
 * row («Уведомления», «Ошибка»), cleaned of the Telegram token; it never stops or fails the run.
 */
import type { SheetAllocation } from '../core/allocation';
import { DEFAULT_TIME_ZONE } from '../core/dates';
import { withoutSecrets } from '../core/secrets';
import type { Settings } from '../core/settings';
import { type AlertPorts, type LowStockReading, loadAlertState, loadTelegram, runAlerts } from './alerts';
import type { Clock, KeyValueStore, LockPort, SpreadsheetPort } from './ports';
import { appendJournal, journal, type SyncRun } from './syncRun';

export const ALERTS_CHANNEL = 'Уведомления';

function readingOf(allocation: SheetAllocation): LowStockReading {
  const invalidSkus = new Set<string>();
  for (const r of allocation.rows) if (!r.valid) invalidSkus.add(r.sku);
  return { lowStock: allocation.lowStock, invalidSkus };
}

interface AlertContext {
  sheets: SpreadsheetPort;
  properties: KeyValueStore;
  user: KeyValueStore;
  userEmail: string;
  clock: Clock;
  ports: AlertPorts;
  deadline: number;
}

/** The texts to journal, as one row's details; '' when there is nothing to say. */
function alertTexts(ctx: AlertContext, settings: Settings, allocation: SheetAllocation): string {
  try {
    const run = {
      properties: ctx.properties,
      user: ctx.user,
      userEmail: ctx.userEmail,
      ports: ctx.ports,
      now: ctx.clock.now(),
      timeZone: ctx.sheets.timeZone?.() ?? DEFAULT_TIME_ZONE,
      deadline: ctx.deadline,
    };
    return runAlerts(run, settings, readingOf(allocation)).join(' ');
  } catch (error) {
    const text = `Уведомления о малом остатке не отправлены: ${error instanceof Error ? error.message : String(error)}`;
    const bot = safeBot(ctx.user);
    return withoutSecrets(text, bot ? [bot.token] : []);
  }
}

function safeBot(user: KeyValueStore) {
  try {
    return loadTelegram(user.getAll());
  } catch {
    return undefined;
  }
}

/** In a sending run, after the stocks went out (the run's own time budget bounds Telegram). */
export function alertAfterRun(run: SyncRun, allocation: SheetAllocation): void {
  const ports = run.deps.alerts;
  if (!ports) return;
  const { deps } = run;
  const ctx = { ...deps, ports, deadline: run.deadline };
  const text = alertTexts(ctx, run.settings, allocation);
  if (text) journal(run, ALERTS_CHANNEL, 'Ошибка', 0, 0, 1, text);
}

/** Time a button's recalculation gives Telegram: the panel waits for the answer. */
const BUTTON_BUDGET_MS = 20_000;

/**
 * After «Пересчитать» or «Сохранить» by the owner: under the document lock (a sync holding it will
 * alert itself), so that two runs never send the same crossing. `readAt`: when the recalculation began
 * reading the sheet — a run that stored the alert state since then saw a newer sheet, and this older
 * list would undo what it noticed (mark recovered what it alerted, to be alerted again): it yields.
 */
export function alertAfterRecalc(
  ctx: Omit<AlertContext, 'deadline'> & { lock: LockPort; task: string; readAt: number },
  settings: Settings,
  allocation: SheetAllocation,
): void {
  if (!settings.alerts?.email && !settings.alerts?.telegram) return;
  if (!ctx.lock.tryLock(1000)) return;
  try {
    const storedAt = loadAlertState(ctx.properties.getAll()).storedAt;
    if (storedAt !== undefined && storedAt > ctx.readAt) return;
    const text = alertTexts({ ...ctx, deadline: ctx.ports.timer.now() + BUTTON_BUDGET_MS }, settings, allocation);
    if (!text) return;
    const row = {
      at: ctx.clock.now(),
      task: ctx.task,
      trigger: 'Кнопка' as const,
      user: ctx.userEmail,
      channel: ALERTS_CHANNEL,
      items: 0,
      accepted: 0,
      errors: 1,
      status: 'Ошибка' as const,
      details: text,
    };
    appendJournal(ctx.sheets, [row]);
  } finally {
    ctx.lock.release();
  }
}
