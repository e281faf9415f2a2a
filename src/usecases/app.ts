/** The use cases behind the entry points, wired to ports so tests can run them without Apps Script. */
import { defaultSettings, type Settings, type SettingsError } from '../core/settings';
import type { HttpClient, Timer } from '../connectors/http';
import { connectionState, storeCredentials, validateCredentials, type ConnectionState } from './credentials';
import { testConnection, type TestConnectionResult } from './marketplaces';
import type { Clock, KeyValueStore, SpreadsheetPort } from './ports';
import { lastRecalc, recalculateSheet, type RecalcSummary } from './recalculate';
import { loadSettings, storeSettings } from './settingsService';

export interface AppDeps {
  sheets: () => SpreadsheetPort;
  /** Document properties: settings and state. */
  properties: KeyValueStore;
  /** The current user's properties: marketplace keys. */
  user: () => KeyValueStore;
  http: () => HttpClient;
  timer: Timer;
  clock: Clock;
}

export interface State {
  settings: Settings;
  settingsStatus: 'saved' | 'none' | 'broken';
  settingsErrors: SettingsError[];
  lastRecalc: RecalcSummary | null;
  connections: ConnectionState[];
}

export type RecalculateResponse = { ok: true; summary: RecalcSummary } | { ok: false; error: string };

export type SaveResponse =
  | { ok: true; recalculation: RecalculateResponse }
  | { ok: false; errors: SettingsError[] };

const NO_SETTINGS = 'Настройки ещё не сохранены: откройте панель «Остатки», опишите склады и каналы и нажмите «Сохранить».';

export function getStateUseCase(deps: AppDeps): State {
  const all = deps.properties.getAll();
  const loaded = loadSettings(all, deps.clock);
  const settings = loaded.kind === 'saved' ? loaded.settings : defaultSettings(new Date(deps.clock.now()));
  const userAll = deps.user().getAll();
  return {
    settings,
    settingsStatus: loaded.kind,
    settingsErrors: loaded.kind === 'broken' ? loaded.errors : [],
    lastRecalc: lastRecalc(all),
    connections: settings.channels.map((c) => connectionState(c, userAll, all)),
  };
}

function savedChannel(deps: AppDeps, channelId: unknown): { ok: true; settings: Settings; channel: Settings['channels'][number] } | { ok: false; error: string } {
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  if (loaded.kind !== 'saved') return { ok: false, error: NO_SETTINGS };
  const channel = loaded.settings.channels.find((c) => c.id === channelId);
  if (!channel) return { ok: false, error: `Канала с кодом «${String(channelId)}» нет в сохранённых настройках: сначала сохраните настройки` };
  return { ok: true, settings: loaded.settings, channel };
}

export type CredentialsResponse = { ok: true; connection: ConnectionState } | { ok: false; error: string };

/** Keeps the keys in the caller's user properties; answers only with the connection state. */
export function setCredentialsUseCase(deps: AppDeps, channelId: unknown, input: unknown): CredentialsResponse {
  const found = savedChannel(deps, channelId);
  if (!found.ok) return found;
  const valid = validateCredentials(found.channel.marketplace, input);
  if (!valid.ok) return { ok: false, error: `${found.channel.name}: ${valid.error}` };
  const user = deps.user();
  storeCredentials(user, deps.properties, found.channel.id, valid.credentials, deps.clock.now());
  return { ok: true, connection: connectionState(found.channel, user.getAll(), deps.properties.getAll()) };
}

export function testConnectionUseCase(deps: AppDeps, channelId: unknown): TestConnectionResult {
  const found = savedChannel(deps, channelId);
  if (!found.ok) return { ok: false, channelId: String(channelId), error: found.error };
  return testConnection(found.channel, { http: deps.http(), timer: deps.timer, sheets: deps.sheets(), properties: deps.properties, user: deps.user() });
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
