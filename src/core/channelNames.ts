/**
 * «Канал» on «Резервы» (SPEC 2.2) shows the channel's name, as the seller knows it — not its code. A row is
 * matched back to its channel by code (rows written before names were), by the current name, or by a name
 * the channel had before it was renamed (kept in document properties), so that renaming a channel neither
 * loses nor doubles its reserves. What the add-on reserved and wrote off stays keyed by code in «_Заказы».
 */
import { cellText } from './cells';
import { normalizeHeader } from './headers';
import type { Channel, Settings } from './settings';

/** A channel's former names (normalized, as headers are) → its code. */
export type FormerNames = Record<string, string>;

/** Former names kept at most: the oldest go first. */
const MAX_FORMER_NAMES = 200;

/** What «Канал» says of a channel: its name; its code only when another channel has the same name. */
export function channelCellText(settings: Settings, channel: Channel): string {
  const key = normalizeHeader(channel.name);
  const shared = settings.channels.some((c) => c.id !== channel.id && normalizeHeader(c.name) === key);
  return shared ? channel.id : channel.name;
}

/**
 * The code of the channel a «Канал» cell names: by code, by its current name (one channel only), or by a
 * former name no channel has now. A cell that names none is returned as written: it matches no channel.
 */
export function channelIdOfCell(value: unknown, settings: Settings, former: FormerNames = {}): string {
  const text = cellText(value);
  if (settings.channels.some((c) => c.id === text)) return text;
  const key = normalizeHeader(text);
  const named = settings.channels.filter((c) => normalizeHeader(c.name) === key);
  if (named.length === 1) return named[0].id;
  if (named.length > 1) return text;
  // Only a stored text counts («constructor» and the like are no former names).
  const id: unknown = former[key];
  return typeof id === 'string' && settings.channels.some((c) => c.id === id) ? id : text;
}

/** The former names after a save: each renamed channel's old name now points at its code; undefined if none changed. */
export function withFormerNames(
  former: FormerNames,
  before: Settings | undefined,
  after: Settings,
): FormerNames | undefined {
  const next: FormerNames = { ...former };
  let changed = false;
  for (const old of before?.channels ?? []) {
    const now = after.channels.find((c) => c.id === old.id);
    if (!now || normalizeHeader(now.name) === normalizeHeader(old.name)) continue;
    const key = normalizeHeader(old.name);
    delete next[key];
    next[key] = old.id;
    changed = true;
  }
  if (!changed) return undefined;
  const keys = Object.keys(next);
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_FORMER_NAMES))) delete next[key];
  return next;
}
