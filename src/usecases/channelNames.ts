/**
 * The names channels had before a rename (core/channelNames.ts), kept in document properties: «Резервы»
 * rows that still say an old name keep their channel, so a rename loses or doubles no reserve.
 */
import { type FormerNames, withFormerNames } from '../core/channelNames';
import type { Settings } from '../core/settings';
import { loadJson, saveJson } from './jsonStore';
import type { KeyValueStore } from './ports';

const FORMER_NAMES = 'channels.formerNames';

export function formerNames(docAll: Record<string, string>): FormerNames {
  const stored = loadJson(docAll, FORMER_NAMES);
  return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as FormerNames) : {};
}

/** Called as settings are stored: each channel renamed since `before` leaves its old name behind. */
export function rememberFormerNames(store: KeyValueStore, before: Settings | undefined, after: Settings): void {
  const next = withFormerNames(formerNames(store.getAll()), before, after);
  if (next) saveJson(store, FORMER_NAMES, next);
}
