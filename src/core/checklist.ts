/**
 * The setup checklist of the sidebar's summary: six steps, each done or not by the state the sidebar
 * gets (getState), each undone one with one line of what to do next and the tab where it is done. A
 * step is done by what really happened, not only by what is set: a stopped recalculation or run undoes
 * «Пробный расчёт», a channel whose last send failed undoes «Отправка включена».
 */
import { type Marketplace, presetOf } from './channelPresets';

export const TABS = {
  summary: { id: 'tab-summary', label: 'Сводка' },
  channels: { id: 'tab-channels', label: 'Каналы' },
  warehouses: { id: 'tab-warehouses', label: 'Склады' },
  connections: { id: 'tab-connections', label: 'Площадки' },
  reserves: { id: 'tab-reserves', label: 'Резервы' },
} as const;

export type TabKey = keyof typeof TABS;

export interface ChecklistItem {
  key: 'warehouses' | 'channels' | 'keys' | 'recalc' | 'send' | 'schedule';
  label: string;
  done: boolean;
  /** What to do next, naming the tab; for a done step, a short note or nothing. */
  next: string;
  tab: TabKey;
  /** Where on the tab the step is fixed, when not its usual place: the stop banner, the last tasks. */
  place?: 'stopped' | 'tasks';
}

/** The part of getState's answer the checklist reads. */
export interface ChecklistState {
  settingsStatus: 'saved' | 'none' | 'broken';
  settings: {
    sendEnabled: boolean;
    warehouses: unknown[];
    channels: {
      id: string;
      name: string;
      marketplace: Marketplace;
      enabled?: boolean;
      target?: { warehouseId?: string; campaignId?: string };
    }[];
  };
  connections: { channelId: string; check?: 'unchecked' | 'ok' | 'failed' }[];
  lastRecalc: { invalidCount: number } | null;
  scheduleOn: boolean;
  stockSheet?: { exists: boolean };
  /** The last recalculation or run stopped, until one goes through again. */
  stopped?: { error: string; task?: string } | null;
  /**
   * The last tasks, newest first: a channel's first row is its last result. `stopped`: a row of a run
   * that stopped before any push, which says nothing of the channel once the stop is fixed.
   */
  tasks?: { channel: string; status: string; stopped?: boolean }[];
}

const inTab = (tab: TabKey) => `вкладка «${TABS[tab].label}»`;

function warehousesItem(state: ChecklistState): ChecklistItem {
  const item = { key: 'warehouses' as const, label: 'Склады', tab: 'warehouses' as const };
  if (state.stockSheet && !state.stockSheet.exists)
    return {
      ...item,
      tab: 'summary',
      done: false,
      next: `Создайте лист «Остатки» или найдите столбцы на своём листе — ${inTab('summary')}.`,
    };
  if (state.settingsStatus === 'saved' && state.settings.warehouses.length) return { ...item, done: true, next: '' };
  // The first run's proposals stand at the head of «Сводка», with their own button.
  if (state.settingsStatus === 'none' && state.stockSheet?.exists)
    return {
      ...item,
      tab: 'summary',
      done: false,
      next: `Отметьте найденные склады и нажмите «Сохранить найденное» — ${inTab('summary')}.`,
    };
  return { ...item, done: false, next: `Отметьте столбцы складов и нажмите «Сохранить» — ${inTab('warehouses')}.` };
}

function channelsItem(state: ChecklistState): ChecklistItem {
  const item = { key: 'channels' as const, label: 'Каналы', tab: 'channels' as const };
  if (state.settingsStatus === 'saved' && state.settings.channels.length) return { ...item, done: true, next: '' };
  return {
    ...item,
    done: false,
    next: `Добавьте канал (Ozon, Wildberries, Яндекс Маркет или свой) и сохраните — ${inTab('channels')}.`,
  };
}

/** MegaMarket, AliExpress and Avito have nothing to pick: their key is all they need. */
const hasTarget = (c: ChecklistState['settings']['channels'][number]) =>
  presetOf(c.marketplace).target === 'none' ||
  Boolean(c.marketplace === 'yandex' ? c.target?.campaignId : c.target?.warehouseId);

