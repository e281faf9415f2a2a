/**
 * Settings saved by someone whose runs do not send (no marketplace keys) may not loosen safety for
 * the runs of those who do (SPEC 7): such a save is kept, but its loosened values wait until a key
 * holder confirms them in the sidebar («Изменения от manager@…: подтвердить»). Until then every run
 * uses the last confirmed values; everything else the save changed applies at once.
 */
import { loosenings, withConfirmedSafety } from '../core/safety';
import { type Settings, validateSettings } from '../core/settings';
import { isOwner } from './credentials';
import { deleteJson, loadJson, saveJson } from './jsonStore';
import type { Clock, KeyValueStore } from './ports';
import { type LoadedSettings, loadSettings } from './settingsService';

/** The settings runs used before the unconfirmed save; kept only while a confirmation waits. */
const CONFIRMED = 'settings.confirmed';
const PENDING = 'settings.pending';

export interface PendingConfirmation {
  by: string;
  at: string;
  /** In Russian, what waits for the confirmation. */
  changes: string[];
  /** The user asking holds keys, so may confirm. */
  mayConfirm: boolean;
}

export interface ConfirmationDeps {
  properties: KeyValueStore;
  user: KeyValueStore;
  clock: Clock;
  userEmail: string;
}

function confirmedSettings(all: Record<string, string>, clock: Clock): Settings | undefined {
  const raw = loadJson(all, CONFIRMED);
  if (raw === undefined) return undefined;
  const result = validateSettings(raw, new Date(clock.now()));
  return result.ok ? result.settings : undefined;
}

/**
 * Called before `saved` is stored. An owner's save is confirmed as it is; anyone else's keeps the
 * values runs use now as the confirmed ones, when it loosens any of them.
 */
export function holdLoosenings(deps: ConfirmationDeps, saved: Settings): void {
  const all = deps.properties.getAll();
  if (isOwner(deps.user.getAll(), all, deps.userEmail)) {
    forgetConfirmation(deps.properties, all);
    return;
  }
  const previous = loadSettings(all, deps.clock);
  const confirmed = confirmedSettings(all, deps.clock) ?? (previous.kind === 'saved' ? previous.settings : undefined);
  if (!confirmed || !loosenings(confirmed, saved).length) {
    forgetConfirmation(deps.properties, all);
    return;
  }
  if (!loadJson(all, CONFIRMED)) saveJson(deps.properties, CONFIRMED, confirmed, all);
  saveJson(deps.properties, PENDING, { by: deps.userEmail, at: new Date(deps.clock.now()).toISOString() });
}

function forgetConfirmation(store: KeyValueStore, all: Record<string, string>): void {
  deleteJson(store, CONFIRMED, all);
  deleteJson(store, PENDING, all);
}

/** What waits for a key holder's confirmation, for the sidebar; null when nothing does. */
export function pendingConfirmation(
  all: Record<string, string>,
  clock: Clock,
  userAll: Record<string, string> = {},
  email = '',
): PendingConfirmation | null {
  const pending = loadJson(all, PENDING) as { by: string; at: string } | undefined;
  const confirmed = confirmedSettings(all, clock);
  const saved = loadSettings(all, clock);
  if (!pending || !confirmed || saved.kind !== 'saved') return null;
  const changes = loosenings(confirmed, saved.settings);
  return changes.length ? { by: pending.by, at: pending.at, changes, mayConfirm: isOwner(userAll, all, email) } : null;
}

/** The settings a sending run uses: as saved, with loosened values held back while they wait. */
export function loadRunSettings(all: Record<string, string>, clock: Clock): LoadedSettings {
  const loaded = loadSettings(all, clock);
  if (loaded.kind !== 'saved' || loadJson(all, PENDING) === undefined) return loaded;
  const confirmed = confirmedSettings(all, clock);
  return confirmed ? { kind: 'saved', settings: withConfirmedSafety(loaded.settings, confirmed) } : loaded;
}

export type ConfirmResult = { ok: true; message: string } | { ok: false; error: string };

/** «Подтвердить»: a key holder accepts the waiting changes, and the next run uses them. */
export function confirmSettings(deps: ConfirmationDeps): ConfirmResult {
  const all = deps.properties.getAll();
  const pending = pendingConfirmation(all, deps.clock, deps.user.getAll(), deps.userEmail);
  if (!pending) {
    forgetConfirmation(deps.properties, all);
    return { ok: true, message: 'Подтверждать нечего: все сохранённые настройки уже действуют.' };
  }
  if (!pending.mayConfirm)
    return {
      ok: false,
      error:
        'Подтвердить изменения может только владелец ключей площадок: запуски по расписанию идут от его имени и с его ключами.',
    };
  forgetConfirmation(deps.properties, all);
  return { ok: true, message: `Изменения от ${pending.by || 'другого пользователя'} подтверждены и действуют.` };
}
