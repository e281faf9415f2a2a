/**
 * The entry points of SPEC 8. Every named export here becomes a top-level function of dist/Code.js
 * (see rollup.config.js), callable by menus, triggers and google.script.run. Keep them thin:
 * wire adapters, call a use case, return plain JSON.
 */
import { userCache } from './adapters/cache';
import { systemClock } from './adapters/clock';
import { documentLock } from './adapters/lock';
import { mailApp } from './adapters/mail';
import { documentStore as documentProperties, userStore } from './adapters/properties';
import { currentUserEmail, effectiveUserEmail } from './adapters/session';
import { appsScriptSources } from './adapters/sources';
import { spreadsheetPort } from './adapters/spreadsheet';
import { scriptTriggers } from './adapters/triggers';
import { buildMenu, openSidebar, toast } from './adapters/ui';
import { appsScriptTimer, urlFetchClient } from './adapters/urlFetch';
import { feedOutput, webApp } from './adapters/webApp';
import type { AlertCredentialsResponse, TestAlertsResult } from './usecases/alerts';
import {
  type AppDeps,
  type CredentialsResponse,
  confirmHeldUseCase,
  confirmImportUseCase,
  confirmSettingsUseCase,
  continueUseCase,
  countedTriggerRun,
  getStateUseCase,
  goToCellUseCase,
  installTriggersUseCase,
  newFeedTokenUseCase,
  ordersLaneUseCase,
  previewSelectionUseCase,
  type RecalculateResponse,
  recalcMessage,
  recalculateUseCase,
  removeTriggersUseCase,
  type SaveAndSendResponse,
  type SaveResponse,
  type SelectionPreview,
  type State,
  saveAndSendUseCase,
  saveSettingsUseCase,
  sendStocksUseCase,
  setAlertCredentialsUseCase,
  setCredentialsUseCase,
  syncUseCase,
  testAlertsUseCase,
  testConnectionUseCase,
} from './usecases/app';
import { FEED_REFUSED, type NewTokenResult, serveFeed } from './usecases/feed';
import { type OpenHeldListResult, openHeldList as openHeldListUseCase } from './usecases/heldReview';
import { type SaveKitsResponse, saveKitsUseCase } from './usecases/kits';
import type { TestConnectionResult } from './usecases/marketplaces';
import type { LaneResult } from './usecases/ordersLane';
import type { ConfirmResult } from './usecases/settingsConfirmation';
import {
  type CreateStockSheetResponse,
  createStockSheetUseCase,
  type DetectColumnsResponse,
  detectColumnsUseCase,
} from './usecases/setup';
import type { SyncResult } from './usecases/sync';
import type { TriggersResult } from './usecases/triggers';

const TITLE = 'Остатки';

function deps(): AppDeps {
  return {
    sheets: () => spreadsheetPort(),
    properties: documentProperties(),
    user: userStore,
    cache: userCache,
    http: urlFetchClient,
    timer: appsScriptTimer,
    clock: systemClock,
    lock: documentLock,
    triggers: scriptTriggers,
    userEmail: currentUserEmail,
    sources: appsScriptSources,
    web: webApp,
    mail: mailApp,
    ownerEmail: effectiveUserEmail,
  };
}

/** Simple trigger: only the menu, because in AuthMode.NONE nothing else is allowed. */
export function onOpen(_e?: unknown): void {
  buildMenu(TITLE, [
    { caption: 'Открыть панель', functionName: 'showSidebar' },
    { caption: 'Пересчитать', functionName: 'recalculate' },
    { caption: 'Отправить остатки', functionName: 'sendStocks' },
    { caption: 'Синхронизировать сейчас', functionName: 'syncNow' },
  ]);
}

export function onInstall(e?: unknown): void {
  onOpen(e);
}

export function showSidebar(): void {
  openSidebar('Sidebar', TITLE);
}

export function getState(): State {
  return getStateUseCase(deps());
}

/** «Сохранить»: validates, stores and recalculates; nothing invalid is stored. */
export function saveSettings(settings: unknown): SaveResponse {
  return saveSettingsUseCase(deps(), settings);
}

/** «Пересчитать»: writes the computed columns, sends nothing. Also says the outcome in a toast. */
export function recalculate(): RecalculateResponse {
  const result = recalculateUseCase(deps());
  toast(recalcMessage(result), TITLE);
  return result;
}

/** Stores marketplace keys in the caller's user properties only; answers «подключено, ключ …a1b2». */
export function setCredentials(channelId: string, credentials: unknown): CredentialsResponse {
  return setCredentialsUseCase(deps(), channelId, credentials);
}

/**
 * Checks the keys against the marketplace and lists its warehouses or campaigns to pick from. Given
 * `credentials` (typed in the card), checks those first and stores them only if the marketplace accepts them.
 */
export function testConnection(channelId: string, credentials?: unknown): TestConnectionResult {
  return testConnectionUseCase(deps(), channelId, credentials);
}

function told(result: SyncResult): SyncResult {
  const failed = result.channels.filter(
    (c) => c.status === 'Ошибка' || c.status === 'Частично' || c.status === 'Задержано защитой',
  );
  toast(
    failed.length
      ? `${result.message} Проблемы: ${failed.map((c) => `${c.channel} — ${c.status}`).join(', ')}. Подробности — на листе «Журнал».`
      : result.message,
    TITLE,
  );
  return result;
}

/**
 * «Отправить остатки»: sends every item of every enabled channel. The sidebar passes 'sidebar';
 * the menu calls it with no argument.
 */
export function sendStocks(source?: unknown): SyncResult {
  return told(sendStocksUseCase(deps(), source === 'sidebar' ? 'Кнопка' : 'Меню'));
}

