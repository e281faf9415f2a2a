/** installTriggers / removeTriggers: idempotent; the schedule comes from the settings. */
import type { Settings } from '../core/settings';
import type { TriggerPort } from './ports';
import { CONTINUATION_HANDLER } from './sync';

export const SCHEDULE_HANDLER = 'runScheduledSync';
export const EDIT_HANDLER = 'onEditInstalled';
const OURS = [SCHEDULE_HANDLER, EDIT_HANDLER];

export interface TriggersResult {
  ok: boolean;
  everyMinutes: number | null;
  message: string;
}

export function installTriggers(triggers: TriggerPort, settings: Settings): TriggersResult {
  const wanted = settings.schedule.everyMinutes;
  const hourlyOnly = triggers.isAddOn() && wanted < 60;
  const minutes = hourlyOnly ? 60 : wanted;
  for (const t of triggers.list()) if (OURS.includes(t.handler)) triggers.remove(t.id);
  triggers.createClock(SCHEDULE_HANDLER, minutes);
  triggers.createEdit(EDIT_HANDLER);
  const every = minutes === 60 ? 'каждый час' : `каждые ${minutes} мин.`;
  const message = hourlyOnly
    ? `Дополнениям Google разрешает запуск по расписанию не чаще раза в час, поэтому синхронизация будет ${every}, а не каждые ${wanted} мин. Правки остатков отправляются сразу. Чаще — только если установить «Остатки» как скрипт этой таблицы (см. README).`
    : `Синхронизация включена: ${every}; правки остатков отправляются сразу. Запуски идут от вашего имени и с вашими ключами.`;
  return { ok: true, everyMinutes: minutes, message };
}

export function removeTriggers(triggers: TriggerPort): TriggersResult {
  let removed = 0;
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
