/** The use cases behind the entry points, wired to ports so tests can run them without Apps Script. */
import { defaultSettings, type Settings, type SettingsError } from '../core/settings';
import type { Clock, KeyValueStore, SpreadsheetPort } from './ports';
import { lastRecalc, recalculateSheet, type RecalcSummary } from './recalculate';
import { loadSettings, storeSettings } from './settingsService';

export interface AppDeps {
  sheets: () => SpreadsheetPort;
  properties: KeyValueStore;
  clock: Clock;
}

export interface State {
  settings: Settings;
  settingsStatus: 'saved' | 'none' | 'broken';
  settingsErrors: SettingsError[];
  lastRecalc: RecalcSummary | null;
}

export type RecalculateResponse = { ok: true; summary: RecalcSummary } | { ok: false; error: string };

export type SaveResponse =
  | { ok: true; recalculation: RecalculateResponse }
  | { ok: false; errors: SettingsError[] };

const NO_SETTINGS = 'Настройки ещё не сохранены: откройте панель «Остатки», опишите склады и каналы и нажмите «Сохранить».';

export function getStateUseCase(deps: AppDeps): State {
  const all = deps.properties.getAll();
  const loaded = loadSettings(all, deps.clock);
  return {
    settings: loaded.kind === 'saved' ? loaded.settings : defaultSettings(new Date(deps.clock.now())),
    settingsStatus: loaded.kind,
    settingsErrors: loaded.kind === 'broken' ? loaded.errors : [],
    lastRecalc: lastRecalc(all),
  };
}

function recalculateWith(deps: AppDeps, settings: Settings): RecalculateResponse {
  const result = recalculateSheet({ sheets: deps.sheets(), properties: deps.properties, clock: deps.clock }, settings);
  return result.ok ? { ok: true, summary: result.summary } : result;
}

export function recalculateUseCase(deps: AppDeps): RecalculateResponse {
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  if (loaded.kind === 'none') return { ok: false, error: NO_SETTINGS };
  if (loaded.kind === 'broken') {
    return { ok: false, error: `Сохранённые настройки содержат ошибки, исправьте их в панели: ${loaded.errors.map((e) => e.message).join('; ')}` };
  }
  return recalculateWith(deps, loaded.settings);
}

export function saveSettingsUseCase(deps: AppDeps, input: unknown): SaveResponse {
  const saved = storeSettings(deps.properties, input, deps.clock);
  if (!saved.ok) return saved;
  return { ok: true, recalculation: recalculateWith(deps, saved.settings) };
}

export function recalcMessage(result: RecalculateResponse): string {
  if (!result.ok) return result.error;
  const s = result.summary;
  const invalid = s.invalidCount ? `, с ошибками: ${s.invalidCount} (список — в панели)` : ', ошибок нет';
  return `Пересчитано артикулов: ${s.skuCount}${invalid}.`;
}