function keysItem(state: ChecklistState): ChecklistItem {
  const item = { key: 'keys' as const, label: 'Ключи проверены', tab: 'connections' as const };
  const channels = state.settingsStatus === 'saved' ? state.settings.channels : [];
  if (!channels.length)
    return { ...item, tab: 'channels', done: false, next: `Сначала добавьте каналы — ${inTab('channels')}.` };
  const api = channels.filter((c) => c.marketplace !== 'manual');
  if (!api.length) return { ...item, done: true, next: 'Каналов с API нет: проверять нечего.' };
  const check = (id: string) => state.connections.find((c) => c.channelId === id)?.check;
  const names = (list: typeof api) => list.map((c) => c.name).join(', ');
  const failed = api.filter((c) => check(c.id) === 'failed');
  if (failed.length)
    return {
      ...item,
      done: false,
      next: `Ключ не подошёл: ${names(failed)} — введите новый и нажмите «Проверить подключение», ${inTab('connections')}.`,
    };
  const unchecked = api.filter((c) => check(c.id) !== 'ok');
  if (unchecked.length)
    return {
      ...item,
      done: false,
      next: `Введите ключ и нажмите «Проверить подключение»: ${names(unchecked)} — ${inTab('connections')}.`,
    };
  const untargeted = api.filter((c) => !hasTarget(c));
  if (untargeted.length)
    return {
      ...item,
      done: false,
      next: `Выберите склад или магазин площадки после проверки: ${names(untargeted)} — ${inTab('connections')}.`,
    };
  return { ...item, done: true, next: '' };
}

function recalcItem(state: ChecklistState): ChecklistItem {
  const item = { key: 'recalc' as const, label: 'Пробный расчёт', tab: 'summary' as const };
  const last = state.lastRecalc;
  if (state.stopped)
    return {
      ...item,
      done: false,
      place: 'stopped',
      next: `${state.stopped.task ? `Запуск «${state.stopped.task}»` : 'Последний пересчёт'} остановлен: что случилось и что сделать — вверху, ${inTab('summary')}.`,
    };
  if (!last) return { ...item, done: false, next: `Нажмите «Пересчитать» — ${inTab('summary')}.` };
  if (last.invalidCount)
    return {
      ...item,
      done: false,
      next: `Строк с ошибками: ${last.invalidCount} — исправьте их на листе и нажмите «Пересчитать», ${inTab('summary')}.`,
    };
  return { ...item, done: true, next: '' };
}

/** API channels whose last task row is «Ошибка»: their stock did not go out. */
function failedChannels(state: ChecklistState): string[] {
  const api = state.settings.channels.filter((c) => c.marketplace !== 'manual' && c.enabled !== false);
  // A fixed stop leaves its rows newest, though nothing was wrong with the channel: the row before counts.
  const rows = (state.tasks ?? []).filter((t) => state.stopped || !t.stopped);
  const last = (name: string) => rows.find((t) => t.channel === name)?.status;
  return api.filter((c) => last(c.name) === 'Ошибка').map((c) => c.name);
}

function sendItem(state: ChecklistState): ChecklistItem {
  const item = { key: 'send' as const, label: 'Отправка включена', tab: 'summary' as const };
  if (state.settingsStatus === 'saved' && state.settings.sendEnabled) {
    const failed = failedChannels(state);
    if (!failed.length) return { ...item, done: true, next: '' };
    return {
      ...item,
      done: false,
      place: 'tasks',
      next: `Последняя отправка не прошла: ${failed.join(', ')} — причина в «Последних задачах», ${inTab('summary')}.`,
    };
  }
  return {
    ...item,
    done: false,
    next: `Отметьте «Разрешить отправку остатков» и сохраните — ${inTab('summary')}.`,
  };
}

function scheduleItem(state: ChecklistState): ChecklistItem {
  const item = { key: 'schedule' as const, label: 'Расписание', tab: 'summary' as const };
  if (state.scheduleOn) return { ...item, done: true, next: '' };
  const api = state.settingsStatus === 'saved' && state.settings.channels.some((c) => c.marketplace !== 'manual');
  if (!api)
    return {
      ...item,
      tab: 'channels',
      done: false,
      next: `Расписание нужно каналам площадок: сначала добавьте такой канал — ${inTab('channels')}.`,
    };
  return { ...item, done: false, next: `Нажмите «Включить расписание» — ${inTab('summary')}.` };
}

export function setupChecklist(state: ChecklistState): ChecklistItem[] {
  return [
    warehousesItem(state),
    channelsItem(state),
    keysItem(state),
    recalcItem(state),
    sendItem(state),
    scheduleItem(state),
  ];
}
