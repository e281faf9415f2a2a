/**
 * The orders lane (SPEC 6), a bound script's trigger every minute: each API channel is asked only
 * what is new since the lane last looked — its cheapest call — and the answer is compared with the
 * marks seen last time (document properties). Nothing new: no Spreadsheet call, no journal row.
 * Something new: the sync's orders pass — reserves, one recalculation, the changed items sent to
 * every channel, the ordering one included — in the same run. The lane never waits for the lock:
 * a running sync pulls orders itself.
 */
import { ConnectorError } from '../connectors/http';
import type { Channel, Settings } from '../core/settings';
import { loadCredentials } from './credentials';
import { loadJson, saveJson } from './jsonStore';
import { connectorFor, type MarketDeps, marketDepsOf } from './marketplaces';
import { loadRunSettings } from './settingsConfirmation';
import { RUN_BUDGET_MS, runSyncHoldingLock, type SyncDeps, type SyncResult } from './sync';
import { takeDirtyMark } from './syncLock';
import { LANE_HANDLER } from './triggers';
import { dailyLimitMinutes, dayTotalMs, RESUME_BELOW, SLOW_AT } from './triggerTime';

const SEEN = 'lane.seen';
const SLOWED = 'lane.slowed';
/**
 * Marketplaces list an order some seconds after it was placed, dated when it was placed: each look
 * reaches back this far, and the marks seen in that window tell what is new.
 */
export const LANE_WINDOW_MS = 15 * 60_000;
/** Wildberries' list of waiting tasks has no cursor: at most this many of its ids are kept. */
export const MAX_MARKS = 400;

export const LANE_ADD_ON_REASON =
  'Полоса заказов работает только в скрипте, привязанном к таблице: дополнениям Google разрешает запуск по расписанию не чаще раза в час. Заказы дойдут до других площадок со следующей синхронизацией.';

export interface LaneResult {
  status: 'quiet' | 'synced' | 'skipped' | 'off';
  message: string;
  sync?: SyncResult;
}

/** Marks seen per channel id, newest first. */
type Marks = Record<string, string[]>;

export function lanePaused(docAll: Record<string, string>): boolean {
  return docAll[SLOWED] === '1';
}

export function runOrdersLane(deps: SyncDeps, docAll: Record<string, string>): LaneResult {
  const started = deps.timer.now();
  const loaded = loadRunSettings(docAll, deps.clock);
  if (loaded.kind !== 'saved') return { status: 'off', message: 'Настройки ещё не сохранены.' };
  const { settings } = loaded;
  if (deps.triggers.isAddOn()) return { status: 'off', message: LANE_ADD_ON_REASON };
  if (!settings.schedule.ordersEveryMinutes || !settings.reserves.enabled)
    return { status: 'off', message: 'Полоса заказов выключена в настройках.' };
  const paced = paceLane(deps, settings, docAll);
  // A sync holds the lock: it pulls orders itself, so the lane leaves at once without a trace.
  if (!deps.lock.tryLock(0))
    return { status: 'skipped', message: 'Идёт синхронизация: полоса заказов пропускает минуту.' };
  try {
    return lookUnderLock(deps, settings, docAll, started, paced);
  } finally {
    deps.lock.release();
  }
}

function lookUnderLock(
  deps: SyncDeps,
  settings: Settings,
  docAll: Record<string, string>,
  started: number,
  paced: string,
): LaneResult {
  const before = (loadJson(docAll, SEEN) as Marks | undefined) ?? {};
  const looked = lookForNewOrders(deps, settings, before, started);
  if (!looked.news) {
    if (looked.changed) saveJson(deps.properties, SEEN, looked.marks, docAll);
    // An edit or a press that found the lane holding the lock left its request: it runs now.
    const asked = takeDirtyMark(deps.properties);
    if (!asked) return { status: 'quiet', message: `Новых заказов нет.${paced}` };
    return { status: 'synced', message: paced, sync: runSyncHoldingLock(deps, asked, settings, started) };
  }
  const request = { task: 'Новые заказы', trigger: 'Заказы', mode: 'diff' } as const;
  const sync = runSyncHoldingLock(deps, request, settings, started);
  // Marks are kept only when the orders were taken in: otherwise the next minute looks again.
  if (sync.status === 'done') saveJson(deps.properties, SEEN, looked.marks);
  return { status: 'synced', message: `${sync.message}${paced}`, sync };
}

