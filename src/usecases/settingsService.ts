import { jsonErrorText } from '../core/jsonErrors';
import { type Settings, type SettingsError, validateSettings } from '../core/settings';
import { loadJson, saveJson } from './jsonStore';
import type { Clock, KeyValueStore } from './ports';

const SETTINGS = 'settings';

export type LoadedSettings =
  | { kind: 'saved'; settings: Settings }
  | { kind: 'none' }
  | { kind: 'broken'; errors: SettingsError[] };

export function loadSettings(all: Record<string, string>, clock: Clock): LoadedSettings {
  const raw = loadJson(all, SETTINGS);
  if (raw === undefined) return { kind: 'none' };
  // Stored settings were valid when saved; validating again also fills defaults added since.
  const result = validateSettings(raw, new Date(clock.now()));
  return result.ok ? { kind: 'saved', settings: result.settings } : { kind: 'broken', errors: result.errors };
}

export type SaveResult = { ok: true; settings: Settings } | { ok: false; errors: SettingsError[] };

export function storeSettings(store: KeyValueStore, input: unknown, clock: Clock): SaveResult {
  const result = parseSettings(input, clock);
  if (result.ok) saveJson(store, SETTINGS, result.settings);
  return result;
}

/**
 * Settings as the sidebar sends them (an object, or JSON text), validated; nothing is stored. Dates
 * typed without a zone are read in `timeZone`, the spreadsheet's.
 */
export function parseSettings(input: unknown, clock: Clock, timeZone?: string): SaveResult {
  let candidate = input;
  if (typeof input === 'string') {
    try {
      candidate = JSON.parse(input);
    } catch (error) {
      return {
        ok: false,
        errors: [{ path: '', message: `Настройки не читаются: ${jsonErrorText(input, error)}` }],
      };
    }
  }
  return validateSettings(candidate, new Date(clock.now()), timeZone);
}
