/**
 * installTriggers / removeTriggers: idempotent; the schedule comes from the settings. And how a cut
 * run continues, which the editions decide differently (SPEC 6).
 */
import type { Settings } from '../core/settings';
import { TRIGGERS_OWNER } from './credentials';
import { deleteJson, loadJson, saveJson } from './jsonStore';
import type { KeyValueStore, TriggerPort } from './ports';

export const SCHEDULE_HANDLER = 'runScheduledSync';
export const EDIT_HANDLER = 'onEditInstalled';
export const CONTINUATION_HANDLER = 'continueSync';
/** The orders lane (SPEC 6): bound-script installs only. */
export const LANE_HANDLER = 'runOrdersLane';
const CONTINUATION_DELAY_MS = 60_000;
const OURS = [SCHEDULE_HANDLER, EDIT_HANDLER, LANE_HANDLER];
/** The quota guard's mark (ordersLane): a fresh install starts the lane at its own pace again. */
const LANE_SLOWED = 'lane.slowed';
export const LANE_NOT_IN_ADD_ON =
  'Полоса заказов (каждую минуту) доступна только в скрипте, привязанном к таблице: дополнениям Google разрешает запуск по расписанию не чаще раза в час.';
/** Who turned the schedule on: the owner whose triggers run (document properties, no secret). */
const OWNER = TRIGGERS_OWNER;

/** The person installing or removing triggers, to record or clear them as the owner. */
export interface TriggerUser {
  store: KeyValueStore;
  email: string;
  at: number;
}

export interface TriggersResult {
  ok: boolean;
  everyMinutes: number | null;
  message: string;
}

export function installTriggers(triggers: TriggerPort, settings: Settings, user?: TriggerUser): TriggersResult {
  const wanted = settings.schedule.everyMinutes;
  const hourlyOnly = triggers.isAddOn() && wanted < 60;
  const minutes = hourlyOnly ? 60 : wanted;
  for (const t of triggers.list()) if (OURS.includes(t.handler)) triggers.remove(t.id);
  triggers.createClock(SCHEDULE_HANDLER, minutes);
  triggers.createEdit(EDIT_HANDLER);
  const lane = installLane(triggers, settings, user);
  if (user) saveJson(user.store, OWNER, { email: user.email, at: new Date(user.at).toISOString() });
  const every = minutes === 60 ? 'каждый час' : `каждые ${minutes} мин.`;
  const message = hourlyOnly
    ? `Дополнениям Google разрешает запуск по расписанию не чаще раза в час, поэтому синхронизация будет ${every}, а не каждые ${wanted} мин. Правки остатков отправляются сразу. Чаще — только если установить «Остатки» как скрипт этой таблицы (см. README).`
    : `Синхронизация включена: ${every}; правки остатков отправляются сразу. Запуски идут от вашего имени и с вашими ключами.`;
  return { ok: true, everyMinutes: minutes, message: lane ? `${message} ${lane}` : message };
}

/** The lane's trigger where the settings ask for it and the edition allows it; what the seller is told of it. */
function installLane(triggers: TriggerPort, settings: Settings, user?: TriggerUser): string {
  const every = settings.schedule.ordersEveryMinutes;
  if (!every) return '';
  if (triggers.isAddOn()) return LANE_NOT_IN_ADD_ON;
  triggers.createClock(LANE_HANDLER, every);
  if (user) user.store.deleteMany([LANE_SLOWED]);
  return every === 1
    ? 'Новые заказы проверяются каждую минуту и сразу снижают остатки на других площадках.'
    : 'Новые заказы проверяются каждые 5 минут и сразу снижают остатки на других площадках.';
}

export function removeTriggers(triggers: TriggerPort, user?: TriggerUser): TriggersResult {
  let removed = 0;
  if (user && triggersOwner(user.store.getAll()) === user.email) deleteJson(user.store, OWNER);
  for (const t of triggers.list())
    if ([...OURS, CONTINUATION_HANDLER].includes(t.handler)) {
      triggers.remove(t.id);
      removed++;
    }
  return {
    ok: true,
    everyMinutes: null,
    message: removed
      ? 'Синхронизация по расписанию и по правкам выключена.'
      : 'Синхронизация по расписанию и так не была включена.',
  };
}

export function scheduleInstalled(triggers: TriggerPort): boolean {
  return triggers.list().some((t) => t.handler === SCHEDULE_HANDLER);
}

/** The e-mail of the user whose schedule runs, if someone turned it on (and Google told their e-mail). */
export function triggersOwner(docAll: Record<string, string>): string | undefined {
  const owner = loadJson(docAll, OWNER) as { email?: unknown } | undefined;
  return typeof owner?.email === 'string' && owner.email ? owner.email : undefined;
}

/**
 * How a run cut by the time limit continues: «trigger» — a one-off trigger in a minute; «owner» —
 * the owner's next scheduled run; «hourly» — the add-on's next hourly run.
 */
export type ContinuationWay = 'trigger' | 'owner' | 'hourly';

/**
 * Sets the one-off trigger a continuation needs where the edition allows it (SPEC 6). An add-on may
 * have only one time-driven trigger per user and document — its schedule — so it waits for the hourly
 * run. A bound script's trigger runs as whoever created it: only the owner's runs create one, or
 * anyone's while nobody has turned the schedule on (a cut run sent only with its runner's own keys).
 */
export function armContinuation(triggers: TriggerPort, docAll: Record<string, string>, email: string): ContinuationWay {
  if (triggers.isAddOn()) return 'hourly';
  const owner = triggersOwner(docAll);
  if (owner !== undefined && owner !== email) return 'owner';
  triggers.createOnce(CONTINUATION_HANDLER, CONTINUATION_DELAY_MS);
  return 'trigger';
}

/** A continuation that is done, or is to be set again, leaves no trigger of the current user behind. */
export function removeContinuationTriggers(triggers: TriggerPort): void {
  for (const t of triggers.list()) if (t.handler === CONTINUATION_HANDLER) triggers.remove(t.id);
}
