/**
 * The add-on watches its own trigger time (SPEC 6). Google counts it per user over a rolling 24 hours
 * (90 minutes on consumer accounts, 6 hours on Workspace) and tells a script neither how much is left
 * nor which account it runs in: `quota.dailyTriggerMinutes` says. Each trigger run records its start
 * at entry and its end, so a run Apps Script kills at 6 minutes still counts. The record stays small:
 * milliseconds per hour for 24 hours, and the runs still open — one document property.
 */
import type { Settings } from '../core/settings';
import { loadJson, saveJson } from './jsonStore';
import type { KeyValueStore } from './ports';

const KEY = 'state.triggerTime';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Apps Script ends every execution at 6 minutes: a run never ended is counted as that long. */
export const RUN_LIMIT_MS = 6 * 60_000;
/** With this share of the day's minutes used, the lane slows to every 5 minutes... */
export const SLOW_AT = 0.8;
/** ...and it runs every minute again below this share (no flapping at the edge). */
export const RESUME_BELOW = 0.6;

interface Record24 {
  /** Milliseconds of finished runs, by hour (ms since epoch / 1 h, floored). */
  hours: Record<string, number>;
  /** Runs started and not yet ended: start ms by the run's token. */
  open: Record<string, number>;
}

function load(all: Record<string, string>): Record24 {
  const raw = loadJson(all, KEY) as Partial<Record24> | undefined;
  return { hours: { ...(raw?.hours ?? {}) }, open: { ...(raw?.open ?? {}) } };
}

function addTime(record: Record24, from: number, ms: number): void {
  const hour = String(Math.floor(from / HOUR));
  record.hours[hour] = (record.hours[hour] ?? 0) + Math.max(0, ms);
}

/** Drops hours older than a day, and counts a run left open longer than Apps Script allows as killed at 6 minutes. */
function tidy(record: Record24, now: number): void {
  const oldest = Math.floor((now - DAY) / HOUR);
  for (const hour of Object.keys(record.hours)) if (Number(hour) < oldest) delete record.hours[hour];
  for (const [token, start] of Object.entries(record.open))
    if (now - start > RUN_LIMIT_MS) {
      addTime(record, start, RUN_LIMIT_MS);
      delete record.open[token];
    }
}

/** Records a trigger run's start, before it does anything; its token ends it. One write. */
export function recordRunStart(store: KeyValueStore, now: number, all = store.getAll()): string {
  const record = load(all);
  tidy(record, now);
  let token = String(now);
  while (record.open[token] !== undefined) token += '+';
  record.open[token] = now;
  saveJson(store, KEY, record, all);
  return token;
}

/** Records the end of the run `token` started. One read, one write. */
export function recordRunEnd(store: KeyValueStore, token: string, now: number): void {
  const all = store.getAll();
  const record = load(all);
  const start = record.open[token];
  if (start === undefined) return;
  delete record.open[token];
  addTime(record, start, Math.min(now - start, RUN_LIMIT_MS));
  tidy(record, now);
  saveJson(store, KEY, record, all);
}

/** Trigger time of the last 24 hours, in ms: finished runs, and the open ones so far (at most 6 minutes each). */
export function dayTotalMs(all: Record<string, string>, now: number): number {
  const record = load(all);
  const oldest = Math.floor((now - DAY) / HOUR);
  let total = 0;
  for (const [hour, ms] of Object.entries(record.hours)) if (Number(hour) >= oldest) total += ms;
  for (const start of Object.values(record.open)) total += Math.min(Math.max(0, now - start), RUN_LIMIT_MS);
  return total;
}

export function dailyLimitMinutes(settings: Settings): number {
  return settings.quota?.dailyTriggerMinutes ?? 90;
}

export interface TriggerTimeState {
  minutes: number;
  limit: number;
  /** The quota guard runs the orders lane every 5 minutes instead of every minute. */
  slowed: boolean;
  /** «за сутки 23 мин из 90». */
  text: string;
}

export function triggerTimeState(all: Record<string, string>, settings: Settings, now: number, slowed: boolean) {
  const minutes = Math.round(dayTotalMs(all, now) / 60_000);
  const limit = dailyLimitMinutes(settings);
  const text = `за сутки ${minutes} мин из ${limit}${slowed ? '; полоса заказов замедлена до раза в 5 минут, чтобы Google не отключил запуски' : ''}`;
  return { minutes, limit, slowed, text } satisfies TriggerTimeState;
}