/** «Синхронизировать сейчас» (menu): what the schedule does, now. */
export function syncNow(): SyncResult {
  return told(syncUseCase(deps(), 'Меню'));
}

/** «Сохранить и отправить». */
export function saveAndSend(settings: unknown): SaveAndSendResponse {
  return saveAndSendUseCase(deps(), settings);
}

/** «Подтвердить отправку» of a push the mass-zero guard held. */
export function confirmHeldSend(channelId: string): SyncResult {
  return confirmHeldUseCase(deps(), channelId);
}

/** «Открыть список»: the hidden sheet «_Задержано», shown at the channel's first held item. */
export function openHeldList(channelId: string): OpenHeldListResult {
  return openHeldListUseCase(spreadsheetPort(), channelId);
}

/** «Подтвердить импорт»: the zeros a source's import held (too many at once) go into the warehouse and are sent. */
export function confirmImport(warehouseId: string): SyncResult {
  return confirmImportUseCase(deps(), warehouseId);
}

/** «Подтвердить» of safety-loosening settings another user saved (SPEC 7): only a key holder may. */
export function confirmSettings(): ConfirmResult {
  return confirmSettingsUseCase(deps());
}

/**
 * «Сохранить комплекты»: writes the kits typed in the panel on «Комплекты» (and a kit's row on «Остатки»
 * when it has none), `removed` kits taken off; then the run an edit of «Комплекты» starts.
 */
export function saveKits(kits: unknown, removed?: unknown): SaveKitsResponse {
  const d = deps();
  return saveKitsUseCase(
    { sheets: d.sheets(), properties: d.properties, clock: d.clock, sync: () => syncUseCase(d, 'Кнопка') },
    kits,
    removed,
  );
}

/** The time-driven trigger: sends what changed. Its time counts in the day's trigger minutes. */
export function runScheduledSync(): SyncResult {
  const d = deps();
  return countedTriggerRun(d, () => syncUseCase(d, 'Расписание'));
}

/** A one-off trigger set by a run that neared the time limit: sends what that run had left. */
export function continueSync(): SyncResult {
  const d = deps();
  return countedTriggerRun(d, () => continueUseCase(d));
}

/** The installable edit trigger: an edit of «Остатки», «Резервы» or «Комплекты» sends what changed. */
export function onEditInstalled(e?: { range?: { getSheet(): { getName(): string } } }): SyncResult | null {
  const sheet = e?.range?.getSheet().getName();
  if (sheet !== 'Остатки' && sheet !== 'Резервы' && sheet !== 'Комплекты') return null;
  const d = deps();
  return countedTriggerRun(d, () => syncUseCase(d, 'Правка'));
}

/** The orders lane's trigger (bound script, every minute): new orders only, sent to every channel at once. */
export function runOrdersLane(): LaneResult {
  const d = deps();
  return countedTriggerRun(d, (docAll) => ordersLaneUseCase(d, docAll));
}

export function installTriggers(): TriggersResult {
  return installTriggersUseCase(deps());
}

export function removeTriggers(): TriggersResult {
  return removeTriggersUseCase(deps());
}

/** The rule preview for the row selected in the sheet, with the settings as the panel has them now. */
export function previewSelection(draft: unknown): SelectionPreview {
  return previewSelectionUseCase(deps(), draft);
}

/** Selects the cell a problem is about. */
export function goToCell(sheet: string, row: number, column: string): { ok: boolean; error?: string } {
  return goToCellUseCase(deps(), sheet, row, column);
}

/**
 * First run: «Создать лист «Остатки»» from the template (SPEC 2.1) — or, given `{ fromSheet }`, the
 * seller's own sheet renamed to «Остатки». Never overwrites: refuses while «Остатки» exists.
 */
export function createStockSheet(options?: unknown): CreateStockSheetResponse {
  const d = deps();
  return createStockSheetUseCase({ sheets: d.sheets(), properties: d.properties, clock: d.clock }, options);
}

/** First run: proposed warehouses and id columns of «Остатки» (or, while it is missing, of the open sheet). */
export function detectColumns(): DetectColumnsResponse {
  const d = deps();
  return detectColumnsUseCase({ sheets: d.sheets(), properties: d.properties, clock: d.clock });
}

/**
 * The web app (SPEC 5.8): `?feed=<channel id>&token=<token>` answers the channel's YML feed from what the last
 * recalculation wrote; a wrong or missing token, a short refusal. Reads only: no Spreadsheet or property writes.
 */
export function doGet(e?: { parameter?: Record<string, unknown> }): GoogleAppsScript.Content.TextOutput {
  try {
    return feedOutput(serveFeed(deps(), e?.parameter));
  } catch {
    // An add-on's web app has no document (its properties are null): the same answer as a wrong token.
    return feedOutput({ kind: 'text', content: FEED_REFUSED });
  }
}

/** «Новая ссылка»: a new feed token for the channel; the old URL stops working. */
export function newFeedToken(channelId: string): NewTokenResult {
  return newFeedTokenUseCase(deps(), channelId);
}

/**
 * The owner's Telegram bot for low-stock alerts: `{token, chatId}` into the caller's user properties once
 * Telegram accepts them; `{disconnect: true}` («Отключить») removes the bot.
 */
export function setAlertCredentials(telegram: unknown): AlertCredentialsResponse {
  return setAlertCredentialsUseCase(deps(), telegram);
}

/** «Проверить уведомления»: a test message by every way set up (e-mail if on, Telegram if connected). */
export function testAlerts(): TestAlertsResult {
  return testAlertsUseCase(deps());
}
