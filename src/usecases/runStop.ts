/**
 * The last stop of a recalculation or a run (a column missing from «Остатки», every row with errors…):
 * kept until a recalculation goes through again, so that the summary says that nothing is being sent
 * even after the panel is closed and opened again, or when the stop happened in a scheduled run.
 */
import type { KeyValueStore } from './ports';

const STOPPED = 'state.stopped';
/** The error is the allocation's own sentence or two; a longer one is cut (a property value holds ~8 KB). */
const MAX_ERROR = 600;

export interface StoppedRun {
  at: string;
  error: string;
  /** The run's task («Синхронизация», «Отправка остатков»…); none for «Пересчитать» and «Сохранить». */
  task?: string;
  trigger?: string;
}

export function recordStop(store: KeyValueStore, stop: StoppedRun): void {
  const error = stop.error.length > MAX_ERROR ? `${stop.error.slice(0, MAX_ERROR)}…` : stop.error;
  store.setMany({ [STOPPED]: JSON.stringify({ ...stop, error }) });
}

/** After a recalculation that went through; `all`: the store as read already, so that nothing is read twice. */
export function clearStop(store: KeyValueStore, all: Record<string, string>): void {
  if (STOPPED in all) store.deleteMany([STOPPED]);
}

export function lastStop(all: Record<string, string>): StoppedRun | null {
  try {
    const stop = JSON.parse(all[STOPPED] ?? 'null');
    return stop && typeof stop.at === 'string' && typeof stop.error === 'string' ? stop : null;
  } catch {
    return null;
  }
}