/** One request per API channel with keys; a channel that cannot answer keeps its marks until the next minute. */
function lookForNewOrders(deps: SyncDeps, settings: Settings, before: Marks, now: number) {
  const market = marketDepsOf(deps, now + RUN_BUDGET_MS);
  const userAll = deps.user.getAll();
  const marks: Marks = {};
  let news = false;
  for (const channel of settings.channels) {
    const seen = before[channel.id] ?? [];
    const answer = peek(channel, userAll, market, deps.clock.now());
    if (answer === null) {
      if (before[channel.id]) marks[channel.id] = seen;
      continue;
    }
    if (hasNewMark(answer, seen)) news = true;
    marks[channel.id] = answer.slice(0, MAX_MARKS);
  }
  return { marks, news, changed: JSON.stringify(marks) !== JSON.stringify(before) };
}

/** Newest first: longer ids, then by text (marketplace order ids grow). */
function newestFirst(a: string, b: string): number {
  return a.length !== b.length ? b.length - a.length : a < b ? 1 : a > b ? -1 : 0;
}

/**
 * A mark not seen last time is new; when last time's list was cut at MAX_MARKS, only marks newer
 * than the oldest one kept can be new (a long list of waiting WB tasks is not news every minute).
 */
export function hasNewMark(answer: readonly string[], seen: readonly string[]): boolean {
  const known = new Set(seen);
  const oldest = seen.length >= MAX_MARKS ? seen[seen.length - 1] : undefined;
  return answer.some((m) => !known.has(m) && (oldest === undefined || newestFirst(m, oldest) < 0));
}

function peek(channel: Channel, userAll: Record<string, string>, market: MarketDeps, now: number): string[] | null {
  if (channel.marketplace === 'manual') return null;
  const credentials = loadCredentials(userAll, channel.id);
  if (!credentials) return null;
  try {
    return connectorFor(channel, credentials, market)
      .peekOrders(now - LANE_WINDOW_MS, now)
      .sort(newestFirst);
  } catch (error) {
    // The full sync names a marketplace that does not answer; the lane only looks again next minute.
    if (error instanceof ConnectorError) return null;
    throw error;
  }
}

/**
 * The quota guard (SPEC 6): near the day's trigger minutes the lane's trigger runs every 5 minutes,
 * and every minute again once the day's total has fallen well below. Returns what the run says of it.
 */
function paceLane(deps: SyncDeps, settings: Settings, docAll: Record<string, string>): string {
  if (settings.schedule.ordersEveryMinutes !== 1) return '';
  const limitMs = dailyLimitMinutes(settings) * 60_000;
  const used = dayTotalMs(docAll, deps.clock.now());
  const slowed = lanePaused(docAll);
  const slow = slowed ? used >= limitMs * RESUME_BELOW : used >= limitMs * SLOW_AT;
  if (slow !== slowed) {
    for (const t of deps.triggers.list()) if (t.handler === LANE_HANDLER) deps.triggers.remove(t.id);
    deps.triggers.createClock(LANE_HANDLER, slow ? 5 : 1);
    if (slow) deps.properties.setMany({ [SLOWED]: '1' });
    else deps.properties.deleteMany([SLOWED]);
  }
  const minutes = Math.round(used / 60_000);
  return slow
    ? ` За сутки запуски заняли ${minutes} мин из ${dailyLimitMinutes(settings)}: полоса заказов замедлена до раза в 5 минут, чтобы Google не отключил запуски.`
    : '';
}
