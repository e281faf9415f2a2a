/**
 * The entry points of SPEC 8. Every named export here becomes a top-level function of dist/Code.js
 * (see rollup.config.js), callable by menus, triggers and google.script.run. Keep them thin:
 * wire adapters, call a use case, return plain JSON.
 */
import { systemClock } from './adapters/clock';
import { documentStore as documentProperties, userStore } from './adapters/properties';
import { spreadsheetPort } from './adapters/spreadsheet';
import { buildMenu, openSidebar, toast } from './adapters/ui';
import { appsScriptTimer, urlFetchClient } from './adapters/urlFetch';
import {
  getStateUseCase, recalcMessage, recalculateUseCase, saveSettingsUseCase, setCredentialsUseCase, testConnectionUseCase,
  type AppDeps, type CredentialsResponse, type RecalculateResponse, type SaveResponse, type State,
} from './usecases/app';
import type { TestConnectionResult } from './usecases/marketplaces';

const TITLE = 'Остатки';

function deps(): AppDeps {
  return {
    sheets: () => spreadsheetPort(),
    properties: documentProperties(),
    user: userStore,
    http: urlFetchClient,
    timer: appsScriptTimer,
    clock: systemClock,
  };
}

/** Simple trigger: only the menu, because in AuthMode.NONE nothing else is allowed. */
export function onOpen(_e?: unknown): void {
  buildMenu(TITLE, [
    { caption: 'Открыть панель', functionName: 'showSidebar' },
    { caption: 'Пересчитать', functionName: 'recalculate' },
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

/** Checks the keys against the marketplace and lists its warehouses or campaigns to pick from. */
export function testConnection(channelId: string): TestConnectionResult {
  return testConnectionUseCase(deps(), channelId);
}
